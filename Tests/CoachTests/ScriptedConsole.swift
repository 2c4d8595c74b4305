import Foundation
import RuleEngine

@testable import Coach

/// A console that answers from a list and keeps everything written, as
/// the session tests and transcript replay need.
final class ScriptedConsole: Console {
    private var answers: [String]
    private(set) var output: [String] = []
    private(set) var prompts = 0
    var columns = 80

    init(_ answers: [String]) {
        self.answers = answers
    }

    func write(_ text: String, style: OutputStyle) {
        output += text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    func read(prompt: String, completions: Completions) -> ConsoleInput {
        prompts += 1
        guard !answers.isEmpty else { return .endOfInput }
        let answer = answers.removeFirst()
        output.append(prompt + answer)
        return .line(answer)
    }

    var text: String { output.joined(separator: "\n") }

    /// The answers not read.
    var unread: [String] { answers }
}

/// A session on the shipped pack at 2023-12-02 18:00.
struct SessionRun {
    let console: ScriptedConsole
    let session: Session
    let outcome: Session.Outcome

    init(_ answers: [String], store: SessionStore? = nil, resuming: SavedSession? = nil, strict: Bool = false,
         explainRules: Bool = false, columns: Int = 80) {
        console = ScriptedConsole(answers)
        console.columns = columns
        var options = Session.Options()
        options.strict = strict
        options.explainRules = explainRules
        session = Session(pack: AI102.pack, console: console, now: "2023-12-02T18:00", store: store,
                          resuming: resuming, options: options)
        outcome = session.run()
    }

    /// The answers the session holds at the end, by fact.
    var answers: [String: String] {
        Dictionary(session.answers.map { ($0.fact, $0.answer.canonical) }, uniquingKeysWith: { _, b in b })
    }
}

/// The answers of the documentation-reader persona, in the session's order.
enum Script {
    static let start = ["2023-12-02 15:00", "1"]
    static let scores = ["", "612", "55", "62", "48", "42", "58", "66", "computer_vision"]
    static let diagnosis = ["none", "none", "ai900", "no", "docs, video", "3", "rushed", "some"]
    static let timeline = ["5", "2023-12-24", "12"]
    static let reader = start + scores + diagnosis + timeline

    /// A fresh folder for saved sessions, removed by the caller.
    static func temporaryStore() throws -> SessionStore {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sessions-\(UUID().uuidString)")
        return SessionStore(folder: url.path)
    }
}
