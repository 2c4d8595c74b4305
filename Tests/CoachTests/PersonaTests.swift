import RuleEngine
import Testing

@testable import Coach

/// One candidate per failure pattern, failure type, score pattern, protocol
/// phase and retake-policy case, each assessed by the shipped pack at
/// 2026-11-28 18:00 and checked conclusion by conclusion.
@Suite struct PersonaTests {
    @Test func documentationReaderOnAFirstAttemptWithATargetTooSoon() throws {
        let a = try AI102.assess("documentation_reader")
        #expect(a.pattern == "documentation_reader")
        #expect(a.patternRanking.map(\.id) == ["documentation_reader", "azure_generalist", "ml_expert",
                                                "single_service_specialist", "outdated_studier"])
        #expect(a.patternRanking.map(\.score) == [6, 2, -3, -3, -3])
        #expect(a.patternRanking[0].because == [
            "You prepared from documentation and articles without labs.",
            "You have not configured the services yourself.",
        ])
        #expect(a.runnerUp == nil)
        #expect(a.failureType == "theory")
        #expect(a.scorePattern == "consistently_low")
        #expect(a.weakDomains.map(\.id) == ["nlp", "computer_vision", "plan_manage", "knowledge_mining"])
        #expect(a.protocolPhase == "hours_3_4")
        #expect((a.weeksMin, a.weeksMax) == (6, 8))
        #expect(a.earliest == "2026-11-29T15:00")
        #expect(a.recommendedFrom == "2027-01-09")
        #expect(a.recommendedTo == "2027-01-23")
        #expect(a.targetOK == false)
        #expect(a.warnings == [
            "2026-12-20 leaves less time than your preparation needs. Candidates who rush back after too little "
                + "study tend to fail again: move it to 2027-01-09 or later.",
        ])
        #expect(a.plan.map(\.week) == Array(1...7))
        #expect(a.plan.map(\.focus) == [
            "Set-up and gap analysis",
            "Deep dive: Natural language processing solutions (42%)",
            "Deep dive: Computer vision solutions (48%)",
            "Deep dive: Plan and manage an Azure AI solution (55%)",
            "Deep dive: Knowledge mining and document intelligence (58%)",
            "Integration scenarios",
            "The exam's own details",
        ])
        #expect(a.checklist.map(\.id) == ["stick_to_plan", "question_patterns", "context_switching", "elimination",
                                          "change_time_slot", "accept_unfamiliar", "night_before_review",
                                          "failure_is_private"])
        #expect(a.checklist.first { $0.id == "change_time_slot" }?.text.contains("Book a later slot") == true)
        #expect(a.cost == .init(currency: "USD", perAttempt: 165, spent: 165))
        #expect(a.openFacts.isEmpty)
    }

    @Test func azureGeneralistOnASecondAttemptWithATargetThatFits() throws {
        let a = try AI102.assess("azure_generalist")
        #expect(a.pattern == "azure_generalist")
        #expect(a.patternRanking.first?.score == 5)
        #expect(a.failureType == "theory")
        #expect(a.scorePattern == "mixed")
        #expect(a.weakDomains.map(\.id) == ["nlp", "decision_support"])
        #expect(a.protocolPhase == "hours_25_48")
        #expect((a.weeksMin, a.weeksMax) == (4, 6))
        #expect(a.earliest == "2026-12-11T10:00")
        #expect(a.recommendedFrom == "2026-12-26")
        #expect(a.recommendedTo == "2027-01-09")
        #expect(a.targetOK == true)
        #expect(a.warnings.isEmpty)
        #expect(a.checklist.map(\.id) == ["question_patterns", "context_switching", "night_before_review", "failure_is_private"])
        #expect(a.cost?.spent == 330)
    }

    @Test func mlExpertOnAThirdAttemptWithASingleGap() throws {
        let a = try AI102.assess("ml_expert")
        #expect(a.pattern == "ml_expert")
        #expect(a.patternRanking.first?.because == [
            "Your background is machine learning with Python libraries, not Azure's managed services.",
            "You know the theory but have little practice with Azure's AI services.",
        ])
        #expect(a.failureType == "theory")
        #expect(a.scorePattern == "single_gap")
        #expect(a.weakDomains.map(\.id) == ["knowledge_mining"])
        #expect(a.protocolPhase == "hours_5_24")
        #expect((a.weeksMin, a.weeksMax) == (3, 4))
        #expect(a.earliest == "2026-12-11T21:00")
        #expect(a.recommendedFrom == "2026-12-19")
        #expect(a.targetOK == true)
        #expect(a.checklist.first { $0.id == "change_time_slot" }?.text
            == "You felt sluggish in the evening. Book an earlier slot, and change at least one other thing about exam day.")
        #expect(a.cost?.spent == 495)
    }

    @Test func singleServiceSpecialistOnAFifthAttemptWaitsForTheYearLimit() throws {
        let a = try AI102.assess("single_service_specialist")
        #expect(a.pattern == "single_service_specialist")
        #expect(a.patternRanking.first?.score == 8)
        #expect(a.failureType == "breadth")
        #expect(a.scorePattern == "one_weak_rest_strong")
        #expect(a.weakDomains.map(\.id) == ["nlp"])
        #expect(a.protocolPhase == "after_48")
        // Two to three weeks for one weak domain, stretched for 8 hours a week.
        #expect((a.weeksMin, a.weeksMax) == (3, 4))
        #expect(a.timelineNotes == [
            "These timelines assume about 10 hours of study a week; with 8, the weeks are stretched to match.",
        ])
        #expect(a.earliest == "2027-03-02")
        #expect(a.recommendedFrom == "2027-03-02")
        #expect(a.targetOK == true)
        #expect(a.warnings == [
            "This was attempt 5; the policy allows 5 in twelve months, so the next one waits until twelve months "
                + "after your first (2026-03-02) unless that has already passed.",
        ])
        #expect(a.cost?.spent == 825)
    }

    @Test func outdatedStudierInTheFirstTwoHoursWithNoTarget() throws {
        let a = try AI102.assess("outdated_studier")
        #expect(a.pattern == "outdated_studier")
        #expect(a.failureType == "outdated")
        #expect(a.scorePattern == "mixed")
        #expect(a.weakDomains.map(\.id) == ["generative_ai", "computer_vision"])
        #expect(a.protocolPhase == "hours_1_2")
        #expect(a.protocolDont == ["Don't book the retake and don't buy anything yet; the analysis comes first."])
        #expect((a.weeksMin, a.weeksMax) == (2, 3))
        #expect(a.earliest == "2026-11-29T16:30")
        #expect(a.targetOK == nil)
        #expect(a.warnings == [
            "You have no date yet. Don't book one before your analysis is done; then aim for 2026-12-12 to 2026-12-19.",
        ])
        #expect(a.checklist.first { $0.id == "change_time_slot" }?.text.contains("Book a later slot") == true)
    }

    @Test func examStyleFailureWithATargetThePolicyForbids() throws {
        let a = try AI102.assess("exam_style")
        #expect(a.failureType == "exam_style")
        #expect(a.failureTypeRanking.first?.because == [
            "You knew the services, but the questions probed details you never meet in practice.",
            "You build with these services, so the gap is in how the exam asks, not what you know.",
            "Many questions felt unfamiliar even though you use the services.",
        ])
        #expect(a.pattern == "ml_expert")
        #expect(a.weakDomains.isEmpty)
        #expect(a.earliest == "2026-11-27T08:00")
        #expect(a.targetOK == false)
        #expect(a.warnings == ["2026-11-26 is before the policy allows a retake (2026-11-27 08:00); it cannot be booked."])
        #expect(a.plan.map(\.focus) == ["Set-up and gap analysis", "Hands-on pass over every domain",
                                        "Integration scenarios", "The exam's own details"])
    }

    @Test func twoStrongPatternsTakeTheLongerTimeline() throws {
        let a = try AI102.assess("reader_and_outdated")
        #expect(a.pattern == "documentation_reader")
        #expect(a.runnerUp == "outdated_studier")
        #expect((a.weeksMin, a.weeksMax) == (6, 8))
        #expect(a.timelineNotes == [
            "Two patterns fit you (Documentation Reader and Outdated Studier), so the plan allows for the longer of their timelines.",
        ])
    }

    @Test func missingAnswersLeaveConclusionsOpenAndSayWhichAnswersDecideThem() throws {
        let a = try AI102.assess("partial")
        #expect(a.pattern == nil)
        #expect(a.failureType == nil)
        #expect(a.scorePattern == nil)
        #expect(a.weeksMin == nil)
        #expect(a.recommendedFrom == nil)
        #expect(a.earliest == "2026-11-29T15:00")
        #expect(a.protocolPhase == "hours_3_4")
        // The first attempt's date only matters from a fifth attempt on.
        #expect(a.openFacts.map(\.name) == [
            "score_total", "scores.plan_manage", "scores.decision_support", "scores.computer_vision", "scores.nlp",
            "scores.knowledge_mining", "scores.generative_ai", "services_used", "specialty_service", "prior_certs",
            "ml_background", "hands_on", "study_sources", "materials_age_months", "knew_services_but_not_questions",
            "exam_pace", "exam_slot", "unfamiliar_share", "planned_resources", "target_date", "hours_per_week",
        ])
    }

    @Test func eachProtocolPhaseFollowsTheHoursSinceTheAttempt() throws {
        let answers = try AI102.answers("partial")
        let phases = try ["2026-11-28T16:59", "2026-11-28T17:00", "2026-11-28T19:00", "2026-11-29T15:00", "2026-11-30T15:00"]
            .map { try AI102.pack.assess(answers, now: Moment(parsing: $0)!).protocolPhase }
        #expect(phases == ["hours_1_2", "hours_3_4", "hours_5_24", "hours_25_48", "after_48"])
    }

    @Test func aCandidateNoPatternFitsStillGetsATimelineAndAPlan() throws {
        var answers = try AI102.answers("exam_style")
        answers["ml_background"] = .bool(false)
        let a = try AI102.pack.assess(answers, now: "2026-11-28T18:00")
        #expect(a.pattern == nil)
        #expect(a.failureType == "exam_style")
        #expect((a.weeksMin, a.weeksMax) == (2, 4))
        #expect(a.timelineNotes.first?.hasPrefix("None of the five patterns fits you clearly") == true)
        #expect(a.recommendedFrom != nil)
        #expect(a.plan.map(\.week).last == 3)
        let text = Report(a, texts: AI102.pack.texts).rendered(as: .text)
        #expect(text.contains("None of the five patterns fits you clearly; the evidence for each is below."))
    }
}
