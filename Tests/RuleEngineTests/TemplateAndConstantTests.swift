import Testing
@testable import RuleEngine

/// Values written in a pack's data: text with `{placeholders}`, constants
/// (nested records, `=` expressions) and collection fields.
@Suite struct TemplateAndConstantTests {
    static let pack = """
        facts:
          exam_slot: {type: text}
          attempt: {type: integer}
          services_used: {type: set, values: [speech, translator]}
          target_date: {type: date}
          ml_background: {type: bool}
          scores.nlp: {type: percent}
        constants:
          passing_score: 700
          ratio: 2.5
          strict: true
          exam_name: Azure AI Engineer
          thresholds:
            very_low: 40
            low: 60
          limits:
            retakes: {per_year: 5, waits: [24, 336]}
          first_retake_wait: = 24 hours
          doubled: = passing_score * 2
          wait_days: = days(first_retake_wait) + thresholds.low / 60
          letters: [a, b]
          headline: "Pass mark {passing_score} for {exam_name}"
          braces: "{{not a placeholder}} but {ratio}"
          computed_list: = [thresholds.very_low, thresholds.low]
        collections:
          domains:
            - {id: nlp, name: Natural language, score: = scores.nlp, advice: "Study {scores.nlp}% up to {thresholds.low}%"}
            - {id: vision, name: Computer vision, score: 90, advice: Keep going, extra: {level: = attempt, tags: [x, = exam_slot]}}

        """

    private func evaluate(_ expressions: [String], answers: [String: Value] = [:]) throws -> [Value?] {
        try EnginePack.evaluate(expressions, declarations: Self.pack, answers: answers)
    }

    @Test func constantsOfEachKind() throws {
        let values = try evaluate(["passing_score", "ratio", "strict", "exam_name", "letters", "first_retake_wait"])
        #expect(values == [EV.n(700), EV.n(2.5), EV.b(true), EV.s("Azure AI Engineer"), EV.texts("a", "b"), EV.hours(24)])
    }

    @Test func nestedConstantsAreRecordsReadWithDots() throws {
        let values = try evaluate(["thresholds.low", "thresholds", "limits.retakes.per_year", "limits.retakes.waits",
                                   "last(limits.retakes.waits) hours", "limits.retakes"])
        #expect(values == [
            EV.n(60), EV.record(("very_low", EV.n(40)), ("low", EV.n(60))), EV.n(5), EV.numbers(24, 336), EV.days(14),
            EV.record(("per_year", EV.n(5)), ("waits", EV.numbers(24, 336))),
        ])
        let ruleBase = try EnginePack.ruleBase(Self.pack + "rules: [{id: r, then: [{set: x, to: = thresholds.low}]}]")
        #expect(ruleBase.constants["thresholds"] == EV.record(("very_low", EV.n(40)), ("low", EV.n(60))))
        #expect(ruleBase.constants["thresholds.low"] == nil)
    }

    @Test func constantExpressionsOverEarlierConstants() throws {
        let values = try evaluate(["doubled", "wait_days", "computed_list", "doubled > passing_score"])
        #expect(values == [EV.n(1400), EV.n(2), EV.numbers(40, 60), EV.b(true)])
    }

    @Test func constantTextWithPlaceholders() throws {
        let values = try evaluate(["headline", "braces"])
        #expect(values == [EV.s("Pass mark 700 for Azure AI Engineer"), EV.s("{not a placeholder} but 2.5")])
    }

    @Test func placeholdersAreReplacedByTheirValues() throws {
        let inference = try EnginePack.infer(Self.pack + """
            rules:
              - id: texts
                for: d in domains
                when: d.id == "nlp"
                then:
                  - {set: plain, to: "Book a later slot than {exam_slot}."}
                  - {set: record_by_id, to: "Study {d} first: {d.name}"}
                  - {set: numbers, to: "{attempt} of {limits.retakes.per_year}, ratio {ratio}, {passing_score / 7}"}
                  - {set: yes_no, to: "{ml_background} / {not ml_background}"}
                  - {set: collections, to: "{services_used}; {[1, 2]}; {[d.id for d in domains where false]}"}
                  - {set: dates, to: "{target_date}, {target_date + 36 hours}, {first_retake_wait * 14}"}
                  - {set: expression, to: "{if attempt > 1 then 'retake' else 'first try'} #{attempt + 1}"}
                  - {set: braces, to: "{{{exam_slot}}} and }}{{"}
                  - {set: quoted_brace, to: "{'}' + exam_slot}"}
                  - {set: no_placeholder, to: "Just text"}
            """, [
                "exam_slot": .string("8:00"), "attempt": .number(2), "ml_background": .bool(false),
                "services_used": EV.textSet("translator", "speech"), "target_date": EV.date("2026-11-27"),
            ])
        #expect(inference.conclusions == [
            "plain": EV.s("Book a later slot than 8:00."),
            "record_by_id": EV.s("Study nlp first: Natural language"),
            "numbers": EV.s("2 of 5, ratio 2.5, 100"),
            "yes_no": EV.s("no / yes"),
            "collections": EV.s("speech, translator; 1, 2; none"),
            "dates": EV.s("2026-11-27, 2026-11-28 12:00, 2 weeks"),
            "expression": EV.s("retake #3"),
            "braces": EV.s("{8:00} and }{"),
            "quoted_brace": EV.s("}8:00"),
            "no_placeholder": EV.s("Just text"),
        ])
    }

    @Test func textOverAnUnknownFactIsUnknown() throws {
        let values = try evaluate(["\"{exam_slot}\" + \"\"", "[d.advice for d in domains]"], answers: [:])
        #expect(values == [EV.s("{exam_slot}"), nil])
        let inference = try EnginePack.infer(Self.pack + """
            rules:
              - id: r
                then: [{set: slot_text, to: "Slot {exam_slot}"}]
              - id: escaped
                then: [{set: fixed, to: "Slot {{exam_slot}}"}]
            """)
        #expect(inference.value(of: "slot_text") == nil)
        #expect(inference.value(of: "fixed") == EV.s("Slot {exam_slot}"))
    }

    @Test func collectionFieldsHoldDataValues() throws {
        let answers: [String: Value] = ["scores.nlp": .number(45), "attempt": .number(3), "exam_slot": .string("9:00")]
        let values = try evaluate([
            "[d.advice for d in domains]", "[d.score for d in domains]", "last(domains).extra",
            "first(domains).name",
        ], answers: answers)
        #expect(values == [
            EV.texts("Study 45% up to 60%", "Keep going"), EV.numbers(45, 90),
            EV.record(("level", EV.n(3)), ("tags", EV.texts("x", "9:00"))), EV.s("Natural language"),
        ])
    }

    @Test func collectionRecordWithAnUnknownFieldLacksIt() throws {
        let values = try evaluate(["first(domains)", "known(first(domains).score)", "[d.id for d in domains where known(d.extra)]"],
                                  answers: ["attempt": .number(3), "exam_slot": .string("9:00")])
        #expect(values == [
            EV.record(("id", EV.s("nlp")), ("name", EV.s("Natural language"))),
            EV.b(false), EV.texts("vision"),
        ])
    }
}
