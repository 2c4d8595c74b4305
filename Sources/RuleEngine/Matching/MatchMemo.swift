/// Matches remembered from earlier inferences over one rule base, so a rule
/// whose facts have the same values as before is not matched again.
///
/// Matching a rule depends only on the facts it reads (collections included,
/// which are computed from facts), so a remembered match is the match. A
/// session that runs the rules after every answer hands the same memo to
/// each run; most rules then read what they read the time before.
///
/// ```swift
/// let memo = MatchMemo(for: ruleBase)
/// let first = try engine.infer(answers, memo: memo)
/// let second = try engine.infer(moreAnswers, memo: memo)   // matches the changed rules only
/// ```
///
/// It also keeps whole inferences by the answers they ran over, and the
/// decisions made about them: an inference depends on nothing but its
/// answers, so one over answers seen before is the one seen then
/// (``Engine/infer(_:remembering:deciding:)``; a combination of values
/// tried while settling that is one of them is not run again). A session
/// asks about the same answers several times: the answer it checks is the
/// one it then runs the rules over.
///
/// Not for sharing between threads.
public final class MatchMemo {
    struct Entry {
        /// The values of the rule's facts, in `CompiledRule.readList` order.
        let inputs: [Value?]
        let matches: [Matcher.Match]
        let undecided: Set<Int>
    }

    /// The most recent states kept for each rule: a rule is matched a few
    /// times in one inference, as the facts it reads are concluded.
    static let entriesPerRule = 8

    let ruleBase: RuleBase
    private var entries: [[Entry]]

    /// An inference kept whole, with its decisions once they are made.
    struct Remembered {
        let inference: Inference
        var decisions: [Int: Decision]?
    }

    /// The most inferences kept whole; the oldest goes first. A session
    /// asks again about the answers of the last few (each holds its firings,
    /// so they are not kept for long).
    static let inferencesKept = 16

    private var inferences: [[String: Value]: Remembered] = [:]
    /// The answers of the inferences kept, oldest first.
    private var inferenceOrder: [[String: Value]] = []
    /// Fact id → the values tried for it while settling (nil: not tried one
    /// by one), worked out once.
    private var trialValues: [Int: [Value]?] = [:]

    public init(for ruleBase: RuleBase) {
        self.ruleBase = ruleBase
        entries = Array(repeating: [], count: ruleBase.rules.count)
    }

    /// The remembered match of `rule` over facts with these values.
    func match(of rule: Int, reading reads: [Int], in values: [Value?]) -> Entry? {
        // NB: the entries are compared through buffers, so looking at one
        // neither copies nor retains it; only the one found is copied out.
        let found = entries[rule].withUnsafeBufferPointer { list in
            reads.withUnsafeBufferPointer { reads in
                values.withUnsafeBufferPointer { values in
                    list.firstIndex { MatchMemo.same($0.inputs, reads, values) }
                }
            }
        }
        guard let position = found else { return nil }
        if position > 0 {
            // The most recent first.
            entries[rule].withUnsafeMutableBufferPointer { list in
                for index in stride(from: position, to: 0, by: -1) { list.swapAt(index, index - 1) }
            }
        }
        return entries[rule][0]
    }

    /// Whether `inputs` are the values of the facts `reads` in `values`.
    private static func same(_ inputs: [Value?], _ reads: UnsafeBufferPointer<Int>, _ values: UnsafeBufferPointer<Value?>) -> Bool {
        inputs.withUnsafeBufferPointer { inputs in
            for position in 0..<reads.count where inputs[position] != values[reads[position]] { return false }
            return true
        }
    }

    func remember(_ entry: Entry, of rule: Int) {
        entries[rule].insert(entry, at: 0)
        if entries[rule].count > MatchMemo.entriesPerRule { entries[rule].removeLast() }
    }
}

extension MatchMemo {
    /// The inference kept over exactly these answers.
    func inference(over answers: [String: Value]) -> Inference? {
        inferences[answers]?.inference
    }

    /// Keeps `inference`, the run over `answers` (undecided: its decisions
    /// are kept apart, with ``remember(_:decidedOver:values:)``).
    func remember(_ inference: Inference, over answers: [String: Value]) {
        guard inferences[answers] == nil else { return }
        if inferenceOrder.count >= MatchMemo.inferencesKept {
            inferences[inferenceOrder.removeFirst()] = nil
        }
        inferences[answers] = Remembered(inference: inference)
        inferenceOrder.append(answers)
    }

    /// The decisions made about the inference over `answers`, when it is
    /// the one kept: its facts have `values`.
    func decisions(over answers: [String: Value], values: [Value?]) -> [Int: Decision]? {
        guard let kept = inferences[answers], let decisions = kept.decisions, kept.inference.values == values else { return nil }
        return decisions
    }

    /// Keeps the decisions about the inference over `answers`, when it is
    /// the one kept.
    func remember(_ decisions: [Int: Decision], decidedOver answers: [String: Value], values: [Value?]) {
        guard let kept = inferences[answers], kept.inference.values == values else { return }
        inferences[answers]?.decisions = decisions
    }

    /// The values tried for fact `id` while settling, worked out once.
    func trialValues(of id: Int, _ make: () -> [Value]?) -> [Value]? {
        if let known = trialValues[id] { return known }
        let values = make()
        trialValues[id] = .some(values)
        return values
    }
}

extension Engine {
    /// ``infer(_:memo:deciding:)``, or the inference `memo` keeps over the
    /// same answers, which is the same: a run depends on its answers alone.
    /// The inference made is kept, and so are its decisions once made
    /// (here or by ``decide(_:memo:)`` with the same memo).
    public func infer(_ answers: [String: Value], remembering memo: MatchMemo,
                      deciding: Bool = true) throws(InferenceError) -> Inference {
        var inference: Inference
        if memo.ruleBase === ruleBase, let kept = memo.inference(over: answers) {
            inference = kept
        } else {
            inference = try infer(answers, memo: memo, deciding: false)
            if memo.ruleBase === ruleBase { memo.remember(inference, over: answers) }
        }
        if deciding { try decide(&inference, memo: memo) }
        return inference
    }
}
