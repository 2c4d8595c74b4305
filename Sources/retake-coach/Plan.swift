import ArgumentParser
import Coach
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RuleEngine

extension RetakeCoach {
    /// `retake-coach plan [ID|FILE]`: a kept session's plan, shown again.
    struct Plan: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the plan of the last finished session, or of the one named.",
            discussion: """
                ID is a session's identifier as `retake-coach sessions` lists it; FILE is the path of \
                a saved session (a path that exists, or one with a / or ending in .json). The plan is \
                worked out at the moment the session was last answered, so it reads as it did then; \
                --now works it out at another.
                """
        )

        @Argument(help: ArgumentHelp("A session's identifier or file (default: the last finished session).",
                                     valueName: "id|file"))
        var session: String?

        @OptionGroup var pack: PackOptions

        @OptionGroup var output: ReportOptions

        func run() throws {
            try checkOutputs(output.report, output.calendar)
            let named = try self.pack.namedPack()
            let store = SessionStore.defaultFolder(environment: ProcessInfo.processInfo.environment)
                .map(SessionStore.init(folder:))
            let (path, saved) = try chosenSession(store)
            // The session's own exam, unless a pack is named; sessions kept
            // before the exam was chosen were AI-102's.
            try self.pack.check(against: saved)
            let pack = try named ?? openPack(saved.exam.map { try examEntry($0).folder })
            if !saved.complete {
                // What can be worked out is shown, as `assess` shows a
                // partial facts file; the note says why it is partial.
                printError(pack.texts["session.unfinished_plan", [
                    "started": saved.startedReadable, "answers": plural(saved.answers.count, "answer"), "file": path,
                ]])
            }
            try showPlan(saved, pack: pack, now: self.pack.now?.moment, format: output.format, report: output.report,
                         calendar: output.calendar)
        }

        private func chosenSession(_ store: SessionStore?) throws -> (path: String, session: SavedSession) {
            guard let name = session else {
                guard let latest = store?.sessions().first(where: \.session.complete) else {
                    printError("no finished session is kept" + (store.map { " in \($0.sessionsFolder)" } ?? "")
                               + "; `retake-coach sessions` lists the sessions kept")
                    throw ExitCode(66)
                }
                return (latest.path, latest.session)
            }
            if FileManager.default.fileExists(atPath: name) || name.contains("/") || name.hasSuffix(".json") {
                return (name, try readSession(name))
            }
            guard let store else {
                printError("no session '\(name)' is kept: there is no home or state folder")
                throw ExitCode(66)
            }
            let path = store.path(ofIdentifier: name)
            guard FileManager.default.fileExists(atPath: path) else {
                let hint = Spelling.suggestion(for: name, among: store.sessions().map(\.session.id))
                    .map { "; did you mean '\($0)'?" } ?? "; `retake-coach sessions` lists the sessions kept"
                printError("no session '\(name)' is kept in \(store.sessionsFolder)\(hint)")
                throw ExitCode(66)
            }
            return (path, try readSession(path))
        }
    }
}

/// Reads a saved session, or exits: 66 when the file is missing, 65 when
/// it is no saved session.
func readSession(_ path: String) throws -> SavedSession {
    do {
        return try SessionStore.load(path)
    } catch {
        printError(error.description)
        throw ExitCode(FileManager.default.fileExists(atPath: path) ? 65 : 66)
    }
}

/// Prints a kept session's plan as `assess` prints one, at the moment the
/// session was last answered (or `now`), and writes the files asked for.
func showPlan(_ saved: SavedSession, pack: CoachPack, now: Moment?, format: RetakeCoach.OutputFormat,
              report: String?, calendar: String?) throws {
    let assessment: Assessment
    do {
        assessment = try pack.assess(saved, now: now)
    } catch {
        printError(error.description)
        throw ExitCode(65)
    }
    printAssessment(assessment, texts: pack.texts, format: format)
    try writeFile(report) { Report(assessment, texts: pack.texts).rendered(as: .markdown) }
    try writeFile(calendar) { Calendar(assessment, texts: pack.texts, identity: saved.id).text }
}

/// The assessment on standard output, in `format`.
func printAssessment(_ assessment: Assessment, texts: Texts, format: RetakeCoach.OutputFormat) {
    switch format {
    case .json: print(assessment.json.rendered())
    case .text: print(Report(assessment, texts: texts).rendered(as: .text), terminator: "")
    case .markdown: print(Report(assessment, texts: texts).rendered(as: .markdown), terminator: "")
    }
}
