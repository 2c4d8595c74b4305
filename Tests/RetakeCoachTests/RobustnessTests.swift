import Foundation
import Testing

/// Signals, crashes, hostile answers and unwritable state, as a candidate
/// (or a misbehaving terminal) would cause them.
@Suite("robustness")
struct RobustnessTests {
    private typealias Key = PseudoTerminal.Key

    private func startAndAnswerOne(_ state: StateFolder) throws -> PseudoTerminal {
        let terminal = try state.start()
        try terminal.answer("When did you sit the exam?", with: "2023-12-02 15:00")
        try terminal.waitFor("Which attempt was this?")
        try terminal.waitForPrompt()
        return terminal
    }

    @Test(arguments: [(SIGTERM, Int32(143)), (SIGHUP, Int32(129))])
    func aTerminationSignalSaysHowToResumeAndExits(signal: Int32, status: Int32) throws {
        let state = try StateFolder()
        defer { state.remove() }
        let terminal = try startAndAnswerOne(state)
        defer { terminal.end() }
        kill(terminal.pid, signal)
        #expect(try terminal.waitForExit() == .exited(status))
        #expect(!terminal.isRaw, "the terminal was left in raw mode")
        #expect(terminal.screen.text.contains("Stopped. Your answers are kept; run retake-coach --resume to go on."))
        #expect(try state.savedSession().answers.map(\.fact) == ["failed_at"])
    }

    @Test func aKilledSessionResumesWithEveryAnswerGiven() throws {
        let state = try StateFolder()
        defer { state.remove() }
        let terminal = try startAndAnswerOne(state)
        defer { terminal.end() }
        try terminal.type("3" + Key.enter)
        try terminal.waitFor("Which of these lists of sections does your score report show?")
        try terminal.waitForPrompt()
        kill(terminal.pid, SIGKILL)
        #expect(try terminal.waitForExit() == .signalled(SIGKILL))
        let resumed = try Binary.run(["--now", "2023-12-02T18:00", "--resume"], input: "\n612\n",
                                     environment: ["XDG_STATE_HOME": state.path])
        #expect(resumed.stdout.hasPrefix("Welcome back. Resuming the session started 2023-12-02 18:00 (2 answers).\n"))
        #expect(resumed.stdout.contains("Score report, Plan and manage an Azure AI solution"))
        #expect(try state.savedSession().answers.map(\.answer) == ["2023-12-02 15:00", "3", "article", "612"])
    }

    @Test func hostileAnswersAreRefusedAndNeverEchoedRaw() throws {
        let state = try StateFolder()
        defer { state.remove() }
        var input = Data("2023-12-02 15:00\n".utf8)
        input += Data([0xFF, 0xFE, 0x31, 0x0A])                      // invalid UTF-8
        input += Data("1\u{0}\n".utf8)                                // NUL
        input += Data("\u{1B}[2J\u{1B}]0;owned\u{07}1\n".utf8)       // escape sequences
        input += Data((String(repeating: "9", count: 1_048_576) + "\n").utf8)   // a 1 MB line
        input += Data("     \n".utf8)                                 // only spaces
        input += Data("1\r\n".utf8)
        let run = try Binary.run(["--exam", "ai102", "--now", "2023-12-02T18:00"], bytes: input,
                                 environment: ["XDG_STATE_HOME": state.path])
        let bytes = Array(run.stdout.utf8)
        #expect(!bytes.contains(0x1B))
        #expect(!bytes.contains(0x00))
        #expect(!bytes.contains(0x07))
        #expect(run.stdout.contains("That answer holds a control character (\\0); type plain text."))
        #expect(run.stdout.contains("That answer holds a control character (\\u{1B}); type plain text."))
        #expect(run.stdout.contains("That answer is too long (over 1000 characters)."))
        #expect(run.stdout.contains("An answer is needed: a whole number from 1 to 5."))
        #expect(run.stdout.contains("\u{FFFD}\u{FFFD}1' is not a number; expected a whole number from 1 to 5."))
        #expect(run.stdout.count < 100_000, "the 1 MB answer was echoed")
        #expect(try state.savedSession().answers.map(\.answer) == ["2023-12-02 15:00", "1"])
        #expect(run.status == 3)
    }

    @Test func anUnwritableStateFolderIsSaidOnceAndTheSessionGoesOn() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rc-file-\(UUID().uuidString.prefix(8))")
        try "not a folder".write(to: folder, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Binary.run(["--exam", "ai102", "--now", "2023-12-02T18:00"], input: "2023-12-02 15:00\n1\n\n612\n",
                                 environment: ["XDG_STATE_HOME": folder.path + "/state"])
        let notices = run.stdout.components(separatedBy: "Your answers cannot be saved").count - 1
        #expect(notices == 1)
        #expect(run.stdout.contains("What was your overall score?"))
        #expect(run.stdout.contains("Score report, Plan and manage"))
        #expect(run.status == 3)
    }

    @Test func forgetDeletesEverySessionAndTheHistoryAfterAConfirmation() throws {
        let state = try StateFolder()
        defer { state.remove() }
        let terminal = try startAndAnswerOne(state)
        try terminal.type(Key.ctrlD)
        _ = try terminal.waitForExit()
        terminal.end()
        let kept = state.path + "/retake-coach"
        #expect(FileManager.default.fileExists(atPath: state.sessionFile))
        #expect(FileManager.default.fileExists(atPath: state.historyFile))

        let declined = try Binary.run(["forget"], input: "no\n", environment: ["XDG_STATE_HOME": state.path])
        #expect(declined.stdout == "Delete 1 saved session and the history in \(kept)? This cannot be undone. (yes/no) Nothing deleted.\n")
        #expect(FileManager.default.fileExists(atPath: state.sessionFile))

        let confirmed = try Binary.run(["forget"], input: "yes\n", environment: ["XDG_STATE_HOME": state.path])
        #expect(confirmed.stdout.hasSuffix("Deleted 1 saved session and the history.\n"))
        #expect(confirmed.status == 0)
        #expect(!FileManager.default.fileExists(atPath: state.sessionFile))
        #expect(!FileManager.default.fileExists(atPath: state.historyFile))

        let again = try Binary.run(["forget", "--yes"], environment: ["XDG_STATE_HOME": state.path])
        #expect(again.stdout == "Nothing is kept in \(kept).\n")
    }
}
