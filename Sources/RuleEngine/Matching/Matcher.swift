/// Finds the bindings for which a rule's conditions hold, and the unknown
/// facts that keep other bindings undecided.
struct Matcher {
    let rule: CompiledRule
    let context: EvaluationContext

    /// A binding whose conditions hold, with its computed actions' values
    /// and the facts they read.
    struct Match {
        let items: [Value]
        /// The binding's identity for refraction (see `Activation.key`).
        let key: [Value]
        let values: [Value]
        let valueReads: [Int]

        init(items: [Value], values: [Value], valueReads: [Int]) {
            self.items = items
            key = items.isEmpty ? items : items.map { $0.recordID ?? $0 }
            self.values = values
            self.valueReads = valueReads
        }
    }

    /// Every binding whose conditions all hold, in the order found. Unknown
    /// facts that left some binding undecided are added to `undecided`.
    func match(undecided: inout Set<Int>) -> [Match]? {
        var results: [Match] = []
        var items: [Value] = []
        var indexes: [[Value: [Value]]?] = Array(repeating: nil, count: rule.bindings.count)
        var unkeyed: [[Value]] = Array(repeating: [], count: rule.bindings.count)
        context.unknowns.removeAll(keepingCapacity: true)
        switch check(level: 0) {
        case .failed: return nil
        case .holds: break
        case .undecided:
            undecided.formUnion(context.unknowns)
            return []
        }
        guard !rule.bindings.isEmpty else {
            guard let match = actionValues(for: []) else {
                undecided.formUnion(context.unknowns)
                return []
            }
            return [match]
        }
        if !descend(0, &items, &results, &indexes, &unkeyed) { return nil }
        undecided.formUnion(context.unknowns)
        return results
    }

    private enum Outcome { case holds, failed, undecided }

    /// The binding with its computed actions' values, when every one is
    /// known. A rule fires whole or waits: until then it is undecided, and
    /// matched again when a fact its values read changes. The values are
    /// kept for the firing, which the matcher's reads stay true for: a
    /// change to any fact the rule reads matches it again.
    private func actionValues(for items: [Value]) -> Match? {
        let actions = rule.computedActions
        guard !actions.isEmpty else { return Match(items: items, values: [], valueReads: []) }
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
        return Match(items: items, values: values, valueReads: Array(context.reads[mark...]))
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
        _ depth: Int, _ items: inout [Value], _ results: inout [Match],
        _ indexes: inout [[Value: [Value]]?], _ unkeyed: inout [[Value]]
    ) -> Bool {
        let binding = rule.bindings[depth]
        guard let source = binding.source.run(context) else { return context.failure == nil }
        guard let all = source.elements else {
            _ = context.fail("'for \(binding.variable) in' needs a set, list or collection, got \(source.typeName)", at: 0..<0)
            return false
        }
        var candidates = all
        if let join = binding.join {
            if indexes[depth] == nil {
                var index: [Value: [Value]] = [:]
                index.reserveCapacity(all.count)
                var withoutKey: [Value] = []
                let saved = context.unknowns.count
                for item in all {
                    context.variables[binding.slot] = item
                    if let key = join.index.run(context) {
                        index[key, default: []].append(item)
                    } else {
                        withoutKey.append(item)
                    }
                }
                context.unknowns.removeSubrange(saved...)
                indexes[depth] = index
                unkeyed[depth] = withoutKey
            }
            // An unknown probe makes every item a candidate; the join condition,
            // checked for each, notes the unknowns where they matter.
            let saved = context.unknowns.count
            if let key = join.probe.run(context) {
                let keyed = indexes[depth]![key] ?? []
                candidates = unkeyed[depth].isEmpty ? keyed : keyed + unkeyed[depth]
            }
            context.unknowns.removeSubrange(saved...)
        }
        for item in candidates {
            context.variables[binding.slot] = item
            items.append(item)
            defer { items.removeLast() }
            switch check(level: depth + 1) {
            case .failed:
                if context.failure != nil { return false }
            case .undecided:
                continue
            case .holds:
                if depth + 1 == rule.bindings.count {
                    if let match = actionValues(for: items) { results.append(match) }
                } else if !descend(depth + 1, &items, &results, &indexes, &unkeyed) {
                    return false
                }
            }
        }
        return true
    }
}
