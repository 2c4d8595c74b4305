import RuleEngine

/// A saved session: a header (`now:`, `args:`) up to `---`, then output
/// lines (`| `), answers as typed (`> `), comments (`# `) and a closing
/// `[exit N]`. `[..]` in an output line matches any text.
///
/// ```
/// now: 2026-11-28T09:00:00Z
/// args: --color never
/// ---
/// # A documentation reader on a first failure.
/// | When did you sit the exam? (YYYY-MM-DD [HH:MM], today, yesterday)
/// > 2026-11-27 15:00
/// [exit 0]
/// ```
public struct Transcript: Sendable, Equatable {
    /// One line of the body, with its line number in the file.
    public enum Entry: Sendable, Equatable {
        case output(String, line: Int)
        case answer(String, line: Int)
        case comment(String, line: Int)

        public var line: Int {
            switch self {
            case .output(_, let line), .answer(_, let line), .comment(_, let line): line
            }
        }
    }

    /// Header lines, in order (`now`, `args`, and any the file keeps).
    public var header: [(key: String, value: String)]
    public var entries: [Entry]
    /// The exit status the file records; nil for a file of a header and
    /// answers alone, not recorded yet (`replay --update` records it).
    public var exit: Int32?
    /// The line of `[exit N]`, or the line after the last when there is none.
    public var exitLine: Int

    public static func == (lhs: Transcript, rhs: Transcript) -> Bool {
        lhs.header.map { "\($0.key): \($0.value)" } == rhs.header.map { "\($0.key): \($0.value)" }
            && lhs.entries == rhs.entries && lhs.exit == rhs.exit
    }

    /// Why a transcript could not be read.
    public struct FormatError: Error, Sendable, Equatable, CustomStringConvertible {
        public let line: Int
        public let message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// The header keys a transcript may have.
    public static let headerKeys = ["now", "args", sessionKey]
    /// The header key of the kept session a transcript was saved from
    /// (`:save`); a replay does not read it.
    public static let sessionKey = "session"

    /// Reads a transcript; CRLF line ends are accepted.
    public init(parsing text: String) throws(FormatError) {
        if text.utf8.contains(0) { throw FormatError(line: 1, message: "this is not a transcript: it holds binary data (NUL bytes)") }
        // NB: "\r\n" is one Character, so the split goes by Unicode scalars.
        var lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            String(String.UnicodeScalarView(line.last == "\r" ? line.dropLast() : line))
        }
        if lines.last == "" { lines.removeLast() }
        guard let separator = lines.firstIndex(of: "---") else {
            throw FormatError(line: 1, message: "no header: a transcript starts with 'now: …' lines and a '---' line")
        }
        header = []
        for (index, line) in lines[..<separator].enumerated() {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else {
                throw FormatError(line: index + 1, message: "a header line reads 'key: value', found \(Value.quote(line.shown))")
            }
            let key = String(parts[0]).trimmingSpaces()
            guard Transcript.headerKeys.contains(key) else {
                let hint = Spelling.suggestion(for: key, among: Transcript.headerKeys).map { "; did you mean '\($0)'?" } ?? ""
                throw FormatError(line: index + 1, message: "unknown header '\(key.shown)'\(hint)")
            }
            header.append((key, String(parts[1]).trimmingSpaces()))
        }
        entries = []
        var exit: (code: Int32, line: Int)?
        for index in (separator + 1)..<lines.count {
            let line = lines[index], number = index + 1
            if let found = exit {
                guard line.trimmingSpaces().isEmpty else {
                    throw FormatError(line: number, message: "text after [exit \(found.code)] on line \(found.line)")
                }
                continue
            }
            if line == "|" {
                entries.append(.output("", line: number))
            } else if line.hasPrefix("| ") {
                entries.append(.output(String(line.dropFirst(2)), line: number))
            } else if line.hasPrefix("> ") || line == ">" {
                entries.append(.answer(Transcript.unescaped(String(line.dropFirst(2))), line: number))
            } else if line.hasPrefix("#") {
                entries.append(.comment(line, line: number))
            } else if line.hasPrefix("[exit "), line.hasSuffix("]"), let code = Int32(line.dropFirst(6).dropLast()) {
                exit = (code, number)
            } else if line.isEmpty {
                continue
            } else {
                throw FormatError(line: number, message: "a body line starts with '| ', '> ', '# ' or is [exit N]; found \(Value.quote(line.shown))")
            }
        }
        self.exit = exit?.code
        exitLine = exit?.line ?? lines.count + 1
    }

    public init(header: [(key: String, value: String)], entries: [Entry], exit: Int32?) {
        self.header = header
        self.entries = entries
        self.exit = exit
        exitLine = 0
    }

    public var now: String? { header.first { $0.key == "now" }?.value }
    public var arguments: [String] {
        header.first { $0.key == "args" }?.value.split(separator: " ").map(String.init) ?? []
    }

    /// The answers, in order.
    public var answers: [String] {
        entries.compactMap { if case .answer(let text, _) = $0 { text } else { nil } }
    }

    /// The transcript as a file holds it.
    public var text: String {
        var lines = header.map { "\($0.key): \($0.value)" } + ["---"]
        for entry in entries {
            switch entry {
            case .output(let text, _): lines.append(text.isEmpty ? "|" : "| " + text)
            case .answer(let text, _): lines.append("> " + Transcript.escaped(text))
            case .comment(let text, _): lines.append(text)
            }
        }
        if let exit { lines.append("[exit \(exit)]") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Whether an actual output line matches an expected one, in which
    /// `[..]` stands for any text.
    public static func matches(_ actual: String, _ expected: String) -> Bool {
        // Most lines hold no `[`; a byte scan tells before a substring search.
        guard expected.utf8.contains(UInt8(ascii: "[")), expected.contains("[..]") else { return actual == expected }
        let parts = expected.components(separatedBy: "[..]")
        guard actual.hasPrefix(parts[0]), actual.hasSuffix(parts[parts.count - 1]),
              actual.count >= parts[0].count + parts[parts.count - 1].count else { return false }
        var rest = actual.dropFirst(parts[0].count).dropLast(parts[parts.count - 1].count)
        for part in parts.dropFirst().dropLast() where !part.isEmpty {
            guard let range = rest.firstRange(of: part) else { return false }
            rest = rest[range.upperBound...]
        }
        return true
    }

    /// Control characters (and the backslash that escapes them) written so
    /// a transcript line stays one printable line.
    public static func escaped(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x5C || $0 == 0x7F || $0 >= 0xC2 }) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.properties.generalCategory == .control {
                    out += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// The answer as typed, from its escaped form.
    public static func unescaped(_ text: String) -> String {
        guard text.contains("\\") else { return text }
        var out = String.UnicodeScalarView()
        var scalars = text.unicodeScalars[...]
        while let scalar = scalars.popFirst() {
            guard scalar == "\\", let next = scalars.first else { out.append(scalar); continue }
            switch next {
            case "\\": out.append("\\"); scalars.removeFirst()
            case "t": out.append("\t"); scalars.removeFirst()
            case "r": out.append("\r"); scalars.removeFirst()
            case "u":
                let rest = String(String.UnicodeScalarView(scalars))
                if rest.hasPrefix("u{"), let close = rest.firstIndex(of: "}"),
                   let value = UInt32(rest[rest.index(rest.startIndex, offsetBy: 2)..<close], radix: 16),
                   let decoded = Unicode.Scalar(value) {
                    out.append(decoded)
                    scalars.removeFirst(rest.distance(from: rest.startIndex, to: close) + 1)
                } else {
                    out.append(scalar)
                }
            default: out.append(scalar)
            }
        }
        return String(out)
    }
}
