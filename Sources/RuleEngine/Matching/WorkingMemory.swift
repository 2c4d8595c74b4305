/// The facts of one inference run, indexed by fact id.
final class WorkingMemory {
    var values: [Value?]
    private var collectionCache: [Value?]
    let ruleBase: RuleBase

    init(ruleBase: RuleBase, values: [Value?]) {
        self.ruleBase = ruleBase
        self.values = values
        collectionCache = Array(repeating: nil, count: ruleBase.collections.count)
    }

    /// A collection's records, computed fields evaluated against the facts
    /// as they are now; cached until a fact it reads changes.
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

    func invalidateCollections(readingFact id: Int) {
        for index in ruleBase.collectionsReading[id] { collectionCache[index] = nil }
    }
}
