import Testing
@testable import RuleEngine

/// `for:` bindings over collections and set or list facts, joins, and
/// collection fields computed from facts.
@Suite struct BindingTests {
    static let pack = """
        facts:
          scores.nlp: {type: percent}
          scores.vision: {type: percent}
          scores.speech: {type: percent}
          custom_domain: {type: text}
        collections:
          domains:
            - {id: nlp, name: Natural language, weight: 30, score: = scores.nlp}
            - {id: vision, name: Computer vision, weight: 15, score: = scores.vision}
            - {id: speech, name: Speech, weight: 20, score: = scores.speech}
          services:
            - {id: translator, domain: nlp}
            - {id: language, domain: nlp}
            - {id: vision_api, domain: vision}
            - {id: speech_sdk, domain: speech}
            - {id: orphan, domain: none}
            - {id: custom, domain: = custom_domain}
        rules:
          - id: weak_domain
            salience: 20
            for: d in domains
            when: d.score < 60
            then: [{append: weak_domains, item: = d.id}]
          - id: study_service
            for: [s in services, d in domains]
            when: s.domain == d.id and d.id in weak_domains
            then: [{append: study, item: "{s.id} for {d.name}"}]
          - id: study_service_every_pair
            for: [s in services, d in domains]
            when: [d.id in weak_domains, not (s.domain != d.id)]
            then: [{append: study_every_pair, item: "{s.id} for {d.name}"}]
          - id: domain_first
            for: [d in domains, s in services]
            when: s.domain == d.id and d.id in weak_domains
            then: [{append: domain_study, item: "{s.id} for {d.name}"}]
        """
    static let scores: [String: Value] = [
        "scores.nlp": .number(40), "scores.vision": .number(80), "scores.speech": .number(55),
    ]

    private func firings(_ inference: Inference, of rule: String) -> [String] {
        inference.firingsShown.filter { $0.hasPrefix(rule + "(") }
    }

    @Test func bindingOverACollectionFiresOncePerMatchingItem() throws {
        let inference = try EnginePack.infer(Self.pack, Self.scores.merging(["custom_domain": .string("none")]) { a, _ in a })
        #expect(firings(inference, of: "weak_domain") == ["weak_domain(d=nlp)", "weak_domain(d=speech)"])
        #expect(inference.value(of: "weak_domains") == EV.texts("nlp", "speech"))
        #expect(inference.trace[0].binding.map(\.variable) == ["d"])
        #expect(inference.trace[0].binding[0].value == EV.record(
            ("id", EV.s("nlp")), ("name", EV.s("Natural language")), ("weight", EV.n(30)), ("score", EV.n(40))))
    }

    @Test func joinOnAnEqualityFiresForExactlyTheMatchingPairs() throws {
        let inference = try EnginePack.infer(Self.pack, Self.scores.merging(["custom_domain": .string("speech")]) { a, _ in a })
        #expect(firings(inference, of: "study_service") == [
            "study_service(s=translator,d=nlp)", "study_service(s=language,d=nlp)",
            "study_service(s=speech_sdk,d=speech)", "study_service(s=custom,d=speech)",
        ])
        #expect(inference.value(of: "study") == EV.texts(
            "translator for Natural language", "language for Natural language", "speech_sdk for Speech", "custom for Speech"))
        #expect(inference.value(of: "study_every_pair") == inference.value(of: "study"))
        #expect(firings(inference, of: "domain_first") == [
            "domain_first(d=nlp,s=translator)", "domain_first(d=nlp,s=language)",
            "domain_first(d=speech,s=speech_sdk)", "domain_first(d=speech,s=custom)",
        ])
        #expect(inference.undecidedRules.isEmpty)
    }

    @Test func joinWithUnknownKeysWaitsForThoseItems() throws {
        let unanswered = try EnginePack.infer(Self.pack, Self.scores)
        #expect(firings(unanswered, of: "study_service") == [
            "study_service(s=translator,d=nlp)", "study_service(s=language,d=nlp)", "study_service(s=speech_sdk,d=speech)",
        ])
        #expect(unanswered.value(of: "study_every_pair") == unanswered.value(of: "study"))
        #expect(firings(unanswered, of: "domain_first") == [
            "domain_first(d=nlp,s=translator)", "domain_first(d=nlp,s=language)", "domain_first(d=speech,s=speech_sdk)",
        ])
        #expect(unanswered.undecidedShown == [
            "study_service: custom_domain", "study_service_every_pair: custom_domain", "domain_first: custom_domain",
        ])
        #expect(unanswered.openFacts == ["custom_domain"])
    }

    @Test func joinWithAnUnknownProbeDecidedByAnotherConditionWaitsForNothing() throws {
        let inference = try EnginePack.infer(Self.pack + """

              - id: heavy_service
                for: [s in services, d in domains]
                when: [s.domain == d.id, d.weight > 100]
                then: [{append: heavy, item: = s.id}]
            """, Self.scores)
        #expect(!inference.firedRules.contains("heavy_service"))
        #expect(!inference.undecidedRules.contains { $0.rule == "heavy_service" })
    }

    @Test func collectionFieldComputedFromAnUnknownFactIsUnknown() throws {
        let inference = try EnginePack.infer(Self.pack + """

              - id: summary
                then:
                  - {set: scored, to: '= [d.id for d in domains where known(d.score)]'}
                  - {set: shown, to: '= [d.score ?? -1 for d in domains]'}
            """, ["scores.nlp": .number(40), "custom_domain": .string("none")])
        #expect(firings(inference, of: "weak_domain") == ["weak_domain(d=nlp)"])
        #expect(inference.value(of: "scored") == EV.texts("nlp"))
        #expect(inference.value(of: "shown") == EV.numbers(40, -1, -1))
        #expect(inference.undecidedShown.first == "weak_domain: scores.vision, scores.speech")
        #expect(inference.openFacts == ["scores.vision", "scores.speech"])
    }

    @Test func readingAComputedFieldCountsAsReadingItsFacts() throws {
        let inference = try EnginePack.infer(Self.pack, Self.scores.merging(["custom_domain": .string("none")]) { a, _ in a })
        let first = inference.trace[0]
        #expect(first.reads.map(\.fact) == ["scores.nlp"])
        #expect(first.reads.map(\.value) == [EV.n(40)])
        let readers = try EnginePack.ruleBase(Self.pack).readers(of: "scores.vision").map(\.id)
        #expect(readers == ["weak_domain", "study_service", "study_service_every_pair", "domain_first"])
    }

    @Test func collectionFieldsFollowDerivedFacts() throws {
        let inference = try EnginePack.infer("""
            collections:
              stages: [{id: a, level: = stage_level}, {id: b, level: = stage_level + 1}]
            rules:
              - id: advance
                for: s in stages
                when: s.level >= 2
                then: [{append: reached, item: = s.id}]
              - id: start
                salience: 10
                then: [{set: stage_level, to: 0}]
              - id: raise
                salience: 5
                then: [{set: stage_level, to: 1}]
            """)
        #expect(inference.firingsShown == ["start", "raise", "advance(s=b)"])
        #expect(inference.value(of: "reached") == EV.texts("b"))
    }

    @Test func bindingOverASetFactTakesItsItemsInOrder() throws {
        let pack = """
            facts:
              services_used: {type: set, values: [speech, translator, vision, custom]}
            rules:
              - id: each_service
                for: s in services_used
                when: s != "custom"
                then: [{append: used, item: = s}]
            """
        let inference = try EnginePack.infer(pack, ["services_used": EV.texts("vision", "custom", "speech")])
        #expect(inference.firingsShown == ["each_service(s=speech)", "each_service(s=vision)"])
        #expect(inference.value(of: "used") == EV.texts("speech", "vision"))

        let unanswered = try EnginePack.infer(pack)
        #expect(unanswered.firedRules.isEmpty)
        #expect(unanswered.undecidedShown == ["each_service: services_used"])
        #expect(unanswered.openFacts == ["services_used"])
    }

    @Test func bindingOverAListFactKeepsTheListOrder() throws {
        let inference = try EnginePack.infer("""
            facts:
              marks: {type: list, of: number}
            rules:
              - id: each_mark
                for: m in marks
                when: m > 1
                then: [{add: total, by: = m}]
            """, ["marks": EV.numbers(5, 1, 3)])
        #expect(inference.firingsShown == ["each_mark(m=5)", "each_mark(m=3)"])
        #expect(inference.value(of: "total") == EV.n(8))
    }

    @Test func bindingOverAnExpression() throws {
        let inference = try EnginePack.infer("""
            collections:
              domains: [{id: nlp, weight: 30}, {id: vision, weight: 15}, {id: speech, weight: 20}]
            rules:
              - id: heavy
                for: d in [x for x in domains where x.weight >= 20 by -x.weight]
                then: [{append: heavy, item: = d.id}]
            """)
        #expect(inference.value(of: "heavy") == EV.texts("nlp", "speech"))
    }

    @Test func conditionsAreCheckedAsSoonAsTheirVariablesAreBound() throws {
        // The guard on `a` fails for x = 0 before `b` is bound, so the
        // division is never tried with 0.
        let inference = try EnginePack.infer("""
            collections:
              firsts: [{id: zero, x: 0}, {id: two, x: 2}]
              seconds: [{id: one, y: 1}, {id: ten, y: 10}]
            rules:
              - id: pair
                for: [a in firsts, b in seconds]
                when: [10 / a.x > b.y, a.x != 0]
                then: [{append: pairs, item: "{a}-{b}"}]
            """)
        #expect(inference.value(of: "pairs") == EV.texts("two-one"))
    }

    @Test func aRecordWithAnIdFiresOnceEvenWhenItsComputedFieldsChange() throws {
        let inference = try EnginePack.infer("""
            collections:
              stages: [{id: a, level: = stage_level}, {id: b, level: = stage_level + 1}]
            rules:
              - {id: start, salience: 10, then: [{set: stage_level, to: 1}]}
              - {id: advance, salience: 7, for: s in stages, when: s.level >= 1, then: [{add: points, by: 1}, {append: reached, item: = s.id}]}
              - {id: raise, salience: 5, then: [{set: stage_level, to: 2}]}
            """)
        #expect(inference.firingsShown == ["start", "advance(s=a)", "advance(s=b)", "raise"])
        #expect(inference.value(of: "points") == EV.n(2))
        #expect(inference.value(of: "reached") == EV.texts("a", "b"))
    }

    static let outlines = """
        facts:
          outline: {type: choice, values: [old, new]}
          scores.a: {type: percent}
          scores.b: {type: percent}
        collections:
          domains: = if outline == "new" then domains_new else domains_old
          domains_old:
            - {id: a, name: Old A, score: = scores.a}
          domains_new:
            - {id: a, name: New A, score: = scores.a}
            - {id: b, name: New B, score: = scores.b}
        rules:
          - id: weak
            for: d in domains
            when: d.score < 60
            then: [{append: weak, item: = d.name}]
          - id: counted
            then: [{set: domain_count, to: = count(domains)}]
        """

    @Test func aCollectionWrittenAsAnExpressionFollowsTheFactsItReads() throws {
        let scores: [String: Value] = ["scores.a": .number(40), "scores.b": .number(50)]
        let new = try EnginePack.infer(Self.outlines, scores.merging(["outline": .string("new")]) { a, _ in a })
        #expect(new.value(of: "weak") == EV.texts("New A", "New B"))
        #expect(new.value(of: "domain_count") == EV.n(2))
        let old = try EnginePack.infer(Self.outlines, scores.merging(["outline": .string("old")]) { a, _ in a })
        #expect(old.value(of: "weak") == EV.texts("Old A"))
        #expect(old.value(of: "domain_count") == EV.n(1))
    }

    @Test func aCollectionWrittenAsAnExpressionIsUnknownWhileItsFactsAre() throws {
        let inference = try EnginePack.infer(Self.outlines, ["scores.a": .number(40)])
        #expect(inference.value(of: "weak") == nil)
        #expect(inference.value(of: "domain_count") == nil)
        #expect(inference.undecidedRules.map(\.rule) == ["weak", "counted"])
        #expect(inference.undecidedRules.allSatisfy { $0.waitingFor.contains("outline") })
    }

    @Test func aFieldOnlyOneBranchGivesIsAnErrorWhereItIsRead() {
        let pack = PackLoader.load(files: [SourceFile(name: "pack.yaml", text: """
            facts:
              outline: {type: choice, values: [old, new]}
            collections:
              domains: = if outline == "new" then domains_new else domains_old
              domains_old: [{id: a, name: A}]
              domains_new: [{id: a, name: A, practise: labs}]
            rules:
              - {id: r, for: d in domains, then: [{append: practise, item: = d.practise}]}
            """)])
        #expect(pack.diagnostics.filter { $0.severity == .error }.map(pack.renderer.headline) == [
            "pack.yaml:8:66: error: no field 'practise' in these records (fields: id, name)",
        ])
    }

    @Test func aCollectionExpressionMustGiveRecords() {
        let pack = PackLoader.load(files: [SourceFile(name: "pack.yaml", text: """
            facts:
              n: {type: number}
            collections:
              numbers: = [n, n + 1]
            rules:
              - {id: r, for: x in numbers, then: [{set: y, to: = x}], because: "{n}"}
            """)])
        #expect(pack.diagnostics.filter { $0.severity == .error }.map(pack.renderer.render).first == """
            pack.yaml:4:12: error: collection 'numbers' should give a list of records, but its expression gives a list of numbers
                  numbers: = [n, n + 1]
                           ^
            """)
    }
}
