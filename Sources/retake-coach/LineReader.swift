import Coach
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
/// The system's read(2) and write(2), which the readers' own methods would
/// otherwise shadow.
private let systemRead = Glibc.read
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemRead = Darwin.read
private let systemWrite = Darwin.write
#endif

/// Reads one line of input after a prompt. The terminal has a line editor;
/// a pipe is read plainly.
protocol LineReader: AnyObject {
    func readLine(prompt: String, completions: Completions) -> ConsoleInput
    /// Whether reading echoes what was typed (a terminal does).
    var echoes: Bool { get }
}

/// Reads lines from a file descriptor (a pipe or a file), without editing.
/// Accepts CRLF; undecodable bytes become U+FFFD rather than an error.
final class PlainLineReader: LineReader {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var atEnd = false

    init(descriptor: Int32 = 0) {
        self.descriptor = descriptor
    }

    var echoes: Bool { false }

    func readLine(prompt: String, completions: Completions) -> ConsoleInput {
        while true {
            if let newline = buffer.firstIndex(of: 10) {
                var line = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                if line.last == 13 { line.removeLast() }
                return .line(String(decoding: line, as: UTF8.self))
            }
            if atEnd {
                guard !buffer.isEmpty else { return .endOfInput }
                defer { buffer.removeAll() }
                return .line(String(decoding: buffer, as: UTF8.self))
            }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { atEnd = true } else { buffer.append(contentsOf: chunk[..<count]) }
        }
    }
}

/// The session's console on standard output: colours only when asked for;
/// lines as wide as the terminal, 80 columns when output is not one; how
/// the session ended on standard error; and, for piped input, each answer
/// echoed after its prompt so the output reads like the session.
final class TerminalConsole: Console {
    let reader: LineReader
    let colour: Bool
    /// Whether what goes to standard error is coloured: decided apart, as
    /// it may be a terminal while standard output is not, or the reverse.
    let errorColour: Bool

    init(reader: LineReader, colour: Bool, errorColour: Bool? = nil) {
        self.reader = reader
        self.colour = colour
        self.errorColour = errorColour ?? colour
    }

    func write(_ text: String, style: OutputStyle) {
        var out = text
        let toError = style == .closing
        if toError ? errorColour : colour, let code = TerminalConsole.code(for: style) {
            out = text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.isEmpty ? "" : "\u{1B}[\(code)m\($0)\u{1B}[0m" }.joined(separator: "\n")
        }
        StandardOutput.write(out + "\n", to: toError ? 2 : 1)
    }

    /// Asked again at every line, so the next line follows a resize.
    var columns: Int {
        var size = winsize()
        guard isatty(1) == 1, ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    func read(prompt: String, completions: Completions) -> ConsoleInput {
        let input = reader.readLine(prompt: prompt, completions: completions)
        if !reader.echoes, case .line(let line) = input {
            StandardOutput.write(prompt + TerminalConsole.echo(line) + "\n")
        }
        return input
    }

    /// An answer as echoed after its prompt: escaped, and cut short when
    /// it is far longer than any answer can be.
    static func echo(_ line: String) -> String {
        let limit = 200
        guard line.utf8.count > limit else { return Coach.Transcript.escaped(line) }
        let shown = String(line.unicodeScalars.prefix(limit))
        return Coach.Transcript.escaped(shown) + "… (\(line.count - shown.count) more characters)"
    }

    private static func code(for style: OutputStyle) -> String? {
        switch style {
        case .plain: nil
        case .heading: "1"
        case .question: "1;36"
        case .problem: "31"
        case .notice, .closing: "32"
        }
    }
}

/// Unbuffered writes to standard output (or another descriptor), so a
/// reader on a pipe sees each prompt as soon as it is written.
enum StandardOutput {
    static func write(_ text: String, to descriptor: Int32 = 1) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let count = bytes.withUnsafeBytes { systemWrite(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return
            }
            bytes = bytes.dropFirst(count)
        }
    }
}
