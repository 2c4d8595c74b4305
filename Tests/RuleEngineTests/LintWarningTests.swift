import Testing

@testable import RuleEngine

/// Lint findings on packs held in memory, headlines compared whole.
@Suite struct LintWarningTests {
    private func headlines(_ yaml: String) -> [String] {
        let pack = PackLoader.load(files: [SourceFile(name: "p.yaml", text: yaml)])
        return pack.diagnostics.map(pack.renderer.headline)
    }

    @Test func aMisspeltTargetIsDeclaredWithADidYouMean() {
        #expect(headlines("""
            facts:
              failure_type: {type: choice, values: [a, b], derived: true, output: true}
            rules:
              - {id: typo, then: [{set: failure_typ, to: a}]}
              - {id: right, then: [{set: failure_type, to: b}]}
            """) == [
            "p.yaml:4:29: warning: 'failure_typ' is not declared, so this rule declares it; did you mean 'failure_type'?",
            "p.yaml:4:29: warning: 'failure_typ' is concluded but no rule reads it; mark it 'output: true' in 'facts' if it is a result",
        ])
    }

    @Test func aDerivedFactNoRuleConcludesStopsTheRulesThatReadIt() {
        #expect(headlines("""
            facts:
              told: {type: bool, derived: true}
            rules:
              - {id: reads, when: told, then: [{set: done, to: true}]}
            """) == [
            "p.yaml:2:3: warning: no rule concludes 'told', so the rules that read it can never fire",
            "p.yaml:4:42: warning: 'done' is concluded but no rule reads it; mark it 'output: true' in 'facts' if it is a result",
        ])
    }

    @Test func wholeNumberBoundsWithNoWholeNumberBetweenThem() {
        #expect(headlines("""
            facts:
              attempt: {type: integer, min: 1, max: 5}
            rules:
              - {id: between, when: attempt > 1 and attempt < 2, then: [{set: done, to: true}]}
              - {id: fine, when: attempt > 1 and attempt < 3, then: [{set: done, to: false}]}
              - {id: shown, when: known(done), then: [{set: out, to: true}]}
            """).filter { !$0.contains("'out'") } == [
            "p.yaml:4:41: warning: rule 'between' can never fire: no value of 'attempt' meets 'attempt < 2' together with its other bounds",
        ])
    }

    @Test func appendingTheSameItemToWhatARuleIteratesIsNoEndlessLoop() throws {
        let pack = """
            facts:
              extra: {type: list, of: text, derived: true, output: true}
            rules:
              - {id: seed, then: [{append: extra, item: first}]}
              - {id: loop, for: t in extra, then: [{append: extra, item: done}]}
            """
        // The item it appends is a binding it has not had: it fires again,
        // for that one, and then no more.
        #expect(headlines(pack) == [
            "p.yaml:5:5: warning: rule 'loop' reads 'extra', which it changes itself; its own change can make it fire again for another binding, once per binding at most",
        ])
        #expect(try EnginePack.infer(pack).firingsShown == ["seed", "loop(t=first)", "loop(t=done)"])
    }

    @Test func aRuleWithoutBindingsThatChangesWhatItReadsFiresOnce() throws {
        let pack = """
            facts:
              size: {type: number, derived: true, output: true}
            rules:
              - {id: start, then: [{set: size, to: 1}]}
              - {id: double, when: size < 100, then: [{set: size, to: = size * 2}]}
            """
        #expect(headlines(pack) == [
            "p.yaml:5:5: warning: rule 'double' reads 'size', which it changes itself; it has no binding and fires once, so its own change will not make it fire again",
        ])
        #expect(try EnginePack.infer(pack).value(of: "size") == EV.n(2))
    }

    @Test func aStateMachineOverItsStepsFiresOnceForEachStep() throws {
        let pack = """
            facts:
              phase: {type: number, derived: true, output: true}
            collections:
              steps: [{id: a, k: 1}, {id: b, k: 2}, {id: c, k: 3}]
            rules:
              - {id: start, then: [{set: phase, to: 1}]}
              - id: advance
                for: t in steps
                when: t.k == phase
                then: [{set: phase, to: = phase + 1}]
            """
        #expect(headlines(pack) == [
            "p.yaml:7:5: warning: rule 'advance' reads 'phase', which it changes itself; its own change can make it fire again for another binding, once per binding at most",
        ])
        let inference = try EnginePack.infer(pack)
        #expect(inference.firingsShown == ["start", "advance(t=a)", "advance(t=b)", "advance(t=c)"])
        #expect(inference.value(of: "phase") == EV.n(4))
    }

    @Test func aTransitiveClosureLoadsWithAWarningNamingTheFiringBound() {
        #expect(headlines(GrowingCycleTests.closure) == [
            "p.yaml:13:5: warning: rule 'extend' adds items to what it iterates over ('reach'): it fires until it makes no new item, or else stops with an error after 1000000 firings (settings.max_firings)",
        ])
    }

    @Test func rulesThatGrowWhatTheyIterateTogetherNameTheirOwnBound() {
        #expect(headlines("""
            settings: {max_firings: 500}
            rules:
              - {id: seed, then: [{append: evens, item: 0}]}
              - {id: ping, for: x in evens, then: [{append: odds, item: = x + 1}]}
              - {id: pong, for: y in odds, then: [{append: evens, item: = y + 1}]}
            """) == [
            "p.yaml:4:5: warning: rules 'ping' → 'pong' → 'ping' form a cycle through 'evens', 'odds' in which a rule adds items to what a rule of the cycle iterates over ('evens', 'odds'): they fire until they make no new item, or else stop with an error after 500 firings (settings.max_firings)",
        ])
    }
}

/// Packs built to strain the loader.
@Suite struct HostilePackTests {
    @Test func aRuleWithTenThousandConditionsLoadsAndFires() throws {
        var yaml = "facts:\n  n: {type: number}\nrules:\n  - id: many\n    when:\n"
        for index in 0..<10_000 { yaml += "      - n > \(-index)\n" }
        yaml += "    then: [{set: done, to: true}]\n  - {id: shown, when: known(done), then: [{set: out, to: 1}]}\n"
        let clock = ContinuousClock()
        let start = clock.now
        let pack = PackLoader.load(files: [SourceFile(name: "p.yaml", text: yaml)])
        let ruleBase = try #require(pack.ruleBase, "\(pack.diagnostics.prefix(3).map(pack.renderer.headline))")
        #expect(try Engine(ruleBase: ruleBase).infer(["n": .number(1)]).value(of: "done") == .bool(true))
        #expect(clock.now - start < .seconds(10))
    }

    @Test func theCycleLintGraphGrowsWithTheReadsAndWritesNotTheirProduct() throws {
        // Each writer of 'shared' leads to each of its readers: as a graph
        // of rules alone that is 5,000 × 5,000 edges.
        let count = 5_000
        var yaml = "facts:\n  shared: {type: number, derived: true}\n  hits: {type: set, of: number, derived: true, output: true}\nrules:\n"
        for index in 0..<count { yaml += "  - {id: w\(index), then: [{set: shared, to: \(index)}]}\n" }
        for index in 0..<count { yaml += "  - {id: r\(index), when: shared > \(index), then: [{append: hits, item: \(index)}]}\n" }
        let pack = PackLoader.load(files: [SourceFile(name: "p.yaml", text: yaml)])
        #expect(pack.diagnostics.isEmpty, "\(pack.diagnostics.prefix(3).map(pack.renderer.headline))")
        let ruleBase = try #require(pack.ruleBase)
        let graph = DependencyGraph(ruleBase.rules, factCount: ruleBase.facts.count)
        #expect(graph.successors.count == 2 * count + 2)
        #expect(graph.edgeCount == ruleBase.rules.reduce(0) { $0 + $1.reads.count + $1.writes.count })
        #expect(graph.edgeCount == 3 * count)
        #expect(graph.cycles().isEmpty)
    }

    @Test func hugeNumbersAreRefusedWithTheirPlace() {
        let pack = PackLoader.load(files: [SourceFile(name: "p.yaml", text: """
            facts:
              n: {type: number, max: 1e999}
            rules:
              - {id: big, when: n > 1e999, then: [{set: out, to: 1}]}
            """)])
        #expect(pack.diagnostics.filter { $0.severity == .error }.map(pack.renderer.headline) == [
            "p.yaml:2:26: error: 'max' should be a number",
            "p.yaml:4:25: error: number 1e999 is too large",
        ])
    }
}
