import RuleEngine

/// A rule pack opened for coaching: its rules compiled, its texts read.
public struct CoachPack: Sendable {
    /// Sections of a pack that the coach, not the engine, reads: the exam
    /// data, the questions and the texts it prints.
    public static let sections: Set<String> = ["exam", "questions", "texts"]

    /// The fact that carries the current time, when the pack declares it.
    public static let clockFact = "now"

    public let pack: RulePack
    public let ruleBase: RuleBase
    public let texts: Texts

    /// Why a pack could not be opened.
    public enum OpenError: Error, Sendable {
        case notFound(PackLoadError)
        /// The pack has errors; each rendered as `check` prints them.
        case invalid([String])
    }

    /// Loads and lints the pack in `directory`, without refusing errors.
    public static func load(directory: String) throws(PackLoadError) -> RulePack {
        try PackLoader.load(directory: directory, hostSections: sections)
    }

    /// Opens the pack in `directory`; a pack with errors is refused.
    public static func open(directory: String) throws(OpenError) -> CoachPack {
        let pack: RulePack
        do {
            pack = try load(directory: directory)
        } catch {
            throw .notFound(error)
        }
        guard let ruleBase = pack.ruleBase else {
            throw .invalid(pack.diagnostics.filter { $0.severity == .error }.map(pack.renderer.headline))
        }
        return CoachPack(pack: pack, ruleBase: ruleBase, texts: Texts(pack: pack))
    }

    /// Reads a facts file against this pack's declarations.
    public func facts(from file: SourceFile) throws(FactsFile.Problems) -> [String: Value] {
        try FactsFile.read(file, for: ruleBase)
    }

    /// Runs the rules over the answers at time `now`.
    public func assess(_ answers: [String: Value], now: Moment) throws(InferenceError) -> Assessment {
        Assessment(try infer(answers, now: now))
    }

    /// The inference behind an assessment, for explanations.
    public func infer(_ answers: [String: Value], now: Moment) throws(InferenceError) -> Inference {
        var answers = answers
        if ruleBase.fact(named: CoachPack.clockFact) != nil, answers[CoachPack.clockFact] == nil {
            answers[CoachPack.clockFact] = .date(now)
        }
        return try Engine(ruleBase: ruleBase).infer(answers)
    }
}
