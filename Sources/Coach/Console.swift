/// Where a session's words go and its answers come from. The executable
/// provides one for a terminal (line editing) and one for a pipe; tests and
/// transcript replay provide scripted ones.
public protocol Console: AnyObject {
    /// Writes one or more lines.
    func write(_ text: String, style: OutputStyle)
    /// Reads one answer after `prompt`; `completions` are the words TAB may
    /// complete (the question's choices and the meta-commands).
    func read(prompt: String, completions: [String]) -> ConsoleInput
}

/// What a line of output is, so a terminal can set it apart.
public enum OutputStyle: Sendable {
    case plain
    case heading
    case question
    case problem
    case notice
}

/// What reading an answer gave.
public enum ConsoleInput: Sendable, Equatable {
    case line(String)
    /// Ctrl-C: the line being typed was cancelled.
    case cancelled
    /// Ctrl-D on an empty line, or the end of piped input.
    case endOfInput
}
