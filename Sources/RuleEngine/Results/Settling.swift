/// Whether a conclusion is decided by the answers given, whatever the
/// answers not yet given turn out to be.
///
/// A pack marks the conclusions it only wants to state once they are
/// certain with `settle: true`:
///
/// ```yaml
/// facts:
///   pattern: {type: choice, values: [generalist, reader], derived: true, settle: true}
/// ```
///
/// When an inference over answers is decided (``Engine/infer(_:memo:deciding:)``,
/// or later with ``Engine/decide(_:memo:)``), every such fact is *settled*
/// when no value the open answers could take would change it, and *open*
/// otherwise, with the answers that could decide it.
public enum Decision: Sendable, Equatable {
    /// Every value the open answers could take leaves the conclusion as it is
    /// (known, or unknown for good).
    case settled
    /// Some value of these open answers (in the pack's order) could change
    /// the conclusion.
    case open(deciding: [String])
}

extension Engine {
    /// At most this many combinations of open answers are tried for one
    /// conclusion; with more, the conclusion is taken as open.
    static let settlingBudget = 256

    /// The decisions about the facts marked `settle: true`, given the
    /// inference over `answers`.
    ///
    /// An answer is open for a conclusion when it is not given and a rule on
    /// the way to the conclusion waits for it (see *Unknown facts* in
    /// docs/rules.md). The conclusion is settled when inference over every
    /// combination of values of those answers gives it the value it has: all
    /// values of a yes/no or choice answer; every subset of a set of up to six
    /// values, and for larger sets the empty and the full set, each single
    /// value, each set without one value and the first k values for every k;
    /// for a number between declared bounds, the bounds and every number the
    /// pack writes within them, with the whole numbers either side. A
    /// conclusion waiting for an answer of another type (a date, free text),
    /// or for more combinations than ``settlingBudget``, is open.
    func settle(_ inference: Inference, answers: [String: Value], memo: MatchMemo?) throws(InferenceError) -> [Int: Decision] {
        // Decided before, over the same answers (and so the same inference).
        let memo = memo?.ruleBase === ruleBase ? memo : nil
        if let kept = memo?.decisions(over: answers, values: inference.values) { return kept }
        let decisions = try settling(inference, answers: answers, memo: memo)
        memo?.remember(decisions, decidedOver: answers, values: inference.values)
        return decisions
    }

    private func settling(_ inference: Inference, answers: [String: Value], memo: MatchMemo?) throws(InferenceError) -> [Int: Decision] {
        var decisions: [Int: Decision] = [:]
        // Conclusions waiting for the same answers are tried together.
        var groups: [[Int]: [Int]] = [:]
        for (id, leading) in ruleBase.settling {
            let deciding = openAnswers(waitedForBy: leading, in: inference)
            if deciding.isEmpty {
                decisions[id] = .settled
            } else {
                groups[deciding, default: []].append(id)
            }
        }
        guard !groups.isEmpty else { return decisions }
        for (deciding, facts) in groups.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
            let open = Decision.open(deciding: deciding.map { ruleBase.facts[$0].name })
            var unsettled = Set(facts)
            if let choices = trialValues(for: deciding, memo: memo) {
                unsettled = try differing(facts, from: inference, trying: choices, for: deciding, answers: answers, memo: memo)
            }
            for fact in facts { decisions[fact] = unsettled.contains(fact) ? open : .settled }
        }
        return decisions
    }

    /// The values to try for each open answer; nil when there is one whose
    /// values cannot be tried, or more combinations than the budget.
    private func trialValues(for deciding: [Int], memo: MatchMemo?) -> [[Value]]? {
        var choices: [[Value]] = []
        var combinations = 1
        for fact in deciding {
            let make = { ruleBase.facts[fact].type.trialValues(landmarks: ruleBase.landmarks) }
            guard let values = memo.map({ $0.trialValues(of: fact, make) }) ?? make() else { return nil }
            combinations *= values.count
            guard combinations <= Engine.settlingBudget else { return nil }
            choices.append(values)
        }
        return choices
    }

    /// Of `facts`, those whose value some combination of the choices for the
    /// open answers changes.
    private func differing(_ facts: [Int], from inference: Inference, trying choices: [[Value]], for deciding: [Int],
                           answers: [String: Value], memo: MatchMemo?) throws(InferenceError) -> Set<Int> {
        var differing = Set<Int>()
        var odometer = [Int](repeating: 0, count: choices.count)
        var trial = answers
        // The rules that read the open answers, when what they read is
        // fixed for a whole run, and none of them matches without the
        // answers: then a combination under which none matches either
        // leaves every run as it is, and changes nothing.
        let readers = Array(Set(deciding.flatMap { ruleBase.readers[$0] })).sorted()
        let quiet = readers.allSatisfy { ruleBase.rules[$0].readList.allSatisfy { ruleBase.writers[$0].isEmpty } }
            && matchNothing(readers, over: answers)
        while differing.count < facts.count {
            for (position, fact) in deciding.enumerated() {
                trial[ruleBase.facts[fact].name] = choices[position][odometer[position]]
            }
            // A combination the memo has run (answered so) is not run again.
            let values: [Value?]
            if quiet, matchNothing(readers, over: trial) {
                values = inference.values
            } else if let kept = memo?.inference(over: trial) {
                values = kept.values
            } else {
                values = try infer(try prepare(trial, memo: memo)).values
            }
            for fact in facts where values[fact] != inference.values[fact] { differing.insert(fact) }
            var position = 0
            while position < odometer.count {
                odometer[position] += 1
                if odometer[position] < choices[position].count { break }
                odometer[position] = 0
                position += 1
            }
            if position == odometer.count { break }
        }
        return differing
    }

    /// Whether none of `rules` has a binding whose conditions hold over
    /// `answers` as a run starts (none fails either). For rules that read
    /// only facts no rule writes, that is how they match all through the
    /// run: they never fire.
    ///
    /// A run over answers that differ only in facts such rules alone read,
    /// none of them firing in either, fires the same rules on the same
    /// facts: its conclusions are the same.
    private func matchNothing(_ rules: [Int], over answers: [String: Value]) -> Bool {
        // The facts as `prepare` sets them; anything it would refuse is
        // left to the run itself.
        var values = [Value?](repeating: nil, count: ruleBase.facts.count)
        for (name, value) in answers {
            guard let id = ruleBase.factIndex[name], ruleBase.facts[id].role == .input,
                  ruleBase.facts[id].type.problem(with: value) == nil else { return false }
            values[id] = ruleBase.facts[id].type.normalized(value)
        }
        let context = EvaluationContext(memory: WorkingMemory(ruleBase: ruleBase, values: values), slots: ruleBase.slotCount)
        for rule in rules {
            // No match is nil when a condition is false, empty when one is
            // unknown; an evaluation error is left to the run.
            var unknown = Set<Int>()
            let matches = Matcher(rule: ruleBase.rules[rule], context: context).match(undecided: &unknown) ?? []
            guard context.failure == nil, matches.isEmpty else { return false }
        }
        return true
    }

    /// The answers not given that the rules leading to a conclusion wait
    /// for, directly or through derived facts, in the pack's order.
    private func openAnswers(waitedForBy leading: Set<Int>, in inference: Inference) -> [Int] {
        var open = Set<Int>()
        var visited = Set<Int>()
        var work: [Int] = []
        for rule in leading { work.append(contentsOf: inference.undecided[rule]) }
        while let fact = work.popLast() {
            guard visited.insert(fact).inserted, inference.values[fact] == nil else { continue }
            if ruleBase.isInput[fact] {
                open.insert(fact)
            } else {
                for rule in ruleBase.writers[fact] { work.append(contentsOf: inference.undecided[rule]) }
            }
        }
        return open.sorted()
    }
}


extension Value {
    /// The facts the computed fields of the records in this value were
    /// worked out from.
    var computedSources: [Int] {
        switch self {
        case .record(let record):
            record.provenance.flatMap(\.sources) + record.fields.flatMap(\.value.computedSources)
        case .list(let items), .set(let items):
            items.flatMap(\.computedSources)
        default:
            []
        }
    }
}

extension RuleBase {
    /// The rules that can change `fact`: its writers, and the writers of
    /// every derived fact they read, back to the answers.
    static func leadingRules(to fact: Int, rules: [CompiledRule], writers: [[Int]], isInput: [Bool]) -> Set<Int> {
        var leading = Set<Int>()
        var facts = [fact]
        var seen: Set<Int> = [fact]
        while let next = facts.popLast() {
            for rule in writers[next] where leading.insert(rule).inserted {
                for read in rules[rule].reads where !isInput[read] && seen.insert(read).inserted {
                    facts.append(read)
                }
            }
        }
        return leading
    }

    /// Every number the pack writes: its constants, the numbers in its
    /// conditions, and the numeric fields of its collections' records. The
    /// places where a comparison over a numeric answer can turn.
    static func landmarks(constants: [String: Value], collections: [CollectionInfo], rules: [CompiledRule]) -> [Double] {
        var numbers = Set<Double>()
        func gather(_ value: Value) {
            switch value {
            case .number(let x): numbers.insert(x)
            case .record(let record): for field in record.fields { gather(field.value) }
            case .list(let items), .set(let items): items.forEach(gather)
            default: break
            }
        }
        constants.values.forEach(gather)
        for collection in collections { if let literal = collection.literal { gather(literal) } }
        for rule in rules {
            for condition in rule.conditions { condition.expression.gatherNumbers(into: &numbers) }
        }
        return numbers.sorted()
    }
}

extension Expression {
    func gatherNumbers(into numbers: inout Set<Double>) {
        switch kind {
        case .number(let x): numbers.insert(x)
        case .string, .bool, .name: break
        case .field(let base, _): base.gatherNumbers(into: &numbers)
        case .unary(_, let operand): operand.gatherNumbers(into: &numbers)
        case .binary(_, let left, let right):
            left.gatherNumbers(into: &numbers)
            right.gatherNumbers(into: &numbers)
        case .call(_, let arguments), .set(let arguments), .list(let arguments):
            for argument in arguments { argument.gatherNumbers(into: &numbers) }
        case .comprehension(let c):
            for part in [c.element, c.source, c.filter, c.order].compactMap({ $0 }) { part.gatherNumbers(into: &numbers) }
        case .conditional(let condition, let then, let otherwise):
            for part in [condition, then, otherwise] { part.gatherNumbers(into: &numbers) }
        case .duration(let amount, _): amount.gatherNumbers(into: &numbers)
        }
    }
}

extension FactType {
    /// The values tried for an open answer of this type when deciding whether
    /// a conclusion is settled (see ``Engine/settle(_:answers:memo:)``); nil
    /// for a type whose values cannot be tried one by one.
    func trialValues(landmarks: [Double]) -> [Value]? {
        switch self {
        case .bool:
            return [.bool(false), .bool(true)]
        case .text(let values?):
            return values.map { .string($0) }
        case .number(let low?, let high?, let integer):
            var numbers: Set<Double> = [low, high]
            for landmark in landmarks where landmark >= low - 1 && landmark <= high + 1 {
                for x in [landmark - 1, landmark, landmark + 1] where x >= low && x <= high {
                    numbers.insert(integer ? x.rounded(.down) : x)
                }
            }
            return numbers.sorted().map { .number($0) }
        case .set(.text(let values?)):
            let items = values.map { Value.string($0) }
            var subsets: [[Value]] = []
            if items.count <= 6 {
                for mask in 0..<(1 << items.count) {
                    subsets.append(items.indices.filter { mask & (1 << $0) != 0 }.map { items[$0] })
                }
            } else {
                for k in 0...items.count { subsets.append(Array(items.prefix(k))) }
                for index in items.indices {
                    subsets.append([items[index]])
                    var others = items
                    others.remove(at: index)
                    subsets.append(others)
                }
            }
            var seen = Set<Value>()
            return subsets.map { Value.makeSet($0) }.filter { seen.insert($0).inserted }
        case .either(let types):
            var values: [Value] = []
            for type in types {
                guard let some = type.trialValues(landmarks: landmarks) else { return nil }
                values += some
            }
            return values
        default:
            return nil
        }
    }
}
