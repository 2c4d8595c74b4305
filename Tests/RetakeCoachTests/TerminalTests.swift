import Foundation
import Testing

/// The session on a real terminal (a pseudo-terminal), as a candidate sees
/// it: TAB completion, history, Ctrl-C and Ctrl-D, and the files kept.
@Suite("retake-coach on a terminal")
struct TerminalTests {
    typealias Key = PseudoTerminal.Key

    static let failedAt = "2026-11-28 15:00"

    @Test func tabCompletesAUniqueCommandPrefix() throws {
        let state = try StateFolder()
        defer { state.remove() }
        let terminal = try state.start()
        defer { terminal.end() }

        try terminal.answer("When did you sit the exam?", with: Self.failedAt)
        try terminal.waitFor("Which attempt was this?")
        try terminal.waitForPrompt()
        try terminal.type(":st" + Key.tab)
        try terminal.waitUntil("':st' completed to ':status '") { $0.screen.currentLine == "> :status " }
        try terminal.type(Key.enter)
        try terminal.waitFor("These questions: hours 1-2, taking it in. 1 answer so far;")
        try terminal.waitForPrompt()
        #expect(terminal.termination == nil)
    }

    @Test func tabCompletesAUniqueChoicePrefixAndListsAmbiguousOnes() throws {
        let state = try StateFolder()
        defer { state.remove() }
        let terminal = try state.start()
        defer { terminal.end() }

        try terminal.answerUpToServicesUsed()
        try terminal.waitFor("Which services have you used hands-on")
        try terminal.waitForPrompt()
        // Ambiguous: the matches are listed and the line is shown again.
        try terminal.type("co" + Key.tab)
        try terminal.waitUntil("the choices starting with 'co' listed, then the line again") {
            let lines = $0.screen.lines
            return lines.count >= 2 && lines[lines.count - 2] == "computer_vision  cognitive_search"
                && $0.screen.currentLine == "> co"
        }
        // Unique, after a comma in a list of several.
        try terminal.type("mputer_vision, cus" + Key.tab)
        try terminal.waitUntil("'cus' completed to 'custom_vision '") {
            $0.screen.currentLine == "> computer_vision, custom_vision "
        }
        try terminal.type(Key.enter)

        try terminal.waitFor("How much have you built with Azure AI services?")
        try terminal.waitForPrompt()
        try terminal.type("tut" + Key.tab)
        try terminal.waitUntil("'tut' completed to 'tutorials '") { $0.screen.currentLine == "> tutorials " }
        try terminal.type(Key.enter)
        try terminal.waitFor("Is there one service you use deeply at work?")
        try terminal.waitForPrompt()
        try terminal.type(Key.ctrlD)
        #expect(try terminal.waitForExit() == .exited(0))

        let answers = try state.savedSession().answers
        #expect(answers.suffix(2) == [.init(fact: "services_used", answer: "computer_vision, custom_vision"),
                                      .init(fact: "hands_on", answer: "tutorials")])
    }

    @Test func upRecallsThePreviousAnswer() throws {
        let state = try StateFolder()
        defer { state.remove() }
        let terminal = try state.start()
        defer { terminal.end() }

        try terminal.answer("When did you sit the exam?", with: Self.failedAt)
        try terminal.answer("Which attempt was this?", with: "1")
        try terminal.answer("What was your overall score?", with: "skip")
        try terminal.answer("Plan and manage an Azure AI solution", with: "62")
        try terminal.waitFor("Decision support solutions (10%):")
        try terminal.waitForPrompt()
        try terminal.type(Key.up)
        try terminal.waitUntil("Up to recall '62'") { $0.screen.currentLine == "> 62" }
        try terminal.type(Key.enter)
        try terminal.waitFor("Computer vision solutions (15%):")
        try terminal.waitForPrompt()
        // Further back, past the repeated answer (kept once).
        try terminal.type(Key.up + Key.up)
        try terminal.waitUntil("Up, Up to recall 'skip'") { $0.screen.currentLine == "> skip" }
        try terminal.type(Key.ctrlC)
        try terminal.waitForPrompt()
        try terminal.type(Key.ctrlD)
        #expect(try terminal.waitForExit() == .exited(0))

        let answers = try state.savedSession().answers
        #expect(answers.suffix(2) == [.init(fact: "scores.plan_manage", answer: "62"),
                                      .init(fact: "scores.decision_support", answer: "62")])
    }

    /// Also the first line ever typed must reach the history file, though
    /// the state folder does not exist yet when it is typed.
    @Test func upRecallsAnAnswerFromTheSessionBefore() throws {
        let state = try StateFolder()
        defer { state.remove() }
        do {
            let first = try state.start()
            defer { first.end() }
            try first.answer("When did you sit the exam?", with: Self.failedAt)
            try first.waitFor("Which attempt was this?")
            try first.waitForPrompt()
            try first.type(Key.ctrlD)
            #expect(try first.waitForExit() == .exited(0))
        }
        let second = try state.start()
        defer { second.end() }
        try second.waitFor("When did you sit the exam?")
        try second.waitForPrompt()
        try second.type(Key.up)
        try second.waitUntil("Up to recall '\(Self.failedAt)' from the session before") {
            $0.screen.currentLine == "> \(Self.failedAt)"
        }
        try second.type(Key.enter)
        try second.waitFor("Which attempt was this?")
    }

    @Test func ctrlCCancelsTheLineAndAsksAgain() throws {
        let state = try StateFolder()
        defer { state.remove() }
        let terminal = try state.start()
        defer { terminal.end() }

        try terminal.answer("When did you sit the exam?", with: Self.failedAt)
        try terminal.waitFor("Which attempt was this?")
        try terminal.waitForPrompt()
        try terminal.type("4")
        try terminal.waitUntil("'4' echoed") { $0.screen.currentLine == "> 4" }
        let cancelledRow = terminal.screen.row
        try terminal.type(Key.ctrlC)
        // The next prompt comes right below: no error, no other question.
        try terminal.waitForPrompt()
        #expect(terminal.screen.row == cancelledRow + 1, "\(terminal.screen.text)")
        #expect(terminal.screen.lines[cancelledRow] == "> 4")
        // On an empty line too, and again.
        try terminal.type(Key.ctrlC)
        try terminal.waitForPrompt()
        #expect(terminal.screen.row == cancelledRow + 2, "\(terminal.screen.text)")
        #expect(terminal.termination == nil)

        try terminal.type("2" + Key.enter)
        try terminal.waitFor("What was your overall score?")
        try terminal.waitForPrompt()
        try terminal.type(Key.ctrlD)
        #expect(try terminal.waitForExit() == .exited(0))
        #expect(try state.savedSession().answers == [.init(fact: "failed_at", answer: Self.failedAt),
                                                     .init(fact: "attempt", answer: "2")])
    }

    @Test func ctrlDOnAnEmptyLineEndsAndKeepsTheAnswersPrivately() throws {
        let state = try StateFolder()
        defer { state.remove() }
        let terminal = try state.start()
        defer { terminal.end() }

        try terminal.answer("When did you sit the exam?", with: Self.failedAt)
        try terminal.answer("Which attempt was this?", with: "2")
        try terminal.waitFor("What was your overall score?")
        try terminal.waitForPrompt()
        try terminal.type(Key.ctrlD)
        #expect(try terminal.waitForExit() == .exited(0))
        try terminal.waitFor("The session ended after 2 answers, before it was complete.")
        try terminal.waitFor("Your answers are kept in \(state.sessionFile)")
        try terminal.waitFor("retake-coach --resume")

        let saved = try state.savedSession()
        #expect(saved.answers == [.init(fact: "failed_at", answer: Self.failedAt), .init(fact: "attempt", answer: "2")])
        #expect(saved.complete == false)
        #expect(try StateFolder.mode(of: state.sessionFile) == 0o600)
        #expect(try StateFolder.mode(of: state.historyFile) == 0o600)
        let history = try String(contentsOfFile: state.historyFile, encoding: .utf8)
            .replacingOccurrences(of: "\\040", with: " ").split(separator: "\n")
        #expect(history.contains { $0 == Self.failedAt } && history.contains("2"), "history: \(history)")
    }

    @Test(arguments: [([String: String](), true), (["NO_COLOR": "1"], false)])
    func colourOnATerminalUnlessNoColorIsSet(environment: [String: String], coloured: Bool) throws {
        let state = try StateFolder()
        defer { state.remove() }
        let terminal = try state.start(color: "auto", environment: environment)
        defer { terminal.end() }
        try terminal.waitFor("When did you sit the exam?")
        try terminal.waitForPrompt()
        #expect(String(decoding: terminal.output, as: UTF8.self).contains("\u{1B}[1;36mWhen did you sit the exam?") == coloured)
        try terminal.type(Key.ctrlD)
        #expect(try terminal.waitForExit() == .exited(0))
    }

    @Test func noHistoryLeavesNoHistoryFile() throws {
        let state = try StateFolder()
        defer { state.remove() }
        let terminal = try state.start(["--no-history"])
        defer { terminal.end() }

        try terminal.answer("When did you sit the exam?", with: Self.failedAt)
        try terminal.answer("Which attempt was this?", with: "2")
        try terminal.waitFor("What was your overall score?")
        try terminal.waitForPrompt()
        try terminal.type(Key.ctrlD)
        #expect(try terminal.waitForExit() == .exited(0))
        #expect(FileManager.default.fileExists(atPath: state.sessionFile))
        #expect(!FileManager.default.fileExists(atPath: state.historyFile))
        #expect(try FileManager.default.contentsOfDirectory(atPath: state.path + "/retake-coach") == ["sessions"])
    }
}

/// A fresh `$XDG_STATE_HOME` for one test, and the coach started with it on
/// a terminal, its clock pinned.
final class StateFolder {
    let path: String

    init() throws {
        // Short, so the paths the coach prints are not wrapped mid-sentence.
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("rc-pty-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Where the session started at the pinned clock is saved.
    var sessionFile: String { path + "/retake-coach/sessions/2026-11-28T18-00.json" }
    var historyFile: String { path + "/retake-coach/history" }

    func start(_ arguments: [String] = [], color: String = "never", environment: [String: String] = [:],
               sourceLocation: SourceLocation = #_sourceLocation) throws -> PseudoTerminal {
        let executable = try #require(Binary.executable, "retake-coach was not built next to the tests",
                                      sourceLocation: sourceLocation)
        return try PseudoTerminal(executable: executable.path,
                                  arguments: ["--now", "2026-11-28T18:00", "--color", color] + arguments,
                                  environment: ["XDG_STATE_HOME": path, "TERM": "xterm"].merging(environment) { $1 })
    }

    struct Saved: Decodable {
        struct Entry: Decodable, Equatable {
            var fact: String
            var answer: String
        }
        var answers: [Entry]
        var complete: Bool
    }

    func savedSession() throws -> Saved {
        try JSONDecoder().decode(Saved.self, from: Data(contentsOf: URL(fileURLWithPath: sessionFile)))
    }

    static func mode(of path: String) throws -> Int? {
        try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    }
}

extension PseudoTerminal {
    /// Waits for `question` below the last prompt, then for the prompt in
    /// raw mode, and types `text` and Enter.
    func answer(_ question: String, with text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try waitFor(question, sourceLocation: sourceLocation)
        try waitForPrompt(sourceLocation: sourceLocation)
        try type(text + Key.enter, sourceLocation: sourceLocation)
    }

    /// The AI-102 pack's questions up to `services_used`.
    func answerUpToServicesUsed() throws {
        try answer("When did you sit the exam?", with: TerminalTests.failedAt)
        try answer("Which attempt was this?", with: "1")
        try answer("What was your overall score?", with: "skip")
        try answer("Plan and manage an Azure AI solution", with: "40")
        try answer("Decision support solutions", with: "62")
        try answer("Computer vision solutions", with: "50")
        try answer("Natural language processing solutions", with: "50")
        try answer("Knowledge mining and document intelligence", with: "50")
        try answer("Generative AI solutions", with: "50")
    }
}
