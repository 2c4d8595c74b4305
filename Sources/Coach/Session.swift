import RuleEngine

/// The guided session: asks the pack's questions phase by phase, skipping
/// those that cannot change a conclusion, reads answers by type, answers
/// meta-commands, saves every answer as it is given, and ends with the plan.
public final class Session {
    /// How a session ended.
    public enum Outcome: Sendable, Equatable {
        /// Every question that mattered was answered.
        case finished
        /// The candidate typed :quit.
        case quit
        /// Input ended first (Ctrl-D, or the end of piped answers).
        case endOfInput
        /// An invalid answer under `strict`.
        case invalidAnswer

        /// The exit status SPEC gives the outcome when input is not a
        /// terminal (on a terminal, Ctrl-D ends with 0).
        public var exitStatus: Int32 {
            switch self {
            case .finished, .quit: 0
            case .endOfInput: 3
            case .invalidAnswer: 65
            }
        }
    }

    public struct Options: Sendable {
        /// Stop at the first invalid answer instead of asking again.
        public var strict = false
        /// The command line's options, for the header of saved transcripts.
        public var arguments: [String] = []
        /// Whether `:save` writes its file (a replay only says it would).
        public var writesFiles = true
        /// `:why`, `:how` and `:whatif` also name the rules and facts, for
        /// pack authors.
        public var explainRules = false
        /// Told whenever the session comes to be kept or stops being kept
        /// (its first answer; :back past the last), from the session's
        /// thread: what a signal handler says on another depends on it.
        public var keptChanged: (@Sendable (Bool) -> Void)?
        public init() {}
    }

    let pack: CoachPack
    let console: Console
    let now: Moment
    let options: Options
    let store: AnswerStore?
    var saved: SavedSession
    /// The answers given, in order.
    var answers: [(fact: String, answer: Answer)] = []
    var transcript: TranscriptLog
    /// The phase whose questions are being asked; its summary follows it.
    var phase: String?
    /// The start and phase last announced; announced again when an answer
    /// changes them (after :back).
    var announcedClock: (start: Moment, phase: String)?
    /// Every rule any inference of this session fired, for coverage.
    public private(set) var firedRules = Set<String>()
    var warnedUnsaved = false
    /// The answer, a day alone, whose time of day is still to be asked:
    /// the session stopped at that question.
    var timePending: String?
    /// What TAB completes after each command, worked out once.
    lazy var argumentWords = Session.argumentWords(for: pack, now: now)
    /// The phases already said to be caught up on, behind the clock.
    var caughtUp = Set<String>()
    /// This process's hold on the kept session: taken at the first save of
    /// a new session, or before a resumed one asks anything.
    var lock: SessionLock?
    /// The identifier is the store's: the session was resumed, or claimed
    /// at its first save.
    var claimed: Bool
    /// A file holds the answers: a session with none is not kept.
    var kept: Bool
    /// The rules run after every answer; most read what they read the time
    /// before, and their matches are kept here.
    let memo: MatchMemo

    /// A new session, or one resumed from `saved` (its answers are read
    /// again and kept where they still fit). `lock` holds a resumed
    /// session for this process; without it, the first save takes it.
    /// A `copied` session (a copy kept elsewhere) is kept anew, under an id
    /// of its own.
    public init(pack: CoachPack, console: Console, now: Moment, store: AnswerStore?,
                resuming saved: SavedSession? = nil, lock: SessionLock? = nil, copied: Bool = false,
                options: Options = Options()) {
        self.pack = pack
        self.console = console
        self.now = now
        self.store = store
        self.options = options
        self.lock = lock
        memo = MatchMemo(for: pack.ruleBase)
        transcript = TranscriptLog(now: now, arguments: options.arguments)
        var session = saved ?? SavedSession(id: SessionStore.identifier(for: now), started: now.description)
        if copied { session.id = SessionStore.identifier(for: now) }
        session.clock = now.description
        self.saved = session
        // A session resumed from a copy is kept anew, under an id of its own.
        claimed = saved != nil && !copied
        kept = saved != nil && !copied
        answers = pack.answers(of: saved?.answers ?? [], now: now)
        if let pending = saved?.answers.last(where: { $0.timePending == true }),
           case .date(let day)? = answers.last(where: { $0.fact == pending.fact })?.answer.value, !day.hasTime {
            timePending = pending.fact
        }
    }

    /// The answers so far, by fact.
    var answerValues: [String: Value] {
        var values: [String: Value] = [:]
        for (fact, answer) in answers { values[fact] = answer.value }
        return values
    }

    /// Runs the session to its end.
    public func run() -> Outcome {
        if answers.isEmpty {
            say(pack.texts["session.welcome"])
        } else {
            say(pack.texts["session.resumed", [
                "started": saved.startedReadable, "answers": Session.count(answers.count, "answer"),
            ]], style: .notice)
            if !claimed { persist() }
            dropAnswersNowRefused()
        }
        while true {
            // Decisions are made only when something needs them: a report,
            // or a question whose use turns on them.
            guard var inference = try? pack.infer(answerValues, now: now, memo: memo, deciding: false) else {
                say(pack.texts["session.invalid", ["message": "The rules could not run on these answers."]], style: .problem)
                return .invalidAnswer
            }
            firedRules.formUnion(inference.firedRules)
            // Answers whose question no longer applies (an earlier answer
            // changed) are dropped, and the rules run again without them.
            if dropAnswersThatNoLongerApply(inference) { continue }
            // The time of a day given alone, when the session stopped at it.
            if let fact = timePending, let question = pack.questions.question(for: fact),
               let index = answers.lastIndex(where: { $0.fact == fact }) {
                switch askTime(question, day: answers[index].answer, inference, recorded: true) {
                case .answer(let timed): answers[index] = (fact, timed)
                case .again: answers.remove(at: index)
                case .end(let outcome): return outcome
                }
                timePending = nil
                persist()
                continue
            }
            announceClock(&inference)
            guard let question = nextQuestion(&inference) else {
                // Resumed with nothing left to ask (stopped after the last
                // answer): the plan closes the last answer's phase, as it
                // would have then.
                if phase == nil { phase = answers.last.flatMap { pack.questions.question(for: $0.fact)?.phase } }
                blank()
                say(pack.texts["session.done"], style: .heading)
                finishPhases(upTo: nil, &inference)
                markComplete()
                return .finished
            }
            finishPhases(upTo: question.phase, &inference)
            if let outcome = ask(question, inference) { return outcome }
        }
    }

    // MARK: Choosing questions

    /// The first question not yet answered that applies and whose answer
    /// could still change a conclusion.
    func nextQuestion(_ inference: inout Inference) -> Question? {
        remainingQuestions(&inference).first
    }

    func remainingQuestions(_ inference: inout Inference) -> [Question] {
        let answered = Set(answers.map(\.fact))
        var remaining: [Question] = []
        let open = Set(inference.openFacts)
        for question in pack.questions.questions
        where !answered.contains(question.fact) && question.askIf?.holds(in: inference) != false {
            var could = inference.couldChange(byAnswering: question.fact, open: open)
            if could == nil {
                decide(&inference)
                could = inference.couldChange(byAnswering: question.fact, open: open)
            }
            if could != false { remaining.append(question) }
        }
        return remaining
    }

    /// Makes the decisions of an inference that was run without them.
    func decide(_ inference: inout Inference) {
        try? Engine(ruleBase: pack.ruleBase).decide(&inference, memo: memo)
    }

    /// Says how long ago the attempt was and which phase that is, once the
    /// facts that tell are known.
    private func announceClock(_ inference: inout Inference) {
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
        show(Assessment(inference), sections: [.advice])
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
    private func finishPhases(upTo next: String?, _ inference: inout Inference) {
        let phases = pack.questions.phases
        let target = next.flatMap { phases.firstIndex(of: $0) } ?? phases.count
        guard let current = phase.flatMap({ phases.firstIndex(of: $0) }) ?? (next == nil ? nil : target) else {
            phase = next
            return
        }
        if current < target {
            decide(&inference)
            let assessment = Assessment(inference)
            for index in current..<target {
                let sections = pack.session.after[phases[index]] ?? []
                if !sections.isEmpty { show(assessment, sections: sections) }
            }
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

    func record(_ fact: String, _ answer: Answer) {
        answers.append((fact, answer))
        persist()
    }

    /// After an answer changes, answers to questions whose `ask_if` no
    /// longer holds are dropped, so the plan rests only on what applies.
    /// Whether any was.
    func dropAnswersThatNoLongerApply(_ inference: Inference) -> Bool {
        let count = answers.count
        answers.removeAll { pack.questions.question(for: $0.fact)?.askIf?.holds(in: inference) == false }
        guard answers.count < count else { return false }
        persist()
        return true
    }

    /// Answers kept from before that their questions now refuse (a target
    /// date that has passed since) are dropped, each with the reason, so
    /// they are asked again.
    func dropAnswersNowRefused() {
        var kept: [(fact: String, answer: Answer)] = []
        var values: [String: Value] = [:]
        for (fact, answer) in answers {
            if let question = pack.questions.question(for: fact),
               let reason = question.refusal(of: answer.value, after: values, in: pack, now: now, memo: memo) {
                say(pack.texts["session.answer_refused_now", ["question": question.prompt, "reason": reason]], style: .notice)
                continue
            }
            kept.append((fact, answer))
            values[fact] = answer.value
        }
        guard kept.count < answers.count else { return }
        answers = kept
        persist()
    }

    func endOfInput() -> Outcome {
        persist()
        for (line, recorded) in closingLines() { say(line, style: .closing, wrapped: false, recorded: recorded) }
        return .endOfInput
    }

    /// What the session says when input ends, as shown and as a transcript
    /// keeps it: the folder differs from one machine to the next, so a
    /// transcript keeps a wildcard in its place.
    func closingLines() -> [(shown: String, recorded: String)] {
        // As wide as the terminal; a transcript keeps them as at 80 columns.
        func line(_ text: String) -> (shown: String, recorded: String) {
            (Page.wrap(text, width: width), Page.wrap(text, width: Session.recordedWidth))
        }
        guard !answers.isEmpty else { return [line(pack.texts["session.ended_empty"])] }
        let ended = line(pack.texts["session.ended", ["answers": Session.count(answers.count, "answer")]])
        guard let store, kept else { return [ended] }
        // The file's path stays whole on its line, however long.
        return [ended,
                (pack.texts["session.kept", ["file": store.path(of: saved)]], pack.texts["session.kept", ["file": "[..]"]]),
                line(pack.texts["session.resume_hint"])]
    }

    // MARK: Saving

    /// Keeps the answers as they stand: the first answer creates the file
    /// (under a lock this process holds from then on), and going back past
    /// the last one removes it.
    func persist() {
        saved.answers = answers.map {
            SavedSession.Entry(fact: $0.fact, answer: $0.answer.canonical, timePending: $0.fact == timePending ? true : nil)
        }
        guard let store else { return }
        guard !answers.isEmpty else {
            if kept {
                store.remove(saved)
                options.keptChanged?(false)
            }
            kept = false
            return
        }
        do {
            if !claimed {
                let claim = try store.claim(saved.id)
                (saved.id, lock, claimed) = (claim.id, claim.lock, true)
            } else if lock == nil {
                lock = try store.lock(saved.id)
            }
            try store.save(saved)
            if !kept { options.keptChanged?(true) }
            kept = true
        } catch {
            guard !warnedUnsaved else { return }
            warnedUnsaved = true
            say(pack.texts["session.not_saved", ["reason": error.description]], style: .problem)
        }
    }

    private func markComplete() {
        saved.complete = true
        persist()
    }

    /// Where the answers are kept, when they are.
    public var savedPath: String? { kept ? store.map { $0.path(of: saved) } : nil }

    /// The session as kept, for a plan shown again.
    public var savedSession: SavedSession { saved }

    /// The conclusions from the answers so far.
    public func assessment() throws(InferenceError) -> Assessment {
        try pack.assess(answerValues, now: now)
    }

    /// The session so far as a transcript, closed with `exit`.
    public func transcript(exit: Int32) -> Transcript {
        transcript.transcript(exit: exit)
    }

    /// The session so far as a transcript that replays: what `:save` writes.
    /// It ends as the session would if input ended here.
    func savedTranscript(after notice: String) -> String {
        var log = transcript
        log.output(Page.wrap(notice, width: Session.recordedWidth))
        for (_, recorded) in closingLines() { log.output(recorded) }
        // The session's id tells a later `:save` of the same session, after
        // a resume too, that it may replace the file.
        var saved = log.transcript(exit: Outcome.endOfInput.exitStatus)
        saved.header.append((key: Transcript.sessionKey, value: self.saved.id))
        return saved.text
    }

    // MARK: Output

    /// Lines are wrapped this many columns short of the console's width,
    /// so the cursor never sits in the last column.
    static let margin = 2
    /// The width a transcript keeps lines at, whatever the terminal's:
    /// that of 80 columns, as a replay sees it.
    static let recordedWidth = 78
    /// The narrowest the session wraps to, however narrow the terminal.
    static let minimumWidth = 38

    /// The width lines are wrapped to now: the terminal's, less the margin.
    var width: Int { max(console.columns - Session.margin, Session.minimumWidth) }

    /// Writes text, each line wrapped to the console's width unless it is
    /// laid out already (a report section). A transcript keeps `recorded`,
    /// or the text as wrapped at 80 columns.
    func say(_ text: String, style: OutputStyle = .plain, wrapped: Bool = true, recorded: String? = nil) {
        let width = self.width
        let shown = wrapped ? Session.wrap(text, width: width) : text
        console.write(shown, style: style)
        transcript.output(recorded ?? (wrapped && width != Session.recordedWidth ? Session.wrap(text, width: Session.recordedWidth) : shown))
    }

    /// Each line of `text` wrapped to `width`; a wrapped line's indent is
    /// kept, and deepened under an indented one.
    static func wrap(_ text: String, width: Int) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            // Columns are characters; an ASCII line has one per byte.
            guard line.utf8.count > width, line.count > width else { return String(line) }
            let indent = String(line.prefix { $0 == " " })
            return Page.wrap(String(line.dropFirst(indent.count)), width: width, first: indent,
                             rest: indent + (indent.isEmpty ? "" : "    "))
        }.joined(separator: "\n")
    }

    private static func withoutLastNewline(_ text: String) -> String {
        text.hasSuffix("\n") ? String(text.dropLast()) : text
    }

    /// An empty line between blocks.
    func blank() {
        console.write("", style: .plain)
        transcript.output("")
    }

    /// `1 answer`, `9 answers`.
    static func count(_ n: Int, _ noun: String) -> String { plural(n, noun) }

    /// `18 hours`, `45 minutes`, `3 days`.
    static func duration(minutes: Int) -> String {
        if minutes < 120 { return plural(max(minutes, 0), "minute") }
        if minutes < 72 * 60 { return plural(minutes / 60, "hour") }
        return plural(minutes / 1440, "day")
    }
}

extension SessionStore {
    /// A session's file name: when it started, sortable.
    static func identifier(for now: Moment) -> String {
        now.description.replacing(":", with: "-")
    }
}

/// `1 answer`, `9 answers`.
public func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
