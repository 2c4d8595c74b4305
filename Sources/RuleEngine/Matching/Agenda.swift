/// A rule ready to fire for one binding.
struct Activation {
    let rule: Int
    let generation: Int
    /// The bound items, in binding order, and where each stands in its
    /// binding's source.
    let items: [Value]
    let positions: [Int]
    /// The values of the rule's computed actions, in order, worked out when
    /// the binding matched, and the facts they read.
    let values: [Value]
    let valueReads: [Int]
    /// Told apart from its rule's other bindings when queued: the rule is
    /// matched only once, so this firing needs no refraction check.
    let isDistinct: Bool
}

/// The activations waiting to fire, best first: higher salience first; then
/// the rule declared first; then the binding found first.
///
/// Each rule's activations wait in a queue, in the order its bindings were
/// found, and the rules with activations waiting are ordered by firing
/// rank: taking the next one is constant time while one rule fires many
/// times. The queues are linked through one table whose free slots are
/// reused first, so a long run of firings keeps touching the same memory.
struct Agenda {
    private var slots: [Activation?] = []
    /// The slot after each one in its rule's queue; -1 at the end.
    private var next: [Int] = []
    private var free: [Int] = []
    /// Each rank's first and last slot; -1 when its queue is empty.
    private var first: [Int]
    private var last: [Int]
    private var waiting: RankQueue

    init(rules: Int) {
        first = Array(repeating: -1, count: rules)
        last = Array(repeating: -1, count: rules)
        waiting = RankQueue(count: rules)
    }

    mutating func push(_ activation: Activation, rank: Int) {
        let slot: Int
        if let reused = free.popLast() {
            slot = reused
            slots[slot] = activation
            next[slot] = -1
        } else {
            slot = slots.count
            slots.append(activation)
            next.append(-1)
        }
        if last[rank] < 0 {
            first[rank] = slot
            waiting.insert(rank)
        } else {
            next[last[rank]] = slot
        }
        last[rank] = slot
    }

    /// The activation queued last for the rule at `rank`.
    func lastQueued(rank: Int) -> Activation? {
        last[rank] < 0 ? nil : slots[last[rank]]
    }

    /// Drops activations from the top while `isStale` says so; the rule of
    /// the best one left.
    mutating func bestRule(droppingWhile isStale: (Activation) -> Bool) -> Int? {
        while let rank = waiting.first {
            let slot = first[rank]
            if !isStale(slots[slot]!) { return slots[slot]!.rule }
            _ = pop()
        }
        return nil
    }

    mutating func pop() -> Activation? {
        guard let rank = waiting.first else { return nil }
        let slot = first[rank]
        first[rank] = next[slot]
        if first[rank] < 0 {
            last[rank] = -1
            _ = waiting.popFirst()
        }
        free.append(slot)
        return slots[slot].take()
    }
}

/// A set of firing ranks, lowest (best) first: a bit per rank, and a bit
/// per word of those telling which words hold any. Adding a rank and taking
/// the lowest cost a few word operations, however many rules there are.
struct RankQueue {
    private var words: [UInt64]
    private var summary: [UInt64]
    /// No summary word before this one has a bit set.
    private var lowest = 0

    init(count: Int) {
        words = Array(repeating: 0, count: (count + 63) / 64)
        summary = Array(repeating: 0, count: (words.count + 63) / 64)
    }

    var first: Int? {
        mutating get {
            while lowest < summary.count {
                let bits = summary[lowest]
                if bits != 0 {
                    let word = lowest * 64 + bits.trailingZeroBitCount
                    return word * 64 + words[word].trailingZeroBitCount
                }
                lowest += 1
            }
            return nil
        }
    }

    mutating func insert(_ rank: Int) {
        let word = rank / 64
        words[word] |= 1 << UInt64(rank % 64)
        summary[word / 64] |= 1 << UInt64(word % 64)
        lowest = min(lowest, word / 64)
    }

    mutating func popFirst() -> Int? {
        guard let rank = first else { return nil }
        let word = rank / 64
        words[word] &= ~(1 << UInt64(rank % 64))
        if words[word] == 0 { summary[word / 64] &= ~(1 << UInt64(word % 64)) }
        return rank
    }
}
