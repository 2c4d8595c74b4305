import Testing
@testable import RuleEngine

/// Every operator of the expression language, on each kind of value it
/// takes, evaluated by a rule that sets output facts.
@Suite struct ExpressionEvaluationTests {
    static let facts = """
        facts:
          n: {type: number}
          weeks_max: {type: integer}
          label: {type: text}
          services_used: {type: set, values: [speech, translator, vision]}
          marks: {type: list, of: number}
          target_date: {type: date}
          failed_at: {type: datetime}
          pace: {type: choice, values: [rushed, sluggish, fine]}

        """
    static let answers: [String: Value] = [
        "n": .number(3), "weeks_max": .number(2), "label": .string("nlp"),
        "services_used": EV.textSet("translator", "speech"), "marks": EV.numbers(4, 1, 3),
        "target_date": EV.date("2026-12-20"), "failed_at": EV.date("2026-11-27T15:00"),
    ]

    private func evaluate(_ expressions: [String]) throws -> [Value?] {
        try EnginePack.evaluate(expressions, declarations: Self.facts, answers: Self.answers)
    }

    /// Expressions and the values they should give, compared pairwise so a
    /// failure names the expression.
    private func check(_ cases: KeyValuePairs<String, Value>, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let values = try evaluate(cases.map(\.key))
        for ((expression, expected), value) in zip(cases, values) {
            #expect(value == expected, "\(expression)", sourceLocation: sourceLocation)
        }
    }

    @Test func numberLiterals() throws {
        try check(["42": EV.n(42), "2.5": EV.n(2.5), "1e6": EV.n(1_000_000), "2.5e-1": EV.n(0.25), "-3": EV.n(-3)])
    }

    @Test func arithmeticOnNumbers() throws {
        try check([
            "7 + 2": EV.n(9), "7 - 2": EV.n(5), "7 * 2": EV.n(14), "7 / 2": EV.n(3.5), "7 % 3": EV.n(1),
            "-7 % 3": EV.n(-1), "7.5 % 2": EV.n(1.5), "-n": EV.n(-3), "- (n + 1)": EV.n(-4), "n * n - n": EV.n(6),
        ])
    }

    @Test func precedenceAndGrouping() throws {
        try check([
            "2 + 3 * 4": EV.n(14), "(2 + 3) * 4": EV.n(20), "10 - 4 - 3": EV.n(3), "24 / 4 / 2": EV.n(3),
            "2 * -3": EV.n(-6), "1 + 2 == 3": EV.b(true), "not 1 > 2 and 2 > 1": EV.b(true),
            "false and true or true": EV.b(true), "false and (true or true)": EV.b(false),
            "1 + 1 ?? 5": EV.n(2), "n ?? 0 + 1": EV.n(3),
        ])
    }

    @Test func comparisonsOnNumbers() throws {
        try check([
            "3 < 4": EV.b(true), "4 < 4": EV.b(false), "4 <= 4": EV.b(true), "5 > 6": EV.b(false),
            "5 >= 5": EV.b(true), "3 == 3.0": EV.b(true), "n != 3": EV.b(false), "n == 3": EV.b(true),
        ])
    }

    @Test func operatorsOnTexts() throws {
        try check([
            "\"ab\" + \"cd\"": EV.s("abcd"), "label + \"!\"": EV.s("nlp!"), "\"apple\" < \"banana\"": EV.b(true),
            "\"b\" >= \"a\"": EV.b(true), "\"lp\" in label": EV.b(true), "\"x\" not in label": EV.b(true),
            "label == \"nlp\"": EV.b(true), "label != 'nlp'": EV.b(false),
        ])
    }

    @Test func textEscapes() throws {
        try check([
            #""a\"b""#: EV.s("a\"b"), #"'it\'s'"#: EV.s("it's"), #""tab\there""#: EV.s("tab\there"),
            #""line\nbreak""#: EV.s("line\nbreak"), #""back\\slash""#: EV.s("back\\slash"),
            #""\u{1F600}""#: EV.s("\u{1F600}"), #""\r""#: EV.s("\r"), "'double \" inside'": EV.s("double \" inside"),
        ])
    }

    @Test func yesNoValues() throws {
        try check([
            "true": EV.b(true), "not true": EV.b(false), "true == false": EV.b(false), "true != false": EV.b(true),
            "true and true": EV.b(true), "false or false": EV.b(false),
        ])
    }

    @Test func dateArithmetic() throws {
        try check([
            "date(\"2026-11-27\") + 14 days": EV.date("2026-12-11"),
            "14 days + date(\"2026-11-27\")": EV.date("2026-12-11"),
            "date(\"2026-11-27\") - 1 week": EV.date("2026-11-20"),
            "date(\"2026-12-11\") - date(\"2026-11-27\")": EV.days(14),
            "date(\"2026-11-27\") - date(\"2026-12-11\")": EV.days(-14),
            "date(\"2028-02-28\") + 1 day": EV.date("2028-02-29"),
            "date(\"2026-12-31\") + 1 day": EV.date("2027-01-01"),
            "failed_at + 90 minutes": EV.date("2026-11-27T16:30"),
            "failed_at - date(\"2026-11-27\")": EV.hours(15),
            "target_date - day(failed_at)": EV.days(23),
        ])
    }

    @Test func dateResultsKeepOrGainATimeOfDay() throws {
        let values = try evaluate([
            "date(\"2026-11-27\") + 2 days", "date(\"2026-11-27\") + 36 hours", "failed_at + 1 day",
            "day(failed_at)", "date(\"2026-11-27\") + 48 hours",
        ])
        #expect(values.map { $0?.description } == [
            "2026-11-29", "2026-11-28 12:00", "2026-11-28 15:00", "2026-11-27", "2026-11-29",
        ])
    }

    @Test func dateComparisons() throws {
        try check([
            "date(\"2026-11-27\") < date(\"2026-11-28\")": EV.b(true),
            "target_date >= failed_at + 22 days": EV.b(true),
            "target_date > failed_at + 23 days": EV.b(false),
            "day(failed_at) == date(\"2026-11-27\")": EV.b(true),
            "datetime(\"2026-11-27T00:00\") == date(\"2026-11-27\")": EV.b(true),
            "failed_at <= datetime(\"2026-11-27T14:59\")": EV.b(false),
        ])
    }

    @Test func durationArithmetic() throws {
        try check([
            "24 hours + 30 minutes": EV.minutes(1470), "2 days - 12 hours": EV.hours(36),
            "3 days * 2": EV.days(6), "2 * 3 days": EV.days(6), "6 weeks / 2": EV.days(21),
            "6 weeks / 2 weeks": EV.n(3), "-(2 days)": EV.days(-2), "1.5 hours": EV.minutes(90),
            "(weeks_max) weeks": EV.days(14), "(n + 1) days": EV.days(4), "1 day": EV.days(1),
            "1 minute": EV.minutes(1), "1 hour": EV.hours(1), "1 week": EV.days(7), "90 minutes / 4": EV.minutes(23),
        ])
    }

    @Test func durationComparisons() throws {
        try check([
            "14 days == 2 weeks": EV.b(true), "1 day < 25 hours": EV.b(true), "2 weeks >= 15 days": EV.b(false),
            "60 minutes != 1 hour": EV.b(false), "-(1 day) < 0 days": EV.b(true),
        ])
    }

    @Test func durationsReadAsText() throws {
        let values = try evaluate(["14 days", "36 hours", "90 minutes", "1 day", "-(2 weeks)"])
        #expect(values.map { $0?.description } == ["2 weeks", "36 hours", "90 minutes", "1 day", "-2 weeks"])
    }

    @Test func operatorsOnSets() throws {
        try check([
            "{\"b\", \"a\"} + {\"c\", \"a\"}": EV.textSet("a", "b", "c"),
            "{\"a\", \"b\"} | {\"c\"}": EV.textSet("a", "b", "c"),
            "{\"a\", \"b\", \"c\"} & {\"b\", \"c\", \"d\"}": EV.textSet("b", "c"),
            "{\"a\", \"b\", \"c\"} - {\"b\"}": EV.textSet("a", "c"),
            "{\"a\", \"b\"} - [\"a\"]": EV.textSet("b"),
            "{\"b\", \"a\"} == {\"a\", \"b\"}": EV.b(true),
            "{\"a\", \"a\"}": EV.textSet("a"),
            "{}": Value.set([]),
            "\"speech\" in services_used": EV.b(true),
            "\"vision\" not in services_used": EV.b(true),
            "services_used | {\"vision\"}": EV.textSet("speech", "translator", "vision"),
            "services_used & {\"vision\", \"speech\"}": EV.textSet("speech"),
            "services_used - {\"speech\"}": EV.textSet("translator"),
            "services_used == {\"translator\", \"speech\"}": EV.b(true),
        ])
    }

    @Test func operatorsOnLists() throws {
        try check([
            "[1, 2] + [3]": EV.numbers(1, 2, 3), "[1, 2, 3, 2] - [2]": EV.numbers(1, 3),
            "[1, 2, 3] - {1}": EV.numbers(2, 3), "[3, 1] | [1, 2]": Value.makeSet([EV.n(1), EV.n(2), EV.n(3)]),
            "[1, 2] & [2, 3]": Value.makeSet([EV.n(2)]), "2 in [1, 2]": EV.b(true), "5 not in [1, 2]": EV.b(true),
            "[1, 2] == [2, 1]": EV.b(false), "[1, 2] == [1, 2]": EV.b(true), "[]": Value.list([]),
            "marks + [2]": EV.numbers(4, 1, 3, 2), "3 in marks": EV.b(true), "[[1], [2, 3]]": EV.list(EV.numbers(1), EV.numbers(2, 3)),
        ])
    }

    @Test func conditionalExpressions() throws {
        try check([
            "if n > 2 then \"big\" else \"small\"": EV.s("big"),
            "if n > 5 then \"big\" else \"small\"": EV.s("small"),
            "if false then 1 else if true then 2 else 3": EV.n(2),
            "if n == 1 then 24 hours else 14 days": EV.days(14),
            "1 + (if true then 1 else 2)": EV.n(2),
        ])
    }

    /// The first error `check` reports for a rule whose condition is `condition`.
    private func checkError(_ condition: String) -> String? {
        let yaml = Self.facts + """
            rules:
              - id: r
                when: \(EnginePack.quoted(condition))
                then: [{set: x, to: 1}]
            """
        let pack = PackLoader.load(files: [SourceFile(name: "pack.yaml", text: yaml)])
        return pack.diagnostics.first { $0.severity == .error }.map(pack.renderer.headline)
    }

    @Test func comparingAFactWithATextNotAmongItsValuesIsAnError() throws {
        #expect(checkError("\"speech\" in services_used and pace in {\"rushed\", \"fine\"} and pace != \"fine\"") == nil)
        #expect(checkError("pace == \"rushd\"")
            == "pack.yaml:12:20: error: 'rushd' is not one of rushed, sluggish, fine; did you mean 'rushed'?")
        #expect(checkError("\"speach\" in services_used")
            == "pack.yaml:12:12: error: 'speach' is not one of speech, translator, vision; did you mean 'speech'?")
        #expect(checkError("pace in {\"rushd\", \"fine\"}")
            == "pack.yaml:12:20: error: 'rushd' is not one of rushed, sluggish, fine; did you mean 'rushed'?")
        #expect(checkError("services_used == {\"speech\", \"visoin\"}")
            == "pack.yaml:12:29: error: 'visoin' is not one of speech, translator, vision; did you mean 'vision'?")
    }

    @Test func unknownNameIsAnErrorWithTheClosestNameSuggested() throws {
        #expect(checkError("label == \"nlp\"") == nil)
        #expect(checkError("lable == \"nlp\"") == "pack.yaml:12:12: error: unknown name 'lable'; did you mean 'label'?")
        #expect(checkError("coutn(marks) > 1") == "pack.yaml:12:12: error: unknown function 'coutn'; did you mean 'count'?")
    }

    @Test func aSetEqualsAListWithTheSameItems() throws {
        let values = try EnginePack.evaluate(
            ["s == []", "s != []", "t == [\"b\", \"a\", \"a\"]", "[\"a\"] == t"],
            declarations: "facts:\n  s: {type: set, of: text}\n  t: {type: set, of: text}\n",
            answers: ["s": .set([]), "t": .makeSet([.string("a"), .string("b")])])
        #expect(values == [EV.b(true), EV.b(false), EV.b(true), EV.b(false)])
    }
}
