/// Where a session's words go and its answers come from. The executable
/// provides one for a terminal (line editing) and one for a pipe; tests and
/// transcript replay provide scripted ones.
public protocol Console: AnyObject {
    /// Writes one or more lines.
    func write(_ text: String, style: OutputStyle)
    /// Reads one answer after `prompt`; `completions` are what TAB may
    /// complete.
    func read(prompt: String, completions: Completions) -> ConsoleInput
    /// How many columns a line may take: the terminal's width, 80 when
    /// output is not a terminal.
    var columns: Int { get }
}

extension Console {
    public var columns: Int { 80 }
}

/// What a line of output is, so a terminal can set it apart.
public enum OutputStyle: Sendable {
    case plain
    case heading
    case question
    case problem
    case notice
    /// How the session ended and how to go on: a terminal writes it to
    /// standard error, apart from the session's output.
    case closing
}

/// What reading an answer gave.
public enum ConsoleInput: Sendable, Equatable {
    case line(String)
    /// Ctrl-C: the line being typed was cancelled.
    case cancelled
    /// Ctrl-D on an empty line, or the end of piped input.
    case endOfInput
}
