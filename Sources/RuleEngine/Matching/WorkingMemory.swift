/// The facts of one inference run, indexed by fact id, with what is worked
/// out from them and kept until they change: collections' records and the
/// cache slots of ``CacheSlots``.
final class WorkingMemory {
    /// Each fact's value, but for the items a set has waiting (`waiting`).
    private var stored: [Value?]
    /// Items added to set facts and not yet sorted into them: a set rules
    /// grow by thousands of items, each sorted in as it comes, would move
    /// half its items every time. They are sorted in together when the set
    /// is next read.
    private var waiting: [Int: Set<Value>] = [:]
    private var collectionCache: [Value?]
    private var caches: [CacheEntry?]
    /// Off, cache slots stay empty (``Engine/keepsWork``).
    var keepsWork = true
    let ruleBase: RuleBase

    init(ruleBase: RuleBase, values: [Value?]) {
        self.ruleBase = ruleBase
        stored = values
        collectionCache = Array(repeating: nil, count: ruleBase.collections.count)
        caches = Array(repeating: nil, count: ruleBase.cacheCount)
    }

    /// Every fact's value, each set with its waiting items sorted in.
    var values: [Value?] {
        _read {
            for id in waiting.keys { settle(id) }
            yield stored
        }
    }

    /// A fact's value, a set with its waiting items sorted in.
    subscript(fact id: Int) -> Value? {
        _read {
            if !waiting.isEmpty { settle(id) }
            yield stored[id]
        }
        _modify {
            if !waiting.isEmpty { settle(id) }
            yield &stored[id]
        }
    }

    /// Whether the fact has a value, and whether it is a set, read without
    /// sorting in the set's waiting items.
    func holds(_ id: Int) -> (known: Bool, isSet: Bool) {
        switch stored[id] {
        case nil: (false, false)
        case .set?: (true, true)
        default: (true, false)
        }
    }

    /// Adds `item` to the set fact `id` unless it is there: whether it was
    /// added. The item waits to be sorted in until the set is read; a few
    /// waiting are sorted in one by one, more are merged in one pass.
    func addToSet(_ item: Value, fact id: Int) -> Bool {
        guard case .set(let items)? = stored[id] else { return false }
        let position = items.partitioningIndex { !Value.ordered($0, item) }
        if position < items.count && items[position] == item { return false }
        return waiting[id, default: []].insert(item).inserted
    }

    /// Sorts the set's waiting items into it.
    private func settle(_ id: Int) {
        guard let pending = waiting.removeValue(forKey: id) else { return }
        if pending.count <= 8 {
            for item in pending { _ = stored[id]!.insert(item) }
            return
        }
        // NB: moved out first, so the array has one owner.
        guard case .set(let items)? = stored[id].take() else { return }
        var merged: [Value] = []
        merged.reserveCapacity(items.count + pending.count)
        let added = pending.sorted(by: Value.ordered)
        var (i, j) = (0, 0)
        while i < items.count || j < added.count {
            if j == added.count || (i < items.count && Value.ordered(items[i], added[j])) {
                merged.append(items[i]); i += 1
            } else {
                merged.append(added[j]); j += 1
            }
        }
        stored[id] = .set(merged)
    }

    /// A collection's records, computed fields evaluated against the facts
    /// as they are now; kept, and brought up to date as facts change.
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

    func cached(_ slot: Int) -> CacheEntry? {
        slot < caches.count ? caches[slot] : nil
    }

    func store(_ entry: CacheEntry, in slot: Int) {
        if keepsWork, slot < caches.count { caches[slot] = entry }
    }

    /// Brings what is worked out from fact `id` up to date after it
    /// changed: the cache slots that read it are emptied; of a collection
    /// planned record by record, only the records that read it are
    /// computed again. Calls `changed` with each collection that read it
    /// and the positions of its records that came out different, or nil
    /// for one computed whole, which is dropped, to be computed again when
    /// next read.
    /// An item `appended` at the end of a list is added to the indexes
    /// over that list rather than emptying them.
    func factChanged(_ id: Int, appended: Value? = nil, in context: EvaluationContext,
                     changed: (_ collection: Int, _ positions: [Int]?) -> Void) {
        for slot in ruleBase.cachesReading[id] {
            if let appended, ruleBase.cacheGrowsWith[slot] == id, case .index(let index)? = caches[slot] {
                index.append(appended, context: context)
            } else {
                caches[slot] = nil
            }
        }
        for index in ruleBase.collectionsReading[id] {
            guard let plan = ruleBase.collections[index].plan, case .list(var records)? = collectionCache[index] else {
                collectionCache[index] = nil
                changed(index, nil)
                continue
            }
            // NB: moved out of the cache, so the array has one owner and
            // is changed in place.
            collectionCache[index] = nil
            var positions: [Int] = []
            for position in plan.recordsReading[id] ?? [] {
                let record = plan.records[position].evaluate(context)
                if records[position] != record {
                    records[position] = record
                    positions.append(position)
                }
            }
            collectionCache[index] = .list(records)
            changed(index, positions)
        }
    }
}

/// How the records of a collection with computed fields are made: each
/// record's fields, given or computed, and which records read each fact.
struct CollectionPlan: Sendable {
    struct RecordPlan: Sendable {
        let fields: [(name: String, constant: Value?, run: Compiled.Run?)]
        let provenance: [(field: String, sources: [Int])]

        /// The record against the facts as they are: a field computed from
        /// an unknown fact is missing. What the fields read is not noted:
        /// reading a field notes its sources (``Record/sources(of:)``).
        func evaluate(_ context: EvaluationContext) -> Value {
            var values: [(name: String, value: Value)] = []
            values.reserveCapacity(fields.count)
            for field in fields {
                if let constant = field.constant {
                    values.append((field.name, constant))
                    continue
                }
                let mark = context.unknowns.count
                let readMark = context.reads.count
                let value = field.run?(context)
                if context.unknowns.count > mark { context.unknowns.removeSubrange(mark...) }
                if context.reads.count > readMark { context.reads.removeSubrange(readMark...) }
                if let value { values.append((field.name, value)) }
            }
            return .record(Record(fields: values, provenance: provenance))
        }
    }

    let records: [RecordPlan]
    /// Fact id → the positions of the records computed from it.
    let recordsReading: [Int: [Int]]

    init(records: [RecordPlan]) {
        self.records = records
        var reading: [Int: [Int]] = [:]
        reading.reserveCapacity(records.count)
        for (position, record) in records.enumerated() {
            // One computed field reading one fact is the common record.
            if record.provenance.count == 1 {
                for id in record.provenance[0].sources { reading[id, default: []].append(position) }
                continue
            }
            for id in Set(record.provenance.flatMap(\.sources)) { reading[id, default: []].append(position) }
        }
        recordsReading = reading
    }

    func evaluate(_ context: EvaluationContext) -> Value {
        .list(records.map { $0.evaluate(context) })
    }
}
