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

    public init(for ruleBase: RuleBase) {
        self.ruleBase = ruleBase
        entries = Array(repeating: [], count: ruleBase.rules.count)
    }

    /// The remembered match of `rule` over facts with these values.
    func match(of rule: Int, reading reads: [Int], in values: [Value?]) -> Entry? {
        for position in entries[rule].indices where MatchMemo.same(entries[rule][position].inputs, reads, values) {
            let entry = entries[rule][position]
            if position > 0 {
                entries[rule].remove(at: position)
                entries[rule].insert(entry, at: 0)
            }
            return entry
        }
        return nil
    }

    /// Whether `inputs` are the values of the facts `reads` in `values`.
    private static func same(_ inputs: [Value?], _ reads: [Int], _ values: [Value?]) -> Bool {
        inputs.withUnsafeBufferPointer { inputs in
            values.withUnsafeBufferPointer { values in
                for (position, id) in reads.enumerated() where inputs[position] != values[id] { return false }
                return true
            }
        }
    }

    func remember(_ entry: Entry, of rule: Int) {
        entries[rule].insert(entry, at: 0)
        if entries[rule].count > MatchMemo.entriesPerRule { entries[rule].removeLast() }
    }
}
