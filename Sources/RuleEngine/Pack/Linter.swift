/// Finds what is legal in a pack but almost certainly a mistake: facts
/// concluded that nothing reads, answers no rule uses, unused constants and
/// collections, rules that can never fire, and cycles between rules.
extension PackBuilder {
    mutating func lint(_ rules: [CompiledRule]) {
        lintUnused(rules)
        for rule in rules { lintNeverFires(rule) }
        lintCycles(rules)
    }

    /// Facts, constants and collections that nothing reads. An expression
    /// that does not compile reads nothing, so a name it mentions (or
    /// misspells) is not reported: its error already is.
    private mutating func lintUnused(_ rules: [CompiledRule]) {
        var read = Set<Int>()
        for rule in rules { read.formUnion(rule.reads) }
        for collection in collections { read.formUnion(collection.reads) }
        let mentioned = namesInFailedExpressions
        func isMentioned(_ name: String) -> Bool {
            mentioned.contains(name) || mentioned.contains { Spelling.suggestion(for: $0, among: [name]) != nil }
        }
        var written = Set<Int>()
        for rule in rules { written.formUnion(rule.writes) }
        for (id, fact) in facts.enumerated() where fact.role == .derived && read.contains(id) && !written.contains(id) {
            guard let location = fact.location else { continue }
            diagnostics.append(.warning(at: location, "no rule concludes '\(fact.name)', so the rules that read it can never fire"))
        }
        // Misspellings rarely touch the first letter: comparing only names
        // that share it keeps this linear on generated packs.
        var declaredByInitial: [Character?: [String]]?
        for (id, fact) in facts.enumerated() where !read.contains(id) && !isMentioned(fact.name) {
            guard let location = fact.location else { continue }
            switch fact.role {
            case .derived where !fact.isOutput:
                // A misspelt target is concluded and never read; only then
                // is it worth looking for the name that was meant.
                if !fact.declared {
                    declaredByInitial = declaredByInitial ?? Dictionary(grouping: facts.filter(\.declared).map(\.name), by: \.first)
                }
                if !fact.declared, let close = Spelling.suggestion(for: fact.name, among: declaredByInitial?[fact.name.first] ?? []) {
                    diagnostics.append(.warning(at: location, "'\(fact.name)' is not declared, so this rule declares it; did you mean '\(close)'?"))
                }
                diagnostics.append(.warning(at: location, "'\(fact.name)' is concluded but no rule reads it; mark it 'output: true' in 'facts' if it is a result"))
            case .input:
                diagnostics.append(.warning(at: location, "no rule reads the answer '\(fact.name)'"))
            default: break
            }
        }
        for (name, location) in constantLocations where !usedNames.contains(name) && !isMentioned(name) {
            diagnostics.append(.warning(at: location, "constant '\(name)' is never used"))
        }
        for collection in collections where !usedNames.contains(collection.name) && !isMentioned(collection.name) {
            diagnostics.append(.warning(at: collection.location, "collection '\(collection.name)' is never used"))
        }
    }

    /// A condition that is always false, or number bounds that no value can
    /// meet together (with the fact's declared range), stop a rule for good.
    private mutating func lintNeverFires(_ rule: CompiledRule) {
        for condition in rule.conditions where condition.compiled.constant == .bool(false) {
            diagnostics.append(.warning(at: condition.location, "rule '\(rule.id)' can never fire: '\(condition.text)' is always false"))
            return
        }
        var bounds: [Int: (low: Double, lowStrict: Bool, high: Double, highStrict: Bool)] = [:]
        for condition in rule.conditions {
            guard let (id, op, x) = numericBound(condition) else { continue }
            var b = bounds[id] ?? {
                if case .number(let min, let max, _) = facts[id].type {
                    return (min ?? -.infinity, false, max ?? .infinity, false)
                }
                return (-.infinity, false, .infinity, false)
            }()
            switch op {
            case .less, .lessEqual:
                if x < b.high || (x == b.high && op == .less) { (b.high, b.highStrict) = (x, op == .less) }
            case .greater, .greaterEqual:
                if x > b.low || (x == b.low && op == .greater) { (b.low, b.lowStrict) = (x, op == .greater) }
            case .equal:
                if x > b.low { (b.low, b.lowStrict) = (x, false) }
                if x < b.high { (b.high, b.highStrict) = (x, false) }
            default: break
            }
            // A whole number above 1 and below 2 does not exist.
            if case .number(_, _, true) = facts[id].type {
                if b.lowStrict, b.low.isFinite { (b.low, b.lowStrict) = (b.low.rounded(.down) + 1, false) }
                if b.highStrict, b.high.isFinite { (b.high, b.highStrict) = (b.high.rounded(.up) - 1, false) }
            }
            bounds[id] = b
            if b.low > b.high || (b.low == b.high && (b.lowStrict || b.highStrict)) {
                diagnostics.append(.warning(at: condition.location,
                    "rule '\(rule.id)' can never fire: no value of '\(facts[id].name)' meets '\(condition.text)' together with its other bounds"))
                return
            }
        }
    }

    /// `fact OP number` (or `number OP fact`) as (fact, OP with the fact on
    /// the left, number). A field of a fact (`profile.age`) is not the fact.
    private func numericBound(_ condition: CompiledRule.Condition) -> (Int, BinaryOperator, Double)? {
        guard case .binary(let op, let left, let right) = condition.expression.kind,
              [.less, .lessEqual, .greater, .greaterEqual, .equal].contains(op),
              condition.compiled.reads.count == 1, condition.compiled.variables.isEmpty,
              let id = condition.compiled.reads.first
        else { return nil }
        func isFact(_ path: [String]) -> Bool { path.joined(separator: ".") == facts[id].name }
        switch (left.kind, right.kind) {
        case (.name(let path), .number(let x)) where isFact(path): return (id, op, x)
        case (.number(let x), .name(let path)) where isFact(path):
            let flipped: BinaryOperator = switch op {
            case .less: .greater
            case .lessEqual: .greaterEqual
            case .greater: .less
            case .greaterEqual: .lessEqual
            default: op
            }
            return (id, flipped, x)
        default: return nil
        }
    }

    /// Rules that feed each other: A concludes what B reads and B what A
    /// reads, or a rule reads what it concludes. Each fires at most once per
    /// binding, so such a loop ends, unless it keeps making new items for a
    /// list or set one of its rules iterates over: then it ends when it makes
    /// no new item (a closure over finite data), or at the firing bound.
    private mutating func lintCycles(_ rules: [CompiledRule]) {
        func quoted(_ ids: some Sequence<Int>) -> String {
            ids.sorted().map { "'\(self.facts[$0].name)'" }.joined(separator: ", ")
        }
        let bound = "with an error after \(maximumFirings) firings (settings.max_firings)"
        for cycle in DependencyGraph(rules, factCount: facts.count).cycles() {
            let names = cycle.rules.map { "'\(rules[$0].id)'" }
            let through = quoted(cycle.facts)
            // Lists and sets a rule of the cycle appends to while one iterates
            // over them, with an item made from a bound variable: refraction
            // stops a loop that appends the same items again, not one that
            // makes new ones.
            let iterated = Set(cycle.rules.flatMap { rules[$0].bindings.flatMap(\.source.reads) })
            let grown = Set(cycle.rules.flatMap { writer in
                rules[writer].actions.filter { action in
                    action.kind == .append && !action.value.variables.isEmpty && iterated.contains(action.target)
                }.map(\.target)
            })
            let arrow = (names + [names[0]]).joined(separator: " → ")
            let first = rules[cycle.rules[0]]
            if cycle.rules.count == 1 {
                let message = if !grown.isEmpty {
                    "rule '\(first.id)' adds items to what it iterates over (\(quoted(grown))): "
                        + "it fires until it makes no new item, or else stops \(bound)"
                } else if first.bindings.isEmpty {
                    "rule '\(first.id)' reads \(through), which it changes itself; "
                        + "it has no binding and fires once, so its own change will not make it fire again"
                } else {
                    "rule '\(first.id)' reads \(through), which it changes itself; "
                        + "its own change can make it fire again for another binding, once per binding at most"
                }
                diagnostics.append(.warning(at: first.location, message))
            } else if !grown.isEmpty {
                diagnostics.append(.warning(at: first.location,
                    "rules \(arrow) form a cycle through \(through) in which a rule adds items to what a rule of the "
                        + "cycle iterates over (\(quoted(grown))): they fire until they make no new item, or else stop \(bound)"))
            } else {
                diagnostics.append(.warning(at: first.location,
                    "rules \(arrow) form a cycle through \(through); each fires once per binding, so check the order is the one intended"))
            }
        }
    }
}
