/// What the firings of one inference concluded without reading a decision
/// still open: a fact set or added to by a firing that read one rests on it,
/// and so does an item appended by such a firing. See
/// ``Inference/settledValue(of:)``.
struct Firmness: Sendable {
    /// Facts whose value rests, as a whole, on an open decision.
    var shaky: Set<Int> = []
    /// Lists and sets some of whose items rest on one: the items that do not.
    var firmItems: [Int: [Value]] = [:]

    init() {}

    init(log: FiringLog, open: Set<Int>, settled: Set<Int>) {
        shaky = open
        var partial = Set<Int>()
        var items: [Int: [Value]] = [:]
        func resting(_ id: Int) -> Bool { shaky.contains(id) || partial.contains(id) }
        for firing in log.firings {
            var rests = log.reads[firing.reads].contains { resting($0.id) }
            // Records copied whole carry computed fields the firing did not
            // read; the value rests on their sources all the same.
            if !rests {
                rests = log.changes[firing.changes].contains { $0.after.computedSources.contains(where: resting) }
            }
            for change in log.changes[firing.changes] where !settled.contains(change.id) && !open.contains(change.id) {
                let id = change.id
                if change.isAppend {
                    if rests { partial.insert(id) }
                    if !rests && !shaky.contains(id) { items[id, default: []].append(change.after) }
                } else if rests || (change.isAdd && resting(id)) {
                    // An `add` builds on what was there.
                    shaky.insert(id)
                } else {
                    shaky.remove(id)
                    partial.remove(id)
                    items[id] = change.after.elements
                }
            }
        }
        for id in partial where !shaky.contains(id) {
            firmItems[id] = items[id] ?? []
        }
    }
}
