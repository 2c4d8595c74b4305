/// An expression written in a host's section of a pack (a question's
/// `ask_if` or `default`, say), compiled against the rule base and
/// evaluated over the facts of an inference.
public struct HostCondition: Sendable {
    let compiled: Compiled
    let slots: Int
    /// The constants and collections the expression names: used, though
    /// no rule reads them.
    public let names: Set<String>

    /// Whether the condition holds over `inference`'s facts; nil when it
    /// reads an unknown fact that matters.
    public func holds(in inference: Inference) -> Bool? {
        switch inference.evaluate(compiled, slots: slots) {
        case .bool(let b)?: b
        default: nil
        }
    }

    /// The expression's value over `inference`'s facts; nil when unknown.
    public func value(in inference: Inference) -> Value? {
        inference.evaluate(compiled, slots: slots)
    }
}

extension RuleBase {
    /// Compiles the expression text of `node` as a yes/no condition; a
    /// problem comes back as a diagnostic at its place in the file.
    public func condition(_ node: DataNode) -> Result<HostCondition, Diagnostic> {
        expression(node, yesNo: true)
    }

    /// Compiles the expression text of `node` (a leading `=` is allowed);
    /// `yesNo`: it must be a condition.
    public func expression(_ node: DataNode, yesNo: Bool = false) -> Result<HostCondition, Diagnostic> {
        guard var text = node.string, !node.isNull else {
            return .failure(.error(at: node.location, "\(yesNo ? "a condition" : "this") should be an expression, found \(node.kindName)"))
        }
        var offset = 0
        if !yesNo, text.hasPrefix("=") {
            text.removeFirst()
            offset = 1
            while text.hasPrefix(" ") { text.removeFirst(); offset += 1 }
        }
        let expression: Expression
        do {
            expression = try ExpressionParser.parse(text)
        } catch {
            return .failure(.error(at: node.location(atUTF8Offset: offset + error.range.lowerBound), error.message))
        }
        var compiler = ExpressionCompiler(names: RuleBaseNames(ruleBase: self))
        let compiled = compiler.compile(expression)
        if let error = compiler.errors.first {
            return .failure(.error(at: node.location(atUTF8Offset: offset + error.range.lowerBound), error.message))
        }
        guard !yesNo || compiled.type.kind == .bool || compiled.type.kind == .any else {
            return .failure(.error(at: node.location, "a condition should be yes or no, but this is \(compiled.type)"))
        }
        return .success(HostCondition(compiled: compiled, slots: compiler.slotCount, names: compiler.usedNames))
    }
}

/// The names a finished rule base resolves.
struct RuleBaseNames: NameResolving {
    let ruleBase: RuleBase

    func fact(named name: String) -> (id: Int, type: FactType)? {
        ruleBase.factIndex[name].map { ($0, ruleBase.facts[$0].type) }
    }

    func constant(named name: String) -> Value? { ruleBase.constants[name] }

    func collection(named name: String) -> (index: Int, type: FactType, reads: Set<Int>, literal: Value?)? {
        ruleBase.collectionIndex[name].map {
            let info = ruleBase.collections[$0]
            return ($0, .list(of: info.elementType), info.reads, info.literal)
        }
    }

    var allNames: [String] {
        ruleBase.facts.map(\.name) + ruleBase.constants.keys.sorted() + ruleBase.collections.map(\.name)
    }
}

extension Inference {
    /// Evaluates a compiled expression over the facts at the fixed point.
    func evaluate(_ compiled: Compiled, slots: Int) -> Value? {
        let memory = WorkingMemory(ruleBase: ruleBase, values: values)
        let context = EvaluationContext(memory: memory, slots: slots)
        return compiled.run(context)
    }
}

/// Host expressions evaluated over the facts of one inference, one after
/// another: the collections they read are worked out once for all of
/// them, not once for each (``HostCondition/holds(in:)`` makes its own).
/// What each gives is what it gives over the inference.
///
/// Not for sharing between threads.
public final class HostEvaluation {
    /// The facts at the fixed point; kept, so the same storage stands for
    /// the same inference (``isOver(_:)``).
    private let values: [Value?]
    private let memory: WorkingMemory

    public init(_ inference: Inference) {
        values = inference.values
        // NB: host expressions are compiled without cache slots; the memory
        // keeps only collections, which the facts alone decide.
        memory = WorkingMemory(ruleBase: inference.ruleBase, values: inference.values)
    }

    /// Whether this evaluates over `inference`'s facts: the very ones (the
    /// same storage, an inference kept or a copy of it).
    public func isOver(_ inference: Inference) -> Bool {
        values.withUnsafeBufferPointer { mine in
            inference.values.withUnsafeBufferPointer { theirs in
                mine.baseAddress == theirs.baseAddress && mine.count == theirs.count
            }
        }
    }

    /// ``HostCondition/holds(in:)`` over these facts.
    public func holds(_ condition: HostCondition) -> Bool? {
        switch value(condition) {
        case .bool(let b)?: b
        default: nil
        }
    }

    /// ``HostCondition/value(in:)`` over these facts.
    public func value(_ condition: HostCondition) -> Value? {
        condition.compiled.run(EvaluationContext(memory: memory, slots: condition.slots))
    }
}
