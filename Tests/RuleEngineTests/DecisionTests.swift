import Testing
@testable import RuleEngine

/// A conclusion marked `settle: true` is settled only when no value of the
/// answers still open could change it.
@Suite struct DecisionTests {
    /// Evidence for three candidates, summed and ranked, as a coach ranks
    /// failure patterns.
    static let pack = """
        facts:
          certified: {type: bool}
          practice: {type: choice, values: [none, some, lots]}
          age_months: {type: integer, min: 0, max: 120}
          sources: {type: set, values: [docs, video, labs]}
          note: {type: text}
          winner: {type: choice, values: [reader, outdated, generalist], derived: true, settle: true}
          label: {type: text, derived: true, output: true}
        constants:
          stale: 6
        collections:
          candidates:
            - {id: reader, score: = evidence.reader ?? 0}
            - {id: outdated, score: = evidence.outdated ?? 0}
            - {id: generalist, score: = evidence.generalist ?? 0}
        rules:
          - id: reader_docs
            salience: 10
            when: '"docs" in sources and "labs" not in sources'
            then: [{add: evidence.reader, by: 3}]
          - id: reader_no_practice
            salience: 10
            when: practice == "none"
            then: [{add: evidence.reader, by: 3}]
          - id: outdated
            salience: 10
            when: age_months > stale
            then: [{add: evidence.outdated, by: 5}]
          - id: generalist
            salience: 10
            when: certified and practice != "lots"
            then: [{add: evidence.generalist, by: 4}]
          - id: choose
            when: first([c for c in candidates by -c.score]).score > 0
            then: [{set: winner, to: '= first([c for c in candidates by -c.score]).id'}]
          - id: label
            when: note != ""
            then: [{set: label, to: = note}]

        """

    private func infer(_ answers: [String: Value]) throws -> Inference {
        try EnginePack.infer(Self.pack, answers)
    }

    @Test func oneAnswerAloneDoesNotDecideARanking() throws {
        let inference = try infer(["age_months": EV.n(24)])
        #expect(inference.value(of: "winner") == EV.s("outdated"))
        #expect(inference.settledValue(of: "winner") == nil)
        #expect(inference.decision(of: "winner") == .open(deciding: ["certified", "practice", "sources"]))
    }

    @Test func aLeadNoOpenAnswerCanOvertakeIsSettled() throws {
        // Reader has 6; the open age could add at most 5 to another.
        let inference = try infer(["certified": EV.b(false), "practice": EV.s("none"), "sources": EV.textSet("docs")])
        #expect(inference.decision(of: "winner") == .settled)
        #expect(inference.settledValue(of: "winner") == EV.s("reader"))
    }

    @Test func aLeadAnOpenNumberCanOvertakeIsOpen() throws {
        let inference = try infer(["certified": EV.b(true), "practice": EV.s("some"), "sources": EV.textSet("video")])
        #expect(inference.value(of: "winner") == EV.s("generalist"))
        #expect(inference.decision(of: "winner") == .open(deciding: ["age_months"]))
        let old = try infer(["certified": EV.b(true), "practice": EV.s("some"), "sources": EV.textSet("video"),
                             "age_months": EV.n(7)])
        #expect(old.settledValue(of: "winner") == EV.s("outdated"))
    }

    @Test func noEvidenceAtAllIsSettledAsNoneOnlyWhenNothingIsOpen() throws {
        let partial = try infer(["certified": EV.b(false), "practice": EV.s("lots")])
        #expect(partial.value(of: "winner") == nil)
        #expect(partial.decision(of: "winner") == .open(deciding: ["age_months", "sources"]))
        let whole = try infer(["certified": EV.b(false), "practice": EV.s("lots"), "sources": EV.textSet("labs"),
                               "age_months": EV.n(2)])
        #expect(whole.value(of: "winner") == nil)
        #expect(whole.decision(of: "winner") == .settled)
    }

    @Test func anAnswerNoRuleWaitsForDecidesNothing() throws {
        // With practice "lots", whether the candidate is certified no longer
        // matters to the generalist rule.
        let inference = try infer(["practice": EV.s("lots"), "sources": EV.textSet("labs"), "age_months": EV.n(1)])
        #expect(inference.decision(of: "winner") == .settled)
        #expect(inference.couldChange(byAnswering: "certified") == false)
        #expect(inference.couldChange(byAnswering: "note") == true)
        // Before the decisions are made, an answer that leads only to one
        // cannot tell.
        let early = try EnginePack.engine(Self.pack).infer(["practice": EV.s("lots")], deciding: false)
        #expect(early.couldChange(byAnswering: "sources") == nil)
    }

    @Test func anOpenAnswerWhoseValuesCannotBeTriedLeavesTheDecisionOpen() throws {
        let pack = Self.pack.replacing("when: first([c for c in candidates by -c.score]).score > 0",
                                       with: "when: first([c for c in candidates by -c.score]).score > 0 and note != \"\"")
        let inference = try EnginePack.infer(pack, ["certified": EV.b(false), "practice": EV.s("none"),
                                                     "sources": EV.textSet("docs"), "age_months": EV.n(1)])
        #expect(inference.decision(of: "winner") == .open(deciding: ["note"]))
    }

    @Test func whatRestsOnAnOpenDecisionIsNotStatedWithIt() throws {
        let pack = Self.pack + """
              - id: advice_from_winner
                then: [{append: advice, item: "Study as a {winner} would."}]
              - id: advice_always
                then: [{append: advice, item: Sleep well.}]
              - id: weeks_from_winner
                then: [{set: study_weeks, to: '= if winner == "reader" then 8 else 3'}]
            """
        let open = try EnginePack.infer(pack, ["age_months": EV.n(24)])
        #expect(open.decision(of: "winner") != .settled)
        #expect(open.value(of: "advice") == EV.texts("Study as a outdated would.", "Sleep well."))
        #expect(open.settledValue(of: "advice") == EV.texts("Sleep well."))
        #expect(open.value(of: "study_weeks") == EV.n(3))
        #expect(open.settledValue(of: "study_weeks") == nil)
        let settled = try EnginePack.infer(pack, ["certified": EV.b(false), "practice": EV.s("none"),
                                                  "sources": EV.textSet("docs")])
        #expect(settled.settledValue(of: "advice") == EV.texts("Study as a reader would.", "Sleep well."))
        #expect(settled.settledValue(of: "study_weeks") == EV.n(8))
    }

    @Test func onlyFactsMarkedSettleHaveDecisions() throws {
        let inference = try infer(["note": EV.s("x")])
        #expect(inference.decision(of: "label") == nil)
        #expect(inference.settledValue(of: "label") == EV.s("x"))
    }

    @Test func settleOnAnAnswerIsAnError() throws {
        let pack = PackLoader.load(files: [SourceFile(name: "pack.yaml", text: """
            facts:
              x: {type: bool, settle: true}
            rules:
              - id: r
                when: x
                then: [{set: y, to: 1}]
            """)])
        #expect(pack.diagnostics.filter { $0.severity == .error }.map(pack.renderer.render) == [
            "pack.yaml:2:27: error: 'settle' is for conclusions; an answer is settled once it is given\n"
                + "      x: {type: bool, settle: true}\n"
                + "                              ^",
        ])
    }

    @Test func triedValuesCoverEveryChoiceSubsetAndThreshold() throws {
        #expect(FactType.bool.trialValues(landmarks: []) == [EV.b(false), EV.b(true)])
        #expect(FactType.set(of: .text(values: ["a", "b"])).trialValues(landmarks: [])?.count == 4)
        #expect(FactType.set(of: .text(values: (1...11).map { "v\($0)" })).trialValues(landmarks: [])?.count == 32)
        #expect(FactType.number(min: 0, max: 120, integer: true).trialValues(landmarks: [6, 500])
            == [0, 5, 6, 7, 120].map { EV.n($0) })
        #expect(FactType.date(time: true).trialValues(landmarks: []) == nil)
        #expect(FactType.number(min: 0, max: nil, integer: true).trialValues(landmarks: []) == nil)
    }
}
