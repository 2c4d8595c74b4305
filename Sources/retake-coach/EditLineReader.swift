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
/// TAB completion of the answer's words, the meta-commands and their
/// arguments, Ctrl-C to cancel the line, Ctrl-Z to suspend, Ctrl-D on an
/// empty line to end.
///
/// All of the program's libedit code is in this file. The terminal is
/// standard input. What the editor shows goes to standard output with the
/// session's output, also down a pipe (`| tee` brings it to the terminal in
/// order); when output goes to a file, the editor shows on the terminal,
/// and the answer is written to the file after its prompt instead.
final class EditLineReader: LineReader {
    private let editor: OpaquePointer
    private let history: OpaquePointer?
    private let historyFile: String?
    private var prompt: UnsafeMutablePointer<CChar>?
    private var completions = Completions()
    private var cancelled = false

    /// Whether what is typed reaches standard output: false when that is a
    /// file, and the editor shows on the terminal.
    let echoes: Bool

    /// The terminal's settings before editing began.
    nonisolated(unsafe) private static var original: termios?

    /// Puts the terminal back as it was before editing, when a signal ends
    /// the program in the middle of a line.
    static func restoreTerminal() {
        guard var settings = original else { return }
        tcsetattr(0, TCSANOW, &settings)
    }

    init(historyFile: String?) {
        rc_set_locale()
        var output = stat()
        echoes = isatty(1) == 1 || fstat(1, &output) != 0
            || [S_IFIFO, S_IFSOCK].contains(output.st_mode & S_IFMT)
        editor = rc_el_init("retake-coach", echoes ? 0 : 1)
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
        rc_el_add_function(editor, "rc-complete", "Complete the word, or list what it can be") { editor, _ in
            EditLineReader.reader(of: editor)?.complete() ?? UInt8(CC_ERROR)
        }
        rc_el_bind(editor, "^I", "rc-complete")
        // NB: with ISIG off while editing, Ctrl-C and Ctrl-Z are keys, not
        // signals: Ctrl-C ends the line as cancelled instead of killing the
        // process, and Ctrl-Z is bound to suspend as the terminal would.
        rc_el_add_function(editor, "rc-cancel", "Cancel the line") { editor, _ in
            EditLineReader.reader(of: editor)?.cancelled = true
            return UInt8(CC_NEWLINE)
        }
        rc_el_bind(editor, "^C", "rc-cancel")
        rc_el_add_function(editor, "rc-suspend", "Suspend, as the terminal's Ctrl-Z would") { editor, _ in
            EditLineReader.reader(of: editor)?.suspend() ?? UInt8(CC_ERROR)
        }
        rc_el_bind(editor, "^Z", "rc-suspend")
        rc_el_setty(editor, "-isig")
    }

    deinit {
        el_end(editor)
        if let history { history_end(history) }
        free(prompt)
    }

    private static func reader(of editor: OpaquePointer?) -> EditLineReader? {
        guard let editor, let data = rc_el_clientdata(editor) else { return nil }
        return Unmanaged<EditLineReader>.fromOpaque(data).takeUnretainedValue()
    }

    func readLine(prompt: String, completions: Completions) -> ConsoleInput {
        free(self.prompt)
        self.prompt = strdup(prompt)
        self.completions = completions
        cancelled = false
        // With its signal handling off, libedit learns of a resize here.
        el_resize(editor)
        var count: Int32 = 0
        let gotten = el_gets(editor, &count)
        // Checked first: Ctrl-C on an empty line ends a line of no
        // characters, which el_gets returns as NULL with count 0, as at
        // the end of input.
        if cancelled {
            rc_el_write(editor, "\n")
            return .cancelled
        }
        guard let line = gotten else {
            rc_el_write(editor, "\n")
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

    /// Completes the word before the cursor: the rest of the one match, or
    /// what the matches share; when that adds nothing, libedit lists the
    /// matches in columns to the terminal's width.
    private func complete() -> UInt8 {
        guard let info = el_line(editor)?.pointee else { return UInt8(CC_ERROR) }
        let length = info.cursor - info.buffer
        let before = String(decoding: UnsafeBufferPointer(start: UnsafeRawPointer(info.buffer).assumingMemoryBound(to: UInt8.self),
                                                          count: max(0, length)), as: UTF8.self)
        let candidates = completions.candidates(after: before)
        guard !candidates.matches.isEmpty else { return UInt8(CC_REFRESH_BEEP) }
        let addition = candidates.addition
        if !addition.isEmpty {
            el_insertstr(editor, addition)
            return UInt8(CC_REFRESH)
        }
        guard candidates.matches.count > 1 else { return UInt8(CC_NORM) }
        el_resize(editor)
        // libedit's list starts with the common start, which it leaves out.
        var matches = ([candidates.word] + candidates.matches).map { strdup($0) }
        defer { matches.forEach { free($0) } }
        rc_el_write(editor, "\n")
        rc_el_list(editor, &matches, matches.count, candidates.matches.map(\.utf8.count).max() ?? 0)
        return UInt8(CC_REDISPLAY)
    }

    /// Ctrl-Z: the terminal as it was, the process group stopped as by the
    /// terminal's own Ctrl-Z; on `fg`, editing again where it was.
    private func suspend() -> UInt8 {
        var editing = termios()
        let saved = tcgetattr(0, &editing) == 0
        // No new line here: the shell starts its "Stopped" on one itself.
        EditLineReader.restoreTerminal()
        // NB: the process stops inside kill until it is continued. In an
        // orphaned process group (no shell to continue it) the system
        // drops the signal, and editing simply goes on.
        kill(0, SIGTSTP)
        if saved { tcsetattr(0, TCSADRAIN, &editing) }
        el_resize(editor)
        return UInt8(CC_REDISPLAY)
    }
}
