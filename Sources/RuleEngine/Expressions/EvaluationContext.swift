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
    /// How many items matching and comprehensions looked at: the work of a
    /// run, which the tests hold to grow in proportion to the facts.
    var itemsVisited = 0

    init(memory: WorkingMemory, slots: Int) {
        self.memory = memory
        variables = Array(repeating: .bool(false), count: slots)
    }

    @inline(__always)
    func fact(_ id: Int) -> Value? {
        if recording { reads.append(id) }
        let value = memory[fact: id]
        if value == nil { unknowns.append(id) }
        return value
    }

    /// Reading a record field computed from `ids` reads those facts.
    func noteSources(_ ids: [Int], known: Bool) {
        if recording { reads.append(contentsOf: ids) }
        if !known {
            for id in ids where !memory.holds(id).known { unknowns.append(id) }
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
