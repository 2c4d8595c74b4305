/// Runs a rule base forward over a set of facts to a fixed point.
///
/// ```swift
/// let engine = Engine(ruleBase: pack.ruleBase)
/// let inference = try engine.infer(["attempt": .number(1), "exam_pace": .string("rushed")])
/// inference.value(of: "failure_type")
/// ```
///
/// Activations fire highest salience first, then in the order the rules are
/// declared, then in the order their bindings were found. Each rule fires at
/// most once per binding (refraction). After a firing, only the rules that
/// read a fact it changed are matched again, and only once they could fire
/// next.
public struct Engine: Sendable {
    public let ruleBase: RuleBase
    public let maximumFirings: Int
    /// Whether a run keeps what it works out between firings (indexes,
    /// comprehensions, the matches of items that did not change). Off, every
    /// rule whose facts changed is matched whole and nothing is kept: the
    /// plain semantics, which the tests compare against.
    var keepsWork = true

    public init(ruleBase: RuleBase, maximumFirings: Int? = nil) {
        self.ruleBase = ruleBase
        self.maximumFirings = maximumFirings ?? ruleBase.maximumFirings
    }

    /// Checks the given answers against the facts' declarations and runs
    /// the rules over them, then, unless `deciding` is false, decides which
    /// conclusions marked `settle: true` no open answer could change
    /// (``Inference/decision(of:)``; see ``decide(_:memo:)``).
    /// A memo from earlier runs spares matching the rules whose facts did
    /// not change.
    public func infer(_ answers: [String: Value], memo: MatchMemo? = nil,
                      deciding: Bool = true) throws(InferenceError) -> Inference {
        var inference = try infer(try prepare(answers, memo: memo))
        inference.answers = answers
        if deciding { try decide(&inference, memo: memo) }
        return inference
    }

    /// Decides the conclusions marked `settle: true` of an inference made
    /// without deciding them: the costly part, which tries the values the
    /// open answers could take. A host that needs only some inferences'
    /// decisions (a session between its reports) decides those.
    public func decide(_ inference: inout Inference, memo: MatchMemo? = nil) throws(InferenceError) {
        guard !inference.isDecided else { return }
        if !ruleBase.settling.isEmpty {
            inference.decisions = try settle(inference, answers: inference.answers, memo: memo)
        }
        inference.isDecided = true
    }

    /// The answers checked against the facts' declarations, ready to run.
    public func prepare(_ answers: [String: Value], memo: MatchMemo? = nil) throws(InferenceError) -> PreparedFacts {
        var values = [Value?](repeating: nil, count: ruleBase.facts.count)
        // The first problem by name, so the error does not depend on the
        // order of a dictionary.
        var first: (name: String, error: InferenceError)?
        func problem(_ name: String, _ error: @autoclosure () -> InferenceError) {
            if first.map({ name < $0.name }) ?? true { first = (name, error()) }
        }
        for (name, value) in answers {
            guard let id = ruleBase.factIndex[name] else {
                problem(name, .unknownFact(name, suggestion: ruleBase.inputSuggestion(for: name)))
                continue
            }
            // Read from the rule base's compact tables: the facts' whole
            // declarations, read in the dictionary's order, would each be
            // a miss of the cache.
            if !ruleBase.isInput[id] {
                problem(name, .notAnAnswer(name))
            } else if let invalid = ruleBase.types[id].problem(with: value) {
                problem(name, .invalidValue(name, invalid))
            } else {
                values[id] = ruleBase.types[id].normalized(value)
            }
        }
        if let first { throw first.error }
        var run = InferenceRun(ruleBase: ruleBase, values: values, maximumFirings: maximumFirings,
                               memo: memo?.ruleBase === ruleBase ? memo : nil, keepsWork: keepsWork)
        try run.matchDirtyRules()
        return PreparedFacts(run: run)
    }

    /// Fires the prepared agenda to the fixed point.
    public func infer(_ facts: consuming PreparedFacts) throws(InferenceError) -> Inference {
        // Moved out, not copied: a second reference to the run's arrays
        // would make its first change to each copy it whole.
        var run = facts.run.take()!
        try run.run()
        return run.result()
    }

    /// The conclusions that would differ if `fact` had `value` (nil: if it
    /// were unknown), worked out on a copy of the answers.
    public func whatIf(_ answers: [String: Value], setting fact: String, to value: Value?,
                       memo: MatchMemo? = nil) throws(InferenceError) -> [ConclusionChange] {
        let before = try infer(answers, memo: memo)
        var changed = answers
        changed[fact] = value
        let after = try infer(changed, memo: memo)
        return before.changes(to: after)
    }
}

/// Answers checked against a rule base and matched against its rules: the
/// agenda is ready to fire, as a CLIPS agenda is after `(reset)`. It runs
/// once.
public struct PreparedFacts: ~Copyable {
    var run: InferenceRun?
}

/// Why inference could not run or did not finish.
public enum InferenceError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownFact(String, suggestion: String?)
    case notAnAnswer(String)
    case invalidValue(String, String)
    /// A rule's expression failed while running (division by zero, a type
    /// the checks could not rule out).
    case evaluation(rule: String, location: SourceLocation, message: String)
    /// More firings than the bound: the rules named kept firing.
    case cycle(firings: Int, rules: [String])

    public var description: String {
        switch self {
        case .unknownFact(let name, let suggestion):
            "unknown fact '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        case .notAnAnswer(let name):
            "'\(name)' is concluded by the rules and cannot be given as an answer"
        case .invalidValue(let name, let problem):
            "\(name): \(problem)"
        case .evaluation(let rule, let location, let message):
            "\(location): rule '\(rule)': \(message)"
        case .cycle(let firings, let rules):
            "the rules did not settle after \(firings) firings; these kept firing: \(rules.joined(separator: ", "))"
        }
    }
}
