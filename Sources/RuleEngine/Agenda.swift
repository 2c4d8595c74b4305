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
    /// The values of the rule's computed actions, in order, worked out when
    /// the binding matched, and the facts they read.
    let values: [Value]
    let valueReads: [Int]
    /// Marked as fired when queued: its rule is matched only once, so
    /// nothing can queue the same binding again.
    let isDistinct: Bool
}

/// The activations waiting to fire, best first: higher salience first; then
/// the rule declared first; then the binding found first.
///
/// The heap orders small plain keys, so sifting moves no reference-counted
/// values; the activations wait in a side table until popped.
struct Agenda {
    private struct Entry {
        let salience: Int
        let rule: Int
        let sequence: Int
        let slot: Int

        func precedes(_ other: Entry) -> Bool {
            if salience != other.salience { return salience > other.salience }
            if rule != other.rule { return rule < other.rule }
            return sequence < other.sequence
        }
    }

    private var heap: [Entry] = []
    private var waiting: [Activation?] = []
    /// Slots of `waiting` emptied by `pop`, for reuse.
    private var free: [Int] = []

    var isEmpty: Bool { heap.isEmpty }

    mutating func push(_ activation: Activation) {
        let slot: Int
        if let reused = free.popLast() {
            slot = reused
            waiting[slot] = activation
        } else {
            slot = waiting.count
            waiting.append(activation)
        }
        heap.append(Entry(salience: activation.salience, rule: activation.rule, sequence: activation.sequence, slot: slot))
        var child = heap.count - 1
        let entry = heap[child]
        while child > 0 {
            let parent = (child - 1) / 2
            guard entry.precedes(heap[parent]) else { break }
            heap[child] = heap[parent]
            child = parent
        }
        heap[child] = entry
    }

    /// Drops activations from the top while `isStale` says so; the rule of
    /// the best one left.
    mutating func bestRule(droppingWhile isStale: (Activation) -> Bool) -> Int? {
        while let top = heap.first {
            if !isStale(waiting[top.slot]!) { return top.rule }
            _ = pop()
        }
        return nil
    }

    mutating func pop() -> Activation? {
        guard let top = heap.first else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            var parent = 0
            let count = heap.count
            while true {
                let left = 2 * parent + 1, right = left + 1
                var best = last
                var bestIndex = -1
                if left < count, heap[left].precedes(best) { best = heap[left]; bestIndex = left }
                if right < count, heap[right].precedes(best) { best = heap[right]; bestIndex = right }
                if bestIndex < 0 { break }
                heap[parent] = best
                parent = bestIndex
            }
            heap[parent] = last
        }
        let activation = waiting[top.slot].take()
        free.append(top.slot)
        return activation
    }
}

/// Rules waiting to be matched again, by their firing rank (best first):
/// a binary heap of ranks, each at most once.
struct RankQueue {
    private var heap: [Int] = []
    private var queued: [Bool]

    init(count: Int) {
        queued = Array(repeating: false, count: count)
    }

    var first: Int? { heap.first }

    mutating func insert(_ rank: Int) {
        guard !queued[rank] else { return }
        queued[rank] = true
        heap.append(rank)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard rank < heap[parent] else { break }
            heap[child] = heap[parent]
            child = parent
        }
        heap[child] = rank
    }

    mutating func popFirst() -> Int? {
        guard let top = heap.first else { return nil }
        queued[top] = false
        let last = heap.removeLast()
        if !heap.isEmpty {
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var best = last, bestIndex = -1
                if left < heap.count, heap[left] < best { best = heap[left]; bestIndex = left }
                if right < heap.count, heap[right] < best { best = heap[right]; bestIndex = right }
                if bestIndex < 0 { break }
                heap[parent] = best
                parent = bestIndex
            }
            heap[parent] = last
        }
        return top
    }
}
