import Foundation
import Testing

/// What the command line itself says: help, version, and a command or
/// option in the wrong place.
@Suite("retake-coach command line")
struct CommandLineTests {
    @Test func helpListsTheSessionsOptionsAndTheSubcommands() throws {
        let run = try Binary.run("--help")
        #expect(run.status == 0)
        #expect(run.stderr == "")
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let usage = try #require(lines.firstIndex { $0.hasPrefix("USAGE: ") })
        #expect(lines[usage].hasPrefix("USAGE: retake-coach [--now <date>] "))
        #expect(lines[usage].contains(" [--resume [<file>]] "))
        #expect(lines[usage + 1] == "       retake-coach <subcommand>")
        for option in ["--resume [<file>]", "--report <file.md>", "--calendar <file.ics>", "--transcript <file>",
                       "--strict", "--color <color>", "--no-history", "--version"] {
            #expect(lines.contains { $0.hasPrefix("  \(option) ") }, "no line for \(option)")
        }
        let subcommands = try #require(lines.firstIndex(of: "SUBCOMMANDS:"))
        for command in ["assess", "replay", "check", "run", "forget"] {
            #expect(lines[subcommands...].contains { $0.hasPrefix("  \(command) ") }, "no line for \(command)")
        }
        #expect(try Binary.run("-h").stdout == run.stdout)
        #expect(try Binary.run("help").stdout == run.stdout)
    }

    @Test func aSubcommandsHelpIsItsOwn() throws {
        for arguments in [["help", "assess"], ["assess", "--help"]] {
            let run = try Binary.run(arguments)
            #expect(run.status == 0)
            #expect(run.stdout.contains("USAGE: retake-coach assess --facts <file> "))
            #expect(!run.stdout.contains("--resume"))
        }
    }

    @Test func versionPrintsOneVersionNumber() throws {
        let run = try Binary.run("--version")
        #expect(run.status == 0)
        #expect(run.stderr == "")
        #expect(run.stdout.wholeMatch(of: /\d+\.\d+\.\d+\n/) != nil, "\(run.stdout)")
    }

    @Test func aMistypedCommandIsNamedWithTheNearestOne() throws {
        let run = try Binary.run("asses", "--facts", "x")
        #expect(run.stderr == "retake-coach: unknown command 'asses'; did you mean 'assess'?\n")
        #expect(run.stdout == "")
        #expect(run.status == 64)
    }

    @Test func anUnknownCommandWithNoNearOneListsTheCommands() throws {
        let run = try Binary.run("frobnicate")
        #expect(run.stderr == "retake-coach: unknown command 'frobnicate'; the commands are assess, plan, sessions, replay, check, run, forget\n")
        #expect(run.stdout == "")
        #expect(run.status == 64)
    }

    @Test func sessionOptionsBeforeACommandAreAUsageError() throws {
        let run = try Binary.run("--strict", "assess", "--facts", "x")
        #expect(run.stderr == "retake-coach: 'assess' comes first: options before a command are the session's\n")
        #expect(run.stdout == "")
        #expect(run.status == 64)
    }

    /// The session's options share names with some of the subcommands'
    /// (`--report`, `--rules`); after a subcommand they are its own.
    @Test func aSubcommandKeepsTheOptionsTheSessionAlsoHas() throws {
        let strict = try Binary.run("assess", "--facts", "x", "--strict")
        #expect(strict.stderr.hasPrefix("Error: Unknown option '--strict'\n"))
        #expect(strict.status == 64)
        let rules = try Binary.run("replay", "--rules", "/nonexistent/pack", "x.transcript")
        #expect(rules.stderr.contains("/nonexistent/pack"))
        #expect(rules.status == 66)
    }
}
