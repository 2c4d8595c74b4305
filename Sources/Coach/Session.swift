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
        /// The exams to choose among when the session starts, when none
        /// was named: the session asks which was sat, then coaches with
        /// that exam's pack.
        public var exams: ExamCatalog?
        /// The exam named for the session (`--exam`), kept with its answers.
        public var exam: String?
        /// Told whenever the session comes to be kept or stops being kept
        /// (its first answer; :back past the last), from the session's
        /// thread: what a signal handler says on another depends on it.
        public var keptChanged: (@Sendable (Bool) -> Void)?
        public init() {}
    }

    /// The pack of the exam being coached: the one given, or the one
    /// chosen at the start.
    public private(set) var pack: CoachPack
    let console: Console
    let now: Moment
    let options: Options
    let store: AnswerStore?
    var saved: SavedSession
    /// The answers given, in order.
    var answers: [(fact: String, answer: Answer)] = [] {
        didSet { keptValues = nil }
    }
    /// ``answerValues`` as they stand, until the answers change.
    private var keptValues: [String: Value]?
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
    private(set) var memo: MatchMemo
    /// The questions' conditions evaluated over the inference last asked
    /// about.
    private var evaluation: HostEvaluation?

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
        if session.exam == nil { session.exam = options.exam }
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

    /// The question for `fact` over the answers so far: of several that
    /// share it, the one whose `ask_if` holds.
    func question(for fact: String) -> Question? {
        pack.question(for: fact, given: answerValues, now: now, memo: memo)
    }

    /// The answers so far, by fact.
    var answerValues: [String: Value] {
        if let keptValues { return keptValues }
        var values: [String: Value] = [:]
        for (fact, answer) in answers { values[fact] = answer.value }
        keptValues = values
        return values
    }

    /// Runs the session to its end.
    public func run() -> Outcome {
        if answers.isEmpty, saved.exam == nil, let exams = options.exams {
            switch chooseExam(exams) {
            case .chosen(let id, let chosen):
                saved.exam = id
                pack = chosen
                memo = MatchMemo(for: chosen.ruleBase)
            case .ended(let outcome):
                return outcome
            }
        }
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
            if let fact = timePending, let question = question(for: fact),
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
                if phase == nil { phase = answers.last.flatMap { question(for: $0.fact)?.phase } }
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
        var answered = Set(answers.map(\.fact))
        var remaining: [Question] = []
        let open = Set(inference.openFacts)
        // An answer no rule waits for changes nothing: its question's
        // `ask_if` need not be read.
        // NB: the questions are read in place; only those that remain are
        // copied.
        let questions = pack.questions.questions
        for index in questions.indices
        where !answered.contains(questions[index].fact) && open.contains(questions[index].fact)
            && holds(questions[index].askIf, in: inference) != false {
            let fact = questions[index].fact
            let reach = pack.reaches[fact] ?? pack.ruleBase.reach(ofAnswer: fact)
            var could = inference.couldChange(byAnswering: fact, open: open, reach: reach)
            if could == nil {
                decide(&inference)
                could = inference.couldChange(byAnswering: fact, open: open, reach: reach)
            }
            if could != false {
                remaining.append(questions[index])
                // Of several questions for one fact, the first that applies.
                answered.insert(fact)
            }
        }
        return remaining
    }

    /// Whether `condition` holds over `inference` (nil for no condition):
    /// the conditions read over one inference share what they work out.
    func holds(_ condition: HostCondition?, in inference: Inference) -> Bool? {
        guard let condition else { return nil }
        if let evaluation, evaluation.isOver(inference) { return evaluation.holds(condition) }
        let evaluation = HostEvaluation(inference)
        self.evaluation = evaluation
        return evaluation.holds(condition)
    }

    /// Makes the decisions of an inference that was run without them.
    func decide(_ inference: inout Inference) {
        try? Engine(ruleBase: pack.ruleBase).decide(&inference, memo: memo)
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
        answers.removeAll { entry in
            let asking = pack.questions.questions(for: entry.fact)
            return !asking.isEmpty && asking.allSatisfy { holds($0.askIf, in: inference) == false }
        }
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
            if let question = pack.question(for: fact, given: values, now: now, memo: memo),
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

    /// The conclusions from the answers so far.
    public func assessment() throws(InferenceError) -> Assessment {
        try pack.assess(answerValues, now: now)
    }

    /// The session so far as a transcript, closed with `exit`.
    public func transcript(exit: Int32) -> Transcript {
        transcript.transcript(exit: exit)
    }
}
