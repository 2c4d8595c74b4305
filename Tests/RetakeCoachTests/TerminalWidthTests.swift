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
}
