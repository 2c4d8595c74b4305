/// Finds the bindings for which a rule's conditions hold, and the unknown
/// facts that keep other bindings undecided.
struct Matcher {
    let rule: CompiledRule
    let context: EvaluationContext

    /// A binding whose conditions hold, with its computed actions' values
    /// and the facts they read.
    struct Match {
        let items: [Value]
        /// Where each item stands in its binding's source: matches are
        /// found in the order of these, compared in turn.
        let positions: [Int]
        let values: [Value]
        let valueReads: [Int]

        init(items: [Value], positions: [Int], values: [Value], valueReads: [Int]) {
            self.items = items
            self.positions = positions
            self.values = values
            self.valueReads = valueReads
        }
    }

    /// Every binding whose conditions all hold, in the order found. Unknown
    /// facts that left some binding undecided are added to `undecided`.
    /// With `fixed`, only the bindings whose item at that depth is the one
    /// at that position of its source: the matches a new or changed item
    /// makes.
    func match(undecided: inout Set<Int>, fixed: (depth: Int, position: Int)? = nil) -> [Match]? {
        var results: [Match] = []
        var items: [Value] = []
        var positions: [Int] = []
        context.unknowns.removeAll(keepingCapacity: true)
        // The rule's own conditions are the first thing looked at.
        context.itemsVisited += 1
        switch check(level: 0) {
        case .failed: return nil
        case .holds: break
        case .undecided:
            undecided.formUnion(context.unknowns)
            return []
        }
        guard !rule.bindings.isEmpty else {
            guard let match = actionValues(for: [], at: []) else {
                undecided.formUnion(context.unknowns)
                return []
            }
            return [match]
        }
        if let fixed {
            // The fixed item is bound first, so earlier bindings can look
            // their items up by it (`Binding.lookups`); no condition before
            // its level reads it.
            let binding = rule.bindings[fixed.depth]
            if binding.source.variables.isEmpty, let items = binding.source.run(context)?.elements, fixed.position < items.count {
                context.variables[binding.slot] = items[fixed.position]
            }
        }
        if !descend(0, &items, &positions, &results, fixed) { return nil }
        undecided.formUnion(context.unknowns)
        return results
    }

    private enum Outcome { case holds, failed, undecided }

    /// The binding with its computed actions' values, when every one is
    /// known. A rule fires whole or waits: until then it is undecided, and
    /// matched again when a fact its values read changes. The values are
    /// kept for the firing, which the matcher's reads stay true for: a
    /// change to any fact the rule reads matches it again.
    private func actionValues(for items: [Value], at positions: [Int]) -> Match? {
        let actions = rule.computedActions
        guard !actions.isEmpty else { return Match(items: items, positions: positions, values: [], valueReads: []) }
        context.recording = true
        let mark = context.reads.count
        defer {
            context.recording = false
            context.reads.removeSubrange(mark...)
        }
        var values: [Value] = []
        values.reserveCapacity(actions.count)
        for action in actions {
            if let value = action.value.run(context) { values.append(value) }
        }
        guard values.count == actions.count else { return nil }
        return Match(items: items, positions: positions, values: values, valueReads: Array(context.reads[mark...]))
    }

    /// Checks the conditions of one level. A condition that fails decides the
    /// level, so the unknowns met on the way are dropped.
    private func check(level: Int) -> Outcome {
        let mark = context.unknowns.count
        var outcome = Outcome.holds
        for condition in rule.levels[level] {
            switch condition.run(context) {
            case .bool(true)?: continue
            case nil:
                if context.failure != nil { return .failed }
                outcome = .undecided
            default:
                context.unknowns.removeSubrange(mark...)
                return .failed
            }
        }
        return outcome
    }

    /// Binds variable `depth` to each candidate item in turn. Returns false
    /// when an evaluation error stops the match.
    private func descend(
        _ depth: Int, _ items: inout [Value], _ positions: inout [Int], _ results: inout [Match],
        _ fixed: (depth: Int, position: Int)?
    ) -> Bool {
        let binding = rule.bindings[depth]
        guard let source = binding.source.run(context) else { return context.failure == nil }
        guard let all = source.elements else {
            _ = context.fail("'for \(binding.variable) in' needs a set, list or collection, got \(source.typeName)", at: 0..<0)
            return false
        }
        var candidates: [Int]?
        if let fixed, fixed.depth == depth {
            candidates = fixed.position < all.count ? [fixed.position] : []
        } else if let fixed, fixed.depth > depth, let lookup = rule.bindings[fixed.depth].lookups[depth] {
            let saved = context.unknowns.count
            if let key = lookup.probe(context) {
                candidates = if let cache = lookup.cache {
                    context.keyIndex(cache, items: all, variable: binding.slot, key: lookup.key).candidates(for: key)
                } else {
                    KeyIndex(items: all, slot: binding.slot, key: lookup.key, context: context).candidates(for: key)
                }
            }
            context.unknowns.removeSubrange(saved...)
        } else if let probe = binding.joinProbe, let index = binding.joinKey {
            // An unknown probe makes every item a candidate; the join
            // condition, checked for each, notes the unknowns where they
            // matter.
            let saved = context.unknowns.count
            if let key = probe(context) {
                if let cache = binding.joinCache {
                    candidates = context.keyIndex(cache, items: all, variable: binding.slot, key: index)
                        .candidates(for: key)
                } else {
                    candidates = KeyIndex(items: all, slot: binding.slot, key: index, context: context)
                        .candidates(for: key)
                }
            }
            context.unknowns.removeSubrange(saved...)
        }
        func visit(_ position: Int) -> Bool {
            context.itemsVisited += 1
            context.variables[binding.slot] = all[position]
            items.append(all[position])
            positions.append(position)
            defer {
                items.removeLast()
                positions.removeLast()
            }
            switch check(level: depth + 1) {
            case .failed:
                if context.failure != nil { return false }
            case .undecided:
                break
            case .holds:
                if depth + 1 == rule.bindings.count {
                    if let match = actionValues(for: items, at: positions) { results.append(match) }
                } else if !descend(depth + 1, &items, &positions, &results, fixed) {
                    return false
                }
            }
            return true
        }
        if let candidates {
            for position in candidates where !visit(position) { return false }
        } else {
            for position in all.indices where !visit(position) { return false }
        }
        return true
    }
}
