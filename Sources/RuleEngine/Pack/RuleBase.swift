/// A loaded and compiled rule pack: the facts it knows, its constants and
/// collections, and its rules, ready for an ``Engine`` to run.
public final class RuleBase: Sendable {
    /// Every fact: the declared ones first, then those only rules assert.
    public let facts: [FactInfo]
    public let constants: [String: Value]
    let collections: [CollectionInfo]
    let rules: [CompiledRule]
    let factIndex: [String: Int]
    let collectionIndex: [String: Int]
    /// Fact id → whether the candidate gives it (`FactInfo.role`).
    let isInput: [Bool]
    /// Each fact's type, apart from the rest of its declaration: checking
    /// thousands of answers reads only these.
    let types: [FactType]
    /// Fact id → indices of the rules that read it.
    let readers: [[Int]]
    /// `readers` as one flat list of firing ranks, each fact's from
    /// `readerRanks[readerRankStart[id]..<readerRankStart[id + 1]]`: what a
    /// firing walks to mark rules to match again, without a list per fact.
    let readerRankStart: [Int]
    let readerRanks: [Int]
    /// Fact id → its readers told apart by the value they ask it to have
    /// (`phase == 3`, the first of a rule's conditions over no binding that
    /// reads the fact), for a fact many rules are guarded on so: when it
    /// changes from one value to another, only the rules wanting either
    /// are matched again (the others fail on that condition before and
    /// after), as an alpha network's hashed tests do.
    let valueGuards: [Int: ValueGuards]

    struct ValueGuards: Sendable {
        /// The firing ranks of the rules guarded on each value.
        let byValue: [Value: [Int]]
        /// The firing ranks of the other readers of the fact.
        let unguarded: [Int]
    }
    /// Fact id → indices of the rules that conclude it.
    let writers: [[Int]]
    /// Fact id → indices of the collections computed from it.
    let collectionsReading: [[Int]]
    /// Rule index → the facts a change to which can be matched item by
    /// item: each read only as the source of one binding (at `depth`),
    /// directly or (`collection`) through a collection's computed fields.
    let itemSources: [[Int: (depth: Int, collection: Int?)]]
    /// How many cache slots the compiled expressions use (``CacheSlots``),
    /// and fact id → the slots worked out from it.
    let cacheCount: Int
    let cachesReading: [[Int]]
    /// Slot → the list fact whose appended items its index takes in
    /// (``CacheSlots/growsWith``).
    let cacheGrowsWith: [Int?]
    /// The rules in the order the agenda prefers them (highest salience,
    /// then declared first), and each rule's place in that order.
    let rankedRules: [Int]
    let firingRank: [Int]
    /// The most variable slots any rule needs.
    let slotCount: Int
    /// Inference stops with an error after this many firings.
    public let maximumFirings: Int
    /// The facts marked `settle: true`, each with the rules that can change
    /// it: its writers, and the writers of every derived fact they read.
    let settling: [(fact: Int, leading: Set<Int>)]
    /// Where a comparison over a numeric answer can turn, for settling:
    /// empty when no fact settles.
    let landmarks: [Double]

    static let empty = RuleBase(facts: [], constants: [:], collections: [], rules: [], cacheReads: [], cacheGrowsWith: [],
                                maximumFirings: 0)

    init(facts: [FactInfo], constants: [String: Value], collections: [CollectionInfo],
         rules: [CompiledRule], cacheReads: [Set<Int>], cacheGrowsWith: [Int?], maximumFirings: Int) {
        self.facts = facts
        self.constants = constants
        self.collections = collections
        self.rules = rules
        self.maximumFirings = maximumFirings
        isInput = facts.map { $0.role == .input }
        types = facts.map(\.type)
        factIndex = Dictionary(facts.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        collectionIndex = Dictionary(collections.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        var readers = Array(repeating: [Int](), count: facts.count)
        for (index, rule) in rules.enumerated() {
            for id in rule.reads.sorted() { readers[id].append(index) }
        }
        self.readers = readers
        var writers = Array(repeating: [Int](), count: facts.count)
        for (index, rule) in rules.enumerated() {
            for id in rule.writes.sorted() { writers[id].append(index) }
        }
        self.writers = writers
        var collectionsReading = Array(repeating: [Int](), count: facts.count)
        for (index, collection) in collections.enumerated() {
            for id in collection.reads { collectionsReading[id].append(index) }
        }
        self.collectionsReading = collectionsReading
        itemSources = rules.map { RuleBase.itemSources(of: $0, collections: collections) }
        cacheCount = cacheReads.count
        self.cacheGrowsWith = cacheGrowsWith
        var cachesReading = Array(repeating: [Int](), count: facts.count)
        for (slot, reads) in cacheReads.enumerated() {
            for id in reads { cachesReading[id].append(slot) }
        }
        self.cachesReading = cachesReading
        slotCount = rules.map(\.slotCount).max() ?? 0
        rankedRules = rules.indices.sorted { (-rules[$0].salience, $0) < (-rules[$1].salience, $1) }
        var firingRank = Array(repeating: 0, count: rules.count)
        for (rank, rule) in rankedRules.enumerated() { firingRank[rule] = rank }
        self.firingRank = firingRank
        var readerRankStart = [0]
        var readerRanks: [Int] = []
        for readersOfFact in readers {
            readerRanks += readersOfFact.map { firingRank[$0] }
            readerRankStart.append(readerRanks.count)
        }
        self.readerRankStart = readerRankStart
        self.readerRanks = readerRanks
        valueGuards = RuleBase.valueGuards(rules: rules, facts: facts, readers: readers, firingRank: firingRank)
        let isInput = self.isInput
        settling = facts.indices.filter { facts[$0].settles }.map { fact in
            (fact, RuleBase.leadingRules(to: fact, rules: rules, writers: writers, isInput: isInput))
        }
        landmarks = settling.isEmpty ? [] : RuleBase.landmarks(constants: constants, collections: collections, rules: rules)
    }

    /// Facts that at least `minimum` rules are guarded on, and how. A rule
    /// is guarded on a fact when the first of its conditions over no
    /// binding that reads the fact is `fact == literal` (or the other way
    /// round): while the fact has another value, that condition fails, and
    /// the conditions before it read nothing that changed with the fact.
    private static func valueGuards(rules: [CompiledRule], facts: [FactInfo], readers: [[Int]], firingRank: [Int],
                                    minimum: Int = 4) -> [Int: ValueGuards] {
        var guarded: [Int: [(rule: Int, value: Value)]] = [:]
        for (index, rule) in rules.enumerated() {
            var passed = Set<Int>()
            for condition in rule.levels.first ?? [] {
                if let (id, value) = valueGuard(condition, facts: facts), !passed.contains(id) {
                    guarded[id, default: []].append((index, value))
                }
                passed.formUnion(condition.compiled.reads)
            }
        }
        var result: [Int: ValueGuards] = [:]
        for (id, rulesGuarded) in guarded where rulesGuarded.count >= minimum {
            var byValue: [Value: [Int]] = [:]
            for (rule, value) in rulesGuarded { byValue[value, default: []].append(firingRank[rule]) }
            let guardedRules = Set(rulesGuarded.map(\.rule))
            result[id] = ValueGuards(byValue: byValue,
                                     unguarded: readers[id].filter { !guardedRules.contains($0) }.map { firingRank[$0] })
        }
        return result
    }

    /// The fact and value of a condition `fact == literal` or `literal == fact`.
    private static func valueGuard(_ condition: CompiledRule.Condition, facts: [FactInfo]) -> (Int, Value)? {
        guard case .binary(.equal, let left, let right) = condition.expression.kind,
              condition.compiled.reads.count == 1, condition.compiled.variables.isEmpty,
              let id = condition.compiled.reads.first else { return nil }
        func literal(_ kind: Expression.Kind) -> Value? {
            switch kind {
            case .number(let x): .number(x)
            case .string(let s): .string(s)
            case .bool(let b): .bool(b)
            default: nil
            }
        }
        func isFact(_ kind: Expression.Kind) -> Bool {
            if case .name(let path) = kind { path.joined(separator: ".") == facts[id].name } else { false }
        }
        if isFact(left.kind), let value = literal(right.kind) { return (id, value) }
        if isFact(right.kind), let value = literal(left.kind) { return (id, value) }
        return nil
    }

    /// The facts a rule reads only as one binding's source, by name or
    /// through the computed fields of a collection planned record by
    /// record: a change to one of them is a new or changed item at that
    /// binding, and the rest of the rule's matches stand.
    private static func itemSources(of rule: CompiledRule, collections: [CollectionInfo]) -> [Int: (depth: Int, collection: Int?)] {
        guard !rule.bindings.isEmpty else { return [:] }
        var elsewhere = Set<Int>()
        for condition in rule.conditions { elsewhere.formUnion(condition.compiled.reads) }
        for action in rule.actions { elsewhere.formUnion(action.value.reads) }
        if let because = rule.because { elsewhere.formUnion(because.reads) }
        var sourcesReading: [Int: Int] = [:]
        sourcesReading.reserveCapacity(rule.bindings.reduce(0) { $0 + $1.source.reads.count })
        for binding in rule.bindings {
            for id in binding.source.reads { sourcesReading[id, default: 0] += 1 }
        }
        var result: [Int: (depth: Int, collection: Int?)] = [:]
        for (depth, binding) in rule.bindings.enumerated() {
            let candidates: [Int]
            var collection: Int?
            if let fact = binding.sourceFact {
                candidates = [fact]
            } else if let index = binding.sourceCollection, collections[index].plan != nil {
                candidates = Array(collections[index].reads)
                collection = index
            } else {
                continue
            }
            result.reserveCapacity(result.count + candidates.count)
            for id in candidates where !elsewhere.contains(id) && sourcesReading[id] == 1 {
                result[id] = (depth, collection)
            }
        }
        return result
    }

    /// The declaration of the fact called `name`.
    public func fact(named name: String) -> FactInfo? {
        factIndex[name].map { facts[$0] }
    }

    /// The answerable fact whose name is closest to a misspelt `name`.
    public func inputSuggestion(for name: String) -> String? {
        Spelling.suggestion(for: name, among: facts.filter { $0.role == .input }.map(\.name))
    }

    /// The rule ids, in the order the pack declares them.
    public var ruleIDs: [String] { rules.map(\.id) }

    /// Where the rule with this id is declared.
    public func location(ofRule id: String) -> SourceLocation? {
        rules.first { $0.id == id }?.location
    }

    /// The rules that read `fact`, and the facts each could conclude: what
    /// `:why` tells a candidate about the question being asked.
    public func readers(of fact: String) -> [RuleSummary] {
        guard let id = factIndex[fact] else { return [] }
        return readers[id].map { summary(of: rules[$0]) }
    }

    /// Every rule, summarised.
    public var ruleSummaries: [RuleSummary] { rules.map(summary(of:)) }

    private func summary(of rule: CompiledRule) -> RuleSummary {
        RuleSummary(
            id: rule.id,
            location: rule.location,
            salience: rule.salience,
            conditions: rule.conditions.map(\.text),
            reads: rule.reads.sorted().map { facts[$0].name },
            concludes: rule.writes.sorted().map { facts[$0].name },
            because: rule.becauseText
        )
    }
}

/// A fact as the pack declares it (or as rules assert it).
public struct FactInfo: Sendable {
    public enum Role: Sendable {
        /// Given by the candidate; rules may read it but not change it.
        case input
        /// Concluded by rules.
        case derived
    }

    public let name: String
    public let type: FactType
    public let role: Role
    /// A conclusion the pack reports, so it is fine that no rule reads it.
    public let isOutput: Bool
    /// A decision (`settle: true`): reported only while no value the open
    /// answers could take would change it. See ``Decision``.
    public let settles: Bool
    /// Declared under `facts:`; otherwise its type was inferred from the
    /// rules that set it, and is a guess rather than a promise.
    public let isDeclared: Bool
    public let summary: String?
    public let location: SourceLocation?
}

/// What a rule reads and could conclude, for explanations.
public struct RuleSummary: Sendable, Equatable {
    public let id: String
    public let location: SourceLocation
    public let salience: Int
    /// The conditions as written.
    public let conditions: [String]
    public let reads: [String]
    public let concludes: [String]
    /// The rule's `because:` text as written, placeholders and all.
    public let because: String?
}

/// A named list of records, some of whose fields may be computed from facts.
struct CollectionInfo: Sendable {
    let name: String
    let location: SourceLocation
    let elementType: FactType
    /// The records, when none of their fields depends on a fact.
    let literal: Value?
    let reads: Set<Int>
    /// For a list of records with computed fields: each record's plan, so
    /// a changed fact recomputes only the records that read it.
    let plan: CollectionPlan?
    /// The records against the facts as they are; nil (unknown) only for
    /// a collection written as an expression over an unknown fact.
    let evaluate: @Sendable (EvaluationContext) -> Value?
}
