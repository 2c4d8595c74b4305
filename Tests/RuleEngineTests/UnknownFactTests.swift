import Testing
@testable import RuleEngine

/// Unknown is not a value: expressions over unknown facts are unknown unless
/// they can decide anyway, and rules left undecided name what they wait for.
@Suite struct UnknownFactTests {
    static let facts = """
        facts:
          yes_fact: {type: bool}
          no_fact: {type: bool}
          maybe: {type: bool}
          number: {type: number}
          unknown_number: {type: number}
          other_unknown: {type: number}
          label: {type: text}
          tags: {type: set, of: text}

        """
    static let answers: [String: Value] = [
        "yes_fact": .bool(true), "no_fact": .bool(false), "number": .number(4),
        "label": .string("nlp"), "tags": EV.textSet("a"),
    ]

    private func evaluate(_ expressions: [String]) throws -> [Value?] {
        try EnginePack.evaluate(expressions, declarations: Self.facts, answers: Self.answers)
    }

    @Test func andIsFalseWhenEitherSideIsFalse() throws {
        #expect(try evaluate(["no_fact and maybe", "maybe and no_fact", "yes_fact and maybe", "maybe and yes_fact", "maybe and maybe"])
            == [EV.b(false), EV.b(false), nil, nil, nil])
    }

    @Test func orIsTrueWhenEitherSideIsTrue() throws {
        #expect(try evaluate(["yes_fact or maybe", "maybe or yes_fact", "no_fact or maybe", "maybe or no_fact", "maybe or maybe"])
            == [EV.b(true), EV.b(true), nil, nil, nil])
    }

    @Test func notOfUnknownIsUnknown() throws {
        #expect(try evaluate(["not maybe", "not (maybe and no_fact)", "not (maybe or no_fact)", "not not yes_fact"])
            == [nil, EV.b(true), nil, EV.b(true)])
    }

    @Test func knownIsNeverUnknown() throws {
        #expect(try evaluate(["known(maybe)", "known(yes_fact)", "known(unknown_number + 1)", "known(number + 1)", "not known(maybe)"])
            == [EV.b(false), EV.b(true), EV.b(false), EV.b(true), EV.b(true)])
    }

    @Test func fallbackGivesTheSecondValueWhenTheFirstIsUnknown() throws {
        #expect(try evaluate([
            "unknown_number ?? 7", "number ?? 7", "unknown_number ?? other_unknown ?? 3",
            "unknown_number ?? other_unknown", "(unknown_number ?? 1) + number", "maybe ?? false",
        ]) == [EV.n(7), EV.n(4), EV.n(3), nil, EV.n(5), EV.b(false)])
    }

    @Test func comparisonsOverUnknownsAreUnknown() throws {
        #expect(try evaluate([
            "unknown_number < 3", "unknown_number == unknown_number", "unknown_number != 1",
            "unknown_number in [1, 2]", "\"a\" in tags", "label in {\"x\"}", "unknown_number >= number",
        ]) == [nil, nil, nil, nil, EV.b(true), EV.b(false), nil])
    }

    @Test func arithmeticTextAndCollectionsOverUnknownsAreUnknown() throws {
        #expect(try evaluate([
            "unknown_number + 1", "-unknown_number", "[1, unknown_number]", "{unknown_number}",
            "(unknown_number) days", "if maybe then 1 else 2", "if yes_fact then 1 else unknown_number",
            "count([n for n in [1, 2] where n > unknown_number])",
        ]) == [nil, nil, nil, nil, nil, nil, EV.n(1), nil])
    }

    @Test func textWithAPlaceholderOverAnUnknownIsUnknown() throws {
        let inference = try EnginePack.infer(Self.facts + """
            rules:
              - id: known
                then:
                  - {set: known_text, to: "Label {label}"}
              - id: texts
                then:
                  - {set: unknown_text, to: "Score {unknown_number}"}
            """, Self.answers)
        #expect(inference.value(of: "known_text") == EV.s("Label nlp"))
        #expect(inference.value(of: "unknown_text") == nil)
        #expect(inference.undecidedShown == ["texts: unknown_number"])
    }

    @Test func undecidedRuleWaitsForItsUnknownFacts() throws {
        let inference = try EnginePack.infer(Self.facts + """
            rules:
              - id: needs_both
                when: unknown_number > 3 and other_unknown > 3 and number > 1
                then: [{set: result, to: 1}]
              - id: decided
                when: number > 1
                then: [{set: other, to: 1}]
            """, Self.answers)
        #expect(inference.firedRules == ["decided"])
        #expect(inference.undecidedShown == ["needs_both: unknown_number, other_unknown"])
        #expect(inference.openFacts == ["unknown_number", "other_unknown"])
    }

    @Test func falseConditionMakesTheUnknownIrrelevant() throws {
        let inference = try EnginePack.infer(Self.facts + """
            rules:
              - id: split_conditions
                when: [unknown_number > 3, number > 100]
                then: [{set: a, to: 1}]
              - id: one_condition
                when: (unknown_number > 3 and no_fact) or maybe == true and number > 100
                then: [{set: b, to: 1}]
              - id: decided_by_or
                when: maybe or number > 1
                then: [{set: c, to: 1}]
            """, Self.answers)
        #expect(inference.firedRules == ["decided_by_or"])
        #expect(inference.undecidedRules.isEmpty)
        #expect(inference.openFacts.isEmpty)
    }

    @Test func openFactsFollowDerivedFactsBackToTheAnswers() throws {
        let pack = """
            facts:
              weekly_hours: {type: number}
              pace: {type: choice, values: [rushed, fine]}
              risk: {type: choice, values: [high, low], derived: true}
            rules:
              - id: assess
                when: weekly_hours < 10
                then: [{set: risk, to: high}]
              - id: advise
                when: risk == "high" and pace == "rushed"
                then: [{set: advice, to: slow down}]
            """
        let unanswered = try EnginePack.infer(pack)
        #expect(unanswered.undecidedShown == ["assess: weekly_hours", "advise: pace, risk"])
        #expect(unanswered.openFacts == ["weekly_hours", "pace"])

        let fewHours = try EnginePack.infer(pack, ["weekly_hours": .number(5)])
        #expect(fewHours.undecidedShown == ["advise: pace"])
        #expect(fewHours.openFacts == ["pace"])

        // No answer can make `risk` known now, so `advise` needs nothing more.
        let manyHours = try EnginePack.infer(pack, ["weekly_hours": .number(20)])
        #expect(manyHours.undecidedShown == ["advise: pace, risk"])
        #expect(manyHours.openFacts == ["pace"])

        let rushedButManyHours = try EnginePack.infer(pack, ["weekly_hours": .number(20), "pace": .string("rushed")])
        #expect(rushedButManyHours.openFacts.isEmpty)
    }

    @Test func openFactsAreListedInDeclarationOrder() throws {
        let inference = try EnginePack.infer("""
            facts:
              zulu: {type: number}
              alpha: {type: number}
              mike: {type: number}
            rules:
              - id: r
                when: [alpha > 1, mike > 1, zulu > 1]
                then: [{set: x, to: 1}]
            """)
        #expect(inference.openFacts == ["zulu", "alpha", "mike"])
        #expect(inference.undecidedShown == ["r: zulu, alpha, mike"])
    }

    @Test func undecidedRuleWaitsForEveryUnknownItReads() throws {
        let inference = try EnginePack.infer("""
            facts:
              a: {type: number}
              b: {type: number}
              c: {type: number}
              d: {type: number}
              e: {type: number}
              f: {type: number}
              g: {type: number}
              h: {type: number}
              i: {type: number}
            collections:
              parts: [{id: one, size: = g}, {id: two, size: = h}, {id: three, size: = i}]
            rules:
              - id: arithmetic
                when: a + b * c > 1
                then: [{set: x1, to: 1}]
              - id: function
                when: max(d, e) > 1
                then: [{set: x2, to: 1}]
              - id: list
                when: count([e, f]) > 1
                then: [{set: x3, to: 1}]
              - id: comprehension
                when: sum([p.size for p in parts]) > 1
                then: [{set: x4, to: 1}]
            """)
        #expect(inference.undecidedShown == [
            "arithmetic: a, b, c", "function: d, e", "list: e, f", "comprehension: g, h, i",
        ])
        #expect(inference.openFacts == ["a", "b", "c", "d", "e", "f", "g", "h", "i"])
    }

    @Test func becauseTextOverAnUnknownDoesNotHoldTheRuleBack() throws {
        let inference = try EnginePack.infer(Self.facts + """
            rules:
              - id: r
                when: number > 1
                then:
                  - {set: done, to: true}
                because: "{unknown_number} is not needed"
            """, Self.answers)
        #expect(inference.value(of: "done") == EV.b(true))
        #expect(inference.trace.map(\.because) == [nil])
        #expect(inference.undecidedShown == [])
        #expect(inference.openFacts == [])
    }
}
