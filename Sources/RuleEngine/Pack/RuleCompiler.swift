/// Compiles the `rules:` entries of a pack.
///
/// ```yaml
/// rules:
///   - id: weak_domain
///     salience: 20
///     for: d in domains
///     when: d.score < thresholds.low
///     then:
///       - append: weak_domains
///         item: = d.id
///     because: "{d.name} scored {d.score}%, below {thresholds.low}%."
/// ```
extension PackBuilder {
    static let ruleKeys = ["id", "salience", "for", "when", "then", "because", "doc"]
    static let verbs: [(verb: String, valueKey: String, kind: CompiledRule.Action.Kind)] = [
        ("set", "to", .set), ("add", "by", .add), ("append", "item", .append),
    ]

    struct RuleDraft {
        var id: String
        var node: DataNode
        var salience: Int
        var compiler: ExpressionCompiler
        var bindings: [CompiledRule.Binding]
        var actions: [CompiledRule.Action]
    }

    /// Builds the rule base: declares what rules assert, compiles
    /// collections and rules, then lints the whole.
    mutating func build() -> RuleBase {
        declareDerivedFacts()
        compileCollections()
        var drafts: [RuleDraft] = []
        var ids: [String: SourceLocation] = [:]
        ids.reserveCapacity(ruleNodes.count)
        for node in ruleNodes {
            guard var draft = startRule(node) else { continue }
            if let first = ids[draft.id] {
                error(node["id"] ?? node, "rule id '\(draft.id)' is used twice; first at \(first)")
                draft.id += "#\(drafts.count)"
            } else {
                ids[draft.id] = node.location
            }
            drafts.append(draft)
        }
        inferDerivedTypes(from: drafts)
        let rules = drafts.map { finishRule($0) }
        let factInfos = facts.map {
            FactInfo(name: $0.name, type: $0.type, role: $0.role, isOutput: $0.isOutput,
                     settles: $0.settles, isDeclared: $0.declared, summary: $0.summary, location: $0.location)
        }
        // The rule base is indexed while the lint reads the same rules.
        let (constants, collections, cacheReads, cacheGrowsWith, maximumFirings)
            = (constants, collections, cacheSlots?.reads ?? [], cacheSlots?.growsWith ?? [], maximumFirings)
        return Alongside.run({ lint(rules) }, alongside: {
            RuleBase(facts: factInfos, constants: constants, collections: collections, rules: rules,
                     cacheReads: cacheReads, cacheGrowsWith: cacheGrowsWith, maximumFirings: maximumFirings)
        }).1
    }

    /// Facts that rules assert without a declaration are declared here, so
    /// every name an expression can read is known before compiling.
    private mutating func declareDerivedFacts() {
        for node in ruleNodes {
            for action in node["then"]?.sequence ?? [] {
                for (verb, _, _) in PackBuilder.verbs {
                    guard let target = action[verb], let name = target.string, factIndex[name] == nil,
                          checkName(target, "fact") != nil else { continue }
                    factIndex[name] = facts.count
                    facts.append(FactDraft(name: name, type: .any, declared: false, role: .derived,
                                           isOutput: false, summary: nil, location: target.location))
                }
            }
        }
    }

    private mutating func startRule(_ node: DataNode) -> RuleDraft? {
        guard checkKeys(node, allowed: PackBuilder.ruleKeys, required: ["id", "then"], in: "a rule") else { return nil }
        guard let idNode = node["id"], let id = idNode.string, !idNode.isNull else { return nil }
        if !id.utf8.allSatisfy({ $0.isIdentifierPart || $0 == 45 || $0 == 46 }) {
            error(idNode, "rule id '\(id)' should use only letters, digits, '_', '-' and '.'")
        }
        var salience = 0
        if let node = node["salience"] {
            if case .number(let x)? = node.scalarValue, x == x.rounded(), abs(x) <= 1_000_000 {
                salience = Int(x)
            } else {
                error(node, "'salience' should be a whole number from -1000000 to 1000000")
            }
        }
        var draft = RuleDraft(id: id, node: node, salience: salience, compiler: ExpressionCompiler(names: self),
                              bindings: [], actions: [])
        if let forNode = node["for"] {
            for binding in forNode.sequence ?? [forNode] { addBinding(binding, to: &draft) }
        }
        guard let actions = node["then"]?.sequence, !actions.isEmpty else {
            error(node["then"] ?? node, "'then' should list at least one action (set, add or append)")
            return draft
        }
        for action in actions {
            if let compiled = compileAction(action, with: &draft.compiler) { draft.actions.append(compiled) }
        }
        return draft
    }

    /// `d in domains`: binds `d` to each item of the collection in turn.
    private mutating func addBinding(_ node: DataNode, to draft: inout RuleDraft) {
        guard let text = node.string else {
            error(node, "'for' should read 'name in collection', found \(node.kindName)")
            return
        }
        let words = text.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        guard words.count == 3, words[1] == "in", let variable = words.first.map(String.init),
              variable.utf8.first?.isIdentifierStart == true, variable.utf8.allSatisfy(\.isIdentifierPart),
              !PackBuilder.reservedWords.contains(variable)
        else {
            error(node, "'for' should read 'name in collection', as in 'd in domains'")
            return
        }
        if draft.compiler.scope[variable] != nil { error(node, "'\(variable)' is bound twice in this rule") }
        if fact(named: variable) != nil || constants[variable] != nil || collectionIndex[variable] != nil {
            error(node, "'\(variable)' is already the name of a fact, constant or collection; pick another variable name")
        }
        let sourceText = String(words[2])
        let offset = text.utf8.count - sourceText.utf8.count
        let source = compileExpression(sourceText, in: node, offset: offset, with: &draft.compiler)
        switch source.type {
        case .any, .set, .list: break
        default: error(node, "'for \(variable) in' needs a set, list or collection, but this is \(source.type)")
        }
        let slot = draft.compiler.bind(variable, type: source.type.elementType)
        let expression = try? ExpressionParser.parse(sourceText)
        var sourceFact: Int?, sourceCollection: Int?
        if case .name(let path)? = expression?.kind {
            let name = path.joined(separator: ".")
            sourceFact = factIndex[name]
            sourceCollection = sourceFact == nil ? collectionIndex[name] : nil
        }
        draft.bindings.append(CompiledRule.Binding(variable: variable, slot: slot, source: source, join: nil,
                                                   expression: expression, sourceFact: sourceFact,
                                                   sourceCollection: sourceCollection))
    }

    private mutating func compileAction(_ node: DataNode, with compiler: inout ExpressionCompiler) -> CompiledRule.Action? {
        guard let pairs = node.mapping else {
            error(node, "an action should be a mapping such as 'set: fact' with 'to: value', found \(node.kindName)")
            return nil
        }
        let present = PackBuilder.verbs.filter { node[$0.verb] != nil }
        guard present.count == 1, let (verb, valueKey, kind) = present.first else {
            let verbs = PackBuilder.verbs.map(\.verb).joined(separator: ", ")
            if present.isEmpty, let key = pairs.first?.key.string,
               let hint = Spelling.suggestion(for: key, among: PackBuilder.verbs.map(\.verb)) {
                error(pairs.first!.key, "unknown action '\(key)'; did you mean '\(hint)'? expected one of: \(verbs)")
            } else {
                error(node, "an action needs exactly one of: \(verbs)")
            }
            return nil
        }
        checkKeys(node, allowed: [verb, valueKey], required: [valueKey], in: "a '\(verb)' action")
        guard let targetNode = node[verb], let name = targetNode.string, let id = factIndex[name],
              let valueNode = node[valueKey] else { return nil }
        if facts[id].role == .input {
            error(targetNode, "'\(name)' is an answer the candidate gives; rules cannot change it (declare it with 'derived: true' if rules conclude it)")
        }
        let value = compileData(valueNode, with: &compiler)
        let declared = facts[id].declared ? facts[id].type : FactType.any
        switch kind {
        case .set:
            if let constant = value.constant, let problem = declared.problem(with: constant) {
                error(valueNode, "'\(name)' cannot be set to this: \(problem)")
            }
        case .add:
            switch value.type.kind {
            case .any, .number, .duration: break
            default: error(valueNode, "'add' needs a number or duration, got \(value.type)")
            }
        case .append:
            switch declared.kind {
            case .any, .set, .list:
                if let constant = value.constant, let problem = declared.elementType.problem(with: constant) {
                    error(valueNode, "this cannot be added to '\(name)': \(problem)")
                }
            default: error(targetNode, "'append' needs a list or set, but '\(name)' is \(declared)")
            }
        }
        return CompiledRule.Action(kind: kind, target: id, value: value, location: targetNode.location)
    }

    /// Undeclared derived facts take the type their actions give them.
    private mutating func inferDerivedTypes(from drafts: [RuleDraft]) {
        for draft in drafts {
            for action in draft.actions where !facts[action.target].declared && facts[action.target].type == .any {
                switch action.kind {
                case .set: facts[action.target].type = action.value.type
                case .add: facts[action.target].type = action.value.type.kind == .duration ? .duration : .number(min: nil, max: nil, integer: false)
                case .append: facts[action.target].type = .list(of: action.value.type)
                }
            }
        }
    }

    private mutating func finishRule(_ draft: RuleDraft) -> CompiledRule {
        var compiler = draft.compiler
        // Conditions see the types inferred from every rule's actions.
        compiler.names = self
        var conditions: [CompiledRule.Condition] = []
        if let when = draft.node["when"] {
            for node in when.sequence ?? [when] {
                guard let text = node.string, !node.isNull else {
                    error(node, "a condition should be an expression, found \(node.kindName)")
                    continue
                }
                let expression: Expression
                do {
                    expression = try ExpressionParser.parse(text)
                } catch {
                    report(error, in: node, text: text, offset: 0)
                    continue
                }
                for conjunct in expression.conjuncts {
                    let compiled = compile(conjunct, text: text, in: node, offset: 0, with: &compiler)
                    if compiled.type != .any && compiled.type != .bool {
                        report(ExpressionError("a condition should be yes or no, but this is \(compiled.type)", at: conjunct.range),
                               in: node, text: text, offset: 0)
                    }
                    let level = (compiled.variables.filter { $0 < draft.bindings.count }.max() ?? -1) + 1
                    let slice = Array(text.utf8)[conjunct.range.clamped(to: 0..<text.utf8.count)]
                    conditions.append(CompiledRule.Condition(
                        compiled: compiled, expression: conjunct, text: String(decoding: slice, as: UTF8.self),
                        location: node.location(atUTF8Offset: conjunct.range.lowerBound),
                        level: level))
                }
            }
        }
        var because: Compiled?
        if let node = draft.node["because"] {
            if let text = node.string {
                because = compileTemplate(text, in: node, with: &compiler)
            } else {
                error(node, "'because' should be text, found \(node.kindName)")
            }
        }
        let bindings = draft.bindings.enumerated().map { index, binding in
            CompiledRule.Binding(variable: binding.variable, slot: binding.slot, source: binding.source,
                                 join: binding.source.variables.isEmpty == false ? nil : joinKey(for: index, of: binding, conditions: conditions, compiler: compiler),
                                 expression: binding.expression, sourceFact: binding.sourceFact,
                                 sourceCollection: binding.sourceCollection,
                                 lookups: lookups(for: index, bindings: draft.bindings, conditions: conditions, compiler: compiler))
        }
        var levels = Array(repeating: [CompiledRule.Condition](), count: bindings.count + 1)
        for condition in conditions { levels[condition.level].append(condition) }
        var reads = Set<Int>()
        for binding in bindings { reads.formUnion(binding.source.reads) }
        for condition in conditions { reads.formUnion(condition.compiled.reads) }
        for action in draft.actions { reads.formUnion(action.value.reads) }
        if let because { reads.formUnion(because.reads) }
        usedNames.formUnion(compiler.usedNames)
        return CompiledRule(
            id: draft.id, location: draft.node.location, salience: draft.salience, bindings: bindings,
            conditions: conditions, levels: levels, actions: draft.actions, because: because,
            becauseText: draft.node["because"]?.string, reads: reads,
            writes: Set(draft.actions.map(\.target)), slotCount: compiler.slotCount, factName: { self.facts[$0].name })
    }

    /// An equality condition `a == b` where one side reads only binding
    /// `index` and the other only earlier bindings lets the matcher look
    /// items up by key instead of trying every pair.
    ///
    /// The index is kept in a cache slot named by the source and the key,
    /// so rules that look up the same collection by the same key share one
    /// index, and a constant key (`x.id == "i7"`) is a lookup in it.
    private func joinKey(for index: Int, of binding: CompiledRule.Binding, conditions: [CompiledRule.Condition],
                         compiler: ExpressionCompiler) -> (index: Compiled, probe: Compiled, cache: Int?)? {
        guard conditions.isEmpty == false else { return nil }
        var scratch = compiler
        for condition in conditions where condition.level == index + 1 {
            guard case .binary(.equal, let left, let right) = condition.expression.kind else { continue }
            let l = scratch.compile(left), r = scratch.compile(right)
            for (key, keyExpression, probe) in [(l, left, r), (r, right, l)]
            where key.variables == [index] && probe.variables.allSatisfy({ $0 < index }) {
                let cache = binding.expression.flatMap { source in
                    cacheSlots?.slot(for: Expression.indexKey(source: source, variable: binding.variable, key: keyExpression),
                                     reads: binding.source.reads.union(key.reads),
                                     growsWith: key.reads.isEmpty ? binding.sourceFact : nil)
                }
                return (key, probe, cache)
            }
        }
        return nil
    }
}

extension PackBuilder {
    /// For binding `index`, matched alone for a new item: the earlier
    /// bindings that an equality ties to it (`e.from == r`, one side
    /// reading only the earlier item, the other only this one), each with
    /// the index of its source by its side, shared as joins share theirs.
    fileprivate func lookups(for index: Int, bindings: [CompiledRule.Binding], conditions: [CompiledRule.Condition],
                             compiler: ExpressionCompiler) -> [Int: (key: Compiled.Run, probe: Compiled.Run, cache: Int?)] {
        guard index > 0, bindings[index].source.variables.isEmpty else { return [:] }
        var scratch = compiler
        var lookups: [Int: (key: Compiled.Run, probe: Compiled.Run, cache: Int?)] = [:]
        for condition in conditions where condition.level == index + 1 {
            guard case .binary(.equal, let left, let right) = condition.expression.kind else { continue }
            let l = scratch.compile(left), r = scratch.compile(right)
            for (key, keyExpression, probe) in [(l, left, r), (r, right, l)] where probe.variables == [index] {
                guard key.variables.count == 1, let earlier = key.variables.first, earlier < index,
                      lookups[earlier] == nil, bindings[earlier].source.variables.isEmpty,
                      let source = bindings[earlier].expression else { continue }
                let cache = cacheSlots?.slot(
                    for: Expression.indexKey(source: source, variable: bindings[earlier].variable, key: keyExpression),
                    reads: bindings[earlier].source.reads.union(key.reads),
                    growsWith: key.reads.isEmpty ? bindings[earlier].sourceFact : nil)
                lookups[earlier] = (key.run, probe.run, cache)
            }
        }
        return lookups
    }
}

extension Expression {
    /// The parts of a chain of `and`s, each checked on its own.
    var conjuncts: [Expression] {
        if case .binary(.and, let left, let right) = kind { return left.conjuncts + right.conjuncts }
        return [self]
    }
}
