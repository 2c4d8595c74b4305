import Testing
@testable import RuleEngine

/// Loading on two cores: a pack's files read side by side and a facts file
/// read while its pack loads give what reading them one after another does.
@Suite struct ParallelLoadingTests {
    struct Refused: Error {}

    @Test func filesReadSideBySideAreAddedInTheirOrder() {
        // The second file's problem is reported after the first's, and the
        // facts of both are declared, as reading them in turn would.
        let files = (0..<6).map { index in
            SourceFile(name: "f\(index).yaml", text: "facts:\n  x\(index): {type: number}\n  y\(index): {type: nonsense}\n")
        }
        let pack = PackLoader.load(files: files)
        #expect(pack.diagnostics.filter { $0.severity == .error }.map(\.location.file) == files.map(\.name))
        let oneByOne = files.map { PackLoader.load(files: [$0]).diagnostics.map(pack.renderer.headline) }
        #expect(pack.diagnostics.filter { $0.severity == .error }.map(pack.renderer.headline)
                == oneByOne.flatMap { $0.filter { $0.contains("error") } })
    }

    @Test func aFileThatIsNotYAMLStillLetsTheOthersBeRead() {
        let pack = PackLoader.load(files: [
            SourceFile(name: "a.yaml", text: "facts:\n  x: {type: number}\n"),
            SourceFile(name: "b.yaml", text: "facts: [unclosed\n"),
            SourceFile(name: "c.yaml", text: "facts:\n  x: {type: bool}\n"),
        ])
        #expect(pack.ruleBase == nil)
        #expect(pack.diagnostics.filter { $0.severity == .error }.map(pack.renderer.headline) == [
            "b.yaml:2:1: error: YAML syntax: did not find expected ',' or ']' (while parsing a flow sequence at 1:8)",
            "c.yaml:2:3: error: fact 'x' is declared twice; first at a.yaml:2:3",
        ])
    }

    @Test func aFactsFileReadAlongsideGivesTheSameAnswers() throws {
        let pack = PackLoader.load(files: [SourceFile(name: "p.yaml", text: """
            facts:
              n: {type: integer}
              when: {type: date}
              seen: {type: set, of: text}
            """)])
        let ruleBase = try #require(pack.ruleBase)
        let file = SourceFile(name: "facts.yaml", text: "n: 3\nwhen: 2026-05-20\nseen: [b, a]\n")
        let (_, document) = Alongside.run({ 0 }, alongside: { FactsFile.Document(file) })
        #expect(try FactsFile.read(document, for: ruleBase) == FactsFile.read(file, for: ruleBase))
        #expect(try FactsFile.read(document, for: ruleBase)["seen"] == .set([.string("a"), .string("b")]))
    }

    @Test func anErrorHereWaitsForTheWorkAlongsideAndIsThrown() {
        let finished = Flag()
        #expect(throws: Refused.self) {
            _ = try Alongside.run({ () throws -> Int in throw Refused() }, alongside: {
                finished.set()
                return 1
            })
        }
        #expect(finished.isSet)
    }

    final class Flag: @unchecked Sendable {
        private(set) var isSet = false
        func set() { isSet = true }
    }
}
