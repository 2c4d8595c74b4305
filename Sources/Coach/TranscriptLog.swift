import RuleEngine

/// Records a session as a ``Transcript``: a header with the clock and the
/// options, then each line of output and each answer as typed, numbered as
/// the lines of the file it writes.
struct TranscriptLog {
    private let header: [(key: String, value: String)]
    private var entries: [Transcript.Entry] = []

    init(now: Moment, arguments: [String]) {
        var header = [(key: "now", value: now.description)]
        if !arguments.isEmpty { header.append((key: "args", value: arguments.joined(separator: " "))) }
        self.header = header
    }

    /// The file line of the next entry: after the header and its `---`.
    private var nextLine: Int { header.count + 2 + entries.count }

    mutating func output(_ text: String) {
        guard text.utf8.contains(UInt8(ascii: "\n")) else {
            entries.append(.output(Transcript.escaped(text), line: nextLine))
            return
        }
        for line in text.lines {
            entries.append(.output(Transcript.escaped(String(line)), line: nextLine))
        }
    }

    mutating func answer(_ text: String) {
        entries.append(.answer(text, line: nextLine))
    }

    func transcript(exit: Int32) -> Transcript {
        Transcript(header: header, entries: entries, exit: exit)
    }
}
