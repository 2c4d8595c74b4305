/// `[element for variable in source where filter by key]`, and the
/// item-by-item evaluation that `any` and `all` share with it.
extension ExpressionCompiler {
    mutating func comprehension(_ c: Comprehension, _ range: Range<Int>) -> Compiled {
        guard let items = comprehensionItems(c) else { return Compiled(type: .any) { _ in nil } }
        let run = items.run, ordered = c.order != nil
        return Compiled(type: items.type, reads: items.reads, variables: items.variables) { context in
            guard let found = run(context) else { return nil }
            var results: [(value: Value, key: Value?)] = []
            for item in found {
                guard let value = item.value, !ordered || item.key != nil else { return nil }
                results.append((value, item.key))
            }
            if ordered {
                do throws(OperationError) {
                    try results.sortStable { (x, y) throws(OperationError) in try BinaryOperator.compare(x.key!, y.key!) < 0 }
                } catch {
                    return context.fail(error.message, at: c.order!.range)
                }
            }
            return .list(results.map(\.value))
        }
    }

    /// Each item of a comprehension with its sort key, nil where unknown.
    typealias ItemsRun = @Sendable (EvaluationContext) -> [(value: Value?, key: Value?)]?

    /// The items a comprehension keeps, with their sort keys, each nil when
    /// unknown (an item whose filter is unknown is an unknown item); nil when
    /// the source is unknown. Every item whose filter could hold is looked
    /// at, so every unknown fact the list waits for is noted.
    mutating func comprehensionItems(_ c: Comprehension) -> (type: FactType, reads: Set<Int>, variables: Set<Int>, run: ItemsRun)? {
        let source = compile(c.source)
        switch source.type {
        case .any, .set, .list: break
        default:
            _ = error("'for \(c.variable) in' needs a set, list or collection, got \(source.type)", c.source.range)
            return nil
        }
        let saved = (scope, nextSlot)
        let slot = bind(c.variable, type: source.type.elementType)
        let element = compile(c.element)
        let filter = c.filter.map { compile($0) }
        let order = c.order.map { compile($0) }
        let index = filter == nil ? nil : keyIndex(c, source: source, slot: slot)
        (scope, nextSlot) = saved
        if let filter { expect(filter, .bool, "'where'", c.filter!.range) }
        var reads = source.reads.union(element.reads)
        var variables = source.variables.union(element.variables)
        for part in [filter, order].compactMap({ $0 }) {
            reads.formUnion(part.reads)
            variables.formUnion(part.variables)
        }
        variables.remove(slot)
        let sourceRun = source.run, elementRun = element.run, filterRun = filter?.run, orderRun = order?.run
        return (.list(of: element.type), reads, variables, { context in
            guard let collection = sourceRun(context) else { return nil }
            guard let items = collection.elements else {
                _ = context.fail("'for \(c.variable) in' needs a set or list, got \(collection.typeName)", at: c.source.range)
                return nil
            }
            let saved = context.variables[slot]
            defer { context.variables[slot] = saved }
            // With an index, only the items whose key can match are looked
            // at; the others' filters are false whatever else they say.
            var positions: [Int]?
            if let index {
                let mark = context.unknowns.count
                if let probe = index.probe(context) {
                    let keys = context.keyIndex(index.slot, items: items, variable: slot, key: index.key)
                    positions = keys.candidates(for: probe)
                    if positions != nil, context.recording { context.reads.append(contentsOf: keys.keyReads) }
                }
                // An unknown probe: every item is looked at, and the filter
                // notes the unknowns where they matter.
                context.unknowns.removeSubrange(mark...)
            }
            var results: [(value: Value?, key: Value?)] = []
            func look(at item: Value) {
                context.itemsVisited += 1
                context.variables[slot] = item
                if let filterRun {
                    guard let keep = filterRun(context) else { results.append((nil, nil)); return }
                    guard keep == .bool(true) else { return }
                }
                results.append((elementRun(context), orderRun?(context)))
            }
            if let positions {
                for position in positions { look(at: items[position]) }
            } else {
                for item in items { look(at: item) }
            }
            return results
        })
    }

    /// An index for a comprehension's filter: a conjunct `key == probe`
    /// (either way round) where `key` reads the item and no other variable,
    /// and `probe` does not read the item, over a source that reads no
    /// variable. The items are indexed by key once (and again only when a
    /// fact the source or the key reads changes), so "the items whose `x.d`
    /// is `d.id`" is one lookup per evaluation, not a scan.
    private func keyIndex(_ c: Comprehension, source: Compiled, slot: Int) -> (slot: Int, key: Compiled.Run, probe: Compiled.Run)? {
        guard let caches, source.variables.isEmpty, let filter = c.filter, errors.isEmpty else { return nil }
        var scratch = self
        for conjunct in filter.conjuncts {
            guard case .binary(.equal, let left, let right) = conjunct.kind else { continue }
            let l = scratch.compile(left), r = scratch.compile(right)
            for (key, keyExpression, probe) in [(l, left, r), (r, right, l)]
            where key.variables == [slot] && !probe.variables.contains(slot) {
                let name = Expression.indexKey(source: c.source, variable: c.variable, key: keyExpression)
                var growsWith: Int?
                if case .name(let path) = c.source.kind, key.reads.isEmpty, scope[path[0]] == nil {
                    growsWith = names.fact(named: path.joined(separator: "."))?.id
                }
                return (caches.slot(for: name, reads: source.reads.union(key.reads), growsWith: growsWith), key.run, probe.run)
            }
        }
        return nil
    }

    /// The items of a list written out or built by a comprehension, each nil
    /// when unknown, for functions that can decide without every item.
    mutating func itemwise(_ expression: Expression, in function: String, _ range: Range<Int>) -> (reads: Set<Int>, variables: Set<Int>, run: @Sendable (EvaluationContext) -> [Value?]?) {
        switch expression.kind {
        case .list(let items):
            let compiled = items.map { compile($0) }
            let runs = compiled.map(\.run)
            return (compiled.reduce(into: Set<Int>()) { $0.formUnion($1.reads) },
                    compiled.reduce(into: Set<Int>()) { $0.formUnion($1.variables) },
                    { context in runs.map { $0(context) } })
        case .comprehension(let c):
            guard let items = comprehensionItems(c) else { return ([], [], { _ in nil }) }
            let run = items.run
            return (items.reads, items.variables, { context in run(context)?.map(\.value) })
        default:
            let compiled = compile(expression)
            let run = compiled.run
            return (compiled.reads, compiled.variables, { context in
                guard let value = run(context) else { return nil }
                guard let items = value.elements else {
                    _ = context.fail("\(function)() needs a list of yes/no", at: range)
                    return nil
                }
                return items
            })
        }
    }
}

extension Array {
    /// A stable merge sort with a comparison that can fail.
    mutating func sortStable(by less: (Element, Element) throws(OperationError) -> Bool) throws(OperationError) {
        guard count > 1 else { return }
        var source = self
        var buffer = self
        var width = 1
        while width < count {
            var start = 0
            while start < count {
                let middle = Swift.min(start + width, count), end = Swift.min(start + 2 * width, count)
                var i = start, j = middle, k = start
                while i < middle && j < end {
                    if try less(source[j], source[i]) { buffer[k] = source[j]; j += 1 } else { buffer[k] = source[i]; i += 1 }
                    k += 1
                }
                while i < middle { buffer[k] = source[i]; i += 1; k += 1 }
                while j < end { buffer[k] = source[j]; j += 1; k += 1 }
                start += 2 * width
            }
            swap(&source, &buffer)
            width *= 2
        }
        self = source
    }
}
