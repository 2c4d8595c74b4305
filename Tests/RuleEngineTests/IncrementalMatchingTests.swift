import Testing
@testable import RuleEngine

/// What the engine does to match less: rules matched again only when they
/// could fire next, action values kept from the match, and matches
/// remembered across inferences. None of it may change what an inference
/// concludes, the order of its firings or how it explains them.
@Suite struct IncrementalMatchingTests {
    /// A lower rule reads a fact higher rules change many times; it fires
    /// once, with the last value.
    @Test func aRuleBelowTheFiringsSeesTheirLastValue() throws {
        let inference = try EnginePack.infer("""
            collections:
              parts: [{id: a, size: 3}, {id: b, size: 4}, {id: c, size: 5}]
            rules:
              - id: count
                salience: 10
                for: p in parts
                then: [{add: total, by: = p.size}]
              - id: report
                then: [{set: seen, to: = total}]
            """)
        #expect(inference.firedRules == ["count", "count", "count", "report"])
        #expect(inference.value(of: "seen") == .number(12))
    }

    /// A firing that makes a higher rule's condition true lets that rule
    /// fire before the next activation of a lower one that was waiting.
    @Test func aHigherRuleWokenByALowerFiringGoesFirst() throws {
        let inference = try EnginePack.infer("""
            rules:
              - id: top
                salience: 10
                when: known(flag)
                then: [{append: log, item: top}]
              - id: raise
                salience: 5
                then: [{set: flag, to: true}, {append: log, item: raise}]
              - id: bottom
                salience: 1
                then: [{append: log, item: bottom}]
            """)
        #expect(inference.firedRules == ["raise", "top", "bottom"])
        #expect(inference.value(of: "log") == EV.texts("raise", "top", "bottom"))
    }

    /// Rules matched lazily still say what they wait for at the end.
    @Test func undecidedRulesAreReportedAfterLazyMatching() throws {
        let inference = try EnginePack.infer("""
            facts:
              level: {type: number}
            rules:
              - id: first
                salience: 10
                then: [{set: base, to: 2}]
              - id: waits
                when: base > 1 and level > 3
                then: [{set: result, to: yes}]
            """)
        #expect(inference.undecidedRules.map(\.rule) == ["waits"])
        #expect(inference.undecidedRules.first?.waitingFor == ["level"])
        #expect(inference.openFacts == ["level"])
    }

    /// An action that reads what an earlier action of its rule just wrote
    /// sees the new value, not the one from when the rule matched.
    @Test func anActionReadsWhatAnEarlierActionWrote() throws {
        let inference = try EnginePack.infer("""
            rules:
              - id: start
                salience: 10
                then: [{set: a, to: 1}]
              - id: steps
                then:
                  - {set: a, to: 5}
                  - {set: b, to: = a * 10}
            """)
        #expect(inference.value(of: "a") == .number(5))
        #expect(inference.value(of: "b") == .number(50))
    }

    /// A firing explains itself by what its conditions and its actions read.
    @Test func aFiringStillListsWhatItsActionsRead() throws {
        let inference = try EnginePack.infer("""
            facts:
              score: {type: number}
              bonus: {type: number}
            rules:
              - id: total
                when: score > 10
                then: [{set: total, to: = score + bonus}]
            """, ["score": .number(20), "bonus": .number(5)])
        let firing = try #require(inference.trace.first)
        #expect(firing.reads.map(\.fact) == ["score", "bonus"])
        #expect(inference.value(of: "total") == .number(25))
    }

    /// Duplicate items of a collection no fact changes bind once.
    @Test func aRuleMatchedOnceFiresOncePerDistinctBinding() throws {
        let inference = try EnginePack.infer("""
            constants:
              tags: [x, y, x, z, y]
            rules:
              - id: each
                for: t in tags
                then: [{append: seen, item: = t}]
            """)
        #expect(inference.value(of: "seen") == EV.texts("x", "y", "z"))
    }

    /// The same answers, growing one at a time, inferred afresh and with a
    /// memo kept across the runs: the same conclusions, firings, reasons and
    /// open questions at every step.
    @Test func aMemoChangesNothingAnInferenceSays() throws {
        let engine = try EnginePack.engine("""
            facts:
              a: {type: number}
              b: {type: number}
              c: {type: text, values: [low, high]}
            collections:
              items:
                - {id: one, weight: = a}
                - {id: two, weight: = b}
                - {id: three, weight: 7}
            rules:
              - id: heavy
                salience: 5
                for: i in items
                when: i.weight > 4
                then: [{append: heavy, item: = i.id}]
                because: "{i.id} weighs {i.weight}"
              - id: sum
                salience: 3
                for: i in items
                then: [{add: total, by: = i.weight}]
              - id: verdict
                when: total > 10 or c == "high"
                then: [{set: verdict, to: big}]
              - id: quiet
                when: not known(verdict)
                salience: -1
                then: [{set: note, to: = "waiting for " + c}]
            """)
        let steps: [[String: Value]] = [
            [:], ["a": .number(5)], ["a": .number(5), "c": .string("low")],
            ["a": .number(5), "c": .string("low"), "b": .number(1)],
            ["a": .number(2), "c": .string("low"), "b": .number(1)],
            ["a": .number(5), "c": .string("high"), "b": .number(9)],
            ["a": .number(5), "c": .string("low"), "b": .number(1)],
        ]
        let memo = MatchMemo(for: engine.ruleBase)
        for answers in steps {
            let fresh = try engine.infer(answers)
            let remembered = try engine.infer(answers, memo: memo)
            #expect(Said(remembered) == Said(fresh), "answers \(answers)")
        }
    }
}

/// All an inference tells, as text to compare.
struct Said: Equatable, CustomStringConvertible {
    let lines: [String]

    init(_ inference: Inference) {
        var lines = inference.conclusions.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value.literal)" }
        for firing in inference.trace {
            let binding = firing.binding.map { "\($0.variable)=\($0.value.literal)" }.joined(separator: ",")
            let reads = firing.reads.map { "\($0.fact)=\($0.value.literal)" }.joined(separator: ",")
            let changes = firing.changes.map { "\($0.fact):\($0.before?.literal ?? "?")->\($0.after.literal)" }.joined(separator: ",")
            lines.append("\(firing.rule)(\(binding)) reads \(reads) changes \(changes) because \(firing.because ?? "-")")
        }
        lines.append("open: \(inference.openFacts)")
        lines += inference.undecidedRules.map { "undecided \($0.rule) waits for \($0.waitingFor)" }
        self.lines = lines
    }

    var description: String { lines.joined(separator: "\n") }
}
