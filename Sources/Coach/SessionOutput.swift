import RuleEngine

/// What the session writes: wrapped to the console's width, while its
/// transcript keeps the text as at 80 columns.
extension Session {
    /// Lines are wrapped this many columns short of the console's width,
    /// so the cursor never sits in the last column.
    static let margin = 2
    /// The width a transcript keeps lines at, whatever the terminal's:
    /// that of 80 columns, as a replay sees it.
    static let recordedWidth = 78
    /// The narrowest the session wraps to, however narrow the terminal.
    static let minimumWidth = 38

    /// The width lines are wrapped to now: the terminal's, less the margin.
    var width: Int { max(console.columns - Session.margin, Session.minimumWidth) }

    /// Writes text, each line wrapped to the console's width unless it is
    /// laid out already (a report section). A transcript keeps `recorded`,
    /// or the text as wrapped at 80 columns.
    func say(_ text: String, style: OutputStyle = .plain, wrapped: Bool = true, recorded: String? = nil) {
        let width = self.width
        let shown = wrapped ? Session.wrap(text, width: width) : text
        console.write(shown, style: style)
        transcript.output(recorded ?? (wrapped && width != Session.recordedWidth ? Session.wrap(text, width: Session.recordedWidth) : shown))
    }

    /// Each line of `text` wrapped to `width`; a wrapped line's indent is
    /// kept, and deepened under an indented one.
    static func wrap(_ text: String, width: Int) -> String {
        text.lines.map { line in
            // Columns are characters; an ASCII line has one per byte.
            guard line.utf8.count > width, line.count > width else { return String(line) }
            let indent = String(line.prefix { $0 == " " })
            return Page.wrap(String(line.dropFirst(indent.count)), width: width, first: indent,
                             rest: indent + (indent.isEmpty ? "" : "    "))
        }.joined(separator: "\n")
    }

    static func withoutLastNewline(_ text: String) -> String {
        // NB: the last character alone, found from the end (dropLast()
        // would count every character before it).
        text.hasSuffix("\n") ? String(text[..<text.index(before: text.endIndex)]) : text
    }

    /// An empty line between blocks.
    func blank() {
        console.write("", style: .plain)
        transcript.output("")
    }

    /// `1 answer`, `9 answers`.
    static func count(_ n: Int, _ noun: String) -> String { plural(n, noun) }

    /// `18 hours`, `45 minutes`, `3 days`.
    static func duration(minutes: Int) -> String {
        if minutes < 120 { return plural(max(minutes, 0), "minute") }
        if minutes < 72 * 60 { return plural(minutes / 60, "hour") }
        return plural(minutes / 1440, "day")
    }
}

/// `1 answer`, `9 answers`.
public func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }

extension String {
    /// The lines of the text, split at each "\n" character, empty ones
    /// kept, as `split(separator: "\n", omittingEmptySubsequences: false)`
    /// gives them.
    var lines: [Substring] {
        // Without a carriage return, every line feed byte is a "\n"
        // character of its own (nothing joins a line feed to what follows),
        // so the bytes can be split without reading characters.
        guard !utf8.contains(UInt8(ascii: "\r")) else { return split(separator: "\n", omittingEmptySubsequences: false) }
        return utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { Substring($0) }
    }
}
