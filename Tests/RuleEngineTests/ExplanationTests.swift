import Testing
@testable import RuleEngine

/// How a fact got its value, why a question is asked, and what would change
/// if an answer were different.
@Suite struct ExplanationTests {
    static let pack = """
        facts:
          weekly_hours: {type: number, doc: Hours of study a week}
          pace: {type: choice, values: [rushed, fine]}
          scores.nlp: {type: percent}
          scores.vision: {type: percent}
          load: {type: choice, values: [heavy, light], derived: true}
          advice: {type: text, derived: true, output: true}
        constants:
          low: 60
        collections:
          domains:
            - {id: nlp, name: Natural language, score: = scores.nlp}
            - {id: vision, name: Computer vision, score: = scores.vision}
        rules:
          - id: heavy_load
            salience: 10
            when: weekly_hours > 20
            then: [{set: load, to: heavy}]
            because: "{weekly_hours} hours a week is a lot"
          - id: light_load
            salience: 10
            when: weekly_hours <= 20
            then: [{set: load, to: light}]
          - id: slow_down
            when: load == "heavy" and pace == "rushed"
            then: [{set: advice, to: Slow down}]
            because: "a {load} load taken at a {pace} pace"
          - id: weak_domain
            salience: 5
            for: d in domains
            when: d.score < low
            then: [{append: weak, item: = d.id}]
            because: "{d.name} scored {d.score}%"

        """
    static let answers: [String: Value] = [
        "weekly_hours": .number(30), "pace": .string("rushed"), "scores.nlp": .number(40), "scores.vision": .number(50),
    ]

    @Test func explainChainsBackToTheAnswers() throws {
        let inference = try EnginePack.infer(Self.pack, Self.answers)
        #expect(inference.explain("advice")?.lines == [
            "advice = \"Slow down\"",
            "  by rule slow_down: a heavy load taken at a rushed pace",
            "    load = \"heavy\"",
            "      by rule heavy_load: 30 hours a week is a lot",
            "        weekly_hours = 30 (answered)",
            "    pace = \"rushed\" (answered)",
        ])
    }

    @Test func explainAFactChangedByManyFirings() throws {
        let inference = try EnginePack.infer(Self.pack, Self.answers)
        #expect(inference.explain("weak")?.lines == [
            "weak = [\"nlp\", \"vision\"]",
            "  by rule weak_domain for d = \"nlp\": Natural language scored 40%",
            "    scores.nlp = 40 (answered)",
            "  by rule weak_domain for d = \"vision\": Computer vision scored 50%",
            "    scores.vision = 50 (answered)",
        ])
    }

    @Test func explainAnAnswerAnUnknownAndAnUndeclaredName() throws {
        let inference = try EnginePack.infer(Self.pack, ["weekly_hours": .number(10)])
        #expect(inference.explain("weekly_hours")?.lines == ["weekly_hours = 10 (answered)"])
        #expect(inference.explain("advice")?.lines == ["advice is unknown"])
        #expect(inference.explain("pace")?.lines == ["pace is unknown"])
        #expect(inference.explain("load")?.lines == ["load = \"light\"", "  by rule light_load", "    weekly_hours = 10 (answered)"])
        #expect(inference.explain("no_such_fact") == nil)
        #expect(inference.explain("load")?.fact == "load")
    }

    @Test func firingRecordsCarryBindingReadsChangesAndBecause() throws {
        let inference = try EnginePack.infer(Self.pack, Self.answers)
        #expect(inference.firedRules == ["heavy_load", "weak_domain", "weak_domain", "slow_down"])
        let records = inference.trace
        #expect(records.map(\.because) == [
            "30 hours a week is a lot", "Natural language scored 40%", "Computer vision scored 50%",
            "a heavy load taken at a rushed pace",
        ])
        #expect(records[1].binding.map(\.variable) == ["d"])
        #expect(records[1].binding[0].value.recordID == EV.s("nlp"))
        #expect(records[2].reads.map { "\($0.fact) = \($0.value)" } == ["scores.vision = 50"])
        #expect(records[2].changes.map { "\($0.fact): \($0.isAppend ? "+" : "") \($0.after.literal)" }
            == ["weak: + \"vision\""])
        #expect(records[3].reads.map { "\($0.fact) = \($0.value)" } == ["load = heavy", "pace = rushed"])
        #expect(records[3].binding.isEmpty)
        #expect(records[0].location == SourceLocation(file: "pack.yaml", line: 15, column: 5))
        #expect(inference.ruleBase.location(ofRule: "slow_down") == records[3].location)
    }

    @Test func firingRecordsTheValuesItReadBeforeItsOwnChanges() throws {
        let inference = try EnginePack.infer("""
            facts:
              start: {type: number}
            rules:
              - id: seed
                salience: 1
                then: [{set: counter, to: = start}]
              - id: bump
                when: counter < 10
                then: [{set: counter, to: = counter + 1}]
                because: "counter was {counter}"
            """, ["start": .number(4)])
        #expect(inference.value(of: "counter") == EV.n(5))
        let bump = try #require(inference.trace.last)
        #expect(bump.because == "counter was 4")
        #expect(bump.reads.map { "\($0.fact) = \($0.value)" } == ["counter = 4"])
    }

    @Test func readersOfAFactAreTheRulesThatReadIt() throws {
        let ruleBase = try EnginePack.ruleBase(Self.pack)
        let readers = ruleBase.readers(of: "weekly_hours")
        #expect(readers.map(\.id) == ["heavy_load", "light_load"])
        let heavy = try #require(readers.first)
        #expect(heavy.conditions == ["weekly_hours > 20"])
        #expect(heavy.reads == ["weekly_hours"])
        #expect(heavy.concludes == ["load"])
        #expect(heavy.salience == 10)
        #expect(heavy.because == "{weekly_hours} hours a week is a lot")
        #expect(heavy.location == SourceLocation(file: "pack.yaml", line: 15, column: 5))

        let slowDown = try #require(ruleBase.readers(of: "pace").first)
        #expect(ruleBase.readers(of: "pace").count == 1)
        #expect(slowDown.conditions == ["load == \"heavy\"", "pace == \"rushed\""])
        #expect(slowDown.reads == ["pace", "load"])
        #expect(slowDown.concludes == ["advice"])
        #expect(ruleBase.readers(of: "scores.nlp").map(\.id) == ["weak_domain"])
        #expect(ruleBase.readers(of: "advice").isEmpty)
        #expect(ruleBase.readers(of: "no_such_fact").isEmpty)
    }

    @Test func whatIfGivesExactlyTheChangedConclusions() throws {
        let engine = try EnginePack.engine(Self.pack)
        let answers = Self.answers
        let before = try engine.infer(answers)
        let changes = try engine.whatIf(answers, setting: "weekly_hours", to: .number(10))
        #expect(changes == [
            ConclusionChange(fact: "load", before: EV.s("heavy"), after: EV.s("light")),
            ConclusionChange(fact: "advice", before: EV.s("Slow down"), after: nil),
        ])
        let again = try engine.infer(answers)
        #expect(again.conclusions == before.conclusions)
        #expect(again.firedRules == before.firedRules)
    }

    @Test func whatIfAFactWereUnknownOrNewlyGiven() throws {
        let engine = try EnginePack.engine(Self.pack)
        #expect(try engine.whatIf(Self.answers, setting: "scores.vision", to: nil) == [
            ConclusionChange(fact: "weak", before: EV.texts("nlp", "vision"), after: EV.texts("nlp")),
        ])
        #expect(try engine.whatIf(Self.answers, setting: "pace", to: .string("fine")) == [
            ConclusionChange(fact: "advice", before: EV.s("Slow down"), after: nil),
        ])
        #expect(try engine.whatIf(Self.answers, setting: "scores.nlp", to: .number(45)).isEmpty)
        var partial = Self.answers
        partial["pace"] = nil
        #expect(try engine.whatIf(partial, setting: "pace", to: .string("rushed")) == [
            ConclusionChange(fact: "advice", before: nil, after: EV.s("Slow down")),
        ])
    }

    @Test func whatIfChecksTheNewValue() throws {
        let engine = try EnginePack.engine(Self.pack)
        let error = #expect(throws: InferenceError.self) {
            try engine.whatIf(Self.answers, setting: "pace", to: .string("slow"))
        }
        #expect(error?.description == "pace: 'slow' is not one of rushed, fine")
        #expect(throws: InferenceError.notAnAnswer("load")) {
            try engine.whatIf(Self.answers, setting: "load", to: .string("light"))
        }
    }

    @Test func aPremiseIsExplainedAsTheFiringSawIt() throws {
        let inference = try EnginePack.infer("""
            rules:
              - {id: one, salience: 3, then: [{set: level, to: 1}]}
              - {id: check, salience: 2, when: level == 1, then: [{set: advice, to: steady}]}
              - {id: two, salience: 1, then: [{set: level, to: 2}]}
              - {id: shown, when: known(advice) and level > 0, then: [{set: done, to: true}]}
            """)
        #expect(inference.value(of: "level") == EV.n(2))
        #expect(inference.explain("advice")?.lines == [
            "advice = \"steady\"",
            "  by rule check",
            "    level = 1",
            "      by rule one",
        ])
    }

    @Test func sharedPremisesAreExplainedOnceSoExplanationsStaySmall() throws {
        // Each level is raised twice from the level below: a naive
        // explanation would double at every level.
        var yaml = "facts:\n  l0: {type: number}\nrules:\n"
        for level in 1...40 {
            yaml += "  - {id: a\(level), then: [{add: l\(level), by: = l\(level - 1)}]}\n"
            yaml += "  - {id: b\(level), then: [{add: l\(level), by: = l\(level - 1) + 1}]}\n"
        }
        yaml += "  - {id: top, then: [{set: done, to: = l40 > 0}]}\n"
        let inference = try EnginePack.infer(yaml, ["l0": .number(1)])
        let lines = try #require(inference.explain("done")?.lines)
        #expect(lines.count < 300)
        #expect(lines.contains { $0.hasSuffix("(explained above)") })
        #expect(lines.contains { $0.hasSuffix("(by a longer chain of rules)") })
    }
}
