/// A rule, compiled. A class, and its parts too: the engine passes rules
/// around on every match and firing, and a reference is one count to keep
/// where a struct of arrays and closures is many.
final class CompiledRule: Sendable {
    final class Binding: Sendable {
        let variable: String
        let slot: Int
        let source: Compiled
        /// A hash-join key: an equality condition of the form
        /// `index(item) == probe(earlier variables)`, with the cache slot
        /// of the index, which every rule with the same source and key
        /// shares.
        let join: (index: Compiled, probe: Compiled, cache: Int?)?
        /// The join's closures and slot, read on every match without
        /// copying the compiled expressions around them.
        let joinKey: Compiled.Run?
        let joinProbe: Compiled.Run?
        let joinCache: Int?
        /// For matching this binding's new or changed item alone: an
        /// equality between it and an earlier binding's item, by the depth
        /// of that binding, so the earlier items are looked up by the new
        /// one's key rather than all tried (`key` reads the earlier item,
        /// `probe` this one).
        let lookups: [Int: (key: Compiled.Run, probe: Compiled.Run, cache: Int?)]
        /// The source as written, when it parses.
        let expression: Expression?
        /// The source when it is a fact or a collection by name: a change
        /// to it can then be matched item by item (see `InferenceRun`).
        let sourceFact: Int?
        let sourceCollection: Int?

        init(variable: String, slot: Int, source: Compiled, join: (index: Compiled, probe: Compiled, cache: Int?)?,
             expression: Expression?, sourceFact: Int?, sourceCollection: Int?,
             lookups: [Int: (key: Compiled.Run, probe: Compiled.Run, cache: Int?)] = [:]) {
            self.lookups = lookups
            self.variable = variable
            self.slot = slot
            self.source = source
            self.join = join
            joinKey = join?.index.run
            joinProbe = join?.probe.run
            joinCache = join?.cache
            self.expression = expression
            self.sourceFact = sourceFact
            self.sourceCollection = sourceCollection
        }
    }

    final class Condition: Sendable {
        let compiled: Compiled
        let run: Compiled.Run
        let expression: Expression
        let text: String
        let location: SourceLocation
        /// 0: checked before any binding; k: checked once binding k-1 is made.
        let level: Int

        init(compiled: Compiled, expression: Expression, text: String, location: SourceLocation, level: Int) {
            self.compiled = compiled
            run = compiled.run
            self.expression = expression
            self.text = text
            self.location = location
            self.level = level
        }
    }

    final class Action: Sendable {
        enum Kind: String, Sendable { case set, add, append }
        let kind: Kind
        let target: Int
        let value: Compiled
        let location: SourceLocation

        init(kind: Kind, target: Int, value: Compiled, location: SourceLocation) {
            self.kind = kind
            self.target = target
            self.value = value
            self.location = location
        }
    }

    let id: String
    let location: SourceLocation
    let salience: Int
    let bindings: [Binding]
    let conditions: [Condition]
    /// `conditions` grouped by level.
    let levels: [[Condition]]
    let actions: [Action]
    /// The actions whose value must be computed (not constants).
    let computedActions: [Action]
    /// Whether an action's value reads a fact an earlier action of this
    /// rule writes, so the values must be worked out one after another.
    let actionsReadEarlierTargets: Bool
    /// The facts the conditions read, in the order they name them.
    let conditionReads: [Int]
    /// Whether matching reads any fact at all (through a binding's source or
    /// a condition); when not, a firing has no reads to record.
    let matchReadsFacts: Bool
    let because: Compiled?
    let becauseText: String?
    let reads: Set<Int>
    /// `reads`, in order.
    let readList: [Int]
    let writes: Set<Int>
    let slotCount: Int

    init(id: String, location: SourceLocation, salience: Int, bindings: [Binding], conditions: [Condition],
         levels: [[Condition]], actions: [Action], because: Compiled?, becauseText: String?,
         reads: Set<Int>, writes: Set<Int>, slotCount: Int, factName: (Int) -> String) {
        self.id = id
        self.location = location
        self.salience = salience
        self.bindings = bindings
        self.conditions = conditions
        self.levels = levels
        self.actions = actions
        computedActions = actions.filter { $0.value.constant == nil }
        actionsReadEarlierTargets = actions.indices.contains { index in
            actions[..<index].contains { actions[index].value.reads.contains($0.target) }
        }
        conditionReads = CompiledRule.inWrittenOrder(conditions, factName: factName)
        matchReadsFacts = bindings.contains { !$0.source.reads.isEmpty } || !conditionReads.isEmpty
        self.because = because
        self.becauseText = becauseText
        self.reads = reads
        readList = reads.sorted()
        self.writes = writes
        self.slotCount = slotCount
    }

    /// The facts the conditions read, in the order the conditions name them.
    private static func inWrittenOrder(_ conditions: [Condition], factName: (Int) -> String) -> [Int] {
        var order: [Int] = []
        for condition in conditions {
            let new = condition.compiled.reads.filter { !order.contains($0) }
            // One fact new here, the commonest case, needs no search.
            if new.count <= 1 {
                order += new
                continue
            }
            let named = new.map { id in
                (id, condition.text.firstRange(of: factName(id))?.lowerBound ?? condition.text.endIndex)
            }
            order += named.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map(\.0)
        }
        return order
    }
}
