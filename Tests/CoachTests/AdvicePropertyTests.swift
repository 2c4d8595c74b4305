import PropertyBased
import RuleEngine
import Testing

@testable import Coach

/// Properties of the shipped pack's advice over generated candidates: what
/// is stated as settled stays so whatever the open answers turn out to be,
/// and every plan fits its dates.
@Suite struct AdvicePropertyTests {
    // NB: a day when the outline the article describes was in force, long
    // before AI-102 retired; RetirementPropertyTests covers the retirement.
    static let now: Moment = "2023-12-03T12:00"

    /// A candidate who answered every question, with values drawn over each
    /// fact's declared type; dates around the clock.
    static func candidate(_ rng: inout Xoshiro) -> [String: Value] {
        var answers: [String: Value] = [:]
        let failed = Moment(minutes: now.minutes - Int.random(in: 0...(30 * 1440), using: &rng), hasTime: true)
        for info in AI102.pack.ruleBase.facts where info.role == .input && info.name != CoachPack.clockFact {
            switch info.name {
            case "failed_at":
                answers[info.name] = .date(Bool.random(using: &rng) ? failed : failed.dateOnly)
            case "first_attempt_at":
                answers[info.name] = .date(Moment(minutes: failed.minutes - Int.random(in: 0...400, using: &rng) * 1440,
                                                  hasTime: false).dateOnly)
            case "target_date":
                answers[info.name] = Int.random(in: 0..<4, using: &rng) == 0 ? .string("none")
                    : .date(Moment(minutes: failed.minutes + Int.random(in: 0...200, using: &rng) * 1440, hasTime: false).dateOnly)
            default:
                answers[info.name] = value(of: info.type, &rng)
            }
        }
        return answers
    }

    /// A value of a declared type: any of its values, not only the ones the
    /// engine tries.
    static func value(of type: FactType, _ rng: inout Xoshiro) -> Value? {
        switch type {
        case .bool:
            return .bool(Bool.random(using: &rng))
        case .text(let values?):
            return .string(values.randomElement(using: &rng)!)
        case .number(let low?, let high?, _):
            // Whole numbers: scores and counts are typed as such.
            return .number(Double(Int.random(in: Int(low)...Int(high), using: &rng)))
        case .set(.text(let values?)):
            return .makeSet(values.filter { _ in Bool.random(using: &rng) }.map(Value.string))
        default:
            return nil
        }
    }

    static func seeded(_ seed: UInt64) -> Xoshiro {
        Xoshiro(seed: (seed, 0x9E37_79B9_7F4A_7C15, ~seed, 0xD1B5_4A32_D192_ED03))
    }

    /// Each settled decision is the one every completion of the open
    /// answers reaches.
    @Test func aSettledConclusionHoldsForEveryValueTheOpenAnswersCouldTake() throws {
        var rng = Self.seeded(20261129)
        let decisions = AI102.pack.ruleBase.facts.filter(\.settles).map(\.name)
        var settledSeen = 0
        for index in 0..<24 {
            let whole = Self.candidate(&rng)
            var partial = whole
            var open: [String] = []
            for _ in 0..<Int.random(in: 1...3, using: &rng) { open.append(whole.keys.sorted().randomElement(using: &rng)!) }
            for name in open { partial[name] = nil }
            let inference = try AI102.pack.infer(partial, now: Self.now)
            for _ in 0..<6 {
                var completion = partial
                for name in open {
                    completion[name] = Self.value(of: AI102.pack.ruleBase.fact(named: name)!.type, &rng) ?? whole[name]
                }
                let other = try AI102.pack.infer(completion, now: Self.now)
                for fact in decisions where inference.decision(of: fact) == .settled {
                    settledSeen += 1
                    #expect(other.value(of: fact) == inference.value(of: fact),
                            "case \(index): \(fact) was settled with \(open) open, but a completion changes it")
                }
            }
        }
        #expect(settledSeen > 200)
    }
}
