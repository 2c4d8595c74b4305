import Foundation
import RuleEngine
import RulePacks
import Testing

@testable import Coach

/// The shipped AI-103 pack, opened once for these tests.
enum AI103 {
    static let pack: CoachPack = {
        do {
            return try CoachPack.open(directory: RulePacks.ai103)
        } catch {
            fatalError("the shipped AI-103 pack does not open: \(error)")
        }
    }()

    /// A persona of `Fixtures/personas-ai103`, assessed at `now`.
    static func assess(_ persona: String, now: String = "2026-11-28T18:00") throws -> Assessment {
        let name = "personas-ai103/\(persona).yaml"
        let answers = try pack.facts(from: SourceFile(name: name, text: try AI102.text(of: name)))
        return try pack.assess(answers, now: Moment(parsing: now)!)
    }

    /// The report as text, its wrapping folded into single spaces.
    static func prose(_ a: Assessment) -> String {
        Report(a, texts: pack.texts).rendered(as: .text).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

/// The AI-103 pack: it loads cleanly, reaches the article's conclusions for
/// AI-103's candidates, and its golden transcripts replay unchanged.
@Suite struct AI103PackTests {
    static let transcripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("transcripts/ai103")

    static var goldenFiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: transcripts.path)) ?? []).filter { $0.hasSuffix(".transcript") }.sorted()
    }

    private func transcript(_ name: String) throws -> Transcript {
        try Transcript(parsing: String(contentsOf: Self.transcripts.appendingPathComponent(name), encoding: .utf8))
    }

    // MARK: The pack

    @Test func theAI103PackLoadsWithoutAProblem() throws {
        let checked = try CoachPack.check(directory: RulePacks.ai103)
        #expect(checked.diagnostics.map(checked.pack.renderer.render) == [])
        #expect(checked.opened?.questions.questions.count == 24)
    }

    @Test func itsScoreFactsAreTheFiveDomainsOfAI103() {
        let scores = ["scores.plan_manage", "scores.generative_agentic", "scores.computer_vision",
                      "scores.text_analysis", "scores.information_extraction"]
        #expect(scores.filter { AI103.pack.ruleBase.fact(named: $0)?.role != .input } == [])
        #expect(AI103.pack.ruleBase.fact(named: "scores.nlp") == nil)
    }

    @Test func itsTextsSayAI103AndHaveEveryKeyOfAI102() {
        #expect(AI103.pack.texts["report.title"] == "Your AI-103 retake plan")
        // The keys of the AI-102 pack's texts, one `  key: ...` line each.
        let file = (try? String(contentsOfFile: RulePacks.ai102 + "/texts.yaml", encoding: .utf8)) ?? ""
        let keys = file.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("  "), !line.hasPrefix("   "), !line.hasPrefix("  #"), let colon = line.firstIndex(of: ":") else { return nil }
            return String(line[line.index(line.startIndex, offsetBy: 2)..<colon])
        }
        #expect(keys.count > 90)
        #expect(AI103.pack.texts.missing(keys) == [])
    }

    // MARK: The personas

    @Test func anAzureGeneralistNeedsLabTimeWithEveryService() throws {
        let a = try AI103.assess("azure_generalist")
        #expect(a.pattern == "azure_generalist")
        #expect(a.runnerUp == nil)
        #expect(a.failureType == "theory")
        #expect((a.weeksMin, a.weeksMax) == (4, 6))
        #expect(a.earliest == "2026-12-11T10:00")
        #expect(a.recommendedFrom == "2026-12-27")
        #expect(a.recommendedTo == "2027-01-10")
        #expect(AI103.prose(a).contains("Give each of these a working lab of its own: Azure Language, Speech, Content Safety."))
    }

    @Test func aMachineLearningExpertLearnsHowFoundryRunsModels() throws {
        let a = try AI103.assess("ml_expert")
        #expect(a.pattern == "ml_expert")
        #expect(a.failureType == "theory")
        #expect((a.weeksMin, a.weeksMax) == (3, 4))
        #expect(a.recommendedFrom == "2026-12-21")
        #expect(a.recommendedTo == "2027-01-04")
        #expect(AI103.prose(a).contains("how Foundry deploys, secures and meters models and agents"))
    }

    @Test func aSearchSpecialistNeedsBreadthAcrossTheFiveDomains() throws {
        let a = try AI103.assess("single_service_specialist")
        #expect(a.pattern == "single_service_specialist")
        #expect(a.failureType == "breadth")
        #expect(a.scorePattern == "single_gap")
        #expect((a.weeksMin, a.weeksMax) == (6, 9))
        #expect(a.recommendedFrom == "2027-01-09")
        #expect(a.recommendedTo == "2027-01-30")
        #expect(AI103.prose(a).contains("your depth in Azure AI Search cannot make up for the domains where you are weaker, and the exam covers all five"))
    }

    @Test func aDocumentationReaderGetsTheLongestTimeline() throws {
        let a = try AI103.assess("documentation_reader")
        #expect(a.pattern == "documentation_reader")
        #expect(a.failureType == "theory")
        #expect(a.scorePattern == "consistently_low")
        #expect(a.protocolPhase == "hours_1_2")
        #expect((a.weeksMin, a.weeksMax) == (6, 8))
        #expect(a.recommendedFrom == "2027-01-11")
        #expect(a.recommendedTo == "2027-01-25")
    }

    @Test func recentMaterialWrittenForAI102MakesAnOutdatedStudier() throws {
        let a = try AI103.assess("outdated_ai102_material")
        #expect(a.pattern == "outdated_studier")
        #expect(a.failureType == "outdated")
        #expect((a.weeksMin, a.weeksMax) == (2, 3))
        #expect(a.recommendedFrom == "2026-12-14")
        #expect(a.recommendedTo == "2026-12-28")
        let prose = AI103.prose(a)
        #expect(prose.contains("Your material was recent, but written for AI-102, and AI-103 tests another outline"))
        #expect(prose.contains("What changed: AI-103's outline against AI-102's"))
    }

    @Test func withNoPatternTheExamsStyleDecides() throws {
        let a = try AI103.assess("no_pattern_exam_style")
        #expect(a.pattern == nil)
        #expect(a.failureType == "exam_style")
        #expect((a.weeksMin, a.weeksMax) == (3, 5))
        #expect(a.recommendedFrom == "2026-12-20")
        #expect(a.recommendedTo == "2027-01-03")
        #expect(a.patternNotes.last == "Outdated Studier: your newest material was 1 month old, recent enough, and written for AI-103.")
    }

    @Test func aReaderAndAGeneralistOfEqualWeightAreBothNamed() throws {
        let a = try AI103.assess("reader_generalist_tie")
        #expect(a.pattern == "documentation_reader")
        #expect(a.runnerUp == "azure_generalist")
        #expect(a.failureType == "theory")
        #expect((a.weeksMin, a.weeksMax) == (6, 8))
        #expect(a.recommendedFrom == "2027-01-10")
        #expect(a.patternNotes == [
            "Documentation Reader and Azure Generalist fit you equally well: the evidence for each weighs the same, so both are named, and the timeline and the plan allow for both.",
        ])
    }

    @Test func aFifthAttemptWaitsTwelveMonthsFromTheFirst() throws {
        let a = try AI103.assess("fifth_attempt")
        #expect(a.pattern == "outdated_studier")
        #expect(a.failureType == "outdated")
        #expect(a.earliest == "2027-05-04")
        #expect(a.recommendedFrom == "2027-05-08")
        #expect(a.recommendedTo == "2027-05-22")
        #expect(a.plan.map { [$0.week, $0.lastWeek] }.last == [23, 23])
    }

    @Test func aDayWithoutATimeCountsFromItsEndAndATargetTooSoonIsSaid() throws {
        let a = try AI103.assess("date_only_speech_specialist")
        #expect(a.pattern == "single_service_specialist")
        #expect(a.failureType == "breadth")
        #expect(a.earliestIsSafeSide)
        #expect(a.earliest == "2026-11-29")
        #expect(a.recommendedFrom == "2026-12-27")
        #expect(a.recommendedTo == "2027-01-10")
        #expect(AI103.prose(a).contains("2026-12-01 leaves less time than your preparation needs."))
    }

    @Test func theCostLineSaysTheFeeIsAssumed() throws {
        let prose = AI103.prose(try AI103.assess("azure_generalist"))
        #expect(prose.contains("AI-103's fee is not confirmed here: 165 USD is what AI-102 cost in the United States, assumed the same for AI-103"))
    }

    // MARK: The transcripts

    @Test func theGoldenSetIsThere() {
        #expect(Self.goldenFiles.count >= 20)
    }

    @Test(arguments: goldenFiles)
    func everyAI103TranscriptReplaysUnchanged(file: String) throws {
        let replay = try Replay(try transcript(file), pack: AI103.pack)
        #expect(replay.differenceSummary == nil)
    }

    @Test func theGoldenSetFiresEveryRuleOfThePack() throws {
        var fired = Set<String>()
        for file in Self.goldenFiles { fired.formUnion(try Replay(try transcript(file), pack: AI103.pack).firedRules) }
        #expect(AI103.pack.ruleBase.ruleIDs.filter { !fired.contains($0) } == [])
    }
}
