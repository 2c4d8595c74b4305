import Testing
@testable import RuleEngine

/// Every built-in function, and comprehensions with `where` and `by`.
@Suite struct FunctionEvaluationTests {
    static let declarations = """
        facts:
          scores.nlp: {type: percent}
          scores.vision: {type: percent}
          scores.speech: {type: percent}
          services_used: {type: set, values: [speech, translator, vision_api, face]}
          target_date: {type: date}
          failed_at: {type: datetime}
          recommended_from: {type: datetime}
          maybe: {type: bool}
          unknown_number: {type: number}
        constants:
          vision_services: [vision_api, face]
        collections:
          domains:
            - {id: nlp, weight: 30, score: = scores.nlp}
            - {id: vision, weight: 15, score: = scores.vision}
            - {id: speech, weight: 20, score: = scores.speech}

        """
    static let answers: [String: Value] = [
        "scores.nlp": .number(50), "scores.vision": .number(30), "scores.speech": .number(70),
        "services_used": EV.textSet("speech", "vision_api", "face"),
        "target_date": EV.date("2026-12-20"), "failed_at": EV.date("2026-11-27T15:00"),
        "recommended_from": EV.date("2027-01-08T15:00"),
    ]

    private func check(_ cases: KeyValuePairs<String, Value?>, answers: [String: Value] = answers,
                       sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let values = try EnginePack.evaluate(cases.map(\.key), declarations: Self.declarations, answers: answers)
        for ((expression, expected), value) in zip(cases, values) {
            #expect(value == expected, "\(expression)", sourceLocation: sourceLocation)
        }
    }

    @Test func count() throws {
        try check([
            "count([1, 2, 2])": EV.n(3), "count({1, 2, 2})": EV.n(2), "count([])": EV.n(0),
            "count(services_used)": EV.n(3), "count(domains)": EV.n(3),
        ])
    }

    @Test func sumAndAverage() throws {
        try check([
            "sum([1, 2, 3.5])": EV.n(6.5), "sum([])": EV.n(0), "sum([d.weight for d in domains])": EV.n(65),
            "sum([1 day, 12 hours])": EV.hours(36), "average([1, 2, 3, 4])": EV.n(2.5),
            "average([1 day, 3 days])": EV.days(2), "average([d.score for d in domains])": EV.n(50),
            "sum({2, 2, 3})": EV.n(5),
        ])
    }

    @Test func minAndMax() throws {
        try check([
            "min([3, 1, 2])": EV.n(1), "max([3, 1, 2])": EV.n(3), "min(3, 1, 2)": EV.n(1), "max(3, 1, 2)": EV.n(3),
            "min([\"b\", \"a\", \"c\"])": EV.s("a"), "max(\"b\", \"c\")": EV.s("c"),
            "min([2 days, 36 hours])": EV.hours(36), "max(target_date, day(failed_at))": EV.date("2026-12-20"),
            "max([d.score for d in domains])": EV.n(70), "min(scores.nlp, scores.vision)": EV.n(30), "max({4, 9})": EV.n(9),
        ])
    }

    @Test func anyAndAll() throws {
        try check([
            "any([false, true])": EV.b(true), "any([false, false])": EV.b(false), "any([])": EV.b(false),
            "all([true, true])": EV.b(true), "all([true, false])": EV.b(false), "all([])": EV.b(true),
            "any([d.score < 40 for d in domains])": EV.b(true), "all([d.score < 80 for d in domains])": EV.b(true),
        ])
    }

    @Test func anyAndAllAreUnknownOnlyWhenItMatters() throws {
        try check([
            "any([maybe, true])": EV.b(true), "any([maybe, false])": nil,
            "all([maybe, false])": EV.b(false), "all([maybe, true])": nil,
            "any([d.score < 40 for d in domains])": EV.b(true), "all([d.score < 40 for d in domains])": EV.b(false),
            "any([d.score > 90 for d in domains])": nil,
            "any([d.score < 40 for d in domains where d.weight > unknown_number])": nil,
            "any([d.score < 40 for d in domains where d.weight > 10 or unknown_number > 1])": EV.b(true),
        ], answers: ["scores.nlp": .number(50), "scores.vision": .number(30)])
    }

    @Test func firstAndLast() throws {
        try check([
            "first([3, 1, 2])": EV.n(3), "last([3, 1, 2])": EV.n(2), "first({\"b\", \"a\"})": EV.s("a"),
            "last([d.id for d in domains])": EV.s("speech"), "first([])": nil,
        ])
    }

    @Test func numberFunctions() throws {
        try check([
            "abs(-2.5)": EV.n(2.5), "abs(3)": EV.n(3), "round(2.5)": EV.n(3), "round(-2.5)": EV.n(-3),
            "round(2.4)": EV.n(2), "floor(-1.5)": EV.n(-2), "floor(1.9)": EV.n(1), "ceil(1.2)": EV.n(2),
            "ceil(-1.2)": EV.n(-1), "round(scores.nlp / 7)": EV.n(7),
        ])
    }

    @Test func dateFunctions() throws {
        let values = try EnginePack.evaluate(
            ["date(\"2026-11-27\")", "datetime(\"2026-11-27T15:00\")", "datetime(\"2026-11-27 15:00:30Z\")",
             "datetime(\"2026-11-27\")", "day(failed_at)", "day(target_date)"],
            declarations: Self.declarations, answers: Self.answers)
        #expect(values.map { $0?.description } == [
            "2026-11-27", "2026-11-27 15:00", "2026-11-27 15:00", "2026-11-27", "2026-11-27", "2026-12-20",
        ])
        #expect(values[1] == .date(Moment(year: 2026, month: 11, day: 27, hour: 15)!))
    }

    @Test func durationFunctions() throws {
        try check([
            "minutes(2 hours)": EV.n(120), "hours(90 minutes)": EV.n(1.5), "days(36 hours)": EV.n(1.5),
            "weeks(14 days)": EV.n(2), "days(target_date - day(failed_at)) >= 14": EV.b(true),
            "round(weeks(recommended_from - failed_at))": EV.n(6), "days(-(2 days))": EV.n(-2),
        ])
    }

    @Test func comprehensionFilterAndOrder() throws {
        try check([
            "[d.id for d in domains]": EV.texts("nlp", "vision", "speech"),
            "[d.id for d in domains where d.score < 60]": EV.texts("nlp", "vision"),
            "[d.id for d in domains where d.score < 60 by -(d.weight * (60 - d.score))]": EV.texts("vision", "nlp"),
            "[d.id for d in domains by d.weight]": EV.texts("vision", "speech", "nlp"),
            "[d.id for d in domains by d.id]": EV.texts("nlp", "speech", "vision"),
            "[x * 2 for x in [3, 1, 2] by x]": EV.numbers(2, 4, 6),
            "[x for x in [3, 1, 2] where x > 5]": Value.list([]),
            "count([s for s in services_used where s in vision_services])": EV.n(2),
            "[s for s in services_used by -count([c for c in vision_services where c == s])]": EV.texts("face", "vision_api", "speech"),
        ])
    }

    @Test func comprehensionOrderIsStableForEqualKeys() throws {
        try check([
            "[x for x in [\"c\", \"a2\", \"b\", \"a1\"] by 0]": EV.texts("c", "a2", "b", "a1"),
            "[d.id for d in domains by (if d.weight > 16 then 1 else 0)]": EV.texts("vision", "nlp", "speech"),
            "[w for w in [30, 10, 20, 10] by w]": EV.numbers(10, 10, 20, 30),
        ])
    }

    @Test func comprehensionVariablesAreLocal() throws {
        try check([
            "[x for x in [1, 2, 3] where x in [x + 1 for x in [0, 1]]]": EV.numbers(1, 2),
            "[[y * x for y in [1, 2]] for x in [10, 20]]": EV.list(EV.numbers(10, 20), EV.numbers(20, 40)),
            "sum([d.weight for d in domains]) + count([d for d in domains])": EV.n(68),
        ])
    }
}
