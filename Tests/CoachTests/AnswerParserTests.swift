import FuzzSupport
import PropertyBased
import RuleEngine
import Testing

@testable import Coach

/// Questions as rules/ai102/questions.yaml declares them (ranges from
/// facts.yaml), and a clock: Saturday 2026-11-28 at 09:00.
private enum Fixture {
    static let now = Moment(year: 2026, month: 11, day: 28, hour: 9, minute: 0)!

    static func question(_ fact: String, _ kind: Question.Kind, choices: [(id: String, label: String)] = [],
                         minimum: Double? = nil, maximum: Double? = nil, words: [String] = [],
                         optional: Bool = false, past: Bool = false) -> Question {
        Question(fact: fact, phase: "test", kind: kind, prompt: "\(fact)?", hint: nil, help: nil, choices: choices,
                 minimum: minimum, maximum: maximum, words: words, isOptional: optional, isPast: past, askIf: nil,
                 location: SourceLocation(file: "questions.yaml", line: 1, column: 1))
    }

    static let failedAt = question("failed_at", .datetime, past: true)
    static let attempt = question("attempt", .integer, minimum: 1, maximum: 5)
    static let firstAttemptAt = question("first_attempt_at", .date, optional: true, past: true)
    static let scoreTotal = question("score_total", .integer, minimum: 1, maximum: 1000, optional: true)
    static let planManage = question("scores.plan_manage", .percent)
    static let servicesUsed = question("services_used", .multi, choices: [
        ("computer_vision", "Computer Vision"), ("custom_vision", "Custom Vision"),
        ("document_intelligence", "Document Intelligence (Form Recognizer)"), ("speech", "Speech"),
        ("language_understanding", "Language Understanding"), ("text_analytics", "Text Analytics"),
        ("translator", "Translator"), ("cognitive_search", "Cognitive Search"), ("azure_ml", "Azure Machine Learning"),
        ("anomaly_detector", "Anomaly Detector"), ("azure_openai", "Azure OpenAI"),
    ])
    static let handsOn = question("hands_on", .choice, choices: [
        ("none", "Nothing yet"), ("tutorials", "Tutorials and quickstarts"),
        ("projects", "Projects of my own or at work"), ("production", "Solutions running in production"),
    ])
    static let specialtyService = question("specialty_service", .choice, choices: [
        ("none", "No single one"), ("computer_vision", "Computer Vision"), ("custom_vision", "Custom Vision"),
        ("document_intelligence", "Document Intelligence"), ("speech", "Speech"),
        ("language_understanding", "Language Understanding"), ("text_analytics", "Text Analytics"),
        ("translator", "Translator"), ("cognitive_search", "Cognitive Search"), ("azure_ml", "Azure Machine Learning"),
        ("anomaly_detector", "Anomaly Detector"), ("azure_openai", "Azure OpenAI"),
    ])
    static let priorCerts = question("prior_certs", .multi, choices: [
        ("az900", "AZ-900 Azure Fundamentals"), ("az104", "AZ-104 Azure Administrator"),
        ("ai900", "AI-900 Azure AI Fundamentals"), ("dp100", "DP-100 Azure Data Scientist"),
        ("other", "Another certification"),
    ])
    static let mlBackground = question("ml_background", .yesNo)
    static let studySources = question("study_sources", .multi, choices: [
        ("docs", "Documentation and articles"), ("video", "Video courses"), ("practice_tests", "Practice tests"),
        ("labs", "Hands-on labs"), ("books", "Books"),
    ])
    static let materialsAge = question("materials_age_months", .integer, minimum: 0, maximum: 240)
    static let examPace = question("exam_pace", .choice, choices: [
        ("rushed", "Rushed, short of time"), ("sluggish", "Sluggish, hard to focus"), ("fine", "About right"),
    ])
    static let targetDate = question("target_date", .date, words: ["none"], optional: true)
    static let hoursPerWeek = question("hours_per_week", .integer, minimum: 0, maximum: 100)
    /// Not in the pack: a required date, a bare integer, free text.
    static let requiredDate = question("sat_on", .date)
    static let anyInteger = question("count", .integer)
    static let note = question("note", .text)
    static let optionalNote = question("maybe_note", .text, optional: true)

    /// One question of each type, required and optional.
    static let all: [Question] = [
        failedAt, attempt, firstAttemptAt, scoreTotal, planManage, servicesUsed, handsOn, specialtyService, priorCerts,
        mlBackground, studySources, materialsAge, examPace, targetDate, hoursPerWeek, requiredDate, anyInteger, note,
        optionalNote,
        question("maybe_pace", .choice, choices: [("rushed", "Rushed"), ("fine", "Fine")], optional: true),
        question("maybe_certs", .multi, choices: [("az900", "AZ-900"), ("other", "Other")], optional: true),
        question("maybe", .yesNo, optional: true),
        question("maybe_percent", .percent, optional: true),
        question("maybe_at", .datetime, words: ["unknown"], optional: true),
    ]
}

private func parse(_ question: Question, _ text: String, now: Moment = Fixture.now) -> Result<Answer, AnswerError> {
    Result { () throws(AnswerError) in try AnswerParser(question: question, now: now).parse(text) }
}

private func accepted(_ value: Value?, _ canonical: String) -> Result<Answer, AnswerError> {
    .success(Answer(value: value, canonical: canonical))
}

private func refused(_ message: String) -> Result<Answer, AnswerError> {
    .failure(AnswerError(message: message))
}

private func day(_ year: Int, _ month: Int, _ day: Int) -> Value {
    .date(Moment(year: year, month: month, day: day)!)
}

private func time(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int) -> Value {
    .date(Moment(year: year, month: month, day: day, hour: hour, minute: minute)!)
}

private func set(_ ids: String...) -> Value {
    .makeSet(ids.map(Value.string))
}

/// Nothing that ends a line or moves the cursor: no C0 or C1 control
/// character (tab included), DEL, or line or paragraph separator.
private func isOneClean(line text: String) -> Bool {
    !text.unicodeScalars.contains {
        [.control, .lineSeparator, .paragraphSeparator].contains($0.properties.generalCategory)
    } && !text.contains(where: \.isNewline)
}

// MARK: - Choice

@Suite struct AnswerParserChoiceTests {
    static let paceExpected = "one of rushed (1), sluggish (2), fine (3)"

    @Test(arguments: [
        ("1", "none"), ("12", "azure_openai"), (" 5 ", "speech"), ("01", "none"),
        ("speech", "speech"), ("SPEECH", "speech"), ("Azure_OpenAI", "azure_openai"),
        ("Azure OpenAI", "azure_openai"), ("azure machine learning", "azure_ml"), ("No single one", "none"),
        ("anom", "anomaly_detector"), ("Doc", "document_intelligence"), ("Azure Mach", "azure_ml"),
        ("no single", "none"), ("N", "none"), ("cus", "custom_vision"), ("TRANSL", "translator"),
        ("text", "text_analytics"), ("\t2\t", "computer_vision"),
    ])
    func aChoiceIsReadByNumberIdLabelOrPrefix(text: String, id: String) {
        #expect(parse(Fixture.specialtyService, text) == accepted(.string(id), id))
    }

    @Test func anExactIdWinsOverALongerOne() {
        let question = Fixture.question("q", .choice, choices: [("tutor", "Tutor"), ("tutorials", "Tutorials")])
        #expect(parse(question, "tutor") == accepted(.string("tutor"), "tutor"))
        #expect(parse(question, "tutori") == accepted(.string("tutorials"), "tutorials"))
        #expect(parse(question, "TUT") == refused("'TUT' could be tutor or tutorials; type more of it."))
    }

    @Test(arguments: [
        ("c", "'c' could be computer_vision or custom_vision or cognitive_search; type more of it."),
        ("Co", "'Co' could be computer_vision or cognitive_search; type more of it."),
        ("AZURE", "'AZURE' could be azure_ml or azure_openai; type more of it."),
        ("t", "'t' could be text_analytics or translator; type more of it."),
    ])
    func anAmbiguousPrefixNamesTheCandidates(text: String, message: String) {
        #expect(parse(Fixture.specialtyService, text) == refused(message))
    }

    @Test(arguments: [("0", "0"), ("4", "4"), ("-1", "-1"), ("+7", "7"), ("9223372036854775807", "9223372036854775807"),
                      ("-9223372036854775808", "-9223372036854775808")])
    func aNumberOutOfRangeIsRefused(text: String, shown: String) {
        #expect(parse(Fixture.examPace, text) == refused("There is no choice \(shown); expected \(Self.paceExpected)."))
    }

    @Test(arguments: ["slow", "99999999999999999999", "1.5", "1 2", "rushed, fine", "fine-ish"])
    func anUnknownWordIsRefused(text: String) {
        #expect(parse(Fixture.examPace, text) == refused("'\(text)' is not a choice here; expected \(Self.paceExpected)."))
    }

    @Test(arguments: [("rushedd", "rushed"), ("fien", "fine"), ("slugish", "sluggish"), ("About rigth", "fine")])
    func aMisspeltChoiceGetsADidYouMean(text: String, meant: String) {
        #expect(parse(Fixture.examPace, text) == refused("'\(text)' is not a choice here; did you mean '\(meant)'?"))
    }

    @Test func aLongUnknownAnswerIsQuotedShortened() {
        let text = String(repeating: "x", count: 50)
        #expect(parse(Fixture.examPace, text)
                == refused("'\(String(repeating: "x", count: 40))…' is not a choice here; expected \(Self.paceExpected)."))
    }

    @Test func aRequiredChoiceNeedsAnAnswer() {
        #expect(parse(Fixture.examPace, "") == refused("An answer is needed: \(Self.paceExpected)."))
        #expect(parse(Fixture.examPace, "Skip") == refused("This one cannot be skipped: \(Self.paceExpected)."))
    }

    @Test func aChoiceWhoseIdIsNoneIsAChoiceNotAWord() {
        #expect(parse(Fixture.handsOn, "none") == accepted(.string("none"), "none"))
        #expect(parse(Fixture.handsOn, "nothing") == accepted(.string("none"), "none"))
        #expect(parse(Fixture.handsOn, "pro") == refused("'pro' could be projects or production; type more of it."))
    }
}

// MARK: - Multi

@Suite struct AnswerParserMultiTests {
    static let sourcesExpected = "any of docs (1), video (2), practice_tests (3), labs (4), books (5), separated by commas, or none"

    @Test(arguments: [
        ("1,3", set("docs", "practice_tests"), "docs, practice_tests"),
        ("3 1", set("docs", "practice_tests"), "docs, practice_tests"),
        ("3, 1", set("docs", "practice_tests"), "docs, practice_tests"),
        ("  labs ,1   video  ", set("docs", "video", "labs"), "docs, video, labs"),
        ("books;docs", set("docs", "books"), "docs, books"),
        ("5,4,3,2,1", set("docs", "video", "practice_tests", "labs", "books"), "docs, video, practice_tests, labs, books"),
        ("1, 1, docs, DOCS, doc", set("docs"), "docs"),
        ("PRAC", set("practice_tests"), "practice_tests"),
        ("hands-on labs, Video courses", set("video", "labs"), "video, labs"),
        ("none", set(), "none"),
        ("NONE", set(), "none"),
        (" None ", set(), "none"),
    ])
    func aSetIsReadInAnyOrderAndWrittenInTheChoicesOrder(text: String, value: Value, canonical: String) {
        #expect(parse(Fixture.studySources, text) == accepted(value, canonical))
    }

    @Test(arguments: [
        ("Computer Vision, Azure OpenAI", set("computer_vision", "azure_openai"), "computer_vision, azure_openai"),
        ("azure openai, text analytics, 7", set("text_analytics", "translator", "azure_openai"),
         "text_analytics, translator, azure_openai"),
        ("Document Intelligence (Form Recognizer); speech", set("document_intelligence", "speech"),
         "document_intelligence, speech"),
        ("speech translator", set("speech", "translator"), "speech, translator"),
        ("11 1", set("computer_vision", "azure_openai"), "computer_vision, azure_openai"),
    ])
    func labelsOfSeveralWordsAreOneItem(text: String, value: Value, canonical: String) {
        #expect(parse(Fixture.servicesUsed, text) == accepted(value, canonical))
    }

    @Test(arguments: [
        ("1, 9", "There is no choice 9; expected \(sourcesExpected)."),
        ("1 0", "There is no choice 0; expected \(sourcesExpected)."),
        ("docs, podcasts", "'podcasts' is not a choice here; expected \(sourcesExpected)."),
        ("docs podcasts", "'podcasts' is not a choice here; expected \(sourcesExpected)."),
        ("none, docs", "'none' is not a choice here; expected \(sourcesExpected)."),
        ("docs, none", "'none' is not a choice here; expected \(sourcesExpected)."),
        ("docs/video", "'docs/video' is not a choice here; expected \(sourcesExpected)."),
        (",", "',' is not a choice here; expected \(sourcesExpected)."),
        (", ;  ,", "', ;  ,' is not a choice here; expected \(sourcesExpected)."),
    ])
    func oneBadItemRefusesTheWholeAnswer(text: String, message: String) {
        #expect(parse(Fixture.studySources, text) == refused(message))
    }

    @Test func anAmbiguousItemNamesTheCandidates() {
        #expect(parse(Fixture.servicesUsed, "speech, c") ==
                refused("'c' could be computer_vision or custom_vision or cognitive_search; type more of it."))
        #expect(parse(Fixture.servicesUsed, "Azure") == refused("'Azure' could be azure_ml or azure_openai; type more of it."))
        #expect(parse(Fixture.priorCerts, "az") == refused("'az' could be az900 or az104; type more of it."))
    }

    @Test func aRequiredSetNeedsAnAnswer() {
        let expected = "any of az900 (1), az104 (2), ai900 (3), dp100 (4), other (5), separated by commas, or none"
        #expect(parse(Fixture.priorCerts, " ") == refused("An answer is needed: \(expected)."))
        #expect(parse(Fixture.priorCerts, "skip") == refused("This one cannot be skipped: \(expected)."))
        #expect(parse(Fixture.priorCerts, "AZ-104 Azure Administrator, ai9")
                == accepted(set("az104", "ai900"), "az104, ai900"))
    }
}

// MARK: - Yes or no

@Suite struct AnswerParserYesNoTests {
    @Test(arguments: ["y", "Y", "yes", "YES", "Yes", "yEs", "true", "TRUE", "True", " y "])
    func yes(text: String) {
        #expect(parse(Fixture.mlBackground, text) == accepted(.bool(true), "yes"))
    }

    @Test(arguments: ["n", "N", "no", "NO", "No", "false", "FALSE", "False", "\tno\t"])
    func no(text: String) {
        #expect(parse(Fixture.mlBackground, text) == accepted(.bool(false), "no"))
    }

    @Test(arguments: ["yep", "nope", "1", "0", "ye", "yes no", "oui", "t", "f", "yess", "\u{FFFD}"])
    func anythingElseIsRefused(text: String) {
        #expect(parse(Fixture.mlBackground, text) == refused("Please answer yes or no."))
    }

    @Test func aRequiredYesOrNoNeedsAnAnswer() {
        #expect(parse(Fixture.mlBackground, "") == refused("An answer is needed: yes or no."))
        #expect(parse(Fixture.mlBackground, "skip") == refused("This one cannot be skipped: yes or no."))
    }
}

// MARK: - Integer

@Suite struct AnswerParserIntegerTests {
    static let attemptExpected = "a whole number from 1 to 5"

    @Test(arguments: [("1", 1.0), ("5", 5), ("3", 3), (" 3 ", 3), ("\t2", 2), ("03", 3), ("3.0", 3), ("3.", 3)])
    func aWholeNumberInRangeIsAccepted(text: String, number: Double) {
        #expect(parse(Fixture.attempt, text) == accepted(.number(number), Value.format(number)))
    }

    @Test(arguments: [
        ("0", "0 is too low"), ("-3", "-3 is too low"), ("-0", "0 is too low"),
        ("6", "6 is too high"), ("1000", "1000 is too high"), ("999999999999999", "999999999999999 is too high"),
    ])
    func aNumberOutOfRangeIsRefused(text: String, start: String) {
        #expect(parse(Fixture.attempt, text) == refused("\(start); expected \(Self.attemptExpected)."))
    }

    @Test(arguments: ["2.5", "1.1", "4.999", "0.5"])
    func decimalsAreRefused(text: String) {
        #expect(parse(Fixture.attempt, text) == refused("Please give a whole number; expected \(Self.attemptExpected)."))
    }

    @Test func numbersPastFifteenDigitsAreTooLarge() {
        for text in ["99999999999999999999", "1000000000000000"] {
            #expect(parse(Fixture.attempt, text) == refused("That number is too large; expected \(Self.attemptExpected)."))
        }
        #expect(parse(Fixture.planManage, "99999999999999999999")
                == refused("That number is too large; expected a percentage from 0 to 100."))
    }

    @Test(arguments: ["1e400", "-1e400", "1e2", "1E2", "inf", "-inf",
                      "infinity", "nan", "NaN", "0x10", "+3", "three", "1,5", "1 000", "--1", "-", ".", "3%", "²",
                      "٣", "３", "1_000", "\u{FFFD}", "1\u{FFFD}"])
    func overflowAndNonNumbersAreRefused(text: String) {
        #expect(parse(Fixture.attempt, text) == refused("'\(text)' is not a number; expected \(Self.attemptExpected)."))
    }

    @Test func minusZeroIsZero() {
        #expect(parse(Fixture.materialsAge, "-0") == accepted(.number(0), "0"))
        #expect(parse(Fixture.materialsAge, "-0.0") == accepted(.number(0), "0"))
    }

    @Test func theRangeIsSaidAsDeclared() {
        #expect(parse(Fixture.materialsAge, "-1") == refused("-1 is too low; expected a whole number from 0 to 240."))
        #expect(parse(Fixture.hoursPerWeek, "101") == refused("101 is too high; expected a whole number from 0 to 100."))
        #expect(parse(Fixture.question("n", .integer, minimum: 0), "-1")
                == refused("-1 is too low; expected a whole number of 0 or more."))
        #expect(parse(Fixture.question("n", .integer, maximum: 10), "11")
                == refused("11 is too high; expected a whole number up to 10."))
        #expect(parse(Fixture.anyInteger, "x") == refused("'x' is not a number; expected a whole number."))
    }

    @Test func withoutARangeFifteenDigitsAreTheLimit() {
        #expect(parse(Fixture.anyInteger, "999999999999999") == accepted(.number(999_999_999_999_999), "999999999999999"))
        #expect(parse(Fixture.anyInteger, "-99999999999999") == accepted(.number(-99_999_999_999_999), "-99999999999999"))
        #expect(parse(Fixture.anyInteger, "9999999999999999")
                == refused("That number is too large; expected a whole number."))
    }

    @Test func anOptionalNumberMaySkip() {
        #expect(parse(Fixture.scoreTotal, "650") == accepted(.number(650), "650"))
        #expect(parse(Fixture.scoreTotal, "0")
                == refused("0 is too low; expected a whole number from 1 to 1000 or skip."))
    }
}

// MARK: - Percent

@Suite struct AnswerParserPercentTests {
    static let expected = "a percentage from 0 to 100"

    @Test(arguments: [("62", 62.0, "62"), ("62%", 62, "62"), ("62.5", 62.5, "62.5"), ("62 %", 62, "62"),
                      ("62.5 %", 62.5, "62.5"), (" 62% ", 62, "62"), ("0", 0, "0"), ("0%", 0, "0"), ("100", 100, "100"),
                      ("100%", 100, "100"), ("99.99", 99.99, "99.99"), ("-0", 0, "0"), ("007", 7, "7"),
                      ("0.00001", 0.00001, "0.00001"), ("0.000012 %", 0.000012, "0.000012")])
    func aPercentageIsReadWithOrWithoutItsSign(text: String, number: Double, canonical: String) {
        #expect(parse(Fixture.planManage, text) == accepted(.number(number), canonical))
    }

    @Test(arguments: [("101", "101 is too high"), ("100.5", "100.5 is too high"), ("-1", "-1 is too low"),
                      ("-1%", "-1 is too low"), ("-0.5", "-0.5 is too low"), ("1000", "1000 is too high")])
    func aPercentageOutOfRangeIsRefused(text: String, start: String) {
        #expect(parse(Fixture.planManage, text) == refused("\(start); expected \(Self.expected)."))
    }

    @Test(arguments: ["62%%", "%", "% 62", "%62", "sixty", "62 percent", "6 2", "1e400"])
    func nonNumbersAreRefused(text: String) {
        #expect(parse(Fixture.planManage, text) == refused("'\(text)' is not a number; expected \(Self.expected)."))
    }
}

// MARK: - Date

@Suite struct AnswerParserDateTests {
    static let targetExpected = "a date such as 2026-11-27, today or yesterday, none or skip"

    @Test(arguments: [
        ("2026-11-27", day(2026, 11, 27), "2026-11-27"), ("today", day(2026, 11, 28), "2026-11-28"),
        ("TODAY", day(2026, 11, 28), "2026-11-28"), ("Yesterday", day(2026, 11, 27), "2026-11-27"),
        (" yesterday ", day(2026, 11, 27), "2026-11-27"), ("2027-01-15", day(2027, 1, 15), "2027-01-15"),
        ("2028-02-29", day(2028, 2, 29), "2028-02-29"), ("0001-01-01", day(1, 1, 1), "0001-01-01"),
        ("9999-12-31", day(9999, 12, 31), "9999-12-31"),
    ])
    func aDateIsReadAndWrittenInFull(text: String, value: Value, canonical: String) {
        #expect(parse(Fixture.targetDate, text) == accepted(value, canonical))
    }

    @Test func todayAndYesterdayFollowTheClock() {
        let newYear = Moment(year: 2027, month: 1, day: 1, hour: 0, minute: 5)!
        #expect(parse(Fixture.requiredDate, "yesterday", now: newYear) == accepted(day(2026, 12, 31), "2026-12-31"))
        #expect(parse(Fixture.requiredDate, "today", now: newYear) == accepted(day(2027, 1, 1), "2027-01-01"))
        let leapDay = Moment(year: 2028, month: 3, day: 1, hour: 23, minute: 59)!
        #expect(parse(Fixture.requiredDate, "yesterday", now: leapDay) == accepted(day(2028, 2, 29), "2028-02-29"))
    }

    @Test(arguments: ["2026-02-30", "2026-13-01", "2026-00-10", "2026-11-00", "2026-11-31", "2025-02-29", "0000-01-01",
                      "27/11/2026", "2026-1-5", "2026/11/27", "20261127", "tomorrow", "2026-11-27 15:00",
                      "2026-11-27T15:00", "today 9:30", "yesterday yesterday", "2026-11-27x", "2026-11-27Z",
                      "\u{FFFD}", "2026-11-2\u{FFFD}", "none please"])
    func invalidDatesAreRefused(text: String) {
        #expect(parse(Fixture.targetDate, text) == refused("'\(text)' is not a date I can read; expected \(Self.targetExpected)."))
    }

    @Test(arguments: ["none", "None", "NONE", " none "])
    func theWordsOfOrAreAcceptedInAnyCase(text: String) {
        #expect(parse(Fixture.targetDate, text) == accepted(.string("none"), "none"))
    }

    @Test func aRequiredDateWithoutWordsRefusesThem() {
        #expect(parse(Fixture.requiredDate, "none")
                == refused("'none' is not a date I can read; expected a date such as 2026-11-27, today or yesterday."))
        #expect(parse(Fixture.requiredDate, "")
                == refused("An answer is needed: a date such as 2026-11-27, today or yesterday."))
        #expect(parse(Fixture.firstAttemptAt, "never")
                == refused("'never' is not a date I can read; expected a date such as 2026-11-27, today or yesterday or skip."))
    }
}

// MARK: - Date and time

@Suite struct AnswerParserDateTimeTests {
    static let expected = "a date such as 2026-11-27, with a time such as 15:00 if you know it"

    @Test(arguments: [
        ("2026-11-27 15:00", time(2026, 11, 27, 15, 0), "2026-11-27 15:00"),
        ("2026-11-27T15:00", time(2026, 11, 27, 15, 0), "2026-11-27 15:00"),
        ("2026-11-27T15:00Z", time(2026, 11, 27, 15, 0), "2026-11-27 15:00"),
        ("2026-11-27T15:00:59Z", time(2026, 11, 27, 15, 0), "2026-11-27 15:00"),
        ("2026-11-27T15:00:30", time(2026, 11, 27, 15, 0), "2026-11-27 15:00"),
        ("2026-11-27 15:00:30", time(2026, 11, 27, 15, 0), "2026-11-27 15:00"),
        ("2026-11-27 15:00Z", time(2026, 11, 27, 15, 0), "2026-11-27 15:00"),
        ("2026-11-27  9:30", time(2026, 11, 27, 9, 30), "2026-11-27 09:30"),
        ("2026-11-27 00:00", time(2026, 11, 27, 0, 0), "2026-11-27 00:00"),
        ("yesterday 9:30", time(2026, 11, 27, 9, 30), "2026-11-27 09:30"),
        ("Yesterday 23:59", time(2026, 11, 27, 23, 59), "2026-11-27 23:59"),
        ("today 08:15", time(2026, 11, 28, 8, 15), "2026-11-28 08:15"),
        ("today 9:00", time(2026, 11, 28, 9, 0), "2026-11-28 09:00"),
        ("today", day(2026, 11, 28), "2026-11-28"),
        ("yesterday", day(2026, 11, 27), "2026-11-27"),
        ("2026-11-27", day(2026, 11, 27), "2026-11-27"),
        ("2026-11-28", day(2026, 11, 28), "2026-11-28"),
        ("2025-06-01 12:00", time(2025, 6, 1, 12, 0), "2025-06-01 12:00"),
    ])
    func aMomentIsReadAndWrittenInFull(text: String, value: Value, canonical: String) {
        #expect(parse(Fixture.failedAt, text) == accepted(value, canonical))
    }

    @Test(arguments: ["15:00", "9:30", "25:00", "yesterday 25:00", "today 24:00", "2026-11-27 25:00", "2026-11-27T25:00",
                      "2026-11-27 15:60", "yesterday 9:5", "yesterday 9:305", "yesterday 9", "yesterday 9:30 pm",
                      "yesterday 9:+5", "yesterday +9:30", "yesterday -0:30", "yesterday 09.30",
                      "2026-11-27t15:00", "2026-11-27T15", "2026-11-27 15:00 16:00", "2026-02-30 10:00",
                      "2026-13-01", "today9:30", "now", "\u{FFFD} 9:30"])
    func unreadableMomentsAreRefused(text: String) {
        #expect(parse(Fixture.failedAt, text) == refused("'\(text)' is not a date I can read; expected \(Self.expected)."))
    }

    @Test(arguments: [("today 9:01", "2026-11-28 09:01"), ("2026-11-28 23:59", "2026-11-28 23:59"),
                      ("2026-11-28T10:00Z", "2026-11-28 10:00"), ("2026-11-29", "2026-11-29"),
                      ("2026-11-29 00:00", "2026-11-29 00:00"), ("2027-01-01", "2027-01-01")])
    func aMomentInTheFutureIsRefused(text: String, readable: String) {
        #expect(parse(Fixture.failedAt, text) == refused("\(readable) is later than now (2026-11-28 09:00); give the date it happened."))
    }

    @Test func justAfterMidnightTomorrowIsStillTheFuture() {
        let lateEvening = Moment(year: 2026, month: 11, day: 28, hour: 23, minute: 59)!
        #expect(parse(Fixture.failedAt, "2026-11-29", now: lateEvening)
                == refused("2026-11-29 is later than now (2026-11-28 23:59); give the date it happened."))
        #expect(parse(Fixture.failedAt, "today", now: lateEvening) == accepted(day(2026, 11, 28), "2026-11-28"))
        let midnight = Moment(year: 2026, month: 11, day: 28, hour: 0, minute: 0)!
        #expect(parse(Fixture.failedAt, "2026-11-28", now: midnight) == accepted(day(2026, 11, 28), "2026-11-28"))
    }

    @Test func onlyAQuestionAboutThePastRefusesTheFuture() {
        #expect(parse(Fixture.firstAttemptAt, "2026-11-29")
                == refused("2026-11-29 is later than now (2026-11-28 09:00); give the date it happened."))
        #expect(parse(Fixture.firstAttemptAt, "today") == accepted(day(2026, 11, 28), "2026-11-28"))
        #expect(parse(Fixture.targetDate, "2026-11-29") == accepted(day(2026, 11, 29), "2026-11-29"))
        let question = Fixture.question("maybe_at", .datetime, words: ["unknown"], optional: true)
        #expect(parse(question, "2026-11-28 10:00") == accepted(time(2026, 11, 28, 10, 0), "2026-11-28 10:00"))
    }

    @Test func aDateQuestionTakesNoTime() {
        #expect(parse(Fixture.requiredDate, "yesterday 9:30")
                == refused("'yesterday 9:30' is not a date I can read; expected a date such as 2026-11-27, today or yesterday."))
    }

    @Test func wordsAndSkipForAnOptionalMoment() {
        let question = Fixture.question("maybe_at", .datetime, words: ["unknown"], optional: true)
        #expect(parse(question, "Unknown") == accepted(.string("unknown"), "unknown"))
        #expect(parse(question, "skip") == accepted(nil, "skip"))
        #expect(parse(question, "soon") == refused("'soon' is not a date I can read; expected \(Self.expected), unknown or skip."))
    }
}

// MARK: - Text

@Suite struct AnswerParserTextTests {
    @Test(arguments: [("hello", "hello"), ("  hello world  ", "hello world"), ("a\tb", "a\tb"), ("Zoë 😀", "Zoë 😀"),
                      ("\u{FFFD}", "\u{FFFD}"), ("yes", "yes"), ("none", "none"), ("1", "1"), ("-- ; --", "-- ; --"),
                      ("\u{A0}padded\u{3000}", "padded")])
    func textIsKeptAsWrittenLessOuterSpace(text: String, kept: String) {
        #expect(parse(Fixture.note, text) == accepted(.string(kept), kept))
    }

    @Test func textUpToTheLimitIsKept() {
        let text = String(repeating: "é", count: AnswerParser.maximumLength / 2)
        #expect(parse(Fixture.note, text) == accepted(.string(text), text))
    }
}

// MARK: - Optional questions

@Suite struct AnswerParserOptionalTests {
    static let optional = Fixture.all.filter(\.isOptional).map { ($0.fact, $0.kind) }
    static let required = Fixture.all.filter { !$0.isOptional }.map { ($0.fact, $0.kind) }

    private static func find(_ fact: String, _ kind: Question.Kind) -> Question {
        Fixture.all.first { $0.fact == fact }!
    }

    @Test(arguments: optional)
    func anEmptyAnswerOrSkipLeavesTheValueUnknown(fact: String, kind: Question.Kind) {
        let question = Self.find(fact, kind)
        #expect(parse(question, "") == accepted(nil, ""))
        #expect(parse(question, "   \t ") == accepted(nil, ""))
        #expect(parse(question, "skip") == accepted(nil, "skip"))
        #expect(parse(question, " SKIP ") == accepted(nil, "skip"))
        #expect(parse(question, "Skip") == accepted(nil, "skip"))
    }

    @Test(arguments: required)
    func aRequiredQuestionRefusesBoth(fact: String, kind: Question.Kind) {
        let question = Self.find(fact, kind)
        let expected = AnswerParser(question: question, now: Fixture.now).expected
        #expect(parse(question, "") == refused("An answer is needed: \(expected)."))
        #expect(parse(question, "  ") == refused("An answer is needed: \(expected)."))
        #expect(parse(question, "skip") == refused("This one cannot be skipped: \(expected)."))
        #expect(parse(question, "SKIP") == refused("This one cannot be skipped: \(expected)."))
    }

    @Test func theExpectationSaysSkip() {
        #expect(AnswerParser(question: Fixture.firstAttemptAt, now: Fixture.now).expected
                == "a date such as 2026-11-27, today or yesterday or skip")
        #expect(AnswerParser(question: Fixture.targetDate, now: Fixture.now).expected
                == "a date such as 2026-11-27, today or yesterday, none or skip")
        #expect(AnswerParser(question: Fixture.scoreTotal, now: Fixture.now).expected
                == "a whole number from 1 to 1000 or skip")
    }
}

// MARK: - Robustness

@Suite struct AnswerParserRobustnessTests {
    static let facts = Fixture.all.map { ($0.fact, $0.kind) }

    private static func find(_ fact: String, _ kind: Question.Kind) -> Question {
        Fixture.all.first { $0.fact == fact }!
    }

    @Test(arguments: facts)
    func aMegabyteLineIsRefusedQuicklyInOneLine(fact: String, kind: Question.Kind) {
        let question = Self.find(fact, kind)
        let tooLong = refused("That answer is too long (over 1000 characters).")
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            #expect(parse(question, String(repeating: "1", count: 1_000_000)) == tooLong)
            #expect(parse(question, String(repeating: "a, ", count: 350_000)) == tooLong)
            #expect(parse(question, String(repeating: "\u{0}", count: 1_000_000)) == tooLong)
            #expect(parse(question, String(repeating: " ", count: 1001)) == tooLong)
        }
        #expect(elapsed < .seconds(1))
    }

    @Test func theLimitIsAThousandBytes() {
        let atLimit = String(repeating: "a", count: AnswerParser.maximumLength)
        #expect(parse(Fixture.note, atLimit) == accepted(.string(atLimit), atLimit))
        #expect(parse(Fixture.note, atLimit + "a") == refused("That answer is too long (over 1000 characters)."))
        #expect(parse(Fixture.mlBackground, String(repeating: " ", count: 997) + "yes") == accepted(.bool(true), "yes"))
    }

    @Test(arguments: [
        ("1\u{0}", #"\0"#), ("\u{0}", #"\0"#), ("yes\n", #"\n"#), ("y\rn", #"\r"#), ("\u{1B}[31mred\u{1B}[0m", #"\u{1B}"#),
        ("\u{1B}]0;title\u{7}", #"\u{1B}"#), ("a\u{7}", #"\u{07}"#), ("del\u{7F}", #"\u{7F}"#), ("\u{85}", #"\u{0085}"#),
        ("\u{9B}31m", #"\u{009B}"#), ("2026-11-27\u{8}", #"\u{08}"#), ("one\u{2028}two", #"\u{2028}"#),
        ("one\u{2029}two", #"\u{2029}"#), ("\u{1}\u{2}", #"\u{01}"#), ("docs\u{1F}", #"\u{1F}"#),
    ])
    func controlCharactersAreRefusedAndShownEscaped(text: String, escaped: String) {
        let message = "That answer holds a control character (\(escaped)); type plain text."
        for question in Fixture.all {
            let result = parse(question, text)
            #expect(result == refused(message), "\(question.fact)")
            if case .failure(let error) = result {
                #expect(!error.message.utf8.contains { $0 < 0x20 || $0 == 0x7F })
                #expect(isOneClean(line: error.message))
            }
        }
    }

    @Test func aTabIsSpaceNotAControlCharacter() {
        #expect(parse(Fixture.mlBackground, "\tyes\t") == accepted(.bool(true), "yes"))
        #expect(parse(Fixture.studySources, "1,\t2") == accepted(set("docs", "video"), "docs, video"))
        #expect(parse(Fixture.examPace, "1\t2") == refused(#"'1\t2' is not a choice here; expected one of rushed (1), sluggish (2), fine (3)."#))
    }

    @Test(arguments: facts)
    func replacementCharactersAreRefusedOrKeptWithoutCrashing(fact: String, kind: Question.Kind) {
        let question = Self.find(fact, kind)
        for text in ["\u{FFFD}", "\u{FFFD}\u{FFFD}\u{FFFD}", "1\u{FFFD}", "\u{FFFD}yes", "2026-11-27\u{FFFD}",
                     "\u{FFFD} 9:30", "docs,\u{FFFD}", String(repeating: "\u{FFFD}", count: 333)] {
            switch parse(question, text) {
            case .success(let answer):
                #expect(kind == .text && answer == Answer(value: .string(text), canonical: text))
            case .failure(let error):
                #expect(isOneClean(line: error.message))
                #expect(error.message.utf8.count < 600)
            }
        }
    }

    @Test func replacementCharactersAreQuotedInTheMessage() {
        #expect(parse(Fixture.examPace, "\u{FFFD}")
                == refused("'\u{FFFD}' is not a choice here; expected one of rushed (1), sluggish (2), fine (3)."))
        #expect(parse(Fixture.planManage, "6\u{FFFD}2")
                == refused("'6\u{FFFD}2' is not a number; expected a percentage from 0 to 100."))
        #expect(parse(Fixture.studySources, "docs \u{FFFD}")
                == refused("'\u{FFFD}' is not a choice here; expected \(AnswerParserMultiTests.sourcesExpected)."))
    }

    @Test(arguments: facts)
    func onlySpacesIsNoAnswer(fact: String, kind: Question.Kind) {
        let question = Self.find(fact, kind)
        let expected = AnswerParser(question: question, now: Fixture.now).expected
        for text in [" ", "     ", "\t \t", "\u{A0}", "\u{3000} \u{2003}"] {
            #expect(parse(question, text)
                    == (question.isOptional ? accepted(nil, "") : refused("An answer is needed: \(expected).")))
        }
    }
}

// MARK: - Properties

/// Runs a property over `count` values of a PropertyBased generator, seeded
/// with `seed` so every run checks the same cases (its `.fixedSeed` trait
/// runs a single case). `property` returns nil when it holds, else what
/// went wrong; the first failure is recorded with its case number.
private func checkAnswers<Shrinks>(_ generator: Generator<String, Shrinks>, count: Int, seed: UInt64,
                                   sourceLocation: Testing.SourceLocation = #_sourceLocation,
                                   _ property: (String) -> String?) {
    var rng = Xoshiro(seed: (seed, 0x9E37_79B9_7F4A_7C15, ~seed, 0xD1B5_4A32_D192_ED03))
    for index in 0..<count {
        let value = generator.run(using: &rng)
        if let failure = property(value) {
            Issue.record("case \(index) of seed \(seed): \(failure)", sourceLocation: sourceLocation)
            return
        }
    }
}

/// Text rich in what answers are made of: numbers, signs, dates, times,
/// words of the questions, separators, control characters, escapes and
/// other Unicode; now and then long enough to pass the limit.
private enum AnswerGen {
    static let fragment = Gen<String>.frequency(
        (6, Gen<String?>.element(of: [
            "1", "2", "5", "12", "0", "00", "-", "-0", "+", ".", "5.5", "%", " %", ",", ";", " ", "  ", ":", "T", "Z", "e",
            "1e400", "99999999999999999999", "2026", "-11", "-27", "2026-11-27", "2026-11-28", "2026-11-29", "2026-02-30",
            "2026-13-01", "2026-11-27T15:00", "15:00", "9:30", "25:00", ":30", ":00", "today", "yesterday", "Yesterday",
            "none", "None", "unknown", "skip", "SKIP", "y", "yes", "No", "true", "FALSE", "docs", "Video courses", "c",
            "azure", "Computer Vision", "Azure OpenAI", "rushed", "fine", "az", "nan", "inf", "0x1",
        ]).map { $0! }),
        (2, Gen.number.map { String($0) }),
        (2, Gen.letter.map { String($0) }),
        (2, Gen<String?>.element(of: [
            "\t", "\n", "\r", "\r\n", "\u{0}", "\u{1B}[31m", "\u{1B}", "\u{7}", "\u{7F}", "\u{85}", "\u{9B}", "\u{2028}",
            "\u{2029}", "\u{FFFD}", "\u{FEFF}", "\u{A0}", "\u{301}", "é", "😀", "👩‍👩‍👧", "\u{202E}", "\u{200B}", "\u{3000}",
            "'", "\"", "\\", "…", "٣", "３",
        ]).map { $0! }),
        (1, Gen.unicodeScalar(in: "\u{0}"..."\u{2FF}").map { String($0) }),
        (1, Gen.unicodeScalar(in: "\u{E000}"..."\u{10FFFF}").map { String($0) }))
    static let answer = Gen<String>.frequency(
        (20, fragment.array(of: 0...10).map { $0.joined() }),
        (1, fragment.array(of: 100...400).map { $0.joined() }))
}

@Suite struct AnswerParserPropertyTests {
    /// Every question of every type reads any text into an answer that,
    /// written out, reads back the same, or refuses it in one clean line.
    @Test func noTextCrashesAParserAndEveryRefusalIsOneCleanLine() {
        let parsers = Fixture.all.map { AnswerParser(question: $0, now: Fixture.now) }
        checkAnswers(AnswerGen.answer, count: Mutator.count(default: 4000), seed: 20261128) { text in
            for parser in parsers {
                do throws(AnswerError) {
                    let answer = try parser.parse(text)
                    if answer.canonical.contains(where: \.isNewline) {
                        return "\(parser.question.fact): \(text.debugDescription) is written \(answer.canonical.debugDescription)"
                    }
                    guard let again = try? parser.parse(answer.canonical), again == answer else {
                        return "\(parser.question.fact): \(text.debugDescription) is written \(answer.canonical.debugDescription), which does not read back"
                    }
                } catch {
                    if error.message.isEmpty || !isOneClean(line: error.message) || error.message.utf8.contains(where: { $0 < 0x20 }) {
                        return "\(parser.question.fact): \(text.debugDescription) is refused with \(error.message.debugDescription)"
                    }
                }
            }
            return nil
        }
    }

    /// Numbers, dates and times as candidates type them, with noise around.
    @Test func nearlyRightAnswersNeverCrash() {
        let parsers = Fixture.all.map { AnswerParser(question: $0, now: Fixture.now) }
        let nearly = Generator { rng in
            let base = ["62", "62.5%", "2026-11-27 15:00", "2026-11-27T15:00:30Z", "yesterday 9:30", "1, 3 docs", "Azure OpenAI",
                        "no", "none", "skip", "-0", "100 %"].randomElement(using: &rng)!
            var scalars = Array(base.unicodeScalars)
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                let at = Int.random(in: 0...scalars.count, using: &rng)
                let edit = Int.random(in: 0..<3, using: &rng)
                if edit < 2, at < scalars.count { scalars.remove(at: at) }
                if edit > 0 { scalars.insert(contentsOf: AnswerGen.fragment.run(using: &rng).unicodeScalars, at: at) }
            }
            return String(String.UnicodeScalarView(scalars))
        }
        checkAnswers(nearly, count: Mutator.count(default: 3000), seed: 4815) { text in
            for parser in parsers {
                do throws(AnswerError) {
                    let answer = try parser.parse(text)
                    guard let again = try? parser.parse(answer.canonical), again == answer else {
                        return "\(parser.question.fact): \(text.debugDescription) is written \(answer.canonical.debugDescription), which does not read back"
                    }
                } catch {
                    if !isOneClean(line: error.message) || error.message.utf8.contains(where: { $0 < 0x20 }) {
                        return "\(parser.question.fact): \(text.debugDescription) is refused with \(error.message.debugDescription)"
                    }
                }
            }
            return nil
        }
    }
}
