import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A program running on a real pseudo-terminal, as a candidate would run it
/// in a terminal window: keys are typed into the master side, and what the
/// program writes is kept and rendered as a screen.
///
/// The program is started through `setsid -c`, so the pty is its controlling
/// terminal: a typed Ctrl-C is a real one, and any signal the program sends
/// to its process group cannot reach the test runner. Every wait has a
/// timeout and fails with the screen so far; `end()` (or deinit) kills the
/// program if it is still running and closes the master.
final class PseudoTerminal {
    /// The bytes a key sends.
    enum Key {
        static let tab = "\t"
        static let enter = "\r"
        static let up = "\u{1B}[A"
        static let ctrlC = "\u{03}"
        static let ctrlD = "\u{04}"
        static let ctrlZ = "\u{1A}"
        static let backspace = "\u{7F}"
    }

    enum Termination: Equatable, CustomStringConvertible {
        case exited(Int32)
        case signalled(Int32)

        var description: String {
            switch self {
            case .exited(let status): "exited with status \(status)"
            case .signalled(let signal): "killed by signal \(signal)"
            }
        }
    }

    /// A wait that timed out, or a program that ended too soon; it carries
    /// the screen as it was.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let pid: pid_t
    private var master: Int32
    private(set) var output: [UInt8] = []
    private(set) var termination: Termination?
    /// No more output can come: every copy of the slave side is closed.
    private var masterClosed = false
    /// The screen row of the last prompt waited for.
    private(set) var promptRow = -1

    /// Starts `executable` on a new pty, `columns` wide and 24 rows high,
    /// with the test runner's environment, less NO_COLOR, plus `environment`.
    init(executable: String, arguments: [String], environment: [String: String], columns: Int = 80) throws {
        // Glibc's Swift module leaves the pty functions out (they are behind
        // _XOPEN_SOURCE in <stdlib.h>), so they are looked up in the C
        // library by name.
        let library = dlopen(nil, RTLD_NOW)
        defer { if let library { dlclose(library) } }
        func function<T>(_ name: String, _ type: T.Type) throws -> T {
            guard let symbol = dlsym(library, name) else { throw Failure(description: "no \(name) in the C library") }
            return unsafeBitCast(symbol, to: type)
        }
        typealias Call = @convention(c) (Int32) -> Int32
        let openpt = try function("posix_openpt", Call.self), grantpt = try function("grantpt", Call.self)
        let unlockpt = try function("unlockpt", Call.self)
        let ptsname = try function("ptsname_r", (@convention(c) (Int32, UnsafeMutablePointer<CChar>?, Int) -> Int32).self)

        master = openpt(O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard master >= 0 else { throw Failure(description: "posix_openpt: \(String(cString: strerror(errno)))") }
        var slave: Int32 = -1
        do {
            guard grantpt(master) == 0, unlockpt(master) == 0 else {
                throw Failure(description: "grantpt/unlockpt: \(String(cString: strerror(errno)))")
            }
            var name = [CChar](repeating: 0, count: 128)
            let named = ptsname(master, &name, name.count)
            guard named == 0 else { throw Failure(description: "ptsname_r: \(String(cString: strerror(named)))") }
            // O_CLOEXEC on both sides, so programs other tests start at the
            // same time do not inherit them (only the dup2 copies below are
            // inherited); the pty then closes when this program ends.
            slave = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC)
            guard slave >= 0 else { throw Failure(description: "open slave: \(String(cString: strerror(errno)))") }
            var size = winsize(ws_row: 24, ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
            _ = ioctl(slave, UInt(TIOCSWINSZ), &size)
            pid = try PseudoTerminal.spawn(executable: executable, arguments: arguments, environment: environment,
                                           slave: slave)
            close(slave)
        } catch {
            if slave >= 0 { close(slave) }
            close(master)
            throw error
        }
    }

    deinit {
        end()
    }

    private static func spawn(executable: String, arguments: [String], environment: [String: String],
                              slave: Int32) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for descriptor: Int32 in 0...2 { posix_spawn_file_actions_adddup2(&actions, slave, descriptor) }

        // Test-runner threads block most signals, and a spawned program
        // inherits that mask: without resetting it, the program would ignore
        // SIGINT and even SIGTERM.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        // setsid(1) is not a process-group leader here, so it execs the
        // program itself: the pid is the program's.
        let argv: [UnsafeMutablePointer<CChar>?] = (["/usr/bin/setsid", "-c", executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var variables = ProcessInfo.processInfo.environment
        // NB: `swift test` sets NO_COLOR; a test that wants it says so.
        variables["NO_COLOR"] = nil
        variables.merge(environment) { $1 }
        let envp: [UnsafeMutablePointer<CChar>?] = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }

        var pid: pid_t = 0
        let result = posix_spawn(&pid, "/usr/bin/setsid", &actions, &attributes, argv, envp)
        guard result == 0 else { throw Failure(description: "posix_spawn: \(String(cString: strerror(result)))") }
        return pid
    }

    // MARK: What the terminal shows

    var screen: Screen { Screen(output) }

    /// Whether the terminal is in raw mode (ICANON cleared), i.e. the line
    /// editor is reading keys.
    var isRaw: Bool {
        var settings = termios()
        guard master >= 0, tcgetattr(master, &settings) == 0 else { return false }
        return settings.c_lflag & tcflag_t(ICANON) == 0
    }

    // MARK: Typing

    func type(_ keys: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        var bytes = Array(keys.utf8)[...]
        while !bytes.isEmpty {
            let count = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw failure("typing \(keys.debugDescription) failed: \(String(cString: strerror(errno)))", sourceLocation)
            }
            bytes = bytes.dropFirst(count)
        }
    }

    /// Resizes the window, as dragging its edge would: the terminal
    /// signals SIGWINCH to the program.
    func resize(columns: Int, rows: Int = 24) {
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
    }

    // MARK: Waiting

    /// Reads output until `condition` holds for the screen; fails with the
    /// screen so far after `timeout`, or as soon as the program has ended
    /// without it.
    func waitUntil(_ what: String, timeout: Duration = .seconds(5), sourceLocation: SourceLocation = #_sourceLocation,
                   _ condition: (PseudoTerminal) -> Bool) throws {
        let deadline = ContinuousClock.now + timeout
        while true {
            if condition(self) { return }
            if masterClosed {
                reap(until: deadline)
                throw failure("the program ended (\(termination.map(\.description) ?? "still running")) "
                              + "without \(what)", sourceLocation)
            }
            let remaining = deadline - .now
            if remaining <= .zero { throw failure("timed out after \(timeout) waiting for \(what)", sourceLocation) }
            readOutput(waitingAtMost: min(remaining, .milliseconds(50)))
        }
    }

    /// Waits until `text` is on the screen, from the line of the last
    /// prompt waited for on (so an earlier question does not count); lines
    /// count as joined by a space, so a sentence matches however it was
    /// wrapped.
    func waitFor(_ text: String, timeout: Duration = .seconds(5), sourceLocation: SourceLocation = #_sourceLocation) throws {
        try waitUntil("\(text.debugDescription) on the screen", timeout: timeout, sourceLocation: sourceLocation) {
            $0.screen.lines.dropFirst(max($0.promptRow, 0)).joined(separator: " ").contains(text)
        }
    }

    /// Waits for a new empty prompt line `prompt` (below the last one
    /// waited for) with the line editor in raw mode, so typed keys are
    /// edited, not cooked by the terminal.
    func waitForPrompt(_ prompt: String = "> ", timeout: Duration = .seconds(5),
                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        var row = promptRow
        try waitUntil("a new prompt \(prompt.debugDescription) in raw mode", timeout: timeout, sourceLocation: sourceLocation) {
            let screen = $0.screen
            row = screen.row
            return screen.row > $0.promptRow && screen.currentLine == prompt && $0.isRaw
        }
        promptRow = row
    }

    /// Waits for the program to end, reading what it still writes.
    func waitForExit(timeout: Duration = .seconds(5), sourceLocation: SourceLocation = #_sourceLocation) throws -> Termination {
        let deadline = ContinuousClock.now + timeout
        while termination == nil {
            reap(until: .now)
            if termination != nil { break }
            if ContinuousClock.now >= deadline { throw failure("timed out after \(timeout) waiting for the program to end", sourceLocation) }
            readOutput(waitingAtMost: .milliseconds(20))
        }
        while !masterClosed && readOutput(waitingAtMost: .zero) {}
        return termination!
    }

    /// Kills the program if it still runs, and closes the terminal.
    func end() {
        if termination == nil {
            kill(pid, SIGKILL)
            reap(until: .now + .seconds(5))
        }
        if master >= 0 {
            close(master)
            master = -1
        }
    }

    /// Reads what is there, waiting up to `wait` for something; false when
    /// nothing was read.
    @discardableResult
    private func readOutput(waitingAtMost wait: Duration) -> Bool {
        guard !masterClosed, master >= 0 else {
            if wait > .zero { Thread.sleep(forTimeInterval: 0.005) }
            return false
        }
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(wait.components.seconds * 1000 + wait.components.attoseconds / 1_000_000_000_000_000)
        guard poll(&descriptor, 1, milliseconds) > 0 else { return false }
        var chunk = [UInt8](repeating: 0, count: 4096)
        let count = chunk.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
        if count > 0 {
            output += chunk[..<count]
            return true
        }
        if count == 0 || (errno != EINTR && errno != EAGAIN) { masterClosed = true }  // EIO: the slave is closed
        return false
    }

    /// Collects the program's exit status, polling until `deadline`.
    private func reap(until deadline: ContinuousClock.Instant) {
        while termination == nil {
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid {
                termination = status & 0x7F == 0 ? .exited((status >> 8) & 0xFF) : .signalled(status & 0x7F)
                return
            }
            if result < 0 && errno != EINTR { return }
            if ContinuousClock.now >= deadline { return }
            Thread.sleep(forTimeInterval: 0.005)
        }
    }

    private func failure(_ message: String, _ location: SourceLocation) -> Failure {
        let lines = screen.lines
        let shown = lines.suffix(40).joined(separator: "\n")
        return Failure(description: """
            \(location.fileName):\(location.line): \(message).
            The screen so far\(lines.count > 40 ? " (last 40 lines)" : ""):
            ----
            \(shown)
            ----
            """)
    }
}

/// What a terminal shows after some output: the lines, and where the
/// cursor is. Understands what a line editor uses (carriage return, line
/// feed, backspace, and the CSI cursor moves and erases); other escape
/// sequences are dropped. Lines are unbounded (no wrapping at 80 columns);
/// the program wraps its own text.
struct Screen {
    private var rows: [[Character]] = [[]]
    private(set) var row = 0
    private(set) var column = 0
    /// How many times the terminal beeped.
    private(set) var bells = 0

    init(_ bytes: [UInt8]) {
        var scalars = String(decoding: bytes, as: UTF8.self).unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            switch scalar {
            case "\u{1B}":
                guard let next = scalars.next() else { break }
                if next == "[" {
                    var parameters = ""
                    while let part = scalars.next() {
                        if (0x40...0x7E).contains(part.value) {
                            control(part, parameters)
                            break
                        }
                        parameters.unicodeScalars.append(part)
                    }
                } else if next == "]" {  // an operating-system command, to BEL or ESC \
                    while let part = scalars.next(), part != "\u{07}" {
                        if part == "\u{1B}" {
                            _ = scalars.next()
                            break
                        }
                    }
                } else if (0x20...0x2F).contains(next.value) {  // e.g. ESC ( B
                    while let part = scalars.next(), (0x20...0x2F).contains(part.value) {}
                }
            case "\r": column = 0
            case "\n": moveTo(row: row + 1)
            case "\u{08}": column = max(0, column - 1)
            case "\t": column = (column / 8 + 1) * 8
            case "\u{07}": bells += 1
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                put(Character(scalar))
            }
        }
    }

    var lines: [String] { rows.map { String($0) } }

    /// The line the cursor is on.
    var currentLine: String { String(rows[row]) }

    /// All lines, joined by newlines.
    var text: String { lines.joined(separator: "\n") }

    /// All lines joined by a space, as if nothing had been wrapped.
    var unwrapped: String { lines.joined(separator: " ") }

    private mutating func put(_ character: Character) {
        while rows[row].count < column { rows[row].append(" ") }
        if column < rows[row].count {
            rows[row][column] = character
        } else {
            rows[row].append(character)
        }
        column += 1
    }

    private mutating func moveTo(row target: Int) {
        row = max(0, target)
        while rows.count <= row { rows.append([]) }
    }

    private mutating func control(_ final: Unicode.Scalar, _ parameters: String) {
        if parameters.hasPrefix("?") || parameters.hasPrefix(">") { return }  // private modes
        let numbers = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        let first = numbers.first ?? nil
        let count = max(first ?? 1, 1)
        switch final {
        case "A": moveTo(row: row - count)
        case "B": moveTo(row: row + count)
        case "C": column += count
        case "D": column = max(0, column - count)
        case "G": column = count - 1
        case "H", "f":  // absolute, counted from the top of a 24-row screen
            moveTo(row: max(0, rows.count - 24) + count - 1)
            column = max((numbers.count > 1 ? numbers[1] : nil) ?? 1, 1) - 1
        case "K":
            switch first ?? 0 {
            case 1: for index in 0..<min(column + 1, rows[row].count) { rows[row][index] = " " }
            case 2: rows[row] = []
            default: if column < rows[row].count { rows[row].removeSubrange(column...) }
            }
        case "J":
            if (first ?? 0) == 0 {
                if column < rows[row].count { rows[row].removeSubrange(column...) }
                rows.removeSubrange((row + 1)...)
            }
        default: break  // colours and modes change nothing here
        }
    }
}
