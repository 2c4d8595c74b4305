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

/// A large file read by its top-level sections side by side gives the
/// nodes reading it whole gives, locations and all; a file that cannot be
/// split plainly is read whole.
@Suite struct SectionReadingTests {
    /// Every node of a tree with its place, style and jumps, one a line.
    func described(_ node: DataNode?, depth: Int = 0) -> [String] {
        guard let node else { return ["nil"] }
        let pad = String(repeating: " ", count: depth)
        let place = "\(node.location) \(node.style) \(node.jumps.map { "\($0.offset)@\($0.location)" })"
        switch node.content {
        case .scalar(let text): return ["\(pad)\(text.debugDescription) \(place)"]
        case .sequence(let items): return ["\(pad)[ \(place)"] + items.flatMap { described($0, depth: depth + 1) }
        case .mapping(let pairs):
            return ["\(pad){ \(place)"] + pairs.flatMap { described($0.key, depth: depth + 1) + described($0.value, depth: depth + 2) }
        }
    }

    func whole(_ file: SourceFile) -> [String] {
        guard case .success(let root) = DataNodeReader.read(file, part: nil) else { return ["failed"] }
        return described(root)
    }

    /// Sections of every kind YAML writes, with comments, escapes and
    /// folded lines whose places are told by jumps.
    static let sections = [
        "# a comment before anything\nfacts:\n  a: {type: number, doc: \"an \\\"escaped\\\" word\"}\n  b: {type: text}\n",
        "constants:\n  long: 'it''s a\n    folded line'\n  block: |\n    kept\n    as is\n",
        "collections:\n  rows:\n    - {id: r1, v: = a}\n    - id: r2\n      v: = a + 1\n",
        "rules:\n- id: one\n  when: a > 1\n  then: [{set: b, to: x}]\n",
        "\nsettings: {max_firings: 10}   # trailing\n",
    ]

    @Test func aFileOfManySectionsReadsAsItDoesWhole() throws {
        let text = Self.sections.joined() + (0..<40).map { "extra\($0):\n  - \($0)\n  - \"\\u00e9\($0)\"\n" }.joined()
        let file = SourceFile(name: "pack.yaml", text: text)
        let root = try #require(DataNodeReader.readBySections(file))
        #expect(described(root) == whole(file))
        #expect(root.mapping?.count == 45)
    }

    @Test func aFactsFileOfDottedNamesIsReadInParts() throws {
        let text = (0..<400).map { "scores.d\($0): \($0 % 100)\nread-first.\($0): \"a \\\"quoted\\\" word\"\n" }.joined()
        let file = SourceFile(name: "facts.yaml", text: text)
        let root = try #require(DataNodeReader.readBySections(file))
        #expect(described(root) == whole(file))
        #expect(root.mapping?.count == 800)
    }

    @Test func aLargePackIsReadInPartsAndLoads() throws {
        let facts = "facts:\n" + (0..<3000).map { "  f\($0): {type: number}\n" }.joined()
        let rows = "collections:\n  rows:\n" + (0..<3000).map { "    - {id: r\($0), v: = f\($0)}\n" }.joined()
        let rules = "rules:\n  - id: low\n    for: r in rows\n    when: r.v < 50\n    then: [{append: low, item: = r.id}]\n"
        let large = SourceFile(name: "p.yaml", text: facts + rows + rules)
        #expect(large.text.utf8.count > DataNodeReader.splitSize)
        #expect(DataNodeReader.readBySections(large) != nil)
        #expect(described(try DataNodeReader.read(large).get()) == whole(large))
        let pack = PackLoader.load(files: [large])
        #expect(pack.diagnostics.filter { $0.severity == .error }.isEmpty)
        #expect(pack.ruleBase?.facts.count == 3001)
        #expect(pack.ruleBase?.collections.first?.plan?.records.count == 3000)
    }

    /// Files a part of which would read otherwise alone: each is read
    /// whole, so what it says is what reading it whole says.
    @Test(arguments: [
        // A quoted value left open over a line that starts like a key.
        "facts: \"open\nrules: shut\"\nsettings: {}\n",
        // A flow mapping over such a line.
        "facts: {a: 1,\nb: 2}\nrules: []\n",
        // A key written twice, in different parts.
        "facts: {}\nrules: []\nfacts: {}\n",
        // An alias to an anchor in another part.
        "facts: &x {}\nrules: *x\n",
        // A second document.
        "facts: {}\n---\nrules: []\n",
        // A directive.
        "%YAML 1.2\n---\nfacts: {}\nrules: []\n",
        // A top level that is a list.
        "- a: 1\nb: 2\n",
        // A quoted key.
        "facts: {}\n\"rules\": []\nsettings: {}\n",
        // Lines broken as libyaml breaks them and a split by `\n` would not.
        "facts: {}\rrules: []\nsettings: {}\n",
        "facts: {}\n# a note\u{2028}more\nrules: []\nsettings: {}\n",
        // A key that is a number.
        "facts: {}\n2026: []\nsettings: {}\n",
    ])
    func aFileThatCannotBeSplitPlainlyIsReadWhole(_ text: String) {
        let file = SourceFile(name: "p.yaml", text: text)
        #expect(DataNodeReader.readBySections(file) == nil)
    }
}
