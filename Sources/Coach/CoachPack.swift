import RuleEngine

/// A rule pack opened for coaching: its rules compiled, its texts read.
public struct CoachPack: Sendable {
    /// Sections of a pack that the coach, not the engine, reads: the exam
    /// data, the questions and the texts it prints.
    public static let sections: Set<String> = ["exam", "questions", "session", "texts"]

    /// The fact that carries the current time, when the pack declares it.
    public static let clockFact = "now"

    public let pack: RulePack
    public let ruleBase: RuleBase
    public let texts: Texts
    public let questions: QuestionSet
    public let session: SessionPlan
    /// The exam the pack coaches for, when its `exam:` section says.
    public let exam: Exam?
    /// What answering each question's fact can lead to, worked out once.
    let reaches: [String: AnswerReach]

    /// Why a pack could not be opened.
    public enum OpenError: Error, Sendable {
        case notFound(PackLoadError)
        /// The pack has errors; each rendered as `check` prints them.
        case invalid([String])
    }

    /// A pack as loaded, with every problem the engine and the coach find
    /// in it (rules, then questions), in file order.
    public struct Checked: Sendable {
        public let pack: RulePack
        public let diagnostics: [Diagnostic]
        /// Set when the pack has no error.
        public let opened: CoachPack?
    }

    /// Loads and lints the pack in `directory`, without refusing errors.
    public static func check(directory: String) throws(PackLoadError) -> Checked {
        let pack = try PackLoader.load(directory: directory, hostSections: sections)
        guard let ruleBase = pack.ruleBase else { return Checked(pack: pack, diagnostics: pack.diagnostics, opened: nil) }
        var loader = QuestionLoader(ruleBase: ruleBase)
        let questions = loader.load(pack.sections["questions"] ?? [])
        let (session, sessionProblems) = SessionPlan.read(pack.sections["session"] ?? [], ruleBase: ruleBase)
        // A constant or collection only the questions name is used all the same.
        let unused = loader.usedNames.flatMap { ["constant '\($0)' is never used", "collection '\($0)' is never used"] }
        let diagnostics = (pack.diagnostics.filter { !unused.contains($0.message) } + loader.diagnostics + sessionProblems)
            .sortedByLocation()
        let opened = diagnostics.hasErrors ? nil
            : CoachPack(pack: pack, ruleBase: ruleBase, texts: Texts(pack: pack), questions: questions, session: session,
                        exam: Exam.read(pack.sections["exam"] ?? []),
                        reaches: Dictionary(questions.questions.map { ($0.fact, ruleBase.reach(ofAnswer: $0.fact)) }) { first, _ in first })
        return Checked(pack: pack, diagnostics: diagnostics, opened: opened)
    }

    /// Opens the pack in `directory`; a pack with errors is refused.
    public static func open(directory: String) throws(OpenError) -> CoachPack {
        let checked: Checked
        do {
            checked = try check(directory: directory)
        } catch {
            throw .notFound(error)
        }
        guard let opened = checked.opened else {
            throw .invalid(checked.diagnostics.filter { $0.severity == .error }.map(checked.pack.renderer.headline))
        }
        return opened
    }

    /// Reads a facts file against this pack's declarations.
    public func facts(from file: SourceFile) throws(FactsFile.Problems) -> [String: Value] {
        try FactsFile.read(file, for: ruleBase)
    }

    /// Answers that cannot be right at time `now`: dates in the future for
    /// questions about the past, and answers a question refuses.
    public func problems(in answers: [String: Value], now: Moment) -> [String] {
        let future = questions.questions.compactMap { question -> String? in
            guard question.isPast, case .date(let moment)? = answers[question.fact],
                  AnswerParser.isAfter(moment, now) else { return nil }
            return "\(question.fact): \(moment.readable) is later than now (\(now.readable))"
        }
        guard future.isEmpty else { return future }
        let refusing = questions.questions.filter { !$0.refusals.isEmpty && answers[$0.fact] != nil }
        guard !refusing.isEmpty, let inference = try? infer(answers, now: now, deciding: false) else { return [] }
        return refusing.filter { $0.askIf?.holds(in: inference) != false }
            .compactMap { question in question.refusal(in: inference).map { "\(question.fact): \($0)" } }
    }

    /// A saved session's answers, read again as the questions read them;
    /// an answer that no question of this pack takes is left out.
    public func answers(of entries: [SavedSession.Entry], now: Moment) -> [(fact: String, answer: Answer)] {
        var values: [String: Value] = [:]
        return entries.compactMap { entry in
            guard let question = question(for: entry.fact, given: values, now: now),
                  let answer = try? AnswerParser(question: question, now: now).parse(entry.answer) else { return nil }
            values[entry.fact] = answer.value
            return (entry.fact, answer)
        }
    }

    /// The question for `fact` over `values`: of several that share it,
    /// the one whose `ask_if` holds there.
    public func question(for fact: String, given values: [String: Value], now: Moment,
                         memo: MatchMemo? = nil) -> Question? {
        let asking = questions.questions(for: fact)
        guard asking.count > 1 else { return asking.first }
        return questions.question(for: fact, in: try? infer(values, now: now, memo: memo, deciding: false))
    }

    /// Runs the rules over a saved session's answers at the moment it was
    /// last run, or at `now` when given: the plan it ended with.
    public func assess(_ saved: SavedSession, now: Moment? = nil) throws(InferenceError) -> Assessment {
        let clock = now ?? saved.clockMoment ?? Moment(minutes: 0, hasTime: true)
        var values: [String: Value] = [:]
        for (fact, answer) in answers(of: saved.answers, now: clock) { values[fact] = answer.value }
        return try assess(values, now: clock)
    }

    /// Runs the rules over the answers at time `now`; an answer not given
    /// whose question has a default (the outline in force on the exam's
    /// day) takes it, as Enter alone would in a session.
    public func assess(_ answers: [String: Value], now: Moment) throws(InferenceError) -> Assessment {
        assessment(of: try infer(withDefaults(answers, now: now), now: now))
    }

    /// The answers, with the defaults of the questions not answered that
    /// apply to them.
    public func withDefaults(_ answers: [String: Value], now: Moment) -> [String: Value] {
        var answers = answers
        for question in questions.questions where answers[question.fact] == nil {
            guard let given = question.defaultAnswer,
                  let inference = try? infer(answers, now: now, deciding: false),
                  question.askIf?.holds(in: inference) != false,
                  let value = given.value(in: inference) else { continue }
            if !question.choices.isEmpty, !question.choices.contains(where: { .string($0.id) == value }) { continue }
            answers[question.fact] = value
        }
        return answers
    }

    /// The conclusions of `inference`, with the exam and outline they are for.
    public func assessment(of inference: Inference) -> Assessment {
        var assessment = Assessment(inference)
        assessment.exam = exam
        assessment.outline = outline(in: inference)
        return assessment
    }

    /// The outline the plan follows: the one the `outline` answer names,
    /// as the pack's `outlines` collection words it; else the exam's only one.
    public func outline(in inference: Inference) -> Exam.Outline? {
        guard case .string(let id)? = inference.value(of: "outline") else { return exam?.outline }
        let record = inference.collection(named: "outlines")?.first { $0["id"] == .string(id) }
        return Exam.Outline(id: id, name: record?["name"]?.text ?? id)
    }

    /// The inference behind an assessment, for explanations. A memo kept
    /// between calls spares matching what did not change, and running the
    /// rules again over answers it has seen.
    public func infer(_ answers: [String: Value], now: Moment, memo: MatchMemo? = nil,
                      deciding: Bool = true) throws(InferenceError) -> Inference {
        let engine = Engine(ruleBase: ruleBase)
        guard let memo else { return try engine.infer(withClock(answers, now: now), deciding: deciding) }
        return try engine.infer(withClock(answers, now: now), remembering: memo, deciding: deciding)
    }

    /// The answers with the clock fact set to `now`, when the pack declares
    /// one and the answers do not already say.
    func withClock(_ answers: [String: Value], now: Moment) -> [String: Value] {
        var answers = answers
        if ruleBase.fact(named: CoachPack.clockFact) != nil, answers[CoachPack.clockFact] == nil {
            answers[CoachPack.clockFact] = .date(now)
        }
        return answers
    }
}
