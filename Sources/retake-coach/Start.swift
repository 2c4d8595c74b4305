import ArgumentParser
import Coach
import Dispatch
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
                help: ArgumentHelp("Continue a saved session: the most recently changed unfinished one, or this file.",
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

        @Flag(help: "For pack authors: :why, :how and :whatif also name the rules and facts.")
        var explainRules = false

        /// What `--resume` with no file stands for.
        ///
        /// NB: empty, as no file has that name, and the help prints this
        /// value beside the option unless it is empty; the option's own text
        /// already says it in words.
        static let latest = ""

        func run() throws {
            try checkOutputs(transcript, report, calendar)
            let named = try self.pack.namedPack()
            let environment = ProcessInfo.processInfo.environment
            let store = SessionStore.defaultFolder(environment: environment).map(SessionStore.init(folder:))
            // Answers are typed with line editing whenever input is a
            // terminal, also when output is piped (`| tee`).
            let terminal = isatty(0) == 1
            let reader: LineReader = terminal
                ? EditLineReader(historyFile: noHistory ? nil : store.map(\.historyFile))
                : PlainLineReader()
            func coloured(_ descriptor: Int32) -> Bool {
                color == .always || (color == .auto && isatty(descriptor) == 1 && environment["NO_COLOR"] == nil)
            }
            let console = TerminalConsole(reader: reader, colour: coloured(1), errorColour: coloured(2))

            var resumed: (session: SavedSession, lock: SessionLock?, copy: Bool)?
            // The pack: the one named; a resumed session's exam's; else the
            // newest exam's until the session asks which was sat.
            var pack = try named ?? openPack(exams.entries.first?.folder)
            if let resume {
                let found = try savedSession(resume, store: store)
                try self.pack.check(against: found.session)
                if named == nil { pack = try openPack(found.session.exam.map { try examEntry($0).folder }) }
                // A finished session has nothing left to ask: its plan is
                // what the candidate is after, as `plan` shows it.
                guard !found.session.complete else {
                    print(pack.texts["session.finished_before", [
                        "started": found.session.startedReadable,
                        "answers": plural(found.session.answers.count, "answer"),
                    ]])
                    print("")
                    try showPlan(found.session, pack: pack, now: self.pack.now?.moment, format: .text,
                                 report: report, calendar: calendar)
                    return
                }
                resumed = found
            }
            var options = Session.Options()
            options.strict = strict
            options.explainRules = explainRules
            options.arguments = transcriptArguments()
            if named == nil, resumed == nil { options.exams = exams }
            options.exam = try self.pack.exam.map { try examEntry($0).id }
            let kept = KeptFlag(resumed != nil)
            options.keptChanged = { kept.value = $0 }
            let session = Session(pack: pack, console: console, now: self.pack.clock, store: store,
                                  resuming: resumed?.session, lock: resumed?.lock, copied: resumed?.copy ?? false,
                                  options: options)
            let texts = pack.texts
            Signals.onTermination { signal in
                EditLineReader.restoreTerminal()
                StandardOutput.write("\n" + texts[kept.value ? "session.quit" : "session.quit_empty"] + "\n", to: 2)
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
                let texts = session.pack.texts
                try writeFile(report) { Report(assessment, texts: texts).rendered(as: .markdown) }
                try writeFile(calendar) { Calendar(assessment, texts: texts, identity: session.savedSession.id).text }
            }
            if status != 0 { throw ExitCode(status) }
        }

        /// The session `--resume` names, held for this process: read again
        /// once locked, so answers another process gave before it let go
        /// are not lost. A finished one is returned without a lock.
        private func savedSession(_ path: String, store: SessionStore?) throws
            -> (session: SavedSession, lock: SessionLock?, copy: Bool) {
            guard path == Start.latest else {
                let session = try readSession(path)
                guard !session.complete, let store else { return (session, nil, false) }
                // A copy kept elsewhere goes on as a session of its own: the
                // kept one of the same id is never written over by it.
                if !store.isOwnFile(path, of: session) {
                    return (session, nil, true)
                }
                let lock: SessionLock?
                do {
                    lock = try hold(session.id, in: store)
                } catch {
                    // EX_TEMPFAIL: nothing is wrong with the session; it can
                    // be resumed once the other process has ended.
                    printError(error.description)
                    throw ExitCode(75)
                }
                return lock == nil ? (session, nil, false) : (try readSession(path), lock, false)
            }
            let kept = store?.sessions() ?? []
            var elsewhere: [String] = []
            for candidate in kept where !candidate.session.complete {
                guard let store else { break }
                let lock: SessionLock?
                do {
                    lock = try hold(candidate.session.id, in: store)
                } catch {
                    elsewhere.append(candidate.session.id)
                    continue
                }
                guard let lock else { return (candidate.session, nil, false) }
                if let session = try? SessionStore.load(candidate.path), !session.complete { return (session, lock, false) }
            }
            if !elsewhere.isEmpty {
                printError("every unfinished session is open in another retake-coach (\(elsewhere.joined(separator: ", "))); "
                           + "go on there, or end it first")
                throw ExitCode(75)
            }
            printError("there is no unfinished session to resume"
                       + (kept.contains(where: \.session.complete) ? "; `retake-coach plan` shows the plan of the last finished one" : ""))
            throw ExitCode(66)
        }

        /// Locks the kept session `id`; nil when the store cannot be
        /// written (the session goes on and says it cannot be saved).
        /// Throws when another process holds it.
        private func hold(_ id: String, in store: SessionStore) throws(SessionStore.StoreError) -> SessionLock? {
            do {
                return try store.lock(id)
            } catch {
                guard case .openElsewhere = error else { return nil }
                throw error
            }
        }

        /// The options a replay needs to run the session the same way.
        private func transcriptArguments() -> [String] {
            var arguments: [String] = []
            if let exam = pack.exam { arguments += ["--exam", exam] }
            if strict { arguments.append("--strict") }
            if explainRules { arguments.append("--explain-rules") }
            if color != .auto { arguments += ["--color", color.rawValue] }
            return arguments
        }
    }

    enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
        case auto, always, never
    }
}

/// Whether the session keeps any answer, set on the session's thread and
/// read by the signal handler on another.
private final class KeptFlag: @unchecked Sendable {
    private let queue = DispatchQueue(label: "retake-coach.kept")
    private var state: Bool

    init(_ value: Bool) { state = value }

    var value: Bool {
        get { queue.sync { state } }
        set { queue.sync { state = newValue } }
    }
}
