import Testing
@testable import RuleEngine

/// Rule-pack files as the event reader sees them: what YAML it refuses and
/// where it says so.
@Suite struct YAMLReadingTests {
    /// The first diagnostic of a one-file pack, as `check` heads it.
    func headline(_ yaml: String) -> String? {
        let pack = PackLoader.load(files: [SourceFile(name: "pack.yaml", text: yaml)])
        return pack.diagnostics.first.map(pack.renderer.headline)
    }

    @Test func anAliasToNoAnchorIsASyntaxError() {
        #expect(headline("facts:\n  x: *nope\n") == "pack.yaml:2:6: error: YAML syntax: found undefined alias")
    }

    @Test func aSecondDocumentIsRefused() {
        #expect(headline("facts:\n  x: {type: number}\n---\nrules: []\n")
                == "pack.yaml:3:1: error: YAML syntax: expected a single document in the stream but found another document")
    }

    @Test func everyKeyWrittenTwiceIsNamedAtTheFirstOne() {
        #expect(headline("facts:\n  b: {type: number}\n  a: {type: number}\n  b: {type: bool}\n  a: {type: bool}\n")
                == "pack.yaml:3:3: error: 'a', 'b' appear more than once in this mapping; keep one")
    }

    @Test func aKeyWrittenTwiceInALargeMappingIsFound() {
        var yaml = "facts:\n"
        for index in 0..<40 { yaml += "  f\(index): {type: number}\n" }
        yaml += "  f7: {type: bool}\n"
        #expect(headline(yaml) == "pack.yaml:9:3: error: 'f7' appears more than once in this mapping; keep one")
    }

    /// A file that is not YAML says so, even when an anchor came first.
    @Test func aSyntaxErrorOutranksAnAnchor() {
        #expect(headline("facts:\n  x: &a {type: number}\nrules: [\n")?.hasPrefix("pack.yaml:4:1: error: YAML syntax: ") == true)
    }

    @Test func anEmptyFileHoldsNothing() {
        #expect(DataNodeReader.read(SourceFile(name: "empty.yaml", text: "")).isEmpty)
        #expect(DataNodeReader.read(SourceFile(name: "comment.yaml", text: "# nothing yet\n")).isEmpty)
    }

    /// Scalars keep their style and where they stand, quoted or not.
    @Test func scalarsKeepTheirStyleAndPlace() throws {
        let text = "a: 6\nb: 'six'\nc: \"s\\u00e9x\"\nd: |\n  six\ne: [x, y]\n"
        let root = try #require(try DataNodeReader.read(SourceFile(name: "p.yaml", text: text)).get())
        #expect(root["a"]?.scalarValue == .number(6))
        #expect(root["b"]?.style == .quoted)
        #expect(root["b"]?.scalarValue == .string("six"))
        #expect(root["c"]?.string == "s\u{e9}x")
        // `x` follows a six-character escape: column 12, not 7.
        #expect(root["c"]?.location(atUTF8Offset: 3) == SourceLocation(file: "p.yaml", line: 3, column: 12))
        #expect(root["d"]?.style == .block)
        #expect(root["d"]?.string == "six\n")
        #expect(root["e"]?.sequence?.map(\.location.column) == [5, 8])
        #expect(root["e"]?.location == SourceLocation(file: "p.yaml", line: 6, column: 4))
    }
}

extension Result where Success == DataNode? {
    var isEmpty: Bool { if case .success(nil) = self { true } else { false } }
}
