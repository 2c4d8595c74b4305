/// The state an expression is evaluated against: the facts, the variables
/// bound by a rule, and what the evaluation read.
final class EvaluationContext {
    let memory: WorkingMemory
    var variables: [Value]
    /// Facts read, in order, when `recording` is on (for explanations).
    var reads: [Int] = []
    var recording = false
    /// Unknown facts whose values would have decided the result.
    var unknowns: [Int] = []
    /// The first evaluation error (a division by zero, a type mismatch).
    var failure: ExpressionError?

    init(memory: WorkingMemory, slots: Int) {
        self.memory = memory
        variables = Array(repeating: .bool(false), count: slots)
    }

    @inline(__always)
    func fact(_ id: Int) -> Value? {
        if recording { reads.append(id) }
        let value = memory.values[id]
        if value == nil { unknowns.append(id) }
        return value
    }

    /// Reading a record field computed from `ids` reads those facts.
    func noteSources(_ ids: [Int], known: Bool) {
        if recording { reads.append(contentsOf: ids) }
        if !known {
            for id in ids where memory.values[id] == nil { unknowns.append(id) }
        }
    }

    func fail(_ message: String, at range: Range<Int>) -> Value? {
        if failure == nil { failure = ExpressionError(message, at: range) }
        return nil
    }

    /// Evaluates `body`; when it comes out decided, forgets the unknowns met
    /// on the way, since they did not matter.
    @inline(__always)
    func absorbing(_ body: () -> Value?) -> Value? {
        let mark = unknowns.count
        let value = body()
        if value != nil, unknowns.count > mark { unknowns.removeSubrange(mark...) }
        return value
    }
}

/// The facts of one inference run, indexed by fact id.
final class WorkingMemory {
    var values: [Value?]
    private var collectionCache: [Value?]
    let ruleBase: RuleBase

    init(ruleBase: RuleBase, values: [Value?]) {
        self.ruleBase = ruleBase
        self.values = values
        collectionCache = Array(repeating: nil, count: ruleBase.collections.count)
    }

    /// A collection's records, computed fields evaluated against the facts
    /// as they are now; cached until a fact it reads changes.
    func collection(_ index: Int, in context: EvaluationContext) -> Value? {
        // NB: constant folding runs before the rule base exists; it never
        // gets here, since the compiler folds only collections of plain
        // records, but a miss is unknown rather than a crash.
        guard index < ruleBase.collections.count else { return nil }
        let info = ruleBase.collections[index]
        if let literal = info.literal { return literal }
        if let cached = collectionCache[index] { return cached }
        guard let value = info.evaluate(context) else { return nil }
        collectionCache[index] = value
        return value
    }

    func invalidateCollections(readingFact id: Int) {
        for index in ruleBase.collectionsReading[id] { collectionCache[index] = nil }
    }
}
