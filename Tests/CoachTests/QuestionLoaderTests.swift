import Foundation
import RuleEngine
import Testing

@testable import Coach

@Suite struct QuestionLoaderTests {
    private static let facts = """
        facts:
          attempt: {type: integer, min: 1, max: 5}
          exam_pace: {type: choice, values: [rushed, sluggish, fine]}
          target_date: {type: date, or: [none]}
          ready: {type: bool}
        rules:
          - id: r
            when: attempt > 1 and exam_pace == "fine" and ready and target_date != "none"
            then: [{set: verdict, to: ok}]
        """

    private func check(_ questions: String) throws -> [String] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("questions-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: url) }
        try (Self.facts + "\n  - {id: out, when: known(verdict), then: [{set: shown, to: true}]}\n").write(to: url.appendingPathComponent("rules.yaml"), atomically: true, encoding: .utf8)
        try questions.write(to: url.appendingPathComponent("questions.yaml"), atomically: true, encoding: .utf8)
        let checked = try CoachPack.check(directory: url.path)
        return checked.diagnostics.map(checked.pack.renderer.headline).map {
            $0.replacingOccurrences(of: url.path + "/", with: "")
        }
    }

    @Test func questionsMatchingTheirFactsLoadCleanly() throws {
        #expect(try check("""
            questions:
              - {fact: attempt, phase: one, type: integer, prompt: Which attempt?}
              - fact: exam_pace
                phase: one
                type: choice
                prompt: How did it feel?
                choices: {rushed: Rushed, sluggish: Sluggish, fine: Fine}
              - {fact: ready, phase: two, type: yes_no, prompt: Ready?, ask_if: attempt > 1}
              - {fact: target_date, phase: two, type: date, or: [none], optional: true, prompt: When?}
            """).filter { !$0.contains("shown") } == [])
    }

    @Test func eachMismatchWithTheFactIsAnErrorAtItsPlace() throws {
        #expect(try check("""
            questions:
              - {fact: attempt, phase: one, type: percent, prompt: Which attempt?}
              - fact: exam_pace
                phase: one
                type: choice
                prompt: How did it feel?
                choices: {rushed: Rushed, fast: Fast}
              - {fact: ready, phase: two, type: yes_no, prompt: Ready?, ask_if: atempt > 1}
              - {fact: target_date, phase: two, type: date, prompt: When?}
              - {fact: verdict, phase: two, type: text, prompt: Verdict?}
              - {fact: attemp, phase: two, type: integer, prompt: Again?, promt: x}
            """).filter { !$0.contains("shown") } == [
            "questions.yaml:2:39: error: a 'percent' question cannot fill 'attempt', which is a whole number from 1 to 5",
            "questions.yaml:7:14: error: the choices should be exactly the values of 'exam_pace': missing sluggish, fine; not values of 'exam_pace': fast",
            "questions.yaml:8:69: error: unknown name 'atempt'; did you mean 'attempt'?",
            "questions.yaml:9:43: error: 'target_date' also takes none; say so with 'or: [none]'",
            "questions.yaml:10:12: error: 'verdict' is concluded by the rules; a question can only ask for an answer",
            "questions.yaml:11:12: error: unknown fact 'attemp'; did you mean 'attempt'?",
            "questions.yaml:11:63: error: unknown key 'promt' in a question; did you mean 'prompt'? expected one of: fact, phase, type, prompt, hint, help, choices, optional, past, ask_time, ask_if, or, refuse, choices_from, default",
        ])
    }

    @Test func anAnswerNoQuestionAsksForIsAWarning() throws {
        #expect(try check("""
            questions:
              - {fact: attempt, phase: one, type: integer, prompt: Which attempt?}
            """).filter { !$0.contains("shown") } == [
            "rules.yaml:3:3: warning: no question asks for 'exam_pace', so a session never learns it",
            "rules.yaml:4:3: warning: no question asks for 'target_date', so a session never learns it",
            "rules.yaml:5:3: warning: no question asks for 'ready', so a session never learns it",
        ])
    }

    @Test func aFactMayHaveSeveralQuestionsEachWithItsAskIfOfferingEveryValueBetweenThem() throws {
        #expect(try check("""
            questions:
              - {fact: attempt, phase: one, type: integer, prompt: Which attempt?}
              - {fact: exam_pace, phase: one, type: choice, prompt: First?, ask_if: attempt == 1, choices: {rushed: Rushed, fine: Fine}}
              - {fact: exam_pace, phase: one, type: choice, prompt: Later?, ask_if: attempt > 1, choices: {sluggish: Slow, fine: Fine}}
            """).filter { !$0.contains("shown") && !$0.contains("warning") } == [])
        #expect(try check("""
            questions:
              - {fact: attempt, phase: one, type: integer, prompt: Which attempt?}
              - {fact: exam_pace, phase: one, type: choice, prompt: First?, ask_if: attempt == 1, choices: {rushed: Rushed}}
              - {fact: exam_pace, phase: one, type: choice, prompt: Later?, ask_if: attempt > 1, choices: {fine: Fine, fast: Fast}}
              - {fact: attempt, phase: one, type: integer, prompt: Again?}
            """).filter { !$0.contains("shown") && !$0.contains("warning") } == [
            "questions.yaml:3:5: error: no question for 'exam_pace' offers sluggish; between them its questions should offer every value",
            "questions.yaml:4:95: error: the choices should be exactly the values of 'exam_pace': not values of 'exam_pace': fast",
            "questions.yaml:5:5: error: 'attempt' is already asked at questions.yaml:2:5; give each question for it an 'ask_if'",
        ])
    }

    @Test func aDefaultIsAnExpressionOverTheFacts() throws {
        #expect(try check("""
            questions:
              - {fact: attempt, phase: one, type: integer, prompt: Which attempt?}
              - {fact: exam_pace, phase: one, type: choice, prompt: How?, default: '= if attempt > 1 then "fine" else "rushed"', choices: {rushed: Rushed, sluggish: Slow, fine: Fine}}
              - {fact: ready, phase: one, type: yes_no, prompt: Ready?, default: = atempt > 1}
            """).filter { !$0.contains("shown") && !$0.contains("warning") } == [
            "questions.yaml:4:72: error: unknown name 'atempt'; did you mean 'attempt'?",
        ])
    }
}
