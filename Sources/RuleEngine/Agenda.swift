/// A rule ready to fire for one binding.
struct Activation {
    let rule: Int
    let generation: Int
    let salience: Int
    let sequence: Int
    /// The bound items, in binding order.
    let items: [Value]
    /// The activation's identity for refraction: each item, or its `id`
    /// when it is a record that has one, so a record whose computed fields
    /// change is still the same item.
    let key: [Value]

    /// Higher salience first; then the rule declared first; then the binding
    /// found first.
    func precedes(_ other: Activation) -> Bool {
        if salience != other.salience { return salience > other.salience }
        if rule != other.rule { return rule < other.rule }
        return sequence < other.sequence
    }
}

/// The activations waiting to fire, best first (a binary heap).
struct Agenda {
    private var heap: [Activation] = []

    var isEmpty: Bool { heap.isEmpty }

    mutating func push(_ activation: Activation) {
        heap.append(activation)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].precedes(heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> Activation? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let top = heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var best = parent
            if left < heap.count, heap[left].precedes(heap[best]) { best = left }
            if right < heap.count, heap[right].precedes(heap[best]) { best = right }
            if best == parent { break }
            heap.swapAt(parent, best)
            parent = best
        }
        return top
    }
}
