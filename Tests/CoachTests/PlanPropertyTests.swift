import PropertyBased
import RuleEngine
import Testing

@testable import Coach

/// Properties of the week-by-week plan and the retake window over generated
/// candidates who answered every question (the generator of
/// ``AdvicePropertyTests``), checked against the contract in the pack's
/// plan.yaml and retake.yaml: the plan starts once the 48 hours of analysis
/// are over and its last week ends the day the recommended window opens.
@Suite struct PlanPropertyTests {
    static let cases = 36

    /// A generated candidate with what the pack concluded.
    struct Case {
        let index: Int
        let answers: [String: Value]
        let assessment: Assessment
        /// The exam's domains as the pack declares them (exam.yaml).
        let domains: [(id: String, name: String, weight: Double)]

        var label: Comment { "case \(index): \(answers.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", "))" }

        func score(of domain: String) -> Double? {
            answers["scores.\(domain)"]?.number
        }
    }

    /// A complete candidate from ``AdvicePropertyTests/candidate(_:)``, with
    /// recent material half the time and fewer than ten hours a week a third
    /// of the time: drawn over their whole ranges, nearly every candidate
    /// would be an Outdated Studier studying full time.
    static func candidate(_ rng: inout Xoshiro) -> [String: Value] {
        var answers = AdvicePropertyTests.candidate(&rng)
        // The weights and domains these tests name are the article's outline.
        answers["outline"] = .string("article")
        if Bool.random(using: &rng) {
            answers["materials_age_months"] = .number(Double(Int.random(in: 0...12, using: &rng)))
        }
        if Int.random(in: 0..<3, using: &rng) == 0 {
            answers["hours_per_week"] = .number(Double(Int.random(in: 1...9, using: &rng)))
        }
        return answers
    }

    /// The generated candidates, assessed once for all the tests.
    static let generated: [Case] = {
        var rng = AdvicePropertyTests.seeded(20261211)
        return (0..<cases).map { index in
            let answers = candidate(&rng)
            do {
                let inference = try AI102.pack.infer(answers, now: AdvicePropertyTests.now)
                let domains = (inference.collection(named: "domains") ?? []).map { record in
                    (id: record["id"]?.description ?? "", name: record["name"]?.description ?? "",
                     weight: record["weight"]?.number ?? .nan)
                }
                return Case(index: index, answers: answers, assessment: Assessment(inference), domains: domains)
            } catch {
                fatalError("case \(index) does not infer: \(error)")
            }
        }
    }()

    static func days(_ from: Moment, _ to: Moment) -> Int {
        (to.minutes - from.minutes) / 1440
    }

    /// Whether a record of the plan holds integration work.
    static func isIntegration(_ week: Assessment.PlanWeek) -> Bool {
        week.focus.localizedCaseInsensitiveContains("integration")
    }

    /// Whether a record holds a topic: anything but set-up alone,
    /// integration, the stretch that keeps skills warm and the exam's details.
    static func isTopic(_ week: Assessment.PlanWeek) -> Bool {
        !isIntegration(week) && week.focus != "Set-up and gap analysis"
            && week.focus != "Keep your skills warm until the window" && week.focus != "The exam's own details"
    }

    @Test func everyGeneratedCandidateIsDecidedWithAPlan() {
        for c in Self.generated {
            let a = c.assessment
            #expect(a.undecided.isEmpty, c.label)
            #expect(a.planStart != nil, c.label)
            #expect(a.earliest != nil, c.label)
            #expect(a.recommendedFrom != nil && a.recommendedTo != nil, c.label)
            #expect(!a.plan.isEmpty, c.label)
            #expect(a.weeksMin != nil && a.weeksMax != nil, c.label)
        }
        #expect(Self.generated.count == Self.cases)
        // The generator reaches the cases that matter here.
        #expect(Self.generated.contains { $0.assessment.planNotes.contains { $0.contains("share a week") } })
        #expect(Self.generated.contains { $0.assessment.plan.contains { $0.lastWeek > $0.week } })
        #expect(Self.generated.contains { $0.answers["attempt"] == .number(5) })
    }

    @Test func thePlansLastWeekEndsTheDayTheWindowOpens() throws {
        for c in Self.generated {
            let a = c.assessment
            let start = try #require(a.planStart, c.label)
            let from = try #require(a.recommendedFrom, c.label)
            let last = try #require(a.plan.map(\.lastWeek).max(), c.label)
            #expect(Self.days(start, from) == 7 * last, c.label)
            #expect(from.minutes % 1440 == 0 && start.minutes % 1440 == 0, c.label)
            // The plan starts once the 48 hours of analysis are over, and not
            // before today.
            let now = AdvicePropertyTests.now
            #expect(start >= now.dateOnly, c.label)
            if case .date(let failed)? = c.answers["failed_at"] {
                let analysisOver = failed.hasTime
                    ? Moment(minutes: failed.minutes + 48 * 60, hasTime: true).dateOnly
                    : Moment(minutes: failed.dateOnly.minutes + 2 * 1440, hasTime: false)
                #expect(start == max(now.dateOnly, analysisOver), c.label)
            }
            // At least the shortest timeline.
            #expect(last >= a.weeksMin ?? .max, c.label)
        }
    }

    @Test func weeksFollowEachOtherWithNoGapOrOverlap() {
        for c in Self.generated {
            let plan = c.assessment.plan
            var next = 1
            for week in plan {
                #expect(week.week == next, c.label)
                #expect(week.lastWeek >= week.week, c.label)
                next = week.lastWeek + 1
            }
            #expect(Set(plan.map(\.week)).count == plan.count, c.label)
        }
    }

    @Test func integrationComesAfterTheLastTopicAndTheExamsDetailsLast() throws {
        for c in Self.generated {
            let plan = c.assessment.plan
            let integration = plan.filter(Self.isIntegration)
            #expect(integration.count == 1, c.label)
            let lastTopic = try #require(plan.filter(Self.isTopic).map(\.lastWeek).max(), c.label)
            if let first = integration.first {
                #expect(first.week > lastTopic, c.label)
            }
            let last = try #require(plan.last, c.label)
            #expect(last.focus.hasSuffix("the exam's own details") || last.focus == "The exam's own details", c.label)
            #expect(last.lastWeek == plan.map(\.lastWeek).max(), c.label)
            #expect(plan.filter { $0.focus.contains("exam's own details") }.count == 1, c.label)
        }
    }

    @Test func everyWeakDomainIsStudiedInTheOrderOfTheWeakList() {
        for c in Self.generated {
            let a = c.assessment
            // The first record naming each weak domain, as its plan line does:
            // "Name (score%)".
            let records = a.weakDomains.map { domain -> Int? in
                let tag = "\(domain.name) (\(Value.format(domain.score ?? .nan))%)"
                return a.plan.firstIndex { $0.focus.contains(tag) || $0.items.contains { $0.hasPrefix(tag) } }
            }
            #expect(!records.contains(nil), c.label)
            let found = records.compactMap { $0 }
            #expect(found == found.sorted(), c.label)
            // With a part a week at least, each weak domain has a deep dive of
            // its own.
            if !a.planNotes.contains(where: { $0.contains("share a week") }) {
                let dives = a.plan.filter { $0.focus.hasPrefix("Deep dive: ") }
                #expect(dives.map(\.focus) == a.weakDomains.map {
                    "Deep dive: \($0.name) (\(Value.format($0.score ?? .nan))%)"
                }, c.label)
            }
        }
    }

    @Test func theWeakListIsLowestScoreFirstWithWeightBreakingTies() throws {
        let low = 60.0  // thresholds.low in exam.yaml
        for c in Self.generated {
            #expect(c.domains.count == 6, c.label)
            let weak = c.domains.filter { (c.score(of: $0.id) ?? .infinity) < low }
            let expected = weak.enumerated().sorted { x, y in
                let (a, b) = (x.element, y.element)
                let (sa, sb) = (c.score(of: a.id)!, c.score(of: b.id)!)
                if sa != sb { return sa < sb }
                if a.weight != b.weight { return a.weight > b.weight }
                return x.offset < y.offset
            }.map(\.element.id)
            let weakIDs = c.assessment.weakDomains.map(\.id)
            #expect(weakIDs == expected, c.label)
            #expect(c.assessment.weakDomains.map(\.score) == weakIDs.map { c.score(of: $0) }, c.label)
        }
        // The declared weights, as exam.yaml gives them.
        let weights = Dictionary((Self.generated.first?.domains ?? []).map { ($0.id, $0.weight) },
                                 uniquingKeysWith: { first, _ in first })
        #expect(weights == ["plan_manage": 15, "decision_support": 10, "computer_vision": 15, "nlp": 30,
                            "knowledge_mining": 15, "generative_ai": 15])
    }

    @Test func equalScoresPutTheHeavierDomainFirst() throws {
        var rng = AdvicePropertyTests.seeded(7)
        var checked = 0
        for _ in 0..<8 {
            var answers = Self.candidate(&rng)
            // Every domain at one of two weak scores, so ties are certain.
            let pair = [Double(Int.random(in: 0...58, using: &rng))].flatMap { [$0, $0 + 1] }
            for domain in ["plan_manage", "decision_support", "computer_vision", "nlp", "knowledge_mining", "generative_ai"] {
                answers["scores.\(domain)"] = .number(pair.randomElement(using: &rng)!)
            }
            let a = try AI102.pack.assess(answers, now: AdvicePropertyTests.now)
            let weight = ["plan_manage": 15.0, "decision_support": 10, "computer_vision": 15, "nlp": 30,
                          "knowledge_mining": 15, "generative_ai": 15]
            let listed = a.weakDomains.map { (score: $0.score ?? .nan, weight: weight[$0.id] ?? .nan) }
            #expect(listed.count == 6)
            for (x, y) in zip(listed, listed.dropFirst()) {
                #expect(x.score < y.score || (x.score == y.score && x.weight >= y.weight), "\(a.weakDomains.map(\.id))")
                checked += 1
            }
        }
        #expect(checked == 40)
    }

    @Test func theWindowOpensNoEarlierThanThePolicyAllowsAndLastsMoreThanADay() throws {
        for c in Self.generated {
            let a = c.assessment
            let earliest = try #require(a.earliest, c.label)
            // The policy, from the latest moment the exam could have been sat:
            // 24 hours after a first attempt, 14 days after a later one, and
            // after a fifth, twelve months after the first.
            guard case .date(let failed)? = c.answers["failed_at"], let attempt = c.answers["attempt"]?.number,
                  case .date(let first)? = c.answers["first_attempt_at"] else {
                Issue.record("case \(c.index): no date or attempt")
                continue
            }
            let latest = failed.hasTime ? failed.minutes : failed.dateOnly.minutes + 1440 - 1
            var allowed = latest + (attempt == 1 ? 24 * 60 : 14 * 1440)
            if attempt == 5, let year = first.addingMonths(12) { allowed = max(allowed, year.minutes) }
            #expect(earliest.minutes >= allowed, c.label)
            let from = try #require(a.recommendedFrom, c.label)
            let to = try #require(a.recommendedTo, c.label)
            #expect(from >= earliest.dateOnly, c.label)
            #expect(to > from, c.label)
            // The pack's `min_window_days`: a window is never shorter.
            #expect(Self.days(from, to) >= 14, c.label)
            // A target fits exactly when it is on or after the opening day.
            if case .date(let target)? = c.answers["target_date"] {
                #expect(a.targetOK == (target >= from), c.label)
            } else {
                #expect(a.targetOK == nil, c.label)
            }
        }
    }

    @Test func theFailureTypeIsTheOneThePatternPairsWith() throws {
        // The pairs as exam.yaml declares them.
        let inference = try AI102.pack.infer(try #require(Self.generated.first).answers, now: AdvicePropertyTests.now)
        let pairs = Dictionary((inference.collection(named: "patterns") ?? []).map {
            ($0["id"]?.description ?? "", $0["failure_type"]?.description ?? "")
        }, uniquingKeysWith: { first, _ in first })
        #expect(pairs == ["azure_generalist": "theory", "ml_expert": "theory", "single_service_specialist": "breadth",
                          "documentation_reader": "theory", "outdated_studier": "outdated"])
        for c in Self.generated {
            guard let pattern = c.assessment.pattern else { continue }
            #expect(c.assessment.failureType == pairs[pattern], c.label)
        }
    }

    @Test func everyCompleteCandidateGetsTheWholeChecklist() {
        let everyone = ["question_patterns", "context_switching", "elimination", "change_time_slot",
                        "accept_unfamiliar", "night_before_review"]
        for c in Self.generated {
            let ids = c.assessment.checklist.map(\.id)
            #expect(ids.filter { $0 != "stick_to_plan" } == everyone, c.label)
            #expect(!ids.contains("failure_is_private"), c.label)
            #expect(c.assessment.reassurance.count == 2, c.label)
        }
    }
}
