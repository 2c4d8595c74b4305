import Foundation
import RuleEngine
import Testing

@testable import Coach

@Suite struct CoachPackTests {
    /// Writes `files` into a new temporary folder and returns its path.
    private func folder(_ files: [String: String]) throws -> String {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("coach-pack-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(to: url.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return url.path
    }

    @Test func coachSectionsAreHandedToTheCoachNotLinted() throws {
        let directory = try folder([
            "exam.yaml": "exam:\n  code: X-1\nquestions: []\ntexts:\n  hello: Hi\n",
            "rules.yaml": """
                facts:
                  attempt: {type: integer, min: 1, max: 5}
                rules:
                  - id: first
                    when: attempt == 1
                    then:
                      - set: first_attempt
                        to: true
                facts_out: {}
                """,
        ])
        let checked = try CoachPack.check(directory: directory)
        let pack = checked.pack
        #expect(checked.diagnostics.map(pack.renderer.headline) == [
            "\(directory)/rules.yaml:7:14: warning: 'first_attempt' is concluded but no rule reads it; mark it 'output: true' in 'facts' if it is a result",
            "\(directory)/rules.yaml:9:1: error: unknown section 'facts_out'; expected one of: facts, constants, collections, rules, settings, exam, questions, session, texts",
        ])
        #expect(pack.sections["exam"]?.count == 1)
        #expect(pack.sections["questions"]?.first?.sequence?.count == 0)
        #expect(pack.sections["texts"]?.first?["hello"]?.string == "Hi")
    }

    @Test func aMissingFolderIsNotFound() {
        #expect(throws: PackLoadError.notFound("/nonexistent/pack")) {
            try CoachPack.check(directory: "/nonexistent/pack")
        }
    }
}

/// A session runs the rules after every answer with one memo; what the
/// coach says must be what it would say running them afresh.
@Suite struct MatchMemoTests {
    static let personas = ["documentation_reader", "azure_generalist", "ml_expert", "exam_style",
                           "outdated_studier", "single_service_specialist", "reader_and_outdated"]

    @Test(arguments: personas)
    func answersOneAtATimeGiveTheSameAssessmentWithAMemo(persona: String) throws {
        let pack = AI102.pack
        let answers = try AI102.answers(persona)
        let now: Moment = "2023-12-02T18:00"
        let memo = MatchMemo(for: pack.ruleBase)
        var given: [String: Value] = [:]
        // In the order the session asks, so each step adds what a
        // candidate would add next.
        for fact in pack.questions.questions.map(\.fact) + answers.keys.sorted() {
            guard let value = answers[fact], given[fact] == nil else { continue }
            given[fact] = value
            let fresh = try pack.infer(given, now: now)
            let remembered = try pack.infer(given, now: now, memo: memo)
            #expect(remembered.firedRules == fresh.firedRules, "after \(fact)")
            #expect(remembered.openFacts == fresh.openFacts, "after \(fact)")
            #expect(remembered.conclusions == fresh.conclusions, "after \(fact)")
            #expect(Report(Assessment(remembered), texts: pack.texts).rendered(as: .markdown)
                    == Report(Assessment(fresh), texts: pack.texts).rendered(as: .markdown), "after \(fact)")
        }
    }
}
