import RuleEngine

/// `:why`, `:how` and `:whatif` as the candidate reads them: questions by
/// their prompts, answers as given, conclusions by the report's own words.
/// Rule and fact ids are shown only to pack authors (`--explain-rules`).
extension Session {
    /// The parts of the report a candidate can ask about, by the word typed
    /// after `:how`.
    static let topics: [Report.Section] = [.advice, .scores, .pattern, .failureType, .timeline, .retake, .plan, .checklist, .cost]

    /// `:why`: what the answer to this question can change.
    func why(_ question: Question) {
        let reached = conclusions(reachableFrom: question.fact)
        let topics = Session.topics.filter { !Set($0.facts).isDisjoint(with: reached) }
        if topics.isEmpty {
            say(pack.texts["session.why_none"])
        } else {
            say(pack.texts["session.why"])
            for topic in topics { say("- " + title(of: topic)) }
        }
        guard options.explainRules else { return }
        for reader in pack.ruleBase.readers(of: question.fact) {
            let key = reader.conditions.isEmpty ? "session.why_rule_always" : "session.why_rule"
            say("  " + pack.texts[key, [
                "rule": reader.id, "when": reader.conditions.joined(separator: " and "),
                "concludes": reader.concludes.joined(separator: ", "),
            ]])
        }
    }

    /// Every fact a rule could conclude, directly or through other
    /// conclusions, from `fact`.
    private func conclusions(reachableFrom fact: String) -> Set<String> {
        var reached = Set<String>()
        var queue = [fact]
        while let next = queue.popLast() {
            for reader in pack.ruleBase.readers(of: next) {
                for concluded in reader.concludes where reached.insert(concluded).inserted {
                    queue.append(concluded)
                }
            }
        }
        return reached
    }

    /// `:how TOPIC`: the part of the report, the reasons the rules give for
    /// it, and the answers it rests on.
    func how(_ what: String, _ inference: Inference) {
        var inference = inference
        decide(&inference)
        let assessment = pack.assessment(of: inference)
        let available = Session.topics.filter { !rendered(assessment, $0).isEmpty }
        let list = available.map { "\($0.rawValue) (\(title(of: $0)))" }.joined(separator: ", ")
        guard !what.isEmpty else {
            say(available.isEmpty ? pack.texts["session.how_nothing"] : pack.texts["session.how_list", ["names": list]])
            return
        }
        let word = what.lowercased().replacing(" ", with: "_").replacing("-", with: "_")
        guard let topic = Session.topics.first(where: { $0.rawValue == word }) else {
            if let near = Spelling.suggestion(for: word, among: Session.topics.map(\.rawValue)) {
                say(pack.texts["session.how_did_you_mean", ["what": what.shown, "near": near]], style: .problem)
                return
            }
            say(pack.texts["session.how_unknown", ["what": what.shown, "names": Session.topics.map(\.rawValue).joined(separator: ", ")]],
                style: .problem)
            return
        }
        let text = rendered(assessment, topic)
        guard !text.isEmpty else {
            say(pack.texts["session.how_none", ["what": title(of: topic)]])
            return
        }
        show(assessment, sections: [topic])
        let explanations = topic.facts.compactMap { inference.explain($0) }
        let reasons = Session.reasons(in: explanations).filter { !text.contains($0) }
        if !reasons.isEmpty {
            blank()
            say(pack.texts["session.how_reasons"])
            for reason in reasons { sayItem(reason) }
        }
        let given = Set(Session.answers(in: explanations))
        let answered = answers.filter { given.contains($0.fact) }
        if !answered.isEmpty {
            blank()
            say(pack.texts["session.how_answers"])
            for (fact, answer) in answered {
                let prompt = self.question(for: fact)?.prompt ?? fact
                sayItem(pack.texts["session.how_answer", ["question": prompt, "answer": shown(answer, for: fact)]])
            }
        }
        guard options.explainRules else { return }
        blank()
        for explanation in explanations {
            if case .unknown = explanation { continue }
            for line in plainLines(explanation, indent: "") { say(line) }
        }
    }

    /// `:whatif ANSWER=VALUE`: the parts of the report that would read
    /// differently, line by line.
    func whatIf(_ argument: String) {
        let parts = argument.split(separator: "=", maxSplits: 1)
        guard parts.count == 2 else {
            let given = answers.map(\.fact).filter { self.question(for: $0) != nil }
            say(pack.texts["session.whatif_usage", ["answers": given.isEmpty ? "—" : given.joined(separator: ", ")]], style: .problem)
            return
        }
        let fact = String(parts[0]).trimmingSpaces()
        guard let question = self.question(for: fact) else {
            let hint = Spelling.suggestion(for: fact, among: pack.questions.questions.map(\.fact)).map { " Did you mean '\($0)'?" } ?? ""
            say(pack.texts["session.invalid", ["message": "'\(fact.shown)' is not an answer of this session.\(hint)"]], style: .problem)
            return
        }
        let answer: Answer
        do {
            answer = try AnswerParser(question: question, now: now).parse(String(parts[1]))
        } catch {
            say(pack.texts["session.invalid", ["message": error.message]], style: .problem)
            return
        }
        guard answerValues[fact] != answer.value else {
            say(pack.texts["session.whatif_same", ["answer": shown(answer, for: fact)]])
            return
        }
        var others = answerValues
        others[fact] = nil
        // The answer must be one the question would take…
        if let refusal = question.refusal(of: answer.value, after: others, in: pack, now: now, memo: memo) {
            say(pack.texts["session.invalid", ["message": refusal]], style: .problem)
            return
        }
        var changed = answerValues
        changed[fact] = answer.value
        // …and the answers it would leave out of place are left out, as the
        // session would drop them.
        let dropped = answersOutOfPlace(in: &changed, besides: fact)
        let before: Assessment, after: Assessment
        do {
            before = try pack.assess(answerValues, now: now)
            after = try pack.assess(changed, now: now)
        } catch {
            say(pack.texts["session.invalid", ["message": error.description]], style: .problem)
            return
        }
        say(pack.texts["session.whatif_intro", ["question": question.prompt, "answer": shown(answer, for: fact)]])
        for other in dropped {
            say(pack.texts["session.whatif_dropped", ["question": self.question(for: other)?.prompt ?? other]])
        }
        var any = false
        for topic in Session.topics {
            // As wide as the terminal; a transcript keeps it as at 80 columns.
            let shown = changedLines(topic, before, after, width: width)
            guard !shown.isEmpty else { continue }
            let recorded = width == Session.recordedWidth ? shown : changedLines(topic, before, after, width: Session.recordedWidth)
            any = true
            blank()
            say(title(of: topic), style: .heading)
            say(shown.joined(separator: "\n"), wrapped: false, recorded: recorded.joined(separator: "\n"))
        }
        if !any { say(pack.texts["session.whatif_none"]) }
        guard options.explainRules,
              let changes = try? Engine(ruleBase: pack.ruleBase).whatIf(pack.withClock(answerValues, now: now), setting: fact,
                                                                        to: answer.value, memo: memo) else { return }
        blank()
        let unknown = pack.texts["value.unknown"]
        for change in changes where change.before != change.after {
            say("  " + pack.texts["session.whatif_change", [
                "fact": change.fact, "before": change.before.map(Session.brief) ?? unknown,
                "after": change.after.map(Session.brief) ?? unknown,
            ]])
        }
    }

    /// How many changed items (paragraphs, list items) of one part
    /// `:whatif` shows.
    static let changedItemsShown = 4

    /// Drops from `values` the answers, other than `fact`'s, that would no
    /// longer apply (their `ask_if` fails) or that their questions would
    /// refuse; the facts dropped, in the order asked.
    private func answersOutOfPlace(in values: inout [String: Value], besides fact: String) -> [String] {
        var dropped: [String] = []
        while true {
            guard let inference = try? pack.infer(values, now: now, memo: memo, deciding: false) else { return dropped }
            var before: [String: Value] = [:]
            let misfit = answers.map(\.fact).first { other in
                defer { if let value = values[other] { before[other] = value } }
                guard other != fact, values[other] != nil, let question = self.question(for: other) else { return false }
                return question.askIf?.holds(in: inference) == false
                    || question.refusal(of: values[other], after: before, in: pack, now: now, memo: memo) != nil
            }
            guard let misfit else { return dropped }
            values[misfit] = nil
            dropped.append(misfit)
        }
    }

    /// The paragraphs and items of a part of the report that differ,
    /// marked as now and then and wrapped to `width`; a part that appears
    /// or goes whole is shown by its start.
    private func changedLines(_ topic: Report.Section, _ before: Assessment, _ after: Assessment, width: Int) -> [String] {
        // Compared whole, each laid out on one line, so no line is a
        // fragment of a sentence.
        let old = body(before, topic, width: .max / 2), new = body(after, topic, width: .max / 2)
        var lines: [String] = []
        for (mark, changed) in [(pack.texts["session.whatif_now"], old.filter { !new.contains($0) }),
                                (pack.texts["session.whatif_then"], new.filter { !old.contains($0) })] {
            let first = "  \(mark) ", rest = String(repeating: " ", count: first.count)
            for item in changed.prefix(Session.changedItemsShown) {
                lines.append(Page.wrap(item.trimmingSpaces(), width: width, first: first, rest: rest))
            }
            if changed.count > Session.changedItemsShown {
                let more = plural(changed.count - Session.changedItemsShown, "more item")
                lines.append(first + pack.texts["session.whatif_more", ["count": more]])
            }
        }
        return lines
    }

    /// A list item, its lines after the first indented under its text.
    private func sayItem(_ text: String) {
        say(Page.wrap(text, width: width, first: "- ", rest: "  "), wrapped: false,
            recorded: Page.wrap(text, width: Session.recordedWidth, first: "- ", rest: "  "))
    }

    /// The lines of a part of the report, without its heading and blank
    /// lines.
    private func body(_ assessment: Assessment, _ topic: Report.Section, width: Int) -> [String] {
        let heading = title(of: topic)
        var report = Report(assessment, texts: pack.texts)
        report.width = width
        return report.rendered(as: .text, sections: [topic]).split(separator: "\n").map(String.init).filter { line in
            line != heading && !line.allSatisfy { $0 == "-" || $0 == "=" }
        }
    }

    /// A part of the report as text, without the lines around it.
    private func rendered(_ assessment: Assessment, _ topic: Report.Section) -> String {
        Report(assessment, texts: pack.texts).rendered(as: .text, sections: [topic]).trimmingSpaces()
    }

    /// A part of the report by its heading.
    func title(of topic: Report.Section) -> String {
        topic == .advice ? pack.texts["report.where_you_are"] : pack.texts["report.\(topic.rawValue)"]
    }

    /// An answer as the candidate gave it, with a choice by its words.
    private func shown(_ answer: Answer, for fact: String) -> String {
        guard let question = self.question(for: fact), !question.choices.isEmpty else {
            return answer.canonical.isEmpty ? "skip" : answer.canonical
        }
        let ids = answer.value?.elements?.compactMap(\.text) ?? answer.value?.text.map { [$0] } ?? []
        let labels = ids.map { id in question.choices.first { $0.id == id }?.label ?? id }
        return labels.isEmpty ? answer.canonical : labels.joined(separator: ", ")
    }

    /// The reasons the rules give, in words, for the firings that reached
    /// the conclusions explained: their own firings first.
    static func reasons(in explanations: [Explanation]) -> [String] {
        var reasons: [String] = []
        for explanation in explanations {
            guard case .derived(_, _, let steps) = explanation else { continue }
            for step in steps {
                if let because = step.firing.because, !reasons.contains(because) { reasons.append(because) }
            }
        }
        return reasons
    }

    /// The answers an explanation rests on, at any depth.
    static func answers(in explanations: [Explanation]) -> [String] {
        var facts: [String] = []
        func walk(_ explanation: Explanation) {
            switch explanation {
            case .answer(let fact, _): if !facts.contains(fact) { facts.append(fact) }
            case .derived(_, _, let steps): for step in steps { step.premises.forEach(walk) }
            case .unknown, .repeated, .elided: break
            }
        }
        explanations.forEach(walk)
        return facts
    }
}
