import ArgumentParser
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
import RuleEngine

extension RetakeCoach {
    /// The coaching session: `retake-coach` with no subcommand. Its options
    /// are the root command's (see `RetakeCoach`), so they show in its help.
    struct Start: ParsableArguments {
        @OptionGroup var pack: PackOptions

        @Option(help: ArgumentHelp("Record the session as a transcript in this file.", valueName: "file"),
                completion: .file(extensions: ["transcript"]))
        var transcript: String?

        // NB: `--resume` may stand alone (the latest unfinished session) or
        // name a file; the value is taken only when the next argument is not
        // an option.
        @Option(defaultAsFlag: Start.latest, parsing: .next,
                help: ArgumentHelp("Continue a saved session: the latest unfinished one, or this file.",
                                   valueName: "file"),
                completion: .file(extensions: ["json"]))
        var resume: String?

        @Flag(help: "Keep no history of typed lines.")
        var noHistory = false

        @Option(help: "auto, always or never (NO_COLOR is respected).")
        var color: ColorChoice = .auto

        @Option(help: ArgumentHelp("At the end, write the plan as Markdown to this file.", valueName: "file.md"),
                completion: .file(extensions: ["md"]))
        var report: String?

        @Option(help: ArgumentHelp("At the end, write the plan's dates to this iCalendar file.", valueName: "file.ics"),
                completion: .file(extensions: ["ics"]))
        var calendar: String?

        @Flag(help: "With piped answers: stop at the first invalid answer (exit 65).")
        var strict = false

        /// What `--resume` with no file stands for.
        ///
        /// NB: empty, as no file has that name, and the help prints this
        /// value beside the option unless it is empty; the option's own text
        /// already says it in words.
        static let latest = ""

        func run() throws {
            let pack = try openPack(self.pack.rules)
            let environment = ProcessInfo.processInfo.environment
            let store = SessionStore.defaultFolder(environment: environment).map(SessionStore.init(folder:))
            let terminal = isatty(0) == 1 && isatty(1) == 1
            let reader: LineReader = terminal
                ? EditLineReader(historyFile: noHistory ? nil : store.map(\.historyFile))
                : PlainLineReader()
            let colour = color == .always || (color == .auto && terminal && environment["NO_COLOR"] == nil)
            let console = TerminalConsole(reader: reader, colour: colour)

            var resumed: SavedSession?
            if let resume {
                resumed = try savedSession(resume, store: store)
            }
            var options = Session.Options()
            options.strict = strict
            options.arguments = transcriptArguments()
            let session = Session(pack: pack, console: console, now: self.pack.clock, store: store,
                                  resuming: resumed, options: options)
            Signals.onTermination { signal in
                EditLineReader.restoreTerminal()
                StandardOutput.write("\n" + pack.texts["session.quit"] + "\n")
                // NB: _exit, not exit: no atexit work may wait on the main
                // thread, which sits in the line editor; every answer is
                // saved already and output is written unbuffered.
                _exit(128 + signal)
            }
            let outcome = session.run()
            let status = outcome == .endOfInput && terminal ? 0 : outcome.exitStatus
            if let transcript {
                try writeFile(transcript) { session.transcript(exit: status).text }
            }
            if outcome == .finished, let assessment = try? session.assessment() {
                try writeFile(report) { Report(assessment, texts: pack.texts).rendered(as: .markdown) }
                try writeFile(calendar) { Calendar(assessment, texts: pack.texts).text }
            }
            if status != 0 { throw ExitCode(status) }
        }

        private func savedSession(_ path: String, store: SessionStore?) throws -> SavedSession {
            if path == Start.latest {
                guard let latest = store?.latestUnfinished() else {
                    printError("there is no unfinished session to resume")
                    throw ExitCode(66)
                }
                return latest.session
            }
            do {
                return try SessionStore.load(path)
            } catch {
                printError(error.description)
                throw ExitCode(FileManager.default.fileExists(atPath: path) ? 65 : 66)
            }
        }

        /// The options a replay needs to run the session the same way.
        private func transcriptArguments() -> [String] {
            var arguments: [String] = []
            if strict { arguments.append("--strict") }
            if color != .auto { arguments += ["--color", color.rawValue] }
            return arguments
        }
    }

    enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
        case auto, always, never
    }
}
