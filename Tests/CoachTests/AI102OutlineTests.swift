import Foundation
import RuleEngine
import RulePacks
import Testing

@testable import Coach

/// Candidates whose AI-102 score report follows the 2025 outline, read by
/// the shipped AI-102 pack.
enum AI102Outline2025 {
    /// A persona of `Fixtures/personas-ai102-2025`, assessed at `now`.
    static func answers(_ persona: String) throws -> [String: Value] {
        let name = "personas-ai102-2025/\(persona).yaml"
        return try AI102.pack.facts(from: SourceFile(name: name, text: try AI102.text(of: name)))
    }

    static func assess(_ persona: String, now: String) throws -> Assessment {
        try AI102.pack.assess(try answers(persona), now: Moment(parsing: now)!)
    }

    /// The report as text, its wrapping folded into single spaces.
    static func prose(_ a: Assessment) -> String {
        Report(a, texts: AI102.pack.texts).rendered(as: .text).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The names of the article's outline that the 2025 outline no longer
    /// uses; a former name after "formerly" is how the 2025 names say it.
    static let articleNames = ["Cognitive Search", "Computer Vision", "Text Analytics", "Form Recognizer",
                               "Language Understanding", "Azure Machine Learning", "Anomaly Detector",
                               "Decision support", "decision support"]

    static func articleNames(in prose: String) -> [String] {
        let current = articleNames.reduce(prose) { $0.replacingOccurrences(of: "formerly \($1)", with: "") }
        return articleNames.filter { current.contains($0) }
    }
}

/// The AI-102 pack holds the article's outline and the 2025 one: a
/// candidate whose score report follows the 2025 outline is asked about its
/// six domains and its services, and gets a plan in its terms.
@Suite struct AI102OutlineTests {
    /// A persona, when it is assessed, and what the pack should conclude.
    struct Persona: Sendable, CustomTestStringConvertible {
        let name: String
        let now: String
        let pattern: String?
        let failureType: String
        let weakDomains: [String]
        var testDescription: String { name }
    }

    static let personas = [
        Persona(name: "azure_generalist", now: "2026-05-13T19:00", pattern: "azure_generalist", failureType: "theory",
                weakDomains: ["agentic", "knowledge_mining", "generative_ai", "computer_vision"]),
        Persona(name: "ml_expert", now: "2026-05-21T09:00", pattern: "ml_expert", failureType: "theory",
                weakDomains: ["plan_manage", "knowledge_mining"]),
        Persona(name: "single_service_specialist", now: "2026-06-04T12:00", pattern: "single_service_specialist",
                failureType: "breadth", weakDomains: ["computer_vision", "agentic"]),
        Persona(name: "documentation_reader", now: "2026-05-04T10:30", pattern: "documentation_reader", failureType: "theory",
                weakDomains: ["knowledge_mining", "generative_ai", "plan_manage", "agentic", "nlp"]),
        Persona(name: "outdated_studier", now: "2026-06-11T20:00", pattern: "outdated_studier", failureType: "outdated",
                weakDomains: ["agentic", "generative_ai", "knowledge_mining"]),
        Persona(name: "no_weak_domain", now: "2026-05-09T17:00", pattern: nil, failureType: "exam_style", weakDomains: []),
    ]

    private func assess(_ name: String) throws -> Assessment {
        let persona = try #require(Self.personas.first { $0.name == name })
        return try AI102Outline2025.assess(name, now: persona.now)
    }

    // MARK: The pack

    @Test func eachOutlineHasItsScoreQuestionsInTheOrderOfItsScoreReport() {
        let prompts = AI102.pack.questions.questions.filter { $0.fact.hasPrefix("scores.") }.map(\.prompt)
        #expect(prompts == [
            "Score report, Plan and manage an Azure AI solution (15% of the exam):",
            "Decision support solutions (10%):",
            "Computer vision solutions (15%):",
            "Natural language processing solutions (30%):",
            "Knowledge mining and document intelligence (15%):",
            "Generative AI solutions (15%):",
            "Score report, Plan and manage an Azure AI solution (20-25% of the exam):",
            "Implement generative AI solutions (15-20%):",
            "Implement an agentic solution (5-10%):",
            "Implement computer vision solutions (10-15%):",
            "Implement natural language processing solutions (15-20%):",
            "Implement knowledge mining and information extraction solutions (15-20%):",
        ])
    }

    @Test func the2025ServicesAreTheOnesItsDomainsNameAndItsQuestionsOffer() throws {
        let inference = try AI102.pack.infer(try AI102Outline2025.answers("azure_generalist"), now: "2026-05-13T19:00")
        let services = try #require(inference.collection(named: "services")).compactMap { $0["id"]?.description }
        let domains = try #require(inference.collection(named: "domains"))
        let named = Set(domains.flatMap { $0["services"]?.elements?.map(\.description) ?? [] })
        #expect(domains.compactMap { $0["id"]?.description } == ["plan_manage", "generative_ai", "agentic", "computer_vision", "nlp", "knowledge_mining"])
        #expect(Set(services) == named)
        #expect(services.count == 16)
        #expect(!services.contains("azure_ml") && !services.contains("anomaly_detector"))
        let offered = AI102.pack.questions.questions(for: "services_used").map { $0.choices.map(\.id) }
        #expect(offered.contains(services))
        let specialty = AI102.pack.questions.questions(for: "specialty_service").map { $0.choices.map(\.id) }
        #expect(specialty.contains(services + ["none"]))
    }

    // MARK: The personas

    @Test(arguments: personas)
    func eachPersonaIsReadInThe2025OutlinesTerms(_ persona: Persona) throws {
        let a = try AI102Outline2025.assess(persona.name, now: persona.now)
        #expect(a.pattern == persona.pattern)
        #expect(a.failureType == persona.failureType)
        #expect(a.weakDomains.map(\.id) == persona.weakDomains)
        #expect(!a.plan.isEmpty)
    }

    @Test(arguments: personas)
    func theReportNamesOnlyServicesOfThe2025Outline(_ persona: Persona) throws {
        let prose = AI102Outline2025.prose(try AI102Outline2025.assess(persona.name, now: persona.now))
        #expect(AI102Outline2025.articleNames(in: prose) == [])
        #expect(prose.contains("following the 2025 outline (revised 23 December 2025)"))
    }

    @Test func weakDomainsAreNamedAsThe2025StudyGuideNamesThem() throws {
        let a = try assess("azure_generalist")
        #expect(a.scorePattern == "consistently_low")
        #expect(a.weakDomains.map(\.name) == [
            "Implement an agentic solution", "Implement knowledge mining and information extraction solutions",
            "Implement generative AI solutions", "Implement computer vision solutions",
        ])
        let prose = AI102Outline2025.prose(a)
        #expect(prose.contains("One service at a time (Azure OpenAI in Foundry Models, Foundry Agent Service, Microsoft Agent Framework)"))
        #expect(prose.contains("Labs on the services you have not touched yet: Content Safety, Azure AI Language text analysis (formerly Text Analytics)"))
    }

    @Test func aSearchSpecialistIsToldTheServiceByItsCurrentName() throws {
        let a = try assess("single_service_specialist")
        #expect(a.scorePattern == "single_gap")
        let prose = AI102Outline2025.prose(a)
        #expect(prose.contains("your depth in Azure AI Search (formerly Cognitive Search) cannot make up for the domains where you are weaker, and the exam covers all six"))
        #expect(prose.contains("Your hands-on work covers 2 of the sixteen services."))
    }

    @Test func aMachineLearningExpertSetsUpAFoundryProject() throws {
        let prose = AI102Outline2025.prose(try assess("ml_expert"))
        #expect(prose.contains("Set up a Foundry project from scratch without a tutorial"))
        #expect(!prose.contains("Set up three services from scratch"))
    }

    @Test func anOutdatedStudierLearnsWhatThe2025OutlineChanged() throws {
        let prose = AI102Outline2025.prose(try assess("outdated_studier"))
        #expect(prose.contains("such as agents as a domain of their own, Azure AI Foundry becoming Microsoft Foundry"))
        #expect(prose.contains("What changed: the 2025 outline against what you studied"))
        #expect(!prose.contains("What changed in the last twelve months"))
    }

    @Test func aDocumentationReaderBreaksFoundryResourcesOnPurpose() throws {
        let a = try assess("documentation_reader")
        #expect(a.protocolPhase == "hours_1_2")
        #expect(a.scorePattern == "consistently_low")
        #expect(AI102Outline2025.prose(a).contains("Troubleshooting labs: break keys, role assignments, deployments, content filters and agent tools on purpose"))
    }

    @Test func withNoWeakDomainThePlanIsOnePassOverEveryDomain() throws {
        let a = try assess("no_weak_domain")
        #expect(a.scorePattern == "mixed")
        #expect(a.runnerUp == nil)
        let prose = AI102Outline2025.prose(a)
        #expect(prose.contains("A pass over every domain"))
        #expect(prose.contains("Integration: join services into one solution (documents to answers, voice to intent, an agent with tools)"))
    }
}
