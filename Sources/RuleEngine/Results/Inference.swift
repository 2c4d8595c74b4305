/// A rule firing, as recorded for explanations.
struct Firing: Sendable {
    let rule: Int
    /// The bound items, in the order of the rule's bindings.
    let items: [Value]
    /// Where in the run's log of reads the known facts this firing read
    /// stand, with the values it saw; and its changes in the log of changes.
    /// (One log for all firings spares two arrays a firing.)
    let reads: Range<Int>
    let changes: Range<Int>
    let because: String?
}

/// Everything the firings of one run read and changed, in firing order.
struct FiringLog: Sendable {
    var firings: [Firing] = []
    /// Each fact a firing read, with its value then; nil for a list or set
    /// the rules grow, whose value is told again from the changes
    /// (``Inference/readValue(_:firing:)``).
    var reads: [(id: Int, value: Value?)] = []
    var changes: [FactChange] = []
}

/// What inference concluded from a set of answers, and how.
public struct Inference: Sendable {
    public let ruleBase: RuleBase
    let values: [Value?]
    let log: FiringLog
    var firings: [Firing] { log.firings }
    /// Rule index → unknown facts that kept it (or one of its actions) from
    /// deciding.
    let undecided: [Set<Int>]
    /// Fact index → the decision about each fact marked `settle: true`.
    var decisions: [Int: Decision] = [:] {
        didSet {
            let open = Set(decisions.compactMap { $0.value == .settled ? nil : $0.key })
            let settled = Set(decisions.compactMap { $0.value == .settled ? $0.key : nil })
            firmness = open.isEmpty ? Firmness() : Firmness(log: log, open: open, settled: settled)
        }
    }
    /// What rests on the decisions still open.
    private(set) var firmness = Firmness()
    /// The answers the inference ran over.
    var answers: [String: Value] = [:]
    /// Whether the decisions were made (``Engine/decide(_:memo:)``).
    public internal(set) var isDecided = false
    /// How many rules the run matched and items its matching and
    /// comprehensions looked at.
    var itemsVisited = 0

    /// The value of a fact at the fixed point; nil when unknown.
    public func value(of fact: String) -> Value? {
        ruleBase.factIndex[fact].flatMap { values[$0] }
    }

    /// Whether the answers decide a fact marked `settle: true`, or which open
    /// answers could still change it; nil for any other fact.
    public func decision(of fact: String) -> Decision? {
        ruleBase.factIndex[fact].flatMap { decisions[$0] }
    }

    /// The value of a fact as far as the answers decide it: nil for a
    /// decision still open and for a fact concluded from one; of a list or
    /// set, the items that rest on no open decision.
    public func settledValue(of fact: String) -> Value? {
        guard let id = ruleBase.factIndex[fact], let value = values[id] else { return nil }
        if firmness.shaky.contains(id) { return nil }
        guard let items = firmness.firmItems[id] else { return value }
        if case .set = value { return .makeSet(items) }
        return .list(items)
    }

    /// A collection's records as they stand at the fixed point: computed
    /// fields over unknown facts are missing.
    public func collection(named name: String) -> [Record]? {
        guard let index = ruleBase.collectionIndex[name] else { return nil }
        let memory = WorkingMemory(ruleBase: ruleBase, values: values)
        let context = EvaluationContext(memory: memory, slots: ruleBase.slotCount)
        return memory.collection(index, in: context)?.elements?.compactMap {
            if case .record(let record) = $0 { record } else { nil }
        }
    }

    /// The ids of the rules that fired, in firing order (repeated once per
    /// binding).
    public var firedRules: [String] { firings.map { ruleBase.rules[$0.rule].id } }

    /// Every firing, in order, in the engine's words.
    public var trace: [FiringRecord] { firings.indices.map(record(at:)) }

    /// The known values of every derived fact: what the rules concluded.
    public var conclusions: [String: Value] {
        var result: [String: Value] = [:]
        for (id, info) in ruleBase.facts.enumerated() where info.role == .derived {
            if let value = values[id] { result[info.name] = value }
        }
        return result
    }

    /// Answers not yet given that would let more rules decide, in the order
    /// the pack declares them. A derived fact that is unknown stands for the
    /// answers that would decide the rules concluding it.
    public var openFacts: [String] {
        var wanted = [Bool](repeating: false, count: values.count)
        var visited = [Bool](repeating: false, count: values.count)
        var work: [Int] = []
        for facts in undecided where !facts.isEmpty { work.append(contentsOf: facts) }
        while let id = work.popLast() {
            guard !visited[id] else { continue }
            visited[id] = true
            guard values[id] == nil else { continue }
            if ruleBase.isInput[id] {
                wanted[id] = true
            } else {
                for rule in ruleBase.writers[id] { work.append(contentsOf: undecided[rule]) }
            }
        }
        return wanted.indices.filter { wanted[$0] }.map { ruleBase.facts[$0].name }
    }

    /// Whether every rule that could conclude `fact` has decided: none waits
    /// for an unknown fact, so no answer yet to come can add to it.
    public func isComplete(_ fact: String) -> Bool {
        guard let id = ruleBase.factIndex[fact] else { return false }
        return ruleBase.writers[id].allSatisfy { undecided[$0].isEmpty }
    }

    /// The rules that could not decide, with the unknown facts they wait for.
    public var undecidedRules: [(rule: String, waitingFor: [String])] {
        undecided.enumerated().compactMap { index, facts in
            facts.isEmpty ? nil : (ruleBase.rules[index].id, facts.sorted().map { ruleBase.facts[$0].name })
        }
    }

    /// How a fact came to have its value: the firings that changed it, and
    /// for each the facts it read, traced back to the answers.
    public func explain(_ fact: String) -> Explanation? {
        guard let id = ruleBase.factIndex[fact] else { return nil }
        var shown = Set<[Int]>()
        return explanation(of: id, value: values[id], before: firings.count, depth: 0, shown: &shown)
    }

    /// How fact `id` came to hold `value`, from the firings before `cutoff`:
    /// each premise is explained as the firing saw it, by the firings
    /// before that one. A part already explained is not repeated, so the
    /// explanation grows with the firings, not with the paths between them.
    private func explanation(of id: Int, value: Value?, before cutoff: Int, depth: Int,
                             shown: inout Set<[Int]>) -> Explanation {
        let info = ruleBase.facts[id]
        guard let value else { return .unknown(fact: info.name) }
        if info.role == .input { return .answer(fact: info.name, value: value) }
        let indices = firings[..<cutoff].indices.filter { index in log.changes[firings[index].changes].contains { $0.id == id } }
        guard shown.insert([id, indices.last ?? -1]).inserted else { return .repeated(fact: info.name, value: value) }
        guard depth < Inference.explanationDepth else { return .elided(fact: info.name, value: value) }
        let steps = indices.map { index in
            let firing = firings[index]
            return Explanation.Step(
                firing: record(at: index),
                premises: log.reads[firing.reads].filter { $0.id != id }.map {
                    explanation(of: $0.id, value: readValue($0, firing: index), before: index, depth: depth + 1, shown: &shown)
                }
            )
        }
        return .derived(fact: info.name, value: value, steps: steps)
    }

    /// Chains of rules longer than this are cut short in explanations.
    static let explanationDepth = 32

    /// The value a firing read: as the log kept it, or, for a list or set
    /// the rules grow, told again from the changes up to that firing's own.
    private func readValue(_ read: (id: Int, value: Value?), firing index: Int) -> Value {
        if let value = read.value { return value }
        let asSet = ruleBase.facts[read.id].type.kind == .set
        var value: Value = asSet ? .set([]) : .list([])
        for firing in firings[...index] {
            for change in log.changes[firing.changes] where change.id == read.id {
                if change.isAppend {
                    _ = value.insert(change.after)
                } else {
                    value = change.after
                }
            }
        }
        return value
    }

    private func record(at index: Int) -> FiringRecord {
        let firing = firings[index]
        let rule = ruleBase.rules[firing.rule]
        return FiringRecord(
            rule: rule.id,
            location: rule.location,
            binding: zip(rule.bindings, firing.items).map { ($0.variable, $1) },
            reads: log.reads[firing.reads].map { (ruleBase.facts[$0.id].name, readValue($0, firing: index)) },
            changes: log.changes[firing.changes].map {
                FiringRecord.Change(fact: ruleBase.facts[$0.id].name, before: $0.before, after: $0.after, isAppend: $0.isAppend)
            },
            because: firing.because
        )
    }

    /// The conclusions that differ in `other`, by fact name.
    public func changes(to other: Inference) -> [ConclusionChange] {
        ruleBase.facts.enumerated().compactMap { id, info in
            guard info.role == .derived, values[id] != other.values[id] else { return nil }
            return ConclusionChange(fact: info.name, before: values[id], after: other.values[id])
        }
    }
}

/// A fact a firing changed: from `before` to `after`, or, for an append,
/// the item added (`after`) to the list or set.
struct FactChange: Sendable {
    let id: Int
    let before: Value?
    let after: Value
    let isAppend: Bool
    /// An `add`: the new value builds on the one before.
    var isAdd = false
}

/// One firing: which rule, for which binding, on which facts, to what effect.
public struct FiringRecord: Sendable {
    /// A fact the firing changed: set from `before` to `after`, or, when
    /// `isAppend`, given the item `after`.
    public struct Change: Sendable {
        public let fact: String
        public let before: Value?
        public let after: Value
        public let isAppend: Bool
    }

    public let rule: String
    public let location: SourceLocation
    public let binding: [(variable: String, value: Value)]
    public let reads: [(fact: String, value: Value)]
    public let changes: [Change]
    public let because: String?
}

/// The chain of firings and answers behind a fact's value.
public indirect enum Explanation: Sendable {
    /// A fact the candidate gave.
    case answer(fact: String, value: Value)
    /// A fact rules concluded, with each firing that changed it.
    case derived(fact: String, value: Value, steps: [Step])
    case unknown(fact: String)
    /// Explained earlier in the same explanation.
    case repeated(fact: String, value: Value)
    /// Concluded by a chain of rules too long to show.
    case elided(fact: String, value: Value)

    public struct Step: Sendable {
        public let firing: FiringRecord
        /// What the firing read, each explained in turn.
        public let premises: [Explanation]
    }

    public var fact: String {
        switch self {
        case .answer(let fact, _), .derived(let fact, _, _), .unknown(let fact),
             .repeated(let fact, _), .elided(let fact, _): fact
        }
    }

    /// The explanation as indented lines, for a terminal or a test.
    public var lines: [String] {
        var out: [String] = []
        render(into: &out, indent: "")
        return out
    }

    private func render(into out: inout [String], indent: String) {
        switch self {
        case .answer(let fact, let value):
            out.append("\(indent)\(fact) = \(value.brief) (answered)")
        case .unknown(let fact):
            out.append("\(indent)\(fact) is unknown")
        case .repeated(let fact, let value):
            out.append("\(indent)\(fact) = \(value.brief) (explained above)")
        case .elided(let fact, let value):
            out.append("\(indent)\(fact) = \(value.brief) (by a longer chain of rules)")
        case .derived(let fact, let value, let steps):
            out.append("\(indent)\(fact) = \(value.brief)")
            for step in steps {
                var line = "\(indent)  by rule \(step.firing.rule)"
                if !step.firing.binding.isEmpty {
                    line += " for " + step.firing.binding.map { "\($0.variable) = \(($0.value.recordID ?? $0.value).literal)" }.joined(separator: ", ")
                }
                if let because = step.firing.because { line += ": \(because)" }
                out.append(line)
                for premise in step.premises { premise.render(into: &out, indent: indent + "    ") }
            }
        }
    }
}

/// A conclusion that a what-if question would change.
public struct ConclusionChange: Equatable, Sendable {
    public let fact: String
    public let before: Value?
    public let after: Value?
}

extension Value {
    /// The value as the expression language writes it, cut short past 60
    /// characters so an explanation stays readable.
    var brief: String {
        let text = literal
        return text.count > 60 ? String(text.prefix(59)) + "…" : text
    }

    /// A record's `id` field, which names it in explanations.
    public var recordID: Value? {
        if case .record(let record) = self { return record["id"] }
        return nil
    }
}
