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
        let declaredByInitial = Dictionary(grouping: facts.filter(\.declared).map(\.name), by: \.first)
        for (id, fact) in facts.enumerated() where !read.contains(id) && !isMentioned(fact.name) {
            guard let location = fact.location else { continue }
            switch fact.role {
            case .derived where !fact.isOutput:
                // A misspelt target is concluded and never read; only then
                // is it worth looking for the name that was meant.
                if !fact.declared, let close = Spelling.suggestion(for: fact.name, among: declaredByInitial[fact.name.first] ?? []) {
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

    /// Rules that feed each other (A concludes what B reads and B what A
    /// reads). Each fires once per binding, so such a loop ends unless it
    /// keeps adding items that one of its rules iterates over.
    private mutating func lintCycles(_ rules: [CompiledRule]) {
        var readersOf: [Int: [Int]] = [:]
        for (index, rule) in rules.enumerated() {
            for id in rule.reads { readersOf[id, default: []].append(index) }
        }
        func quoted(_ ids: Set<Int>) -> String {
            ids.sorted().map { "'\(self.facts[$0].name)'" }.joined(separator: ", ")
        }
        let successors = rules.map { rule in
            Array(Set(rule.writes.flatMap { readersOf[$0] ?? [] })).sorted()
        }
        for component in StronglyConnected.components(count: rules.count, successors: successors) {
            let members = Set(component)
            guard component.count > 1 || successors[component[0]].contains(component[0]) else { continue }
            let ordered = component.sorted()
            let names = ordered.map { "'\(rules[$0].id)'" }
            let through = Set(ordered.flatMap { rules[$0].writes }).filter { id in
                readersOf[id]?.contains(where: members.contains) == true
            }
            let facts = quoted(through)
            // Lists and sets a rule of the cycle appends to while one iterates
            // over them, with an item made from a bound variable: refraction
            // stops a loop that appends the same items again, not one that
            // makes new ones.
            let grown = Set(ordered.flatMap { writer in
                rules[writer].actions.filter { action in
                    action.kind == .append && !action.value.variables.isEmpty && ordered.contains { reader in
                        rules[reader].bindings.contains { $0.source.reads.contains(action.target) }
                    }
                }.map(\.target)
            })
            let grows = !grown.isEmpty
            let cycle = (names + [names[0]]).joined(separator: " → ")
            if ordered.count == 1 {
                let rule = rules[ordered[0]]
                if grows {
                    diagnostics.append(.error(at: rule.location,
                        "rule '\(rule.id)' adds items to what it iterates over (\(quoted(grown))), so it can grow without end"))
                } else {
                    diagnostics.append(.warning(at: rule.location,
                        "rule '\(rule.id)' reads \(facts), which it changes itself; it fires once per binding, so its own change will not make it fire again"))
                }
            } else if grows {
                diagnostics.append(.error(at: rules[ordered[0]].location,
                    "rules \(cycle) form a cycle through \(facts) that can grow without end: a rule adds items to a collection a rule in the cycle iterates over"))
            } else {
                diagnostics.append(.warning(at: rules[ordered[0]].location,
                    "rules \(cycle) form a cycle through \(facts); each fires once per binding, so check the order is the one intended"))
            }
        }
    }
}

/// Tarjan's strongly connected components, iterative so a long chain of
/// rules cannot overflow the stack.
enum StronglyConnected {
    static func components(count: Int, successors: [[Int]]) -> [[Int]] {
        var index = Array(repeating: -1, count: count)
        var lowLink = Array(repeating: 0, count: count)
        var onStack = Array(repeating: false, count: count)
        var stack: [Int] = []
        var result: [[Int]] = []
        var next = 0
        for root in 0..<count where index[root] < 0 {
            var work: [(node: Int, edge: Int)] = [(root, 0)]
            index[root] = next; lowLink[root] = next; next += 1
            stack.append(root); onStack[root] = true
            while let (node, edge) = work.last {
                if edge < successors[node].count {
                    work[work.count - 1].edge += 1
                    let successor = successors[node][edge]
                    if index[successor] < 0 {
                        index[successor] = next; lowLink[successor] = next; next += 1
                        stack.append(successor); onStack[successor] = true
                        work.append((successor, 0))
                    } else if onStack[successor] {
                        lowLink[node] = min(lowLink[node], index[successor])
                    }
                    continue
                }
                work.removeLast()
                if let parent = work.last?.node { lowLink[parent] = min(lowLink[parent], lowLink[node]) }
                if lowLink[node] == index[node] {
                    var component: [Int] = []
                    while let member = stack.popLast() {
                        onStack[member] = false
                        component.append(member)
                        if member == node { break }
                    }
                    result.append(component)
                }
            }
        }
        return result
    }
}
