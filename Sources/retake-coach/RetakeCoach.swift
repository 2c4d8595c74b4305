import ArgumentParser

/// The `retake-coach` command: a coach for the first days after a failed
/// AI-102 attempt.
@main
struct RetakeCoach: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retake-coach",
        abstract: "Coaching for the first 48 hours after a failed AI-102 exam.",
        subcommands: [Start.self, Assess.self, ReplayCommand.self, Check.self, Forget.self, Sessions.self, Plan.self],
        defaultSubcommand: Start.self
    )

    /// `--resume` may stand alone (the latest unfinished session) or name a
    /// file; the parser needs a value, so a lone one gets a placeholder.
    static func main() {
        var arguments = Array(CommandLine.arguments.dropFirst())
        if let index = arguments.firstIndex(of: "--resume"),
           index + 1 == arguments.count || arguments[index + 1].hasPrefix("-") {
            arguments.insert(Start.latest, at: index + 1)
        }
        main(arguments)
    }
}
