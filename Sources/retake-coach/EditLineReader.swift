import CLibedit
import Coach
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The line editor on a terminal, through libedit: history (Up and Down),
/// TAB completion of the question's choices and of the meta-commands,
/// Ctrl-C to cancel the line, Ctrl-D on an empty line to end.
///
/// All of the program's libedit code is in this file.
final class EditLineReader: LineReader {
    private let editor: OpaquePointer
    private let history: OpaquePointer?
    private let historyFile: String?
    private var prompt: UnsafeMutablePointer<CChar>?
    private var completions: [String] = []
    private var cancelled = false

    /// The terminal's settings before editing began.
    nonisolated(unsafe) private static var original: termios?

    /// Puts the terminal back as it was before editing, when a signal ends
    /// the program in the middle of a line.
    static func restoreTerminal() {
        guard var settings = original else { return }
        tcsetattr(0, TCSANOW, &settings)
    }

    init(historyFile: String?) {
        setlocale(LC_ALL, "")
        editor = rc_el_init("retake-coach")
        history = rc_history_init(500)
        self.historyFile = historyFile
        rc_el_set_clientdata(editor, Unmanaged.passUnretained(self).toOpaque())
        rc_el_set_editor(editor, "emacs")
        // NB: libedit's own signal handling is off: it would catch SIGTERM
        // and SIGHUP while a line is edited and hand them on to a disposition
        // that drops them. The program's handler puts the terminal back.
        rc_el_set_signal(editor, 0)
        var settings = termios()
        if tcgetattr(0, &settings) == 0 { EditLineReader.original = settings }
        rc_el_set_prompt(editor) { editor in
            EditLineReader.reader(of: editor)?.prompt
        }
        if let history {
            rc_el_set_history(editor, history)
            if let historyFile { rc_history_load(history, historyFile) }
        }
        rc_el_add_function(editor, "rc-complete", "Complete the choice or command") { editor, _ in
            EditLineReader.reader(of: editor)?.complete() ?? UInt8(CC_ERROR)
        }
        rc_el_bind(editor, "^I", "rc-complete")
        // NB: with ISIG off while editing, Ctrl-C is a key, not a signal:
        // it ends the line as cancelled instead of killing the process.
        rc_el_add_function(editor, "rc-cancel", "Cancel the line") { editor, _ in
            EditLineReader.reader(of: editor)?.cancelled = true
            return UInt8(CC_NEWLINE)
        }
        rc_el_bind(editor, "^C", "rc-cancel")
        rc_el_setty(editor, "-isig")
    }

    deinit {
        el_end(editor)
        if let history { history_end(history) }
        free(prompt)
    }

    var echoes: Bool { true }

    private static func reader(of editor: OpaquePointer?) -> EditLineReader? {
        guard let editor, let data = rc_el_clientdata(editor) else { return nil }
        return Unmanaged<EditLineReader>.fromOpaque(data).takeUnretainedValue()
    }

    func readLine(prompt: String, completions: [String]) -> ConsoleInput {
        free(self.prompt)
        self.prompt = strdup(prompt)
        self.completions = completions
        cancelled = false
        var count: Int32 = 0
        let gotten = el_gets(editor, &count)
        // Checked first: Ctrl-C on an empty line ends a line of no
        // characters, which el_gets returns as NULL with count 0, as at
        // the end of input.
        if cancelled {
            StandardOutput.write("\n")
            return .cancelled
        }
        guard let line = gotten else {
            StandardOutput.write("\n")
            return count == 0 ? .endOfInput : .cancelled
        }
        var text = String(cString: line)
        while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
        if !text.trimmingCharacters(in: .whitespaces).isEmpty, let history {
            rc_history_enter(history, text)
            if let historyFile {
                // The first line can come before any answer has created
                // the state folder; the save would fail silently.
                try? FileManager.default.createDirectory(atPath: String(historyFile.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")),
                                                         withIntermediateDirectories: true,
                                                         attributes: [.posixPermissions: 0o700])
                rc_history_save(history, historyFile)
            }
        }
        return .line(text)
    }

    /// Completes the word before the cursor from the current completions:
    /// one match is inserted; several are extended to their common start,
    /// or listed when that adds nothing.
    private func complete() -> UInt8 {
        guard let info = el_line(editor)?.pointee else { return UInt8(CC_ERROR) }
        let length = info.cursor - info.buffer
        let before = String(decoding: UnsafeBufferPointer(start: UnsafeRawPointer(info.buffer).assumingMemoryBound(to: UInt8.self),
                                                          count: max(0, length)), as: UTF8.self)
        let word = String(before.split(whereSeparator: { $0 == " " || $0 == "," }).last ?? "")
        let start = before.hasSuffix(" ") || before.hasSuffix(",") ? "" : word
        let matches = completions.filter { $0.lowercased().hasPrefix(start.lowercased()) }
        guard !matches.isEmpty else { return UInt8(CC_REFRESH_BEEP) }
        var common = matches[0]
        for match in matches.dropFirst() {
            common = String(zip(common, match).prefix { $0.lowercased() == $1.lowercased() }.map(\.0))
        }
        if matches.count == 1 { common += " " }
        let addition = String(common.dropFirst(start.count))
        if !addition.isEmpty {
            el_insertstr(editor, addition)
            return UInt8(CC_REFRESH)
        }
        StandardOutput.write("\n" + matches.joined(separator: "  ") + "\n")
        return UInt8(CC_REDISPLAY)
    }
}
