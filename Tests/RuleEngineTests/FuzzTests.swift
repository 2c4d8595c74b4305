import Foundation
import FuzzSupport
import Testing

@testable import RuleEngine

/// Damaged rule packs and facts files, thousands of them with a fixed
/// seed: every one is read to a result or to diagnostics, never a crash, and
/// every diagnostic is one line at a place in the file.
@Suite struct FuzzTests {
    static let pack = """
        facts:
          attempt: {type: integer, min: 1, max: 5, doc: Which attempt}
          pace: {type: choice, values: [rushed, fine]}
          target: {type: date, or: [none]}
          scores.nlp: {type: percent}
          used: {type: set, values: [speech, vision]}
        constants:
          thresholds: {low: 60, wait: = 14 days}
        collections:
          domains:
            - {id: nlp, weight: 30, score: = scores.nlp}
        rules:
          - id: weak
            salience: 10
            for: d in domains
            when: d.score < thresholds.low and "speech" in used
            then:
              - append: weak_domains
                item: = d.id
            because: "{d.id} at {d.score}% is under {thresholds.low}%."
          - id: later
            when: [attempt > 1, pace == "rushed" or target != "none"]
            then:
              - {set: wait, to: = if attempt == 1 then 1 day else thresholds.wait}
              - add: load
                by: = count([x for x in used where x != "vision"]) * 2
        settings:
          max_firings: 1000
        """
    static let facts = "attempt: 2\npace: rushed\ntarget: 2027-01-01\nscores.nlp: 42\nused: [speech, vision]\n"
    static let fixtures = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/fuzz")

    private func checkDiagnostics(_ diagnostics: [Diagnostic], _ input: [UInt8], target: String) {
        for diagnostic in diagnostics {
            let line = DiagnosticRenderer().headline(diagnostic)
            let oneLine = !line.unicodeScalars.contains { $0.properties.generalCategory == .control }
            let placed = diagnostic.location.line >= 0 && diagnostic.location.column >= 0
            #expect(oneLine, "a diagnostic holds a control character: \(line.debugDescription)")
            #expect(placed)
            // Under make fuzz, the input is kept to become a regression test.
            if !oneLine || !placed { Mutator.remember(input, target: target + "-failing") }
        }
    }

    private func load(_ bytes: [UInt8]) {
        Mutator.remember(bytes, target: "loader")
        let pack = PackLoader.load(files: [SourceFile(name: "pack.yaml", text: String(decoding: bytes, as: UTF8.self))])
        checkDiagnostics(pack.diagnostics, bytes, target: "loader")
        if let ruleBase = pack.ruleBase {
            _ = try? Engine(ruleBase: ruleBase, maximumFirings: 10_000).infer([:])
        }
    }

    private func readFacts(_ bytes: [UInt8], into ruleBase: RuleBase) {
        Mutator.remember(bytes, target: "facts")
        do {
            let answers = try FactsFile.read(SourceFile(name: "facts.yaml", text: String(decoding: bytes, as: UTF8.self)), for: ruleBase)
            _ = try? Engine(ruleBase: ruleBase).infer(answers)
        } catch {
            checkDiagnostics(error.diagnostics, bytes, target: "facts")
        }
    }

    @Test func theSeedsThemselvesAreClean() throws {
        let pack = PackLoader.load(files: [SourceFile(name: "pack.yaml", text: Self.pack)])
        #expect(pack.diagnostics.filter { $0.severity == .error }.map(pack.renderer.headline) == [])
        let ruleBase = try #require(pack.ruleBase)
        let answers = try FactsFile.read(SourceFile(name: "facts.yaml", text: Self.facts), for: ruleBase)
        #expect(try Engine(ruleBase: ruleBase).infer(answers).value(of: "weak_domains") == .list([.string("nlp")]))
    }

    @Test func noDamagedRulePackCrashesTheLoader() {
        var mutator = Mutator(seed: 0x5EED_1001)
        let seed = Array(Self.pack.utf8)
        Mutator.run("rule loader", count: 2000) { _ in load(mutator.mutate(seed)) }
    }

    @Test func noDamagedFactsFileCrashesTheReader() throws {
        let ruleBase = try #require(PackLoader.load(files: [SourceFile(name: "pack.yaml", text: Self.pack)]).ruleBase)
        var mutator = Mutator(seed: 0x5EED_2002)
        let seed = Array(Self.facts.utf8)
        Mutator.run("facts reader", count: 3000) { _ in readFacts(mutator.mutate(seed), into: ruleBase) }
    }

    @Test func inputsThatOnceCrashedStillDoNot() throws {
        for input in Mutator.regressions(Self.fixtures.appendingPathComponent("loader")) { load(input) }
        let ruleBase = try #require(PackLoader.load(files: [SourceFile(name: "pack.yaml", text: Self.pack)]).ruleBase)
        for input in Mutator.regressions(Self.fixtures.appendingPathComponent("facts")) { readFacts(input, into: ruleBase) }
    }
}
