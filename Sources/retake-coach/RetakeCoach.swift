import ArgumentParser

/// The `retake-coach` command: a coach for the first days after a failed
/// AI-102 attempt.
@main
struct RetakeCoach: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retake-coach",
        abstract: "Coaching for the first 48 hours after a failed AI-102 exam.",
        subcommands: [Assess.self, Check.self]
    )
}
