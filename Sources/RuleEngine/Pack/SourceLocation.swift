/// A position in a rule-pack file: 1-based line and column, columns counted
/// in Unicode scalars (as libyaml counts them).
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:col`, the form editors jump to; `file` alone for a
    /// problem with a whole file or folder (line 0).
    public var description: String { line == 0 ? file : "\(file):\(line):\(column)" }

    /// The location `offset` scalars further along the same line.
    func advanced(by offset: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column + offset)
    }
}

/// The text of one loaded file, kept so diagnostics can quote the line they
/// point at.
public struct SourceFile: Sendable {
    public let name: String
    public let text: String

    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }

    /// The 1-based `line` of the file, without its line break (`\n` or
    /// `\r\n`; searched in UTF-8, where `\r\n` is two code units, not the
    /// one Character that `\n` would never match).
    public func line(_ number: Int) -> Substring? {
        guard number >= 1 else { return nil }
        let utf8 = text.utf8
        var start = utf8.startIndex
        for _ in 1..<number {
            guard let newline = utf8[start...].firstIndex(of: 10) else { return nil }
            start = utf8.index(after: newline)
        }
        var end = utf8[start...].firstIndex(of: 10) ?? utf8.endIndex
        if end > start, utf8[utf8.index(before: end)] == 13 { end = utf8.index(before: end) }
        return text[start..<end]
    }
}
