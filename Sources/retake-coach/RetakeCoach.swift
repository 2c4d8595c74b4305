import ArgumentParser
import RuleEngine

/// The `retake-coach` command: a coach for the first days after a failed
/// AI-102 or AI-103 attempt.
///
/// With no subcommand it runs the session. The session's options are the
/// root command's own, so `retake-coach --help`, the completion scripts and
/// the manual list them beside the subcommands.
@main
struct RetakeCoach: ParsableCommand {
    /// What `--version` prints; the one place the version is written.
    static let version = "1.0.0"

    /// The subcommands, in the order the help lists them.
    static let subcommands: [ParsableCommand.Type] = [Assess.self, Plan.self, Sessions.self, ReplayCommand.self, Check.self, RunCommand.self, Forget.self]

    static let configuration = CommandConfiguration(
        commandName: "retake-coach",
        abstract: "Coaching for the first 48 hours after a failed Azure AI exam (AI-102 or AI-103).",
        // NB: the parser's own usage ends in a required `<subcommand>`; the
        // session runs without one. The options' part is the parser's,
        // after the name it gives the type.
        usage: """
            retake-coach\(Start.usageString().drop { $0 != " " })
            retake-coach <subcommand>
            """,
        discussion: """
            With no subcommand: the guided session, questions and then your plan. When standard \
            input is a terminal, answers are typed with line editing (TAB completes, Up and Down \
            recall, Ctrl-Z suspends), also with output piped or sent to a file. Otherwise answers \
            are read from standard input, one a line.
            """,
        version: version,
        subcommands: subcommands
    )

    @OptionGroup var session: Start

    func run() throws {
        try session.run()
    }

    /// Sends a subcommand's arguments to `Subcommands`, everything else to
    /// the session; a first word that names no command is refused at once.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard let first = arguments.first, !first.hasPrefix("-") else {
            return session(arguments)
        }
        if let complaint = unknownCommand(first) {
            printError(complaint)
            exit(withError: ExitCode.validationFailure)
        }
        // `help` is the parser's own: asked here, it shows this command's help.
        if first == "help" {
            main(arguments)
        } else {
            Subcommands.main(arguments)
        }
    }

    /// Runs the session. The parser would also run a subcommand named after
    /// the options; that is refused, as its options would be taken for the
    /// session's.
    private static func session(_ arguments: [String]) {
        do {
            var command = try parseAsRoot(arguments)
            let chosen = ObjectIdentifier(type(of: command))
            if let subcommand = subcommands.first(where: { ObjectIdentifier($0) == chosen }) {
                printError("'\(subcommand._commandName)' comes first: options before a command are the session's")
                exit(withError: ExitCode.validationFailure)
            }
            try command.run()
        } catch {
            exit(withError: error)
        }
    }

    /// Why `word` cannot start the command line, or nil when it names a
    /// subcommand: the session takes no positional arguments, so a first
    /// word can only be a mistyped command, and the parser would blame the
    /// options after it instead.
    ///
    ///     unknownCommand("asses")  // "unknown command 'asses'; did you mean 'assess'?"
    static func unknownCommand(_ word: String) -> String? {
        // NB: the names are read from the configuration, so a subcommand
        // added there is known here too. `help` is the parser's own.
        let commands = configuration.subcommands
        let names = commands.flatMap { [$0._commandName] + $0.configuration.aliases } + ["help"]
        guard !names.contains(word) else { return nil }
        if let suggestion = Spelling.suggestion(for: word, among: names) {
            return "unknown command '\(word)'; did you mean '\(suggestion)'?"
        }
        let shown = commands.filter { $0.configuration.shouldDisplay }.map { $0._commandName }
        return "unknown command '\(word)'; the commands are \(shown.joined(separator: ", "))"
    }
}

extension RetakeCoach {
    /// The root a subcommand is parsed under: `retake-coach` again, without
    /// the session's options.
    ///
    /// NB: a root's options are looked for in every argument, the
    /// subcommand's too, so under `RetakeCoach` the session would take
    /// `assess --report FILE` and `replay --rules DIR` for itself.
    struct Subcommands: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "retake-coach",
            abstract: RetakeCoach.configuration.abstract,
            version: RetakeCoach.version,
            subcommands: RetakeCoach.subcommands
        )
    }
}
