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
/// read a fact it changed are matched again.
public struct Engine: Sendable {
    public let ruleBase: RuleBase
    public let maximumFirings: Int

    public init(ruleBase: RuleBase, maximumFirings: Int? = nil) {
        self.ruleBase = ruleBase
        self.maximumFirings = maximumFirings ?? ruleBase.maximumFirings
    }

    /// Checks the given answers against the facts' declarations and runs
    /// the rules over them.
    public func infer(_ answers: [String: Value]) throws(InferenceError) -> Inference {
        var values = [Value?](repeating: nil, count: ruleBase.facts.count)
        for (name, value) in answers.sorted(by: { $0.key < $1.key }) {
            guard let id = ruleBase.factIndex[name] else {
                let known = ruleBase.facts.filter { $0.role == .input }.map(\.name)
                throw .unknownFact(name, suggestion: Spelling.suggestion(for: name, among: known))
            }
            let info = ruleBase.facts[id]
            guard info.role == .input else { throw .notAnAnswer(name) }
            if let problem = info.type.problem(with: value) { throw .invalidValue(name, problem) }
            values[id] = info.type.normalized(value)
        }
        var run = InferenceRun(ruleBase: ruleBase, values: values, maximumFirings: maximumFirings)
        try run.run()
        return run.result()
    }

    /// The conclusions that would differ if `fact` had `value` (nil: if it
    /// were unknown), worked out on a copy of the answers.
    public func whatIf(_ answers: [String: Value], setting fact: String, to value: Value?) throws(InferenceError) -> [ConclusionChange] {
        let before = try infer(answers)
        var changed = answers
        changed[fact] = value
        let after = try infer(changed)
        return before.changes(to: after)
    }
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

/// One inference, from the answers to the fixed point.
struct InferenceRun {
    let ruleBase: RuleBase
    let memory: WorkingMemory
    let context: EvaluationContext
    let maximumFirings: Int
    private var agenda = Agenda()
    private var generation: [Int]
    private var fired: [Set<[Value]>]
    private var dirty: [Int]
    private var isDirty: [Bool]
    private var undecided: [Set<Int>]
    private var sequence = 0
    private(set) var firings: [Firing] = []

    init(ruleBase: RuleBase, values: [Value?], maximumFirings: Int) {
        self.ruleBase = ruleBase
        memory = WorkingMemory(ruleBase: ruleBase, values: values)
        context = EvaluationContext(memory: memory, slots: ruleBase.slotCount)
        self.maximumFirings = maximumFirings
        let count = ruleBase.rules.count
        generation = Array(repeating: 0, count: count)
        fired = Array(repeating: [], count: count)
        dirty = Array(0..<count)
        isDirty = Array(repeating: true, count: count)
        undecided = Array(repeating: [], count: count)
    }

    mutating func run() throws(InferenceError) {
        while true {
            for index in dirty { try activate(index) }
            dirty.removeAll(keepingCapacity: true)
            guard let activation = nextActivation() else { return }
            guard firings.count < maximumFirings else { throw cycle() }
            try fire(activation)
        }
    }

    private mutating func nextActivation() -> Activation? {
        while let activation = agenda.pop() {
            if activation.generation == generation[activation.rule],
               !fired[activation.rule].contains(activation.key) {
                return activation
            }
        }
        return nil
    }

    /// Matches a rule again and queues its bindings that have not fired.
    private mutating func activate(_ index: Int) throws(InferenceError) {
        isDirty[index] = false
        generation[index] += 1
        let rule = ruleBase.rules[index]
        var unknown: Set<Int> = []
        let matches = Matcher(rule: rule, context: context).match(undecided: &unknown)
        if let failure = context.failure { throw evaluationError(rule, failure) }
        undecided[index] = unknown
        for items in matches ?? [] {
            let key = items.map { $0.recordID ?? $0 }
            guard !fired[index].contains(key) else { continue }
            sequence += 1
            agenda.push(Activation(rule: index, generation: generation[index], salience: rule.salience,
                                   sequence: sequence, items: items, key: key))
        }
    }

    private mutating func fire(_ activation: Activation) throws(InferenceError) {
        let rule = ruleBase.rules[activation.rule]
        fired[activation.rule].insert(activation.key)
        for (binding, item) in zip(rule.bindings, activation.items) {
            context.variables[binding.slot] = item
        }
        // Conditions are read again with recording on, so the firing can say
        // which facts it rests on.
        context.recording = true
        context.reads.removeAll(keepingCapacity: true)
        defer { context.recording = false }
        for binding in rule.bindings { _ = binding.source.run(context) }
        for condition in rule.conditions { _ = condition.compiled.run(context) }
        let because = rule.because?.run(context)
        var changes: [(Int, Value?, Value)] = []
        for action in rule.actions {
            // NB: the matcher queued this binding only once every value was
            // known, and facts never become unknown again.
            guard let value = action.value.run(context) else { continue }
            let before = memory.values[action.target]
            let after: Value
            do throws(OperationError) {
                after = try apply(action, value, to: before)
            } catch {
                throw evaluationError(rule, ExpressionError(error.message, at: 0..<0), at: action.location)
            }
            guard after != before else { continue }
            memory.values[action.target] = after
            changes.append((action.target, before, after))
            memory.invalidateCollections(readingFact: action.target)
            for reader in ruleBase.readers[action.target] where !isDirty[reader] {
                isDirty[reader] = true
                dirty.append(reader)
            }
        }
        if let failure = context.failure { throw evaluationError(rule, failure) }
        var seen = Set<Int>()
        let reads = context.reads.filter { seen.insert($0).inserted }
        // A fact the firing changed was read with the value it had before.
        var original: [Int: Value?] = [:]
        for (id, before, _) in changes where original[id] == nil { original[id] = before }
        firings.append(Firing(
            rule: activation.rule,
            binding: zip(rule.bindings, activation.items).map { ($0.variable, $1) },
            reads: reads.compactMap { id in (original[id] ?? memory.values[id]).map { (id, $0) } },
            changes: changes,
            because: because.map { $0.description }
        ))
    }

    /// The fact's new value, checked against its declared type: a rule can
    /// no more give a fact a value outside its declaration than an answer can.
    private func apply(_ action: CompiledRule.Action, _ value: Value, to current: Value?) throws(OperationError) -> Value {
        let fact = ruleBase.facts[action.target]
        let result: Value
        switch action.kind {
        case .set:
            result = fact.type.normalized(value)
        case .add:
            result = try BinaryOperator.add.apply(current ?? (value.isDuration ? .duration(Span(minutes: 0)) : .number(0)), value)
        case .append:
            switch current {
            case .set(let items)?: result = .makeSet(items + [value])
            case .list(let items)?: result = .list(items + [value])
            case nil: result = fact.type.kind == .set ? .makeSet([value]) : .list([value])
            case let other?: throw OperationError("cannot append to \(other.typeName)")
            }
        }
        if fact.isDeclared, let problem = fact.type.problem(with: result) {
            throw OperationError("'\(fact.name)' cannot take this value: \(problem)")
        }
        return result
    }

    private func evaluationError(_ rule: CompiledRule, _ failure: ExpressionError, at location: SourceLocation? = nil) -> InferenceError {
        .evaluation(rule: rule.id, location: location ?? rule.location, message: failure.message)
    }

    /// The rules that fired most among the last firings: the ones in the loop.
    /// With a low bound the window is the later half of the firings, so the
    /// rules that fired on the way into the loop are not named.
    private func cycle() -> InferenceError {
        var counts: [Int: Int] = [:]
        for firing in firings.suffix(min(1000, max(1, firings.count / 2))) { counts[firing.rule, default: 0] += 1 }
        let rules = counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(10).map { ruleBase.rules[$0.key].id }
        return .cycle(firings: firings.count, rules: rules)
    }

    func result() -> Inference {
        Inference(ruleBase: ruleBase, values: memory.values, firings: firings, undecided: undecided)
    }
}

extension Value {
    var isDuration: Bool { if case .duration = self { true } else { false } }
}
