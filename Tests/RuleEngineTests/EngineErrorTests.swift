import Testing
@testable import RuleEngine

/// What `Engine.infer` refuses: answers that do not fit the pack, a rule
/// whose expression fails while running, and loops past the firing bound.
@Suite struct EngineErrorTests {
    static let answersPack = """
        facts:
          attempt: {type: integer, min: 1, max: 5}
          exam_pace: {type: choice, values: [rushed, sluggish, fine]}
          scores.nlp: {type: percent}
          services_used: {type: set, values: [speech, translator, azure_openai]}
          target_date: {type: date}
          failed_at: {type: datetime}
          wait: {type: duration}
          ml_background: {type: bool}
          failure_type: {type: choice, values: [exam_style, theory], derived: true, output: true}
        rules:
          - id: classify
            when:
              - attempt > 1 and exam_pace == "rushed" and scores.nlp < 50 and "speech" in services_used
              - target_date > day(failed_at) + wait and ml_background
            then:
              - set: failure_type
                to: theory
              - set: noted
                to: true
        """

    private func failure(_ answers: [String: Value]) throws -> InferenceError? {
        let engine = try EnginePack.engine(Self.answersPack)
        do {
            _ = try engine.infer(answers)
            return nil
        } catch {
            return error
        }
    }

    @Test func validAnswersAreAccepted() throws {
        let inference = try EnginePack.infer(Self.answersPack, [
            "attempt": .number(2), "exam_pace": .string("rushed"), "scores.nlp": .number(40),
            "services_used": .list([.string("speech"), .string("speech")]),
            "target_date": EV.date("2026-12-20"), "failed_at": EV.date("2026-11-27T15:00"),
            "wait": EV.days(14), "ml_background": .bool(true),
        ])
        #expect(inference.value(of: "services_used") == EV.textSet("speech"))
        #expect(inference.value(of: "failure_type") == EV.s("theory"))
    }

    @Test func unknownFactNameIsRejectedWithASuggestion() throws {
        let error = try failure(["atempt": .number(1)])
        #expect(error == .unknownFact("atempt", suggestion: "attempt"))
        #expect(error?.description == "unknown fact 'atempt'; did you mean 'attempt'?")
    }

    @Test func unknownFactNameFarFromAnyAnswerHasNoSuggestion() throws {
        let error = try failure(["zebra_crossing": .number(1)])
        #expect(error == .unknownFact("zebra_crossing", suggestion: nil))
        #expect(error?.description == "unknown fact 'zebra_crossing'")
    }

    @Test func derivedFactCannotBeGivenAsAnAnswer() throws {
        #expect(try failure(["failure_type": .string("theory")])?.description
            == "'failure_type' is concluded by the rules and cannot be given as an answer")
        #expect(try failure(["noted": .bool(true)]) == .notAnAnswer("noted"))
    }

    @Test func outOfRangeAnswersAreRejected() throws {
        #expect(try failure(["attempt": .number(7)])?.description == "attempt: 7 is above the highest allowed, 5")
        #expect(try failure(["attempt": .number(0)])?.description == "attempt: 0 is below the lowest allowed, 1")
        #expect(try failure(["attempt": .number(2.5)])?.description == "attempt: expected a whole number, got 2.5")
        #expect(try failure(["scores.nlp": .number(100.5)])?.description == "scores.nlp: 100.5 is above the highest allowed, 100")
        #expect(try failure(["attempt": .number(7)]) == .invalidValue("attempt", "7 is above the highest allowed, 5"))
    }

    @Test func wrongTypeAnswersAreRejected() throws {
        #expect(try failure(["attempt": .string("2")])?.description
            == "attempt: expected a whole number from 1 to 5, got text \"2\"")
        #expect(try failure(["exam_pace": .number(1)])?.description
            == "exam_pace: expected one of rushed, sluggish, fine, got number 1")
        #expect(try failure(["ml_background": .string("yes")])?.description
            == "ml_background: expected yes or no, got text \"yes\"")
        #expect(try failure(["wait": .number(3)])?.description == "wait: expected a duration, got number 3")
        #expect(try failure(["services_used": .string("speech")])?.description
            == "services_used: expected a set of speech, translator, azure_openai, got text \"speech\"")
        #expect(try failure(["target_date": EV.date("2026-11-27T15:00")])?.description
            == "target_date: expected a date without a time, got 2026-11-27T15:00")
    }

    @Test func answersOutsideTheDeclaredValuesAreRejected() throws {
        #expect(try failure(["exam_pace": .string("rushd")])?.description
            == "exam_pace: 'rushd' is not one of rushed, sluggish, fine; did you mean 'rushed'?")
        #expect(try failure(["services_used": EV.textSet("speech", "vision")])?.description
            == "services_used: 'vision' is not one of speech, translator, azure_openai")
    }

    @Test func divisionByZeroInAConditionNamesTheRule() throws {
        let engine = try EnginePack.engine("""
            facts:
              divisor: {type: number}
            rules:
              - id: ratio
                when: 10 / divisor > 1
                then: [{set: high, to: true}]
            """)
        #expect(try engine.infer(["divisor": .number(4)]).value(of: "high") == EV.b(true))
        let error = #expect(throws: InferenceError.self) { try engine.infer(["divisor": .number(0)]) }
        #expect(error == .evaluation(rule: "ratio", location: SourceLocation(file: "pack.yaml", line: 4, column: 5),
                                     message: "division by zero"))
        #expect(error?.description == "pack.yaml:4:5: rule 'ratio': division by zero")
    }

    @Test func divisionByZeroInAnActionNamesTheRule() throws {
        let engine = try EnginePack.engine("""
            facts:
              study_time: {type: duration}
              sessions: {type: integer}
            rules:
              - id: first
                then: [{set: ok, to: 1}]
              - id: per_session
                when: known(ok)
                then:
                  - set: session_length
                    to: = study_time / sessions
            """)
        #expect(try engine.infer(["study_time": EV.hours(6), "sessions": .number(4)]).value(of: "session_length") == EV.minutes(90))
        let error = #expect(throws: InferenceError.self) {
            try engine.infer(["study_time": EV.hours(6), "sessions": .number(0)])
        }
        #expect(error?.description == "pack.yaml:7:5: rule 'per_session': division by zero")
    }

    @Test func typeMismatchTheChecksCouldNotRuleOutNamesTheRule() throws {
        let engine = try EnginePack.engine("""
            facts:
              profile: {type: record}
            rules:
              - id: older
                when: profile.age > 30
                then: [{set: senior, to: true}]
              - id: tally
                then:
                  - add: total
                    by: = profile.points
            """)
        let ok = try engine.infer(["profile": EV.record(("age", EV.n(40)), ("points", EV.n(2)))])
        #expect(ok.conclusions == ["senior": EV.b(true), "total": EV.n(2)])
        let ordering = #expect(throws: InferenceError.self) {
            try engine.infer(["profile": EV.record(("age", EV.s("old")), ("points", EV.n(2)))])
        }
        #expect(ordering?.description == "pack.yaml:4:5: rule 'older': cannot order text \"old\" against number 30")
        let adding = #expect(throws: InferenceError.self) {
            try engine.infer(["profile": EV.record(("age", EV.n(20)), ("points", EV.s("many")))])
        }
        #expect(adding?.description == "pack.yaml:9:14: rule 'tally': '+' cannot combine number 0 with text \"many\"")
    }

    // MARK: The firing bound

    @Test func firingBoundAllowsExactlyThatManyFirings() throws {
        let pack = """
            settings: {max_firings: 3}
            collections:
              items: [{id: a}, {id: b}, {id: c}]
            rules:
              - id: each
                for: i in items
                then: [{append: log, item: = i.id}]
            """
        #expect(try EnginePack.infer(pack).value(of: "log") == EV.texts("a", "b", "c"))
        let error = #expect(throws: InferenceError.self) {
            try EnginePack.infer(pack.replacing("max_firings: 3", with: "max_firings: 2"))
        }
        #expect(error == .cycle(firings: 2, rules: ["each"]))
    }

    /// Builds a pack whose cycle grows without end: `check` warns of it,
    /// and the engine must stop it at run time.
    private func growingRuleBase(_ yaml: String, mentioning rule: String) throws -> RuleBase {
        let pack = PackLoader.load(files: [SourceFile(name: "pack.yaml", text: yaml)])
        // The wording is the linter's business; that it warns is not.
        let warnings = pack.diagnostics.filter { $0.severity == .warning }
        #expect(pack.diagnostics.count == 1 && warnings.count == 1 && warnings[0].message.contains("'\(rule)'"),
                "\(pack.diagnostics)")
        return try #require(pack.ruleBase)
    }

    @Test func ruleAppendingToTheListItIteratesStopsAtTheFiringBound() throws {
        let ruleBase = try growingRuleBase("""
            settings: {max_firings: 50}
            rules:
              - id: seed
                then: [{append: items, item: 1}]
              - id: grow
                for: x in items
                then: [{append: items, item: = x + 1}]
            """, mentioning: "grow")
        #expect(ruleBase.maximumFirings == 50)
        let error = #expect(throws: InferenceError.self) { try Engine(ruleBase: ruleBase).infer([:]) }
        #expect(error == .cycle(firings: 50, rules: ["grow"]))
        #expect(error?.description == "the rules did not settle after 50 firings; these kept firing: grow")
    }

    @Test func rulesFeedingEachOtherStopAtTheFiringBound() throws {
        let ruleBase = try growingRuleBase("""
            settings: {max_firings: 40}
            rules:
              - id: seed
                then: [{append: evens, item: 0}]
              - id: ping
                for: x in evens
                then: [{append: odds, item: = x + 1}]
              - id: pong
                for: y in odds
                then: [{append: evens, item: = y + 1}]
            """, mentioning: "ping")
        let error = #expect(throws: InferenceError.self) { try Engine(ruleBase: ruleBase).infer([:]) }
        #expect(error == .cycle(firings: 40, rules: ["ping", "pong"]))
    }

    @Test func firingBoundCanBeGivenToTheEngine() throws {
        // Replacing the list rather than appending to it: `check` only warns.
        let ruleBase = try EnginePack.ruleBase("""
            rules:
              - id: seed
                then: [{set: items, to: [1]}]
              - id: grow
                for: x in items
                then:
                  - set: items
                    to: = items + [x + 1]
            """)
        #expect(ruleBase.maximumFirings == 1_000_000)
        let error = #expect(throws: InferenceError.self) { try Engine(ruleBase: ruleBase, maximumFirings: 30).infer([:]) }
        #expect(error == .cycle(firings: 30, rules: ["grow"]))
    }
}
