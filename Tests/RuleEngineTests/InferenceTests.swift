import Testing
@testable import RuleEngine

/// The order rules fire in, refraction, the fixed point and what wakes a rule.
@Suite struct InferenceTests {
    @Test func higherSalienceFiresFirst() throws {
        let inference = try EnginePack.infer("""
            rules:
              - id: low
                salience: 1
                then: [{append: log, item: low}]
              - id: high
                salience: 5
                then: [{append: log, item: high}]
              - id: negative
                salience: -3
                then: [{append: log, item: negative}]
            """)
        #expect(inference.firedRules == ["high", "low", "negative"])
        #expect(inference.value(of: "log") == EV.texts("high", "low", "negative"))
    }

    @Test func equalSalienceFiresInDeclarationOrder() throws {
        let inference = try EnginePack.infer("""
            rules:
              - id: charlie
                then: [{append: log, item: c}]
              - id: alpha
                then: [{append: log, item: a}]
              - id: bravo
                then: [{append: log, item: b}]
            """)
        #expect(inference.firedRules == ["charlie", "alpha", "bravo"])
        #expect(inference.value(of: "log") == EV.texts("c", "a", "b"))
    }

    @Test func bindingsFireInTheOrderFound() throws {
        let inference = try EnginePack.infer("""
            collections:
              letters: [{id: z}, {id: a}, {id: m}]
              digits: [{id: two}, {id: one}]
            rules:
              - id: pair
                for: [l in letters, d in digits]
                then: [{append: log, item: "{l}{d}"}]
            """)
        #expect(inference.firingsShown == [
            "pair(l=z,d=two)", "pair(l=z,d=one)", "pair(l=a,d=two)",
            "pair(l=a,d=one)", "pair(l=m,d=two)", "pair(l=m,d=one)",
        ])
        #expect(inference.value(of: "log") == EV.texts("ztwo", "zone", "atwo", "aone", "mtwo", "mone"))
    }

    @Test func allBindingsOfARuleFireBeforeALaterRuleOfEqualSalience() throws {
        let inference = try EnginePack.infer("""
            collections:
              items: [{id: x}, {id: y}]
            rules:
              - id: each
                for: i in items
                then: [{append: log, item: = i.id}]
              - id: after
                then: [{append: log, item: after}]
              - id: before
                salience: 1
                then: [{append: log, item: before}]
            """)
        #expect(inference.firingsShown == ["before", "each(i=x)", "each(i=y)", "after"])
    }

    @Test func newlyActivatedHigherSalienceRuleFiresBeforePendingOnes() throws {
        let inference = try EnginePack.infer("""
            collections:
              items: [{id: a}, {id: b}, {id: c}]
            rules:
              - id: each
                for: i in items
                then: [{append: log, item: = i.id}]
              - id: alarm
                salience: 10
                when: '"a" in log'
                then: [{append: alarm_log, item: raised}]
            facts:
              alarm_log: {type: list, of: text, derived: true, output: true}
            """)
        #expect(inference.firingsShown == ["each(i=a)", "alarm", "each(i=b)", "each(i=c)"])
    }

    @Test func ruleFiresOncePerBindingEvenWhenResatisfied() throws {
        let inference = try EnginePack.infer("""
            collections:
              items: [{id: a}, {id: b}]
            rules:
              - id: level_one
                salience: 10
                then: [{set: level, to: 1}]
              - id: note
                salience: 5
                for: i in items
                when: level >= 1
                then: [{append: seen, item: "{i}@{level}"}]
              - id: level_two
                then: [{set: level, to: 2}]
            """)
        #expect(inference.firingsShown == ["level_one", "note(i=a)", "note(i=b)", "level_two"])
        #expect(inference.value(of: "seen") == EV.texts("a@1", "b@1"))
        #expect(inference.value(of: "level") == EV.n(2))
    }

    @Test func ruleWithoutBindingsFiresOnce() throws {
        let inference = try EnginePack.infer("""
            rules:
              - id: count_up
                when: (counter ?? 0) < 5
                then: [{add: counter, by: 1}]
            """)
        #expect(inference.firedRules == ["count_up"])
        #expect(inference.value(of: "counter") == EV.n(1))
    }

    @Test func inferenceRunsToAFixedPoint() throws {
        let inference = try EnginePack.infer("""
            facts:
              start: {type: number}
              c: {type: number, derived: true, output: true}
            rules:
              - id: c_from_b
                when: known(b)
                then: [{set: c, to: = b * 10}]
              - id: b_from_a
                when: known(a)
                then: [{set: b, to: = a + 1}]
              - id: a_from_start
                then: [{set: a, to: = start + 1}]
            """, ["start": .number(1)])
        #expect(inference.firedRules == ["a_from_start", "b_from_a", "c_from_b"])
        #expect(inference.conclusions == ["a": EV.n(2), "b": EV.n(3), "c": EV.n(30)])
        #expect(inference.undecidedRules.isEmpty)
    }

    @Test func pendingActivationIsDroppedWhenAFactItReadsChanges() throws {
        let inference = try EnginePack.infer("""
            rules:
              - id: fallback
                when: not known(choice)
                then: [{set: result, to: fallback}]
              - id: chooser
                salience: 10
                then: [{set: choice, to: chosen}]
              - id: use_choice
                when: known(choice)
                then: [{set: result, to: = choice}]
            """)
        #expect(inference.firedRules == ["chooser", "use_choice"])
        #expect(inference.value(of: "result") == EV.s("chosen"))
    }

    @Test func ruleIsMatchedAgainWhenAFactItReadsChanges() throws {
        let engine = try EnginePack.engine("""
            rules:
              - id: waiter
                salience: 10
                when: ready == true
                then: [{set: done, to: true}]
              - id: maker
                then: [{set: ready, to: true}]
              - id: bystander
                when: not known(unrelated)
                then: [{set: other, to: 1}]
            facts:
              unrelated: {type: number}
            """)
        #expect(engine.ruleBase.readers(of: "ready").map(\.id) == ["waiter"])
        #expect(engine.ruleBase.readers(of: "done").isEmpty)
        let inference = try engine.infer([:])
        #expect(inference.firedRules == ["maker", "waiter", "bystander"])
        #expect(inference.value(of: "done") == EV.b(true))
    }

    @Test func settingAFactToItsCurrentValueWakesNothing() throws {
        let inference = try EnginePack.infer("""
            rules:
              - id: first
                salience: 10
                then: [{set: level, to: 1}]
              - id: again
                salience: 5
                then: [{set: level, to: 1}]
              - id: watch
                when: level == 1
                then: [{append: log, item: = level}]
            """)
        #expect(inference.firedRules == ["first", "again", "watch"])
        let again = try #require(inference.trace.first { $0.rule == "again" })
        #expect(again.changes.isEmpty)
        let first = try #require(inference.trace.first { $0.rule == "first" })
        #expect(first.changes.map { "\($0.fact): \($0.before?.literal ?? "unknown") -> \($0.after.literal)" } == ["level: unknown -> 1"])
        #expect(inference.explain("level")?.lines == ["level = 1", "  by rule first"])
        #expect(inference.value(of: "log") == EV.numbers(1))
    }

    @Test func manyActivationsFireInAgendaOrder() throws {
        let items = (0..<120).map { "{id: i\($0), n: \(($0 * 37) % 120)}" }.joined(separator: ", ")
        let inference = try EnginePack.infer("""
            collections:
              items: [\(items)]
            rules:
              - id: low
                for: i in items
                when: i.n % 2 == 0
                then: [{append: log, item: = i.n}]
              - id: high
                salience: 3
                for: i in items
                when: i.n % 3 == 0
                then: [{append: log, item: = i.n}]
              - id: tie
                salience: 3
                for: i in items
                when: i.n % 5 == 0
                then: [{append: log, item: = i.n}]
            """)
        let order = (0..<120).map { Double(($0 * 37) % 120) }
        let expected = order.filter { $0.truncatingRemainder(dividingBy: 3) == 0 }
            + order.filter { $0.truncatingRemainder(dividingBy: 5) == 0 }
            + order.filter { $0.truncatingRemainder(dividingBy: 2) == 0 }
        #expect(inference.value(of: "log") == .list(expected.map(Value.number)))
        #expect(inference.firedRules.count == expected.count)
    }
}
