/// The conclusions an answer leads to through the rules, worked out once:
/// whether a reported conclusion that is not settled (`output: true`)
/// follows from it, and which conclusions marked `settle: true` do. See
/// ``Inference/couldChange(byAnswering:open:reach:)``.
public struct AnswerReach: Sendable {
    let fact: String
    /// Some fact the answer leads to is reported and not settled.
    let reachesOutput: Bool
    /// The facts marked `settle: true` it leads to.
    let settles: [Int]
}

extension RuleBase {
    /// What answering `fact` can lead to: every fact the readers of it
    /// write, and the readers of those, and so on (the answer itself aside).
    public func reach(ofAnswer fact: String) -> AnswerReach {
        guard let start = factIndex[fact] else { return AnswerReach(fact: fact, reachesOutput: false, settles: []) }
        var seen: Set<Int> = [start]
        var work = [start]
        var reachesOutput = false
        var settles: [Int] = []
        while let id = work.popLast() {
            for rule in readers[id] {
                for written in rules[rule].writes where seen.insert(written).inserted {
                    work.append(written)
                    if facts[written].settles {
                        settles.append(written)
                    } else if facts[written].isOutput {
                        reachesOutput = true
                    }
                }
            }
        }
        return AnswerReach(fact: fact, reachesOutput: reachesOutput, settles: settles)
    }
}

extension Inference {
    /// Whether giving `fact` could change what is reported: some rule waits
    /// for it, and it leads to a reported conclusion (`output: true` or
    /// `settle: true`) that is not settled already. Nil when that turns on
    /// decisions not made yet (``Engine/decide(_:memo:)``).
    public func couldChange(byAnswering fact: String) -> Bool? {
        couldChange(byAnswering: fact, open: Set(openFacts))
    }

    /// ``couldChange(byAnswering:)`` with ``openFacts`` worked out once for
    /// several questions.
    public func couldChange(byAnswering fact: String, open: Set<String>) -> Bool? {
        couldChange(byAnswering: fact, open: open, reach: ruleBase.reach(ofAnswer: fact))
    }

    /// ``couldChange(byAnswering:open:)`` with what the answer leads to
    /// worked out once (``RuleBase/reach(ofAnswer:)``).
    public func couldChange(byAnswering fact: String, open: Set<String>, reach: AnswerReach) -> Bool? {
        guard ruleBase.factIndex[fact] != nil, open.contains(fact) else { return false }
        let reach = reach.fact == fact ? reach : ruleBase.reach(ofAnswer: fact)
        if reach.reachesOutput { return true }
        guard !reach.settles.isEmpty else { return false }
        guard isDecided else { return nil }
        return reach.settles.contains { id in
            if case .open(let deciding)? = decisions[id] { deciding.contains(fact) } else { false }
        }
    }
}
