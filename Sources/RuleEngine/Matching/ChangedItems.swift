/// Matching a rule for the items that are new or changed since its last
/// match, and noting, as facts change, which items those are: the part of
/// a run that lets a firing cost what it changes.
extension InferenceRun {
    struct ItemChange: Hashable {
        let depth: Int
        /// Where the item stands in a list or collection; for an item added
        /// to a set, which keeps its items in order, the item itself, found
        /// when the rule is matched (later items move up as others come).
        var position: Int
        var item: Value?
        /// An item that was there before and changed; otherwise added.
        var modified: Bool
    }

    /// Past this many items changed since its last match, a rule is matched
    /// whole.
    static let itemChangeLimit = 4096

    /// Matches only the bindings of the items that are new or changed
    /// since the rule's last match, and queues them after its activations
    /// still waiting: whether that gives the agenda matching the rule whole
    /// would (the new bindings all come after the waiting ones in the
    /// order bindings are found, and no waiting one holds a changed item).
    /// When not, nothing is queued, and the rule is to be matched whole.
    mutating func activateChangedItems(_ index: Int) throws(InferenceError) -> Bool {
        let changes = changedItems[index]
        changedItems[index].removeAll(keepingCapacity: true)
        let waiting = agenda.lastQueued(rank: ruleBase.firingRank[index]).flatMap {
            $0.generation == generation[index] ? $0 : nil
        }
        if waiting != nil, changes.contains(where: \.modified) { return false }
        let rule = ruleBase.rules[index]
        let matcher = Matcher(rule: rule, context: context)
        var unknown: Set<Int> = []
        var matches: [Matcher.Match] = []
        var seen = Set<[Int]>()
        for change in changes {
            var position = change.position
            if let item = change.item {
                guard let found = self.position(of: item, atDepth: change.depth, in: rule) else { return false }
                position = found
            }
            guard seen.insert([change.depth, position]).inserted else { continue }
            matches += matcher.match(undecided: &unknown, fixed: (change.depth, position)) ?? []
            if let failure = context.failure { throw evaluationError(rule, failure) }
        }
        if changes.count > 1 {
            // A binding of two new items is found from each.
            var found = Set<[Int]>()
            matches = matches.filter { found.insert($0.positions).inserted }
            matches.sort { $0.positions.lexicographicallyPrecedes($1.positions) }
        }
        if let waiting, let first = matches.first, !precedes(waiting, first, in: rule) { return false }
        // The facts known since are dropped once, at the end (`result`).
        undecided[index].formUnion(unknown)
        for match in matches where !fired.contains(index, match.items) {
            queue(match, of: index, isDistinct: false)
        }
        return true
    }

    /// Where `item` stands now in the set the rule's binding at `depth`
    /// ranges over.
    private func position(of item: Value, atDepth depth: Int, in rule: CompiledRule) -> Int? {
        guard case .set(let items)? = rule.bindings[depth].source.run(context) else { return nil }
        let position = items.partitioningIndex { !Value.ordered($0, item) }
        return position < items.count && items[position] == item ? position : nil
    }

    /// Whether the waiting activation comes before `match` in the order a
    /// whole match would find them: by position in each binding's source,
    /// or, in a set, by the items' order, since a set's items move up as
    /// others come in before them.
    private func precedes(_ waiting: Activation, _ match: Matcher.Match, in rule: CompiledRule) -> Bool {
        for depth in rule.bindings.indices {
            let binding = rule.bindings[depth]
            let inSet: Bool
            if binding.source.variables.isEmpty, case .set? = binding.source.run(context) { inSet = true } else { inSet = false }
            if inSet {
                let a = waiting.items[depth], b = match.items[depth]
                if a == b { continue }
                return Value.ordered(a, b)
            }
            let a = waiting.positions[depth], b = match.positions[depth]
            if a != b { return a < b }
        }
        return false
    }

    /// Notes for the rules that read fact `id` that it changed: which of
    /// their items are new or changed, when a rule reads the fact only as a
    /// binding's source; otherwise that it must be matched whole. A change
    /// from one value to another reaches, of the rules guarded on a value
    /// of the fact, only those wanting either (``RuleBase/valueGuards``).
    mutating func noteChange(of id: Int, from before: Value?, to after: Value?, appended: ItemChange?, records: [Int: [Int]?]) {
        // A fact many rules are guarded on, changed from one value to
        // another: the rules guarded on neither value failed on their first
        // condition before and fail on it now (RuleBase.valueGuards).
        if keepsWork, appended == nil, let guards = ruleBase.valueGuards[id], let before, let after {
            for rank in guards.unguarded { noteChange(of: id, toReaderRanked: rank, appended: nil, records: records) }
            for rank in guards.byValue[before] ?? [] { noteChange(of: id, toReaderRanked: rank, appended: nil, records: records) }
            if after != before {
                for rank in guards.byValue[after] ?? [] { noteChange(of: id, toReaderRanked: rank, appended: nil, records: records) }
            }
            return
        }
        for position in ruleBase.readerRankStart[id]..<ruleBase.readerRankStart[id + 1] {
            noteChange(of: id, toReaderRanked: ruleBase.readerRanks[position], appended: appended, records: records)
        }
    }

    /// Marks the reader of rank `rank` to be matched again, whole or for
    /// the items that changed.
    private mutating func noteChange(of id: Int, toReaderRanked rank: Int, appended: ItemChange?, records: [Int: [Int]?]) {
        dirty.insert(rank)
        let rule = ruleBase.rankedRules[rank]
        guard keepsWork, !matchWhole[rule] else {
            matchWhole[rule] = true
            return
        }
        guard let source = ruleBase.itemSources[rule][id] else {
            matchWhole[rule] = true
            return
        }
        if let collection = source.collection {
            // A collection computed whole: matched whole.
            guard case let changed?? = records[collection] else {
                matchWhole[rule] = true
                return
            }
            for position in changed { changedItems[rule].append(ItemChange(depth: source.depth, position: position, modified: true)) }
        } else if var appended {
            appended = ItemChange(depth: source.depth, position: appended.position, item: appended.item, modified: false)
            changedItems[rule].append(appended)
        } else {
            matchWhole[rule] = true
        }
        if changedItems[rule].count > InferenceRun.itemChangeLimit { matchWhole[rule] = true }
    }
}
