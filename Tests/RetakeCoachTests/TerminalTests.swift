import Foundation
import Testing

/// The session on a real terminal (a pseudo-terminal), as a candidate sees
/// it: history, Ctrl-C, Ctrl-D and Ctrl-Z, typing in any locale, output
/// piped, and the files kept. TAB and the terminal's width have their own
/// suites.
@Suite("retake-coach on a terminal")
struct TerminalTests {
    typealias Key = PseudoTerminal.Key

    static let failedAt = "2023-12-02 15:00"

    @Test func upRecallsThePreviousAnswer() throws {
        let state = try StateFolder()
        defer { state.remove() }
        let terminal = try state.start()
        defer { terminal.end() }

        try terminal.answer("When did you sit the exam?", with: Self.failedAt)
        try terminal.answer("Which attempt was this?", with: "1")
        try terminal.answer("Which of these lists of sections", with: "")
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
        try terminal.waitFor("Which of these lists of sections does your score report show?")
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
        try terminal.waitFor("Which of these lists of sections does your score report show?")
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
        try terminal.waitFor("Which of these lists of sections does your score report show?")
        try terminal.waitForPrompt()
        try terminal.type(Key.ctrlD)
        #expect(try terminal.waitForExit() == .exited(0))
        #expect(FileManager.default.fileExists(atPath: state.sessionFile))
        #expect(!FileManager.default.fileExists(atPath: state.historyFile))
        #expect(try FileManager.default.contentsOfDirectory(atPath: state.path + "/retake-coach") == ["sessions"])
    }

    /// Under bash with job control, as in a terminal window: Ctrl-Z stops
    /// the coach with the terminal as it was, and `fg` gives the prompt
    /// back with the line typed so far.
    @Test func ctrlZSuspendsAndFgGivesTheLineBack() throws {
        let state = try StateFolder()
        defer { state.remove() }
        let terminal = try state.start(shell: """
            set -m
            "$0" "$@"
            case $(stty -a) in *-icanon*) echo "the terminal stayed raw" ;; *) echo "the terminal is as it was" ;; esac
            fg
            """)
        defer { terminal.end() }

        try terminal.answer("When did you sit the exam?", with: Self.failedAt)
        try terminal.waitFor("Which attempt was this?")
        try terminal.waitForPrompt()
        try terminal.type("2")
        try terminal.waitUntil("'2' echoed") { $0.screen.currentLine == "> 2" }
        try terminal.type(Key.ctrlZ)
        try terminal.waitFor("Stopped")
        try terminal.waitFor("the terminal is as it was")
        try terminal.waitUntil("the line typed so far, after fg, in raw mode") { $0.screen.currentLine == "> 2" && $0.isRaw }
        try terminal.type(Key.enter)
        try terminal.waitFor("Which of these lists of sections does your score report show?")
        try terminal.waitForPrompt()
        try terminal.type(Key.ctrlD)
        #expect(try terminal.waitForExit() == .exited(0))
        #expect(try state.savedSession().answers == [.init(fact: "failed_at", answer: Self.failedAt),
                                                     .init(fact: "attempt", answer: "2")])
    }

    /// Started with no shell to continue it (an orphaned process group),
    /// the coach is not stopped by Ctrl-Z, which would leave it stuck:
    /// editing goes on.
    @Test func ctrlZWithNoShellToComeBackToGoesOnEditing() throws {
        let state = try StateFolder()
        defer { state.remove() }
        let terminal = try state.start()
        defer { terminal.end() }

        try terminal.waitFor("When did you sit the exam?")
        try terminal.waitForPrompt()
        try terminal.type("yesterday" + Key.ctrlZ)
        try terminal.waitUntil("the line shown again, in raw mode") { $0.screen.currentLine == "> yesterday" && $0.isRaw }
        try terminal.type(" 15:00" + Key.enter)
        try terminal.waitFor("Which attempt was this?")
        #expect(terminal.termination == nil)
    }

    /// `LANG=C` gives no multibyte characters; typed UTF-8 is read all the
    /// same, and Backspace takes off a whole character.
    @Test func nonASCIIInputWorksUnderTheCLocale() throws {
        let state = try StateFolder()
        defer { state.remove() }
        let terminal = try state.start(environment: ["LANG": "C", "LC_ALL": "C"])
        defer { terminal.end() }

        try terminal.waitFor("When did you sit the exam?")
        try terminal.waitForPrompt()
        try terminal.type("aé")
        try terminal.waitUntil("'aé' echoed") { $0.screen.currentLine == "> aé" }
        try terminal.type(Key.backspace)
        try terminal.waitUntil("'é' taken off") { $0.screen.currentLine == "> a" }
        try terminal.type(Key.enter)
        try terminal.waitFor("'a' is not a date I can read")
    }

    /// `retake-coach | tee session.log`: answers are still typed with line
    /// editing, the screen shows the session in order, and the log reads
    /// as the session did, without colours or how it ended.
    @Test func outputPipedThroughTeeKeepsLineEditing() throws {
        let state = try StateFolder()
        defer { state.remove() }
        let log = state.path + "/session.log"
        let terminal = try state.start(color: "auto", environment: ["SESSION_LOG": log], shell: #""$0" "$@" | tee "$SESSION_LOG""#)
        defer { terminal.end() }

        try terminal.waitFor("When did you sit the exam?")
        try terminal.waitForPrompt()
        try terminal.type("2023-12-02 15:0x" + Key.backspace + "0")
        try terminal.waitUntil("the date typed and corrected") { $0.screen.currentLine == "> \(Self.failedAt)" }
        try terminal.type(Key.enter)
        try terminal.answer("Which attempt was this?", with: "1")
        try terminal.answer("Which of these lists of sections", with: "")
        try terminal.waitFor("What was your overall score?")
        try terminal.waitForPrompt()
        try terminal.type("sk" + Key.tab)
        try terminal.waitUntil("'sk' completed to 'skip '") { $0.screen.currentLine == "> skip " }
        try terminal.type(Key.enter)
        try terminal.waitFor("Plan and manage an Azure AI solution")
        try terminal.waitForPrompt()
        try terminal.type(Key.ctrlD)
        #expect(try terminal.waitForExit() == .exited(0))
        try terminal.waitFor("The session ended after 4 answers")

        let logged = try Data(contentsOf: URL(fileURLWithPath: log))
        // As `cat session.log` shows it: the terminal starts each new line
        // at its first column.
        let lines = Screen(Array(String(decoding: logged, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n").utf8)).lines
        #expect(lines.contains("When did you sit the exam? (YYYY-MM-DD [HH:MM], today, yesterday)"))
        #expect(lines.contains("> \(Self.failedAt)"))
        #expect(lines.contains("> 1"))
        #expect(lines.contains("> skip "))
        #expect(!String(decoding: logged, as: UTF8.self).contains("\u{1B}[1;36m"), "no colours down a pipe")
        #expect(!lines.contains { $0.contains("The session ended") }, "how the session ended is on the terminal, not in the log")
        #expect(try state.savedSession().answers.map(\.answer) == [Self.failedAt, "1", "article", "skip"])
    }

    /// `retake-coach > session.txt`: the prompt and the line typed are on
    /// the terminal, edited; the file reads as the session did, each answer
    /// after its prompt.
    @Test func outputToAFileShowsTheLineOnTheTerminal() throws {
        let state = try StateFolder()
        defer { state.remove() }
        let file = state.path + "/session.txt"
        let terminal = try state.start(environment: ["SESSION_FILE": file], shell: #""$0" "$@" > "$SESSION_FILE""#)
        defer { terminal.end() }

        try terminal.waitForPrompt()
        try terminal.type("yes" + Key.tab)
        try terminal.waitUntil("'yes' completed on the terminal") { $0.screen.currentLine == "> yesterday " }
        try terminal.type("15:00" + Key.enter)
        try terminal.waitForPrompt()
        try terminal.type(Key.ctrlD)
        #expect(try terminal.waitForExit() == .exited(0))
        try terminal.waitFor("The session ended after 1 answer")
        #expect(terminal.screen.lines.contains { $0.hasPrefix("The session ended") }, "on a line of its own after Ctrl-D")
        #expect(!terminal.screen.text.contains("When did you sit the exam?"))

        let written = try String(contentsOfFile: file, encoding: .utf8)
        #expect(written.contains("When did you sit the exam? (YYYY-MM-DD [HH:MM], today, yesterday)\n> yesterday 15:00\n"))
        #expect(!written.contains("\u{1B}"), "no escape sequences in the file")
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
    var sessionFile: String { path + "/retake-coach/sessions/2023-12-02T18-00.json" }
    var historyFile: String { path + "/retake-coach/history" }

    /// Starts the coach on a terminal `columns` wide; with `shell`, through
    /// a bash script that runs it as `"$0" "$@"`.
    func start(_ arguments: [String] = [], color: String = "never", environment: [String: String] = [:],
               columns: Int = 80, shell: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> PseudoTerminal {
        let executable = try #require(Binary.executable, "retake-coach was not built next to the tests",
                                      sourceLocation: sourceLocation)
        let coach = [executable.path, "--exam", "ai102", "--now", "2023-12-02T18:00", "--color", color] + arguments
        let command = shell.map { ["/bin/bash", "--norc", "--noprofile", "-c", $0] + coach } ?? coach
        return try PseudoTerminal(executable: command[0], arguments: Array(command.dropFirst()),
                                  environment: ["XDG_STATE_HOME": path, "TERM": "xterm"].merging(environment) { $1 },
                                  columns: columns)
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
        try answer("Which of these lists of sections", with: "")
        try answer("What was your overall score?", with: "skip")
        try answer("Plan and manage an Azure AI solution", with: "40")
        try answer("Decision support solutions", with: "62")
        try answer("Computer vision solutions", with: "50")
        try answer("Natural language processing solutions", with: "50")
        try answer("Knowledge mining and document intelligence", with: "50")
        try answer("Generative AI solutions", with: "50")
    }
}
