import Testing

@testable import Coach

/// What TAB completes, worked out from the line before the cursor.
@Suite("Completions")
struct CompletionsTests {
    static let completions = Completions(
        words: ["speech", "custom_vision", "computer_vision", "none"], isList: true, commands: SessionCommand.names,
        arguments: [":how": ["protocol_do", "protocol_dont"], ":whatif": ["exam_pace=", "attempt="],
                    ":whatif exam_pace=": ["rushed", "sluggish", "fine"]])

    @Test func commandsCompleteOnlyAfterAColon() {
        #expect(Self.completions.candidates(after: "").matches == ["speech", "custom_vision", "computer_vision", "none"])
        #expect(Self.completions.candidates(after: "  :st").addition == "atus ")
        #expect(Self.completions.candidates(after: ":h").matches == [":help", ":how"])
    }

    @Test func aChoiceOfAListIsFollowedByNothing() {
        #expect(Self.completions.candidates(after: "custom_vision, sp").addition == "eech")
        #expect(Self.completions.candidates(after: "custom_vision,co").addition == "mputer_vision")
        #expect(Completions(words: ["tutorials"]).candidates(after: "TUT").addition == "orials ")
    }

    @Test func matchesSharingMoreThanTheWordAreCompletedAsFarAsTheyAgree() {
        let candidates = Self.completions.candidates(after: "cu")
        #expect(candidates.addition == "stom_vision")
        #expect(Self.completions.candidates(after: "c").addition == "")
        #expect(Self.completions.candidates(after: "c").matches == ["custom_vision", "computer_vision"])
    }

    @Test func argumentsCompleteByWhatComesBeforeThem() {
        #expect(Self.completions.candidates(after: ":how protocol_d").matches == ["protocol_do", "protocol_dont"])
        #expect(Self.completions.candidates(after: ":how protocol_d").addition == "o")
        #expect(Self.completions.candidates(after: ":WhatIf exam").addition == "_pace=")
        #expect(Self.completions.candidates(after: ":whatif exam_pace=").matches == ["rushed", "sluggish", "fine"])
        #expect(Self.completions.candidates(after: ":whatif exam_pace = r").addition == "ushed")
        #expect(Self.completions.candidates(after: ":save pl").matches.isEmpty)
    }

    @Test func aDateQuestionTakesTheDays() throws {
        let question = try #require(AI102.pack.questions.question(for: "failed_at"))
        #expect(AnswerParser(question: question, now: "2026-11-28T18:00").words == ["today", "yesterday"])
    }
}
