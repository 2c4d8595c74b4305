import PropertyBased
import RuleEngine
import Testing

@testable import Coach

/// AI-102 retired on 2026-06-30: for candidates who failed it in its last
/// two months, under either outline, no date the coach proposes falls after
/// that day, and a plan cut short or withheld says so and names AI-103.
@Suite struct RetirementPropertyTests {
    static let retires: Moment = "2026-06-30"
    static let cases = 200

    /// A complete candidate who failed between 2026-05-01 and the
    /// retirement, assessed up to three days later.
    static func candidate(_ rng: inout Xoshiro) -> (answers: [String: Value], now: Moment) {
        var answers = AdvicePropertyTests.candidate(&rng)
        let start: Moment = "2026-05-01T08:00"
        let failed = Moment(minutes: start.minutes + Int.random(in: 0...(60 * 1440), using: &rng), hasTime: true)
        answers["failed_at"] = .date(Bool.random(using: &rng) ? failed : failed.dateOnly)
        answers["first_attempt_at"] = .date(Moment(minutes: failed.minutes - Int.random(in: 0...400, using: &rng) * 1440,
                                                   hasTime: false).dateOnly)
        if answers["target_date"] != Value.string("none") {
            answers["target_date"] = .date(Moment(minutes: failed.minutes + Int.random(in: 1...90, using: &rng) * 1440,
                                                  hasTime: false).dateOnly)
        }
        answers["materials_age_months"] = .number(Double(Int.random(in: 0...12, using: &rng)))
        let now = Moment(minutes: failed.minutes + Int.random(in: 0...(3 * 1440), using: &rng), hasTime: true)
        return (answers, now)
    }

    static let generated: [(answers: [String: Value], assessment: Assessment)] = {
        var rng = AdvicePropertyTests.seeded(20260630)
        return (0..<cases).map { _ in
            let (answers, now) = candidate(&rng)
            do {
                return (answers, try AI102.pack.assess(answers, now: now))
            } catch {
                fatalError("a candidate does not infer: \(error)")
            }
        }
    }()

    static func label(_ answers: [String: Value]) -> Comment {
        "\(answers.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", "))"
    }

    @Test func noDateTheCoachProposesFallsAfterTheRetirement() {
        let last = Self.retires.dateOnly
        var plans = 0
        for (answers, a) in Self.generated {
            if let earliest = a.earliest { #expect(earliest.dateOnly <= last, Self.label(answers)) }
            if let from = a.recommendedFrom { #expect(from <= last, Self.label(answers)) }
            if let to = a.recommendedTo { #expect(to <= last, Self.label(answers)) }
            if a.targetOK == true, case .date(let target)? = a.targetDate { #expect(target <= last, Self.label(answers)) }
            if let start = a.planStart, let lastWeek = a.plan.map(\.lastWeek).max() {
                plans += 1
                let end = Moment(minutes: start.minutes + (lastWeek * 7 - 1) * 1440, hasTime: false)
                #expect(end <= last, Self.label(answers))
            }
        }
        // Most candidates still have a plan; some have none left.
        #expect(plans > Self.cases / 2)
        #expect(plans < Self.cases)
    }

    @Test func aPlanCutShortOrWithheldSaysSoAndNamesAI103() {
        for (answers, a) in Self.generated {
            let weeks = a.plan.map(\.lastWeek).max() ?? 0
            let cut = a.weeksMin.map { weeks < $0 } ?? false
            guard a.plan.isEmpty || cut else { continue }
            #expect(a.warnings.contains { $0.contains("AI-103") && $0.contains("2026-06-30") }, Self.label(answers))
        }
    }

    @Test func bothOutlinesAreAmongTheCandidates() {
        let outlines = Set(Self.generated.compactMap { $0.answers["outline"]?.text })
        #expect(outlines == ["article", "2025"])
    }
}
