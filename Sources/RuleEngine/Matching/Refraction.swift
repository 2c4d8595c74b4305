/// The bindings each rule has fired for: a rule fires once per binding
/// (refraction). A rule without bindings needs only a flag.
struct Refraction {
    private var bindings: [BindingSet]

    init(rules: Int) {
        bindings = Array(repeating: BindingSet(), count: rules)
    }

    func contains(_ rule: Int, _ items: [Value]) -> Bool {
        bindings[rule].contains(items)
    }

    /// Makes room for `more` bindings of `rule`, of `width` items each,
    /// than have fired.
    mutating func reserve(_ rule: Int, more: Int, width: Int) {
        bindings[rule].reserve(more: more, width: width)
    }

    /// Marks the binding as fired: whether it was not already.
    mutating func insert(_ rule: Int, _ items: [Value]) -> Bool {
        bindings[rule].insert(items)
    }
}

/// Bindings told apart as refraction tells them: by each bound item, or
/// its `id` when it is a record that has one, so a record whose computed
/// fields change is still the same item. A binding of one item, the
/// commonest, is kept as that item, with no array made for it.
struct BindingSet {
    private var single: Set<Value> = []
    private var several: Set<[Value]> = []
    private var none = false

    private static func identity(_ item: Value) -> Value { item.recordID ?? item }

    func contains(_ items: [Value]) -> Bool {
        switch items.count {
        case 0: none
        case 1: single.contains(BindingSet.identity(items[0]))
        default: several.contains(items.map(BindingSet.identity))
        }
    }

    mutating func reserve(more: Int, width: Int) {
        switch width {
        case 0: break
        case 1: single.reserveCapacity(single.count + more)
        default: several.reserveCapacity(several.count + more)
        }
    }

    /// Adds the binding: whether it was not there already.
    mutating func insert(_ items: [Value]) -> Bool {
        switch items.count {
        case 0:
            defer { none = true }
            return !none
        case 1: return single.insert(BindingSet.identity(items[0])).inserted
        default: return several.insert(items.map(BindingSet.identity)).inserted
        }
    }
}
