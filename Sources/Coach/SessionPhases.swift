import RuleEngine

/// Where the candidate is in the first 48 hours: the clock said once its
/// facts are known, each phase's heading and what it established, and a
/// word when the questions catch up on a phase the clock has passed.
extension Session {
    /// Says how long ago the attempt was and which phase that is, once the
    /// facts that tell are known.
    func announceClock(_ inference: inout Inference) {
        guard let since = pack.session.since, let phaseFact = pack.session.phaseFact,
              case .date(let start)? = inference.value(of: since), case .string(let phase)? = inference.value(of: phaseFact),
              announcedClock.map({ $0.start != start || $0.phase != phase }) ?? true,
              // The advice is said once it is whole: not before the answers
              // it depends on (which attempt this was) are in, or once the
              // first phase's questions are done.
              Assessment.adviceFacts.allSatisfy(inference.isComplete)
                || !remainingQuestions(&inference).contains(where: { $0.phase == pack.questions.phases.first })
        else { return }
        announcedClock = (start, phase)
        blank()
        // A day without a time is not taken as its midnight.
        say(start.hasTime
            ? pack.texts["session.phase_now", [
                "ago": Session.duration(minutes: now.minutes - start.minutes),
                "phase": pack.texts["session.phase_name.\(phase)"],
            ]]
            : pack.texts["session.phase_now_day", ["day": start.readable, "phase": pack.texts["session.phase_name.\(phase)"]]],
            style: .notice)
        show(pack.assessment(of: inference), sections: [.advice])
        // Said here only while questions of the phase being asked remain.
        if remainingQuestions(&inference).contains(where: { $0.phase == self.phase }) { sayIfCatchingUp(afterClock: true) }
    }

    /// When the clock is past the phase being asked, says that its
    /// questions catch up on it, once for each phase: its heading must not
    /// read as where the candidate is.
    private func sayIfCatchingUp(afterClock: Bool = false) {
        guard let current = phase, let now = announcedClock?.phase, !caughtUp.contains(current),
              let phaseFact = pack.session.phaseFact,
              case .text(let order?)? = pack.ruleBase.fact(named: phaseFact)?.type,
              let asked = order.firstIndex(of: current), let clock = order.firstIndex(of: now), asked < clock else { return }
        caughtUp.insert(current)
        blank()
        // Just after the clock is said, the phase the candidate is in needs
        // no repeating.
        say(pack.texts[afterClock ? "session.catching_up_now" : "session.catching_up", [
            "now": pack.texts["session.phase_name.\(now)"], "phase": pack.texts["session.phase_name.\(current)"],
        ]], style: .notice)
    }

    /// Closes every phase before `next` (all of them when nil) with what it
    /// established.
    func finishPhases(upTo next: String?, _ inference: inout Inference) {
        let phases = pack.questions.phases
        let target = next.flatMap { phases.firstIndex(of: $0) } ?? phases.count
        guard let current = phase.flatMap({ phases.firstIndex(of: $0) }) ?? (next == nil ? nil : target) else {
            phase = next
            return
        }
        // Decided only when a phase closing shows something: a phase that
        // shows nothing needs no decision.
        let closing = current < target ? (current..<target).map { pack.session.after[phases[$0]] ?? [] }.filter { !$0.isEmpty } : []
        if !closing.isEmpty {
            decide(&inference)
            let assessment = pack.assessment(of: inference)
            for sections in closing { show(assessment, sections: sections) }
        }
        if let next, phase != next {
            blank()
            say(pack.texts["report.phase.\(next)"], style: .heading)
            phase = next
            sayIfCatchingUp()
        }
        phase = next
    }

    func show(_ assessment: Assessment, sections: [Report.Section]) {
        var report = Report(assessment, texts: pack.texts)
        let recorded = report.rendered(as: .text, sections: sections)
        guard !recorded.isEmpty else { return }
        report.width = width
        let shown = width == Session.recordedWidth ? recorded : report.rendered(as: .text, sections: sections)
        blank()
        say(Session.withoutLastNewline(shown), wrapped: false, recorded: Session.withoutLastNewline(recorded))
    }
}
