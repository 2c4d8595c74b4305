/// One inference, from the answers to the fixed point.
struct InferenceRun {
    let ruleBase: RuleBase
    let memory: WorkingMemory
    let context: EvaluationContext
    let maximumFirings: Int
    let memo: MatchMemo?
    var agenda: Agenda
    var generation: [Int]
    var fired: Refraction
    /// Rules to match again, by firing rank.
    var dirty: RankQueue
    var undecided: [Set<Int>]
    /// Per rule: whether it must be matched whole, and otherwise the items
    /// that are new or changed since its last match, by binding depth and
    /// position in the source (see `RuleBase.itemSources`).
    var matchWhole: [Bool]
    var changedItems: [[ItemChange]]
    private(set) var log = FiringLog()

    /// Whether rules may be matched item by item and cache slots kept
    /// (``Engine/keepsWork``).
    let keepsWork: Bool

    init(ruleBase: RuleBase, values: [Value?], maximumFirings: Int, memo: MatchMemo?, keepsWork: Bool = true) {
        self.ruleBase = ruleBase
        self.memo = memo
        self.keepsWork = keepsWork
        memory = WorkingMemory(ruleBase: ruleBase, values: values)
        memory.keepsWork = keepsWork
        context = EvaluationContext(memory: memory, slots: ruleBase.slotCount)
        self.maximumFirings = maximumFirings
        let count = ruleBase.rules.count
        agenda = Agenda(rules: count)
        generation = Array(repeating: 0, count: count)
        fired = Refraction(rules: count)
        dirty = RankQueue(count: count)
        for rank in 0..<count { dirty.insert(rank) }
        undecided = Array(repeating: [], count: count)
        matchWhole = Array(repeating: true, count: count)
        changedItems = Array(repeating: [], count: count)
    }

    /// Matches the rules whose facts changed and queues their bindings.
    mutating func matchDirtyRules() throws(InferenceError) {
        while let rank = dirty.popFirst() { try activate(ruleBase.rankedRules[rank]) }
    }

    /// Matches again the rules whose facts changed and that could fire
    /// before the best activation waiting: one that ranks below it may see
    /// its facts change many times more before its turn, and is matched
    /// once, when it comes. The activation that fires is the one matching
    /// every rule after each firing would choose.
    private mutating func matchRulesAhead() throws(InferenceError) {
        while let rank = dirty.first {
            // NB: the closure captures the arrays it reads, not `self`: a
            // copy of the whole run would make the next change to each of
            // its arrays copy it.
            let best = agenda.bestRule { [generation, fired] activation in
                activation.generation != generation[activation.rule]
                    || (!activation.isDistinct && fired.contains(activation.rule, activation.items))
            }
            if let best, ruleBase.firingRank[best] < rank { return }
            _ = dirty.popFirst()
            try activate(ruleBase.rankedRules[rank])
        }
    }

    mutating func run() throws(InferenceError) {
        while true {
            try matchRulesAhead()
            guard let activation = nextActivation() else { return }
            guard log.firings.count < maximumFirings else { throw cycle() }
            try fire(activation)
        }
    }

    /// The best activation still current (its rule not matched again since)
    /// and not fired yet, marked as fired.
    private mutating func nextActivation() -> Activation? {
        while let activation = agenda.pop() {
            guard activation.generation == generation[activation.rule] else { continue }
            // A distinct one was told apart when queued (see `activate`).
            guard activation.isDistinct || fired.insert(activation.rule, activation.items) else { continue }
            return activation
        }
        return nil
    }

    /// Matches a rule again and queues its bindings that have not fired:
    /// only the bindings of its new or changed items when that gives what
    /// matching it whole would, otherwise whole.
    private mutating func activate(_ index: Int) throws(InferenceError) {
        if !matchWhole[index] {
            if changedItems[index].isEmpty { return }
            if try activateChangedItems(index) { return }
        }
        matchWhole[index] = false
        changedItems[index].removeAll()
        generation[index] += 1
        let rule = ruleBase.rules[index]
        let matches: [Matcher.Match]
        if let remembered = memo?.match(of: index, reading: rule.readList, in: memory.values) {
            matches = remembered.matches
            undecided[index] = remembered.undecided
        } else {
            var unknown: Set<Int> = []
            matches = Matcher(rule: rule, context: context).match(undecided: &unknown) ?? []
            if let failure = context.failure { throw evaluationError(rule, failure) }
            undecided[index] = unknown
            memo?.remember(.init(inputs: rule.readList.map { memory.values[$0] }, matches: matches, undecided: unknown), of: index)
        }
        // A rule that reads no fact is matched once, here: its bindings are
        // told apart as they are queued, and each fires without a check.
        let matchedOnce = rule.reads.isEmpty
        var queued = BindingSet()
        if matchedOnce, !rule.bindings.isEmpty { queued.reserve(more: matches.count, width: rule.bindings.count) }
        // Room for every binding queued here to fire, made once: grown a
        // binding at a time, the set would hash its keys again each time
        // it doubles.
        if !matchedOnce, !rule.bindings.isEmpty { fired.reserve(index, more: matches.count, width: rule.bindings.count) }
        for match in matches {
            if matchedOnce {
                guard match.items.isEmpty ? fired.insert(index, match.items) : queued.insert(match.items) else { continue }
            } else {
                guard !fired.contains(index, match.items) else { continue }
            }
            queue(match, of: index, isDistinct: matchedOnce)
        }
    }

    mutating func queue(_ match: Matcher.Match, of index: Int, isDistinct: Bool) {
        agenda.push(Activation(rule: index, generation: generation[index], items: match.items, positions: match.positions,
                               values: match.values, valueReads: match.valueReads, isDistinct: isDistinct),
                    rank: ruleBase.firingRank[index])
    }

    private mutating func fire(_ activation: Activation) throws(InferenceError) {
        let rule = ruleBase.rules[activation.rule]
        // The bound items, when anything is evaluated again below.
        let cached = !rule.actionsReadEarlierTargets
        if rule.matchReadsFacts || rule.because != nil || !cached {
            for (binding, item) in zip(rule.bindings, activation.items) {
                context.variables[binding.slot] = item
            }
        }
        // Conditions are read again with recording on, so the firing can say
        // which facts it rests on.
        context.recording = true
        context.reads.removeAll(keepingCapacity: true)
        defer { context.recording = false }
        if rule.bindings.isEmpty {
            // Without bindings the conditions read what they always read:
            // their facts, all known since the rule matched.
            context.reads.append(contentsOf: rule.conditionReads)
        } else if rule.matchReadsFacts {
            for binding in rule.bindings { _ = binding.source.run(context) }
            for condition in rule.conditions { _ = condition.compiled.run(context) }
        }
        let because = rule.because?.run(context)
        let changesStart = log.changes.count
        // The values the matcher worked out, unless an action reads what an
        // earlier one of the same rule writes: then each is worked out in turn.
        if cached { context.reads.append(contentsOf: activation.valueReads) }
        var computed = 0
        for action in rule.actions {
            let value: Value
            if let constant = action.value.constant {
                value = constant
            } else if cached {
                value = activation.values[computed]
                computed += 1
            } else {
                // NB: the matcher queued this binding only once every value
                // was known, and facts never become unknown again.
                guard let known = action.value.run(context) else { continue }
                value = known
            }
            let change: FactChange?
            do throws(OperationError) {
                change = try update(action, with: value)
            } catch {
                throw evaluationError(rule, ExpressionError(error.message, at: 0..<0), at: action.location)
            }
            guard let change else { continue }
            log.changes.append(change)
            var appended: ItemChange?
            if change.isAppend {
                if memory.holds(action.target).isSet {
                    appended = ItemChange(depth: 0, position: -1, item: change.after, modified: false)
                } else if case .list(let items)? = memory[fact: action.target] {
                    appended = ItemChange(depth: 0, position: items.count - 1, modified: false)
                }
            }
            var records: [Int: [Int]?] = [:]
            // An item added at the end of a list goes into the indexes over it.
            let addedToList = appended != nil && appended?.item == nil ? change.after : nil
            memory.factChanged(action.target, appended: addedToList, in: context) { collection, positions in
                records[collection] = positions
            }
            noteChange(of: action.target, from: change.isAppend ? nil : change.before, to: change.isAppend ? nil : change.after,
                       appended: appended, records: records)
        }
        if let failure = context.failure { throw evaluationError(rule, failure) }
        // Each fact read once, with the value it had before this firing
        // changed it. Reads are few, so a linear search beats hashing.
        let readsStart = log.reads.count
        let changes = log.changes[changesStart...]
        for id in context.reads where !log.reads[readsStart...].contains(where: { $0.id == id }) {
            if let replaced = changes.first(where: { $0.id == id && !$0.isAppend }) {
                if let before = replaced.before { log.reads.append((id, before)) }
            } else if let value = memory[fact: id] {
                // A list or set rules grow is not kept whole for every
                // firing that reads it: a reference to the value would make
                // the next item added copy it. The log can tell it again.
                let grows = !ruleBase.isInput[id] && value.elements != nil
                log.reads.append((id, grows ? nil : value))
            }
        }
        log.firings.append(Firing(
            rule: activation.rule,
            items: activation.items,
            reads: readsStart..<log.reads.count,
            changes: changesStart..<log.changes.count,
            because: because.map { $0.description }
        ))
    }

    /// Gives the action's fact its new value, checked against its declared
    /// type (a rule can no more give a fact a value outside its declaration
    /// than an answer can); nil when nothing changed. An item is appended
    /// in place, so a long list grows in constant time.
    private mutating func update(_ action: CompiledRule.Action, with value: Value) throws(OperationError) -> FactChange? {
        // NB: the fact's declaration is read field by field where needed,
        // not copied whole on every firing.
        let id = action.target
        let facts = ruleBase.facts
        if action.kind == .append {
            if facts[id].isDeclared, let problem = facts[id].type.elementType.problem(with: value) {
                throw OperationError("'\(facts[id].name)' cannot take this item: \(problem)")
            }
            return try append(value, to: id, asSet: facts[id].type.kind == .set)
        }
        let before = memory[fact: id]
        let after: Value = switch action.kind {
        case .add: try BinaryOperator.add.apply(before ?? (value.isDuration ? .duration(Span(minutes: 0)) : .number(0)), value)
        default: facts[id].type.normalized(value)
        }
        guard after != before else { return nil }
        if facts[id].isDeclared, let problem = facts[id].type.problem(with: after) {
            throw OperationError("'\(facts[id].name)' cannot take this value: \(problem)")
        }
        memory[fact: id] = after
        return FactChange(id: id, before: before, after: after, isAppend: false, isAdd: action.kind == .add)
    }

    /// Adds `item` to a list, or to a set it is not in yet, without copying
    /// the items already there.
    private mutating func append(_ item: Value, to id: Int, asSet: Bool) throws(OperationError) -> FactChange? {
        let holds = memory.holds(id)
        guard holds.known else {
            memory[fact: id] = asSet ? .set([item]) : .list([item])
            return FactChange(id: id, before: nil, after: item, isAppend: true)
        }
        // An item for a set waits to be sorted in until the set is read.
        if holds.isSet {
            return memory.addToSet(item, fact: id) ? FactChange(id: id, before: nil, after: item, isAppend: true) : nil
        }
        switch memory[fact: id]!.insert(item) {
        case true?: return FactChange(id: id, before: nil, after: item, isAppend: true)
        case false?: return nil
        case nil: throw OperationError("cannot append to \(memory[fact: id]!.typeName)")
        }
    }

    func evaluationError(_ rule: CompiledRule, _ failure: ExpressionError, at location: SourceLocation? = nil) -> InferenceError {
        .evaluation(rule: rule.id, location: location ?? rule.location, message: failure.message)
    }

    /// The rules that fired most among the last firings: the ones in the loop.
    /// With a low bound the window is the later half of the firings, so the
    /// rules that fired on the way into the loop are not named.
    private func cycle() -> InferenceError {
        var counts: [Int: Int] = [:]
        let firings = log.firings
        for firing in firings.suffix(min(1000, max(1, firings.count / 2))) { counts[firing.rule, default: 0] += 1 }
        let rules = counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(10).map { ruleBase.rules[$0.key].id }
        return .cycle(firings: firings.count, rules: rules)
    }

    func result() -> Inference {
        // A rule matched item by item keeps the unknowns of its earlier
        // matches; those known by now decided nothing.
        let values = memory.values
        let undecided = undecided.map { $0.contains { values[$0] != nil } ? $0.filter { values[$0] == nil } : $0 }
        var inference = Inference(ruleBase: ruleBase, values: values, log: log, undecided: undecided)
        inference.itemsVisited = context.itemsVisited
        return inference
    }
}
