import Testing
@testable import RuleEngine

/// `set`, `add` and `append`, and actions whose value is unknown.
@Suite struct ActionTests {
    @Test func setGivesTheFactTheValue() throws {
        let inference = try EnginePack.infer("""
            facts:
              attempt: {type: integer}
              label: {type: choice, values: [first, retake], derived: true, output: true}
            rules:
              - id: label_it
                then:
                  - {set: label, to: retake}
                  - {set: next_attempt, to: = attempt + 1}
                  - {set: flags, to: {ok: true, tries: = attempt}}
                  - {set: steps, to: [1, = attempt]}
            """, ["attempt": .number(2)])
        #expect(inference.conclusions == [
            "label": EV.s("retake"), "next_attempt": EV.n(3),
            "flags": EV.record(("ok", .bool(true)), ("tries", .number(2))), "steps": EV.numbers(1, 2),
        ])
    }

    @Test func setOfAListOnASetFactMakesASet() throws {
        let inference = try EnginePack.infer("""
            facts:
              picked: {type: set, of: text, derived: true, output: true}
            rules:
              - id: pick
                then:
                  - set: picked
                    to: = ["b", "a", "b"]
            """)
        #expect(inference.value(of: "picked") == EV.textSet("a", "b"))
    }

    @Test func laterSetReplacesTheValue() throws {
        let inference = try EnginePack.infer("""
            rules:
              - id: first
                salience: 1
                then: [{set: level, to: 1}]
              - id: second
                then: [{set: level, to: 2}]
            """)
        #expect(inference.value(of: "level") == EV.n(2))
        #expect(inference.trace.map { $0.changes.map { "\($0.before?.literal ?? "unknown") -> \($0.after.literal)" } }
            == [["unknown -> 1"], ["1 -> 2"]])
    }

    @Test func addCountsAnUnknownFactAsZero() throws {
        let inference = try EnginePack.infer("""
            facts:
              bonus: {type: number}
            collections:
              signals: [{id: a, weight: 3}, {id: b, weight: 4}, {id: c, weight: 0.5}]
            rules:
              - id: score
                for: s in signals
                then: [{add: total, by: = s.weight}]
              - id: bonus
                then: [{add: total, by: = bonus}]
              - id: take_away
                then: [{add: debt, by: -2}]
            """, ["bonus": .number(10)])
        #expect(inference.value(of: "total") == EV.n(17.5))
        #expect(inference.value(of: "debt") == EV.n(-2))
    }

    @Test func addWorksOnDurations() throws {
        let inference = try EnginePack.infer("""
            rules:
              - id: days
                then: [{add: wait, by: = 2 days}]
              - id: hours
                then: [{add: wait, by: = 12 hours}]
              - id: minutes
                then: [{add: wait, by: = 30 minutes}]
            """)
        #expect(inference.value(of: "wait") == EV.minutes(2 * 1440 + 12 * 60 + 30))
        #expect(inference.value(of: "wait")?.description == "3630 minutes")
    }

    @Test func addingNothingChangesNothing() throws {
        let inference = try EnginePack.infer("""
            rules:
              - id: start
                salience: 1
                then: [{add: total, by: 5}]
              - id: zero
                then: [{add: total, by: 0}]
            """)
        #expect(inference.value(of: "total") == EV.n(5))
        #expect(inference.trace.map(\.changes.count) == [1, 0])
    }

    @Test func appendToAListKeepsOrderAndRepeats() throws {
        let inference = try EnginePack.infer("""
            collections:
              items: [{id: b}, {id: a}, {id: b2, same_as: b}]
            rules:
              - id: collect
                for: i in items
                then: [{append: seen, item: = i.same_as ?? i.id}]
            """)
        #expect(inference.value(of: "seen") == EV.texts("b", "a", "b"))
    }

    @Test func appendToASetDropsRepeats() throws {
        let inference = try EnginePack.infer("""
            facts:
              seen: {type: set, of: text, derived: true, output: true}
            collections:
              items: [{id: b}, {id: a}, {id: b2, same_as: b}]
            rules:
              - id: collect
                for: i in items
                then: [{append: seen, item: = i.same_as ?? i.id}]
            """)
        #expect(inference.value(of: "seen") == EV.textSet("a", "b"))
        #expect(inference.trace.map(\.changes.count) == [1, 1, 0])
    }

    @Test func appendARecordWithTemplateText() throws {
        let inference = try EnginePack.infer("""
            facts:
              exam_slot: {type: text}
            rules:
              - id: change_slot
                then:
                  - append: checklist
                    item: {id: change_time_slot, text: "Book a later slot than {exam_slot}."}
            """, ["exam_slot": .string("8:00")])
        #expect(inference.value(of: "checklist") == .list([
            EV.record(("id", EV.s("change_time_slot")), ("text", EV.s("Book a later slot than 8:00."))),
        ]))
    }

    @Test func ruleWithAnUnknownValueWaitsUntilEveryValueIsKnown() throws {
        let pack = """
            facts:
              hours_per_week: {type: number}
              weeks_left: {type: number}
              plan: {type: list, of: text, derived: true, output: true}
            rules:
              - id: plan_it
                then:
                  - {set: decided, to: true}
                  - {set: total_hours, to: = hours_per_week * weeks_left}
                  - {add: budget, by: = weeks_left}
                  - {append: plan, item: "Study {hours_per_week} hours a week"}
            """
        let waiting = try EnginePack.infer(pack, ["weeks_left": .number(6)])
        #expect(waiting.firedRules == [])
        #expect(waiting.conclusions == [:])
        #expect(waiting.undecidedShown == ["plan_it: hours_per_week"])
        #expect(waiting.openFacts == ["hours_per_week"])

        let whole = try EnginePack.infer(pack, ["weeks_left": .number(6), "hours_per_week": .number(5)])
        #expect(whole.firedRules == ["plan_it"])
        #expect(whole.trace[0].changes.map(\.fact) == ["decided", "total_hours", "budget", "plan"])
        #expect(whole.conclusions == [
            "decided": EV.b(true), "total_hours": EV.n(30), "budget": EV.n(6),
            "plan": EV.texts("Study 5 hours a week"),
        ])
        #expect(whole.openFacts == [])
    }

    @Test func unknownActionValueDecidedByADerivedFactOpensItsAnswers() throws {
        let inference = try EnginePack.infer("""
            facts:
              level: {type: integer}
            rules:
              - id: derive
                when: level > 2
                then: [{set: boost, to: 10}]
              - id: use
                then: [{set: result, to: = boost + 1}]
            """)
        #expect(inference.undecidedShown == ["derive: level", "use: boost"])
        #expect(inference.openFacts == ["level"])
        let answered = try EnginePack.infer("""
            facts:
              level: {type: integer}
            rules:
              - id: derive
                when: level > 2
                then: [{set: boost, to: 10}]
              - id: use
                then: [{set: result, to: = boost + 1}]
            """, ["level": .number(3)])
        #expect(answered.firedRules == ["derive", "use"])
        #expect(answered.value(of: "result") == EV.n(11))
    }
}
