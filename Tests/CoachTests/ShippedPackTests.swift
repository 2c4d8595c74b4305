import RuleEngine
import RulePacks
import Testing

@testable import Coach

@Suite struct ShippedPackTests {
    @Test func theAI102PackLoadsWithoutAProblem() throws {
        let checked = try CoachPack.check(directory: RulePacks.ai102)
        #expect(checked.diagnostics.map(checked.pack.renderer.render) == [])
        #expect(checked.opened?.questions.questions.count == 33)
    }

    @Test func everyFactOfTheSpecificationIsDeclaredAsAnAnswer() {
        let names = ["failed_at", "attempt", "first_attempt_at", "score_total", "scores.plan_manage",
                     "scores.decision_support", "scores.computer_vision", "scores.nlp", "scores.knowledge_mining",
                     "scores.generative_ai", "services_used", "specialty_service", "prior_certs", "ml_background",
                     "hands_on", "study_sources", "materials_age_months", "knew_services_but_not_questions",
                     "exam_pace", "exam_slot", "unfamiliar_share", "planned_resources", "target_date", "hours_per_week"]
        let missing = names.filter { AI102.pack.ruleBase.fact(named: $0)?.role != .input }
        #expect(missing == [])
    }

    @Test func aFactsFileWithUnknownNamesAndBadValuesIsRefusedNamingEachFact() {
        let file = SourceFile(name: "bad.yaml", text: """
            attempt: 7
            atempt: 2
            exam_pace: hurried
            failed_at: 2026-02-30
            pattern: ml_expert
            """)
        #expect(throws: FactsFile.Problems.self) { try AI102.pack.facts(from: file) }
        do {
            _ = try AI102.pack.facts(from: file)
        } catch {
            #expect(error.diagnostics.map(DiagnosticRenderer().headline) == [
                "bad.yaml:1:10: error: attempt: 7 is above the highest allowed, 5",
                "bad.yaml:2:1: error: unknown fact 'atempt'; did you mean 'attempt'?",
                "bad.yaml:3:12: error: exam_pace: 'hurried' is not one of rushed, sluggish, fine",
                "bad.yaml:4:12: error: failed_at: expected a date as YYYY-MM-DD [HH:MM], found \"2026-02-30\"",
                "bad.yaml:5:1: error: 'pattern' is concluded by the rules and cannot be given",
            ])
        }
    }
}
