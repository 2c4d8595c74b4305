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

/// The transcript format's rules, shared by recording and replay.
public enum Transcript {
    /// Control characters (and the backslash that escapes them) written so
    /// a transcript line stays one printable line.
    public static func escaped(_ text: String) -> String {
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
}
