import RuleEngine

/// Records a session as a transcript: a header with the clock and the
/// options, then each line of output (`| `) and each answer as typed (`> `),
/// closed by `[exit N]`.
struct TranscriptLog {
    private var header: [String]
    private var body: [String] = []

    init(now: Moment, arguments: [String]) {
        header = ["now: " + now.description]
        if !arguments.isEmpty { header.append("args: " + arguments.joined(separator: " ")) }
    }

    mutating func output(_ text: String) {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            body.append(line.isEmpty ? "|" : "| " + Transcript.escaped(String(line)))
        }
    }

    mutating func answer(_ text: String) {
        body.append("> " + Transcript.escaped(text))
    }

    func text(exit: Int32) -> String {
        (header + ["---"] + body + ["[exit \(exit)]"]).joined(separator: "\n") + "\n"
    }
}
