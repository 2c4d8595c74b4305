import Foundation
import Testing

/// The session's text on a terminal is as wide as the window, less two
/// columns, and follows the window when it is resized.
@Suite("The terminal's width")
struct TerminalWidthTests {
    @Test func textWrapsAtTheWindowsWidth() throws {
        let state = try StateFolder()
        defer { state.remove() }
        let terminal = try state.start(columns: 60)
        defer { terminal.end() }

        // The welcome, then the advice (a report section) after the first
        // answer.
        try terminal.answer("When did you sit the exam?", with: TerminalTests.failedAt)
        try terminal.waitFor("Which attempt was this?")
        try terminal.waitForPrompt()
        let lines = terminal.screen.lines
        #expect(lines.allSatisfy { $0.count <= 58 }, "\(terminal.screen.text)")
        #expect(lines.contains { $0.count > 50 }, "wrapped to the width, not narrower: \(terminal.screen.text)")
        #expect(terminal.screen.unwrapped.contains("you are in hours 3-4, the score report."))
    }

    @Test func textFollowsAResize() throws {
        let state = try StateFolder()
        defer { state.remove() }
        let terminal = try state.start(columns: 60)
        defer { terminal.end() }

        try terminal.waitFor("When did you sit the exam?")
        try terminal.waitForPrompt()
        let resizedAt = terminal.screen.row
        terminal.resize(columns: 100)
        try terminal.type(TerminalTests.failedAt + PseudoTerminal.Key.enter)
        try terminal.waitFor("Which attempt was this?")
        try terminal.waitForPrompt()
        let after = terminal.screen.lines.dropFirst(resizedAt + 1)
        #expect(after.allSatisfy { $0.count <= 98 }, "\(terminal.screen.text)")
        #expect(after.contains { $0.count > 60 }, "wider after the resize: \(terminal.screen.text)")
    }

    /// A transcript keeps the lines as 80 columns show them, so it replays
    /// the same whatever the window it was recorded in.
    @Test func aTranscriptRecordedInAWideWindowReplays() throws {
        let state = try StateFolder()
        defer { state.remove() }
        let file = state.path + "/wide.transcript"
        let terminal = try state.start(["--transcript", file], columns: 120)
        defer { terminal.end() }

        try terminal.answer("When did you sit the exam?", with: TerminalTests.failedAt)
        try terminal.waitFor("Which attempt was this?")
        try terminal.waitForPrompt()
        #expect(terminal.screen.lines.contains { $0.count > 80 }, "wider than 80 on the screen: \(terminal.screen.text)")
        try terminal.type(":quit" + PseudoTerminal.Key.enter)
        #expect(try terminal.waitForExit() == .exited(0))

        let transcript = try String(contentsOfFile: file, encoding: .utf8)
        #expect(transcript.split(separator: "\n").allSatisfy { $0.count <= 80 }, "\(transcript)")
        let replay = try Binary.run(["replay", file], environment: ["XDG_STATE_HOME": state.path])
        #expect(replay.status == 0, "\(replay.stdout)\(replay.stderr)")
    }
}
