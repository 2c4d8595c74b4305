import Foundation
import Testing

/// Kept sessions from the command line: `sessions`, `plan`, `--resume`,
/// and the lock that keeps a second process from writing one in use.
@Suite("retake-coach sessions, plan and --resume")
struct KeptSessionCommandTests {
    static let now = ["--exam", "ai102", "--now", "2023-12-02T18:00"]
    static let reader = SessionCommandTests.reader.joined(separator: "\n") + "\n"

    /// A fresh `$XDG_STATE_HOME`, removed by `remove()`.
    struct State {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kept-\(UUID().uuidString)")
        var environment: [String: String] { ["XDG_STATE_HOME": url.path] }
        var sessions: String { url.path + "/retake-coach/sessions" }
        func file(_ id: String) -> String { sessions + "/\(id).json" }
        func remove() { try? FileManager.default.removeItem(at: url) }

        func run(_ arguments: [String], input: String = "") throws -> Binary.Run {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            return try Binary.run(arguments, in: url, input: input, environment: environment)
        }
    }

    private func report(_ name: String) throws -> String {
        try String(contentsOf: AssessCommandTests.reports.appendingPathComponent(name), encoding: .utf8)
    }

    @Test func resumeTakesTheMostRecentlyChangedSessionAndSaysWhich() throws {
        let state = State()
        defer { state.remove() }
        // Two sessions in one minute: the second gets the name `…-2`.
        #expect(try state.run(Self.now, input: "2023-12-02 15:00\n1\n").status == 3)
        #expect(try state.run(Self.now, input: "2023-12-01 10:00\n").status == 3)
        let latest = try state.run(Self.now + ["--resume"])
        #expect(latest.stdout.hasPrefix("Welcome back. Resuming the session started 2023-12-02 18:00 (1 answer).\n"))
        #expect(latest.status == 3)
        // The first one answered again is now the one most recently changed.
        let first = try state.run(Self.now + ["--resume", state.file("2023-12-02T18-00")], input: "\n612\n")
        #expect(first.status == 3)
        let again = try state.run(Self.now + ["--resume"])
        #expect(again.stdout.hasPrefix("Welcome back. Resuming the session started 2023-12-02 18:00 (4 answers).\n"))
        #expect(again.stderr.hasPrefix("The session ended after 4 answers, before it was complete.\n"))
    }

    @Test func aCopyOfASessionGoesOnAsASessionOfItsOwn() throws {
        let state = State()
        defer { state.remove() }
        #expect(try state.run(Self.now, input: "2023-12-02 15:00\n1\n").status == 3)
        let copy = state.url.appendingPathComponent("backup.json").path
        try FileManager.default.copyItem(atPath: state.file("2023-12-02T18-00"), toPath: copy)
        let rest = SessionCommandTests.reader.dropFirst(2).joined(separator: "\n") + "\n"
        #expect(try state.run(Self.now + ["--resume"], input: rest).status == 0)
        let finished = try String(contentsOfFile: state.file("2023-12-02T18-00"), encoding: .utf8)

        let later = try state.run(["--now", "2023-12-02T18:20", "--resume", copy], input: "700\n")
        #expect(later.stdout.hasPrefix("Welcome back. Resuming the session started 2023-12-02 18:00 (2 answers).\n"))
        #expect(later.stderr.contains("Your answers are kept in \(state.file("2023-12-02T18-20"))."))
        // The finished session is as it was, and the copy too.
        #expect(try String(contentsOfFile: state.file("2023-12-02T18-00"), encoding: .utf8) == finished)
        #expect(try String(contentsOfFile: copy, encoding: .utf8).contains("\"complete\" : false"))
        #expect(try state.run(["sessions"]).stdout.contains("  2023-12-02 18:00  22 answers  finished    2023-12-02T18-00\n"))
    }

    @Test func anAnswerThatNoLongerHoldsIsAskedAgainOnResume() throws {
        let state = State()
        defer { state.remove() }
        let upToTarget = SessionCommandTests.reader.dropLast().joined(separator: "\n") + "\n"
        #expect(try state.run(Self.now, input: upToTarget).status == 3)
        let resumed = try state.run(["--now", "2023-12-26T18:00", "--resume"], input: "2024-03-04\n12\n")
        #expect(resumed.stdout.contains("""
            Your answer to "When would you like to retake?" no longer holds: 2023-12-24
            has already passed; give a date from today on, or none. It is asked again.
            """))
        #expect(resumed.stdout.contains("- Your target date: 2024-03-04"))
        #expect(resumed.status == 0)
    }

    @Test func aSessionOpenElsewhereIsLeftAloneUntilThatProcessEnds() throws {
        let state = State()
        defer { state.remove() }
        #expect(try state.run(Self.now, input: "2023-12-02 15:00\n1\n").status == 3)
        let file = state.file("2023-12-02T18-00")
        let first = try HeldSession(Self.now + ["--resume", file], state: state)
        defer { first.kill() }
        try first.waitFor("Which of these lists of sections does your score report show?")
        let before = try Data(contentsOf: URL(fileURLWithPath: file))
        let changed = try FileManager.default.attributesOfItem(atPath: file)[.modificationDate] as? Date

        let second = try state.run(Self.now + ["--resume", file], input: "\n612\n")
        #expect(second.stdout == "")
        #expect(second.stderr == "retake-coach: the session 2023-12-02T18-00 is open in another retake-coach; go on there, or end it first\n")
        #expect(second.status == 75)
        let latest = try state.run(Self.now + ["--resume"], input: "\n612\n")
        #expect(latest.stdout == "")
        #expect(latest.stderr == "retake-coach: every unfinished session is open in another retake-coach (2023-12-02T18-00); go on there, or end it first\n")
        #expect(latest.status == 75)
        #expect(try state.run(["sessions"]).stdout.contains("2 answers  unfinished, open in another retake-coach  2023-12-02T18-00\n"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before)
        #expect(try FileManager.default.attributesOfItem(atPath: file)[.modificationDate] as? Date == changed)

        // The kernel lets go of the lock however the process ends.
        first.kill()
        let after = try state.run(Self.now + ["--resume", file], input: "\n612\n")
        #expect(after.stdout.hasPrefix("Welcome back. Resuming the session started 2023-12-02 18:00 (2 answers).\n"))
        #expect(after.status == 3)
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains("\"answer\" : \"612\""))
    }

    @Test func aSessionEndedBySIGTERMBeforeItsFirstAnswerSaysNothingWasKept() throws {
        let state = State()
        defer { state.remove() }
        let session = try HeldSession(Self.now, state: state)
        defer { session.kill() }
        try session.waitFor("When did you sit the exam?")
        let (rest, status) = session.end(SIGTERM)
        #expect(rest.hasSuffix("\nStopped before the first answer; nothing was kept.\n"))
        #expect(status == 128 + SIGTERM)
        #expect(!FileManager.default.fileExists(atPath: state.sessions))
    }

    @Test func sessionsListsEachKeptSessionMostRecentlyChangedFirst() throws {
        let state = State()
        defer { state.remove() }
        let none = try state.run(["sessions"])
        #expect(none.stdout == "No session is kept in \(state.sessions).\n")
        #expect(none.status == 0)
        #expect(try state.run(Self.now, input: "2023-12-02 15:00\n1\n").status == 3)
        #expect(try state.run(Self.now, input: Self.reader).status == 0)
        #expect(try state.run(Self.now, input: ":quit\n").status == 0)
        let run = try state.run(["sessions"])
        #expect(run.stdout == """
            Sessions kept in \(state.sessions), the most recently answered first:
              2023-12-02 18:00  22 answers  finished    2023-12-02T18-00-2
              2023-12-02 18:00   2 answers  unfinished  2023-12-02T18-00

            """)
        #expect(run.stderr == "")
        #expect(run.status == 0)
    }

    @Test func planShowsAFinishedSessionsPlanAsTheSessionEndedIt() throws {
        let state = State()
        defer { state.remove() }
        let folder = state.url.path
        let session = try state.run(Self.now + ["--report", folder + "/session.md", "--calendar", folder + "/session.ics"],
                                    input: Self.reader)
        #expect(session.status == 0)
        let end = try #require(session.stdout.components(separatedBy: "That is everything. Here is your plan.\n\n").last)

        // No clock given: the plan is worked out at the session's own.
        let text = try state.run(["plan"])
        #expect(text.stdout == (try report("documentation_reader.txt")))
        #expect(text.stdout.hasSuffix(end))
        #expect(text.stderr == "")
        #expect(text.status == 0)
        let markdown = try state.run(["plan", "2023-12-02T18-00", "--format", "markdown"])
        #expect(markdown.stdout == (try report("documentation_reader.md")))
        let json = try state.run(["plan", state.file("2023-12-02T18-00"), "--format", "json"])
        #expect(json.stdout == (try report("documentation_reader.json")))

        let files = try state.run(["plan", "--report", folder + "/plan.md", "--calendar", folder + "/plan.ics"])
        #expect(files.status == 0)
        for (written, original) in [("plan.md", "session.md"), ("plan.ics", "session.ics")] {
            #expect(try String(contentsOfFile: folder + "/" + written, encoding: .utf8)
                    == (try String(contentsOfFile: folder + "/" + original, encoding: .utf8)))
            #expect(try FileManager.default.attributesOfItem(atPath: folder + "/" + written)[.posixPermissions] as? Int == 0o600)
        }
    }

    @Test func resumingAFinishedSessionShowsItsPlan() throws {
        let state = State()
        defer { state.remove() }
        #expect(try state.run(Self.now, input: Self.reader).status == 0)
        let run = try state.run(["--resume", state.file("2023-12-02T18-00"), "--report", state.url.path + "/plan.md"])
        #expect(run.stdout == "The session started 2023-12-02 18:00 is finished (22 answers); here is its plan again.\n\n"
                + (try report("documentation_reader.txt")))
        #expect(run.status == 0)
        #expect(try String(contentsOfFile: state.url.path + "/plan.md", encoding: .utf8) == (try report("documentation_reader.md")))
        let latest = try state.run(["--resume"])
        #expect(latest.stderr == "retake-coach: there is no unfinished session to resume; `retake-coach plan` shows the plan of the last finished one\n")
        #expect(latest.status == 66)
    }

    @Test func aSavedSessionGivenToAssessIsNamedForWhatItIs() throws {
        let state = State()
        defer { state.remove() }
        #expect(try state.run(Self.now, input: Self.reader).status == 0)
        let file = state.file("2023-12-02T18-00")
        let run = try state.run(["assess", "--facts", file])
        #expect(run.stdout == "")
        #expect(run.stderr == "retake-coach: \(file): this is a saved session, not a facts file; `retake-coach plan \(file)` shows its plan\n")
        #expect(run.status == 65)
    }

    @Test func planOfAnUnfinishedOrUnknownSessionSaysSo() throws {
        let state = State()
        defer { state.remove() }
        let nothing = try state.run(["plan"])
        #expect(nothing.stderr == "retake-coach: no finished session is kept in \(state.sessions); `retake-coach sessions` lists the sessions kept\n")
        #expect(nothing.status == 66)
        #expect(try state.run(Self.now, input: "2023-12-02 15:00\n1\n").status == 3)
        let unknown = try state.run(["plan", "2023-12-02T18-01"])
        #expect(unknown.stderr == "retake-coach: no session '2023-12-02T18-01' is kept in \(state.sessions); did you mean '2023-12-02T18-00'?\n")
        #expect(unknown.status == 66)
        let unfinished = try state.run(["plan", "2023-12-02T18-00"])
        #expect(unfinished.stderr == "retake-coach: the session started 2023-12-02 18:00 is not finished (2 answers); the plan below "
                + "rests on those answers. Run retake-coach --resume \(state.file("2023-12-02T18-00")) to go on.\n")
        #expect(unfinished.stdout.hasPrefix("Your AI-102 retake plan\n"))
        #expect(unfinished.stdout.contains("Not decided yet"))
        #expect(unfinished.status == 0)
    }

    @Test func anOutputThatCannotBeWrittenIsRefusedBeforeAnythingIsAsked() throws {
        let state = State()
        defer { state.remove() }
        let folder = state.url.path
        let missing = folder + "/no-such-folder/plan.md"
        let refused: [([String], String)] = [
            (Self.now + ["--report", missing], "\(missing): cannot write: there is no folder \(folder)/no-such-folder"),
            (Self.now + ["--calendar", folder], "\(folder): cannot write: it is a folder"),
            (Self.now + ["--transcript", missing], "\(missing): cannot write: there is no folder \(folder)/no-such-folder"),
            (["assess", "--facts", "documentation_reader.yaml", "--report", missing],
             "\(missing): cannot write: there is no folder \(folder)/no-such-folder"),
            (["plan", "--calendar", folder], "\(folder): cannot write: it is a folder"),
        ]
        for (arguments, error) in refused {
            let run = try state.run(arguments, input: Self.reader)
            #expect(run.stdout == "", "\(arguments)")
            #expect(run.stderr == "retake-coach: \(error)\n")
            #expect(run.status == 73)
        }
        #expect(!FileManager.default.fileExists(atPath: state.sessions))
    }

    @Test func calendarEventIdsAreTheSameWhicheverDayThePlanIsMade() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ics-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var calendars: [String] = []
        for (day, now) in [("friday", "2023-12-02T18:00"), ("monday", "2023-12-04T09:00")] {
            let path = folder.appendingPathComponent("\(day).ics").path
            let run = try Binary.run(["assess", "--facts", "documentation_reader.yaml", "--now", now, "--calendar", path],
                                     in: AssessCommandTests.personas)
            #expect(run.status == 0)
            calendars.append(try String(contentsOfFile: path, encoding: .utf8))
        }
        func uids(_ text: String) -> [String] { text.components(separatedBy: "\r\n").filter { $0.hasPrefix("UID:") } }
        #expect(calendars[0] != calendars[1])
        #expect(uids(calendars[0]) == uids(calendars[1]))
        #expect(uids(calendars[0]).count == 9)
        #expect(calendars[1].contains("SUMMARY:Your AI-102 retake target (too soon)"))
    }

    /// The exam chosen at the start is kept with the answers: resuming, and
    /// showing the plan, read them with that exam's pack.
    @Test func theExamChosenAtTheStartIsKeptWithTheSession() throws {
        let state = State()
        defer { state.remove() }
        let now = ["--now", "2026-11-28T18:00"]
        let first = try state.run(now, input: "\n2026-11-28 15:00\n")
        #expect(first.stdout.hasPrefix("Which exam did you sit?\n  1. AI-103, Developing AI Apps and Agents on Azure\n"))
        #expect(first.stdout.contains("\nThis is retake-coach. Failing AI-103 says"))
        #expect(first.status == 3)
        #expect(try String(contentsOfFile: state.file("2026-11-28T18-00"), encoding: .utf8).contains("\"exam\" : \"ai103\""))
        let resumed = try state.run(now + ["--resume"], input: "1\n640\n")
        #expect(resumed.stdout.hasPrefix("Welcome back. Resuming the session started 2026-11-28 18:00 (1 answer).\n"))
        #expect(!resumed.stdout.contains("Which exam did you sit?"))
        #expect(resumed.stdout.contains("Score report, Plan and manage an Azure AI solution (25-30% of the exam):"))
        #expect(resumed.status == 3)
        // Named as another exam, the answers would be read as that exam's.
        let other = try state.run(now + ["--exam", "ai102", "--resume"])
        #expect(other.stderr == "retake-coach: the session 2026-11-28T18-00 is about AI-103, not AI-102; leave out --exam to go on with it\n")
        #expect(other.status == 64)
        #expect(try state.run(["plan", "2026-11-28T18-00", "--exam", "ai102"]).status == 64)
    }
}

/// A session started on a pipe that stays open: it holds its session until
/// killed.
final class HeldSession {
    private let process = Process()
    private let input = Pipe(), output = Pipe()
    private var seen = ""

    init(_ arguments: [String], state: KeptSessionCommandTests.State) throws {
        let executable: URL = try #require(Binary.executable, "retake-coach was not built next to the tests")
        process.executableURL = executable
        try FileManager.default.createDirectory(at: state.url, withIntermediateDirectories: true)
        process.arguments = arguments
        process.currentDirectoryURL = state.url
        process.environment = ProcessInfo.processInfo.environment.merging(state.environment) { $1 }
        process.standardInput = input
        process.standardOutput = output
        // The notices about how a session ended are on standard error.
        process.standardError = output
        try process.run()
    }

    /// Reads what the session prints until `text` appears (or it ends).
    func waitFor(_ text: String) throws {
        while !seen.contains(text) {
            let data = output.fileHandleForReading.availableData
            try #require(!data.isEmpty, "the session ended before printing '\(text)'")
            seen += String(decoding: data, as: UTF8.self)
        }
    }

    /// Sends `signal` and reads what follows to the end: that and the exit
    /// status.
    func end(_ signal: Int32) -> (output: String, status: Int32) {
        Foundation.kill(process.processIdentifier, signal)
        let rest = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (rest, process.terminationStatus)
    }

    /// SIGKILL: no handler runs, so only the kernel can release the lock.
    func kill() {
        guard process.isRunning else { return }
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
