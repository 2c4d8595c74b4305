/// The slots of what one inference keeps between evaluations: a list's
/// items indexed by a key, the items of a comprehension that binds no
/// outer variable, the members of a list for `in`. The compiler gives each
/// distinct thing one slot, so two rules that index the same collection by
/// the same key share the index; a slot is emptied when a fact it was
/// worked out from changes (``WorkingMemory/factChanged(_:appended:in:changed:)``).
///
/// Built while a pack compiles, read once by the rule base.
final class CacheSlots {
    private var slots: [String: Int] = [:]
    /// Slot → the facts its content is worked out from.
    private(set) var reads: [Set<Int>] = []
    /// Slot → for an index over a list fact by a key that reads nothing
    /// else, that fact: an item appended to it is added to the index.
    private(set) var growsWith: [Int?] = []

    /// The slot for `key`, made on first use.
    func slot(for key: String, reads: Set<Int>, growsWith fact: Int? = nil) -> Int {
        if let slot = slots[key] { return slot }
        let slot = self.reads.count
        slots[key] = slot
        self.reads.append(reads)
        growsWith.append(fact)
        return slot
    }
}

/// A list's items by the value of a key expression, as positions in the
/// list, so "the items whose key is k" is one lookup. Items whose key is
/// unknown, or a list or set (which `==` compares by their items, not as a
/// hash can), are candidates for every key.
final class KeyIndex {
    /// How many items the list had when indexed, or since appended.
    private(set) var count = 0
    private var positions: [Value: [Int]] = [:]
    private var unkeyed: [Int] = []
    /// The facts read while working the keys out, in order: what a scan of
    /// every item would have read.
    private(set) var keyReads: [Int] = []
    private let slot: Int
    private let key: Compiled.Run

    /// Indexes `items`, reading each from variable `slot` into `key`.
    /// (The index keeps positions, not the items: a reference to a list
    /// that rules grow would make the next item added copy it.)
    init(items: [Value], slot: Int, key: @escaping Compiled.Run, context: EvaluationContext) {
        self.slot = slot
        self.key = key
        positions.reserveCapacity(items.count)
        for item in items { append(item, context: context) }
    }

    /// Adds the item that now stands last in the list.
    func append(_ item: Value, context: EvaluationContext) {
        let unknowns = context.unknowns.count
        let recording = context.recording
        let reads = context.reads.count
        context.recording = true
        let saved = context.variables[slot]
        context.itemsVisited += 1
        context.variables[slot] = item
        switch key(context) {
        case let value? where value.elements == nil: positions[value, default: []].append(count)
        default: unkeyed.append(count)
        }
        count += 1
        context.variables[slot] = saved
        if context.reads.count > reads {
            keyReads += context.reads[reads...]
            context.reads.removeSubrange(reads...)
        }
        context.recording = recording
        context.unknowns.removeSubrange(unknowns...)
    }

    /// The positions of the items whose key may equal `probe`, in list
    /// order; nil when the probe cannot be looked up (every item may match).
    func candidates(for probe: Value) -> [Int]? {
        guard probe.elements == nil else { return nil }
        let keyed = positions[probe] ?? []
        guard !unkeyed.isEmpty else { return keyed }
        guard !keyed.isEmpty else { return unkeyed }
        // Both lists are in order: merge them.
        var merged: [Int] = []
        merged.reserveCapacity(keyed.count + unkeyed.count)
        var i = 0, j = 0
        while i < keyed.count || j < unkeyed.count {
            if j == unkeyed.count || (i < keyed.count && keyed[i] < unkeyed[j]) {
                merged.append(keyed[i]); i += 1
            } else {
                merged.append(unkeyed[j]); j += 1
            }
        }
        return merged
    }
}

/// A value worked out from facts, with the facts its evaluation read and
/// the unknown facts it met: each use notes them again, as evaluating it
/// again would. The members of a list or set are hashed on first use by
/// `in`.
final class CachedValue {
    let value: Value?
    let reads: [Int]
    let unknowns: [Int]
    private var hashed: Set<Value>?

    init(value: Value?, reads: [Int], unknowns: [Int]) {
        self.value = value
        self.reads = reads
        self.unknowns = unknowns
    }

    /// The items of the value, when it is a list or set, hashed.
    var members: Set<Value>? {
        if let hashed { return hashed }
        guard let items = value?.elements else { return nil }
        hashed = Set(items)
        return hashed
    }
}

/// What a slot holds.
enum CacheEntry {
    case index(KeyIndex)
    case value(CachedValue)
}

extension EvaluationContext {
    /// The index in `slot` of `items` by `key` (which reads the item from
    /// variable `variable`), built on first use.
    func keyIndex(_ slot: Int, items: [Value], variable: Int, key: @escaping Compiled.Run) -> KeyIndex {
        if case .index(let index)? = memory.cached(slot), index.count == items.count { return index }
        let index = KeyIndex(items: items, slot: variable, key: key, context: self)
        memory.store(.index(index), in: slot)
        return index
    }

    /// The value `run` gives, kept in `slot` until a fact it read changes.
    func cachedValue(_ slot: Int, _ run: Compiled.Run) -> CachedValue {
        if case .value(let cached)? = memory.cached(slot) {
            if recording { reads.append(contentsOf: cached.reads) }
            unknowns.append(contentsOf: cached.unknowns)
            return cached
        }
        let recording = self.recording
        let readMark = reads.count, unknownMark = unknowns.count
        self.recording = true
        let value = run(self)
        self.recording = recording
        let cached = CachedValue(value: value, reads: Array(reads[readMark...]), unknowns: Array(unknowns[unknownMark...]))
        if !recording { reads.removeSubrange(readMark...) }
        if failure == nil { memory.store(.value(cached), in: slot) }
        return cached
    }
}

extension Expression {
    /// The expression with every free use of variable `name` renamed:
    /// two keys that differ only in their variable's name are one key.
    func renaming(_ name: String, to other: String) -> Expression {
        func go(_ e: Expression) -> Expression { e.renaming(name, to: other) }
        var copy = self
        switch kind {
        case .number, .string, .bool: return self
        case .name(var path):
            guard path[0] == name else { return self }
            path[0] = other
            copy.kind = .name(path)
        case .field(let base, let field): copy.kind = .field(go(base), field)
        case .unary(let op, let operand): copy.kind = .unary(op, go(operand))
        case .binary(let op, let left, let right): copy.kind = .binary(op, go(left), go(right))
        case .call(let function, let arguments): copy.kind = .call(function, arguments.map(go))
        case .set(let items): copy.kind = .set(items.map(go))
        case .list(let items): copy.kind = .list(items.map(go))
        case .conditional(let c, let t, let e): copy.kind = .conditional(go(c), go(t), go(e))
        case .duration(let amount, let unit): copy.kind = .duration(go(amount), unit)
        case .comprehension(var c):
            c.source = go(c.source)
            if c.variable != name {
                c.element = go(c.element)
                c.filter = c.filter.map(go)
                c.order = c.order.map(go)
            }
            copy.kind = .comprehension(c)
        }
        return copy
    }

    /// The key that names "the items of `source` by `key`", whatever the
    /// variable is called.
    static func indexKey(source: Expression, variable: String, key: Expression) -> String {
        "index \(source) by \(key.renaming(variable, to: "·"))"
    }
}
