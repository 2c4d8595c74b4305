/// Lists and sets grown in place, item by item, and the search that
/// finds where an item stands in a sorted set.
extension Value {
    var isDuration: Bool { if case .duration = self { true } else { false } }
}

extension Value {
    /// Adds an item to a list, or to a set that lacks it, in place: whether
    /// it was added, or nil when this is neither a list nor a set.
    mutating func insert(_ item: Value) -> Bool? {
        let isList: Bool
        switch self {
        case .list: isList = true
        case .set: isList = false
        default: return nil
        }
        // NB: the value is moved out of `self` first, so the array in it has
        // one owner and grows in place (matching on `self` directly would
        // hold a second reference and copy it every time).
        var moved = Value.bool(false)
        swap(&moved, &self)
        if isList {
            guard case .list(var items) = consume moved else { return nil }
            items.append(item)
            self = .list(items)
            return true
        }
        guard case .set(var items) = consume moved else { return nil }
        let position = items.partitioningIndex { !Value.ordered($0, item) }
        let present = position < items.count && items[position] == item
        if !present { items.insert(item, at: position) }
        self = .set(items)
        return !present
    }
}

extension Array {
    /// The first index at which `isAtOrAfter` holds, by binary search over
    /// elements for which it holds from some index on.
    func partitioningIndex(where isAtOrAfter: (Element) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if isAtOrAfter(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
