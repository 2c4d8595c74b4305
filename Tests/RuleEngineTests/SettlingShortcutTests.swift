import Testing
@testable import RuleEngine

/// Settling does not run a combination of open answers that only rules over
/// fixed answers read, when none of those rules matches with it or without
/// it: the decisions are those trying every combination gives. The same
/// rules reading a copy the rules make (which is not fixed through a run)
/// are tried combination by combination, and must decide the same.
@Suite struct SettlingShortcutTests {
    /// A deep-use service among those used, as the AI-102 pack asks it:
    /// the rule reading it reads only answers, unless `viaCopy`.
    static func pack(viaCopy: Bool) -> String {
        let used = viaCopy ? "used_copy" : "used"
        return """
            facts:
              used: {type: set, values: [vision, speech, search]}
              special: {type: choice, values: [vision, speech, search, openai, none]}
              level: {type: choice, values: [low, high]}
              used_copy: {type: set, values: [vision, speech, search], derived: true}
              specialty: {type: choice, values: [vision, speech, search, openai, none], derived: true}
              pattern: {type: choice, values: [specialist, generalist, reader], derived: true, settle: true}
              study_weeks: {type: integer, min: 1, derived: true, settle: true}
            rules:
              - id: copy_used
                salience: 100
                then: [{set: used_copy, to: = used}]
              - id: specialty_answered
                salience: 90
                when: special == "none" or special in \(used)
                then: [{set: specialty, to: = special}]
              - id: specialty_none_used
                salience: 90
                when: count(used) == 0
                then: [{set: specialty, to: none}]
              - id: specialist
                when: specialty != "none" and level == "high"
                then: [{set: pattern, to: specialist}]
              - id: generalist
                salience: -1
                when: not known(pattern) and count(used) >= 2
                then: [{set: pattern, to: generalist}]
              - id: reader
                salience: -2
                when: not known(pattern) and level == "low"
                then: [{set: pattern, to: reader}]
              - id: study_weeks
                salience: -5
                when: known(pattern)
                then: [{set: study_weeks, to: '= if pattern == "specialist" then 4 else 8'}]
            """
    }

    static let answerSets: [[String: Value]] = [
        [:],
        ["used": EV.textSet()],
        ["used": EV.textSet(), "level": EV.s("high")],
        ["used": EV.textSet("vision")],
        ["used": EV.textSet("vision"), "level": EV.s("high")],
        ["used": EV.textSet("vision", "speech"), "level": EV.s("low")],
        ["used": EV.textSet("vision", "speech", "search"), "level": EV.s("high")],
        ["level": EV.s("high")],
        ["level": EV.s("low")],
        ["special": EV.s("openai"), "level": EV.s("high")],
        ["special": EV.s("none"), "used": EV.textSet("speech")],
    ]

    @Test(arguments: answerSets.indices)
    func theDecisionsAreThoseOfTryingEveryCombination(set: Int) throws {
        let answers = Self.answerSets[set]
        let direct = try EnginePack.infer(Self.pack(viaCopy: false), answers)
        let viaCopy = try EnginePack.infer(Self.pack(viaCopy: true), answers)
        for fact in ["pattern", "study_weeks"] {
            #expect(direct.decision(of: fact) == viaCopy.decision(of: fact), "\(fact) over \(answers)")
            #expect(direct.settledValue(of: fact) == viaCopy.settledValue(of: fact), "\(fact) over \(answers)")
            #expect(direct.value(of: fact) == viaCopy.value(of: fact), "\(fact) over \(answers)")
        }
    }

    @Test func aServiceUsedCanStillMakeASpecialist() throws {
        // "vision" is used: answering it as the deep-use service makes a
        // specialist, so the pattern is not settled yet.
        let inference = try EnginePack.infer(Self.pack(viaCopy: false),
                                             ["used": EV.textSet("vision"), "level": EV.s("high")])
        #expect(inference.decision(of: "pattern") == .open(deciding: ["special"]))
    }

    @Test func noServiceUsedSettlesIt() throws {
        // With none used, no deep-use service can match: every value of the
        // open answer leaves the pattern as it is.
        let inference = try EnginePack.infer(Self.pack(viaCopy: false), ["used": EV.textSet(), "level": EV.s("low")])
        #expect(inference.value(of: "pattern") == EV.s("reader"))
        #expect(inference.decision(of: "pattern") == .settled)
    }
}
