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

    @Test func appendingTheSameItemToWhatARuleIteratesIsNoEndlessLoop() {
        #expect(headlines("""
            facts:
              extra: {type: list, of: text, derived: true, output: true}
            rules:
              - {id: seed, then: [{append: extra, item: first}]}
              - {id: loop, for: t in extra, then: [{append: extra, item: done}]}
            """) == [
            "p.yaml:5:5: warning: rule 'loop' reads 'extra', which it changes itself; it fires once per binding, so its own change will not make it fire again",
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
