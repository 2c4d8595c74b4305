import Foundation
import Testing

/// The session run through a pipe, as a script would run it.
@Suite("retake-coach session")
struct SessionCommandTests {
    static let reader = [
        "2023-12-02 15:00", "1", "", "612", "55", "62", "48", "42", "58", "66", "computer_vision", "none", "none", "ai900",
        "no", "docs, video", "3", "rushed", "some", "5", "2023-12-24", "12",
    ]

    /// A fresh state folder for one test.
    private func stateFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("state-\(UUID().uuidString)")
    }

    private func expected(_ name: String) throws -> String {
        try String(contentsOf: Binary.fixtures.appendingPathComponent("sessions/\(name)"), encoding: .utf8)
    }

    @Test func aScriptedSessionPrintsTheWholeSessionAndExits0() throws {
        let state = stateFolder()
        defer { try? FileManager.default.removeItem(at: state) }
        let run = try Binary.run(["--exam", "ai102", "--now", "2023-12-02T18:00"], input: Self.reader.joined(separator: "\n") + "\n",
                                 environment: ["XDG_STATE_HOME": state.path])
        #expect(run.stdout == (try expected("reader.out")))
        #expect(run.stderr == "")
        #expect(run.status == 0)
        let sessions = state.appendingPathComponent("retake-coach/sessions")
        let files = try FileManager.default.contentsOfDirectory(atPath: sessions.path)
        // The lock file stays beside the session: removing it would race
        // with a process about to lock it.
        #expect(files.sorted() == ["2023-12-02T18-00.json", "2023-12-02T18-00.lock"])
        for file in files {
            let mode = try FileManager.default.attributesOfItem(atPath: sessions.appendingPathComponent(file).path)[.posixPermissions]
            #expect(mode as? Int == 0o600)
        }
        let saved = try String(contentsOf: sessions.appendingPathComponent("2023-12-02T18-00.json"), encoding: .utf8)
        #expect(saved.contains("\"complete\" : true"))
    }

    @Test func crlfAnswersReadTheSame() throws {
        let state = stateFolder()
        defer { try? FileManager.default.removeItem(at: state) }
        let run = try Binary.run(["--exam", "ai102", "--now", "2023-12-02T18:00"], input: Self.reader.joined(separator: "\r\n") + "\r\n",
                                 environment: ["XDG_STATE_HOME": state.path])
        #expect(run.stdout == (try expected("reader.out")))
        #expect(run.status == 0)
    }

    /// How the session ended goes to standard error, apart from the
    /// session's output.
    @Test func inputEndingEarlySaysWhereTheAnswersAreAndExits3() throws {
        let state = stateFolder()
        defer { try? FileManager.default.removeItem(at: state) }
        let run = try Binary.run(["--exam", "ai102", "--now", "2023-12-02T18:00"], input: "2023-12-02 15:00\n1\n",
                                 environment: ["XDG_STATE_HOME": state.path])
        #expect(run.status == 3)
        let file = state.appendingPathComponent("retake-coach/sessions/2023-12-02T18-00.json").path
        #expect(run.stdout.hasSuffix("""
            Press Enter for 1.

            """))
        #expect(run.stderr == """
            The session ended after 2 answers, before it was complete.
            Your answers are kept in \(file).
            Run retake-coach --resume to go on.

            """)
        let resumed = try Binary.run(["--now", "2023-12-02T18:00", "--resume"], input: "\n612\n",
                                     environment: ["XDG_STATE_HOME": state.path])
        #expect(resumed.stdout.hasPrefix("Welcome back. Resuming the session started 2023-12-02 18:00 (2 answers).\n"))
        #expect(resumed.stderr.contains("ended after 4 answers"))
        #expect(resumed.status == 3)
    }

    @Test func quitSaysSoOnStandardError() throws {
        let state = stateFolder()
        defer { try? FileManager.default.removeItem(at: state) }
        let run = try Binary.run(["--exam", "ai102", "--now", "2023-12-02T18:00"], input: "2023-12-02 15:00\n:quit\n",
                                 environment: ["XDG_STATE_HOME": state.path])
        #expect(run.status == 0)
        #expect(run.stdout.hasSuffix("> :quit\n"))
        #expect(run.stderr == "Stopped. Your answers are kept; run retake-coach --resume to go on.\n")
    }

    @Test func strictModeEndsAtTheFirstInvalidAnswerWith65() throws {
        let state = stateFolder()
        defer { try? FileManager.default.removeItem(at: state) }
        let run = try Binary.run(["--exam", "ai102", "--now", "2023-12-02T18:00", "--strict"], input: "2023-12-02 15:00\n7\n1\n",
                                 environment: ["XDG_STATE_HOME": state.path])
        #expect(run.status == 65)
        #expect(run.stdout.hasSuffix("""
            > 7
            7 is too high; expected a whole number from 1 to 5.
            Stopped at the first invalid answer (--strict).

            """))
    }

    @Test func emptyInputEndsAtTheFirstQuestion() throws {
        let state = stateFolder()
        defer { try? FileManager.default.removeItem(at: state) }
        let run = try Binary.run(["--exam", "ai102", "--now", "2023-12-02T18:00"], input: "", environment: ["XDG_STATE_HOME": state.path])
        #expect(run.status == 3)
        #expect(run.stdout.hasSuffix("When did you sit the exam? (YYYY-MM-DD [HH:MM], today, yesterday)\n"))
        #expect(run.stderr == "The session ended before the first answer; nothing was kept.\n")
        #expect(!FileManager.default.fileExists(atPath: state.appendingPathComponent("retake-coach/sessions").path))
    }

    @Test func quittingAtTheFirstQuestionKeepsNothingAndSaysSo() throws {
        let state = stateFolder()
        defer { try? FileManager.default.removeItem(at: state) }
        let run = try Binary.run(["--exam", "ai102", "--now", "2023-12-02T18:00"], input: ":quit\n", environment: ["XDG_STATE_HOME": state.path])
        #expect(run.status == 0)
        #expect(run.stdout.hasSuffix("""
            When did you sit the exam? (YYYY-MM-DD [HH:MM], today, yesterday)
            > :quit

            """))
        #expect(run.stderr == "Stopped before the first answer; nothing was kept.\n")
        #expect(!FileManager.default.fileExists(atPath: state.appendingPathComponent("retake-coach/sessions").path))
        let resumed = try Binary.run(["--resume"], input: "", environment: ["XDG_STATE_HOME": state.path])
        #expect(resumed.stderr == "retake-coach: there is no unfinished session to resume\n")
        #expect(resumed.status == 66)
    }

    @Test func resumingWithNothingSavedIsFileNotFound() throws {
        let state = stateFolder()
        defer { try? FileManager.default.removeItem(at: state) }
        let run = try Binary.run(["--resume"], input: "", environment: ["XDG_STATE_HOME": state.path])
        #expect(run.stderr == "retake-coach: there is no unfinished session to resume\n")
        #expect(run.status == 66)
    }

    @Test func theTranscriptOptionRecordsTheSession() throws {
        let state = stateFolder()
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: state) }
        let path = state.appendingPathComponent("run.transcript").path
        let run = try Binary.run(["--exam", "ai102", "--now", "2023-12-02T18:00", "--transcript", path, "--color", "never"],
                                 input: "2023-12-02 15:00\n", environment: ["XDG_STATE_HOME": state.path])
        #expect(run.status == 3)
        let transcript = try String(contentsOfFile: path, encoding: .utf8)
        #expect(transcript.hasPrefix("now: 2023-12-02T18:00\nargs: --exam ai102 --color never\n---\n| This is retake-coach."))
        #expect(transcript.contains("\n> 2023-12-02 15:00\n|\n| That was 3 hours ago: you are in hours 3-4, the score report.\n"))
        #expect(transcript.hasSuffix("[exit 3]\n"))
    }

    @Test func aFinishedSessionWritesTheReportAndCalendarForTheCandidateOnly() throws {
        let state = stateFolder()
        defer { try? FileManager.default.removeItem(at: state) }
        // The files' folder must be there: it is checked before the first question.
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        let markdown = state.appendingPathComponent("plan.md").path, calendar = state.appendingPathComponent("plan.ics").path
        let run = try Binary.run(["--exam", "ai102", "--now", "2023-12-02T18:00", "--report", markdown, "--calendar", calendar],
                                 input: Self.reader.joined(separator: "\n") + "\n", environment: ["XDG_STATE_HOME": state.path])
        #expect(run.status == 0)
        let reports = AssessCommandTests.reports
        #expect(try String(contentsOfFile: markdown, encoding: .utf8)
                == (try String(contentsOf: reports.appendingPathComponent("documentation_reader.md"), encoding: .utf8)))
        // The same events as `assess` writes for these answers; their ids
        // are the session's, so writing the calendar again updates them.
        let written = try String(contentsOfFile: calendar, encoding: .utf8)
        let golden = try String(contentsOf: reports.appendingPathComponent("documentation_reader.ics"), encoding: .utf8)
        #expect(written == golden.replacingOccurrences(of: ".facts-69600bc1be5c6d79@", with: ".2023-12-02T18-00@"))
        #expect(written.contains("\r\nUID:target.2023-12-02T18-00@retake-coach\r\n"))
        for path in [markdown, calendar] {
            #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
        }
    }

    @Test func colourIsUsedThroughAPipeOnlyWhenAskedFor() throws {
        let state = stateFolder()
        defer { try? FileManager.default.removeItem(at: state) }
        let always = try Binary.run(["--exam", "ai102", "--now", "2023-12-02T18:00", "--color", "always"], input: "",
                                    environment: ["XDG_STATE_HOME": state.path])
        #expect(always.stdout.contains("\u{1B}[1;36mWhen did you sit the exam?"))
        let auto = try Binary.run(["--exam", "ai102", "--now", "2023-12-02T18:00"], input: "", environment: ["XDG_STATE_HOME": state.path])
        #expect(!auto.stdout.contains("\u{1B}"))
        #expect(auto.status == 3 && always.status == 3)
    }

    @Test func aBadOptionIsAUsageErrorAndAsksNothing() throws {
        for arguments in [["--color", "sometimes"], ["--now", "soon"]] {
            let run = try Binary.run(arguments, input: "2023-12-02 15:00\n")
            #expect(run.status == 64)
            #expect(run.stdout == "")
            #expect(run.stderr.split(separator: "\n").first?.hasPrefix("Error: ") == true)
        }
    }
}

/// The shipped pack travels with the binary: a copy of both, anywhere,
/// reads the copy beside it.
@Suite struct BundledPackTests {
    @Test func aCopiedBinaryReadsThePackBundledBesideIt() throws {
        let built = try #require(Binary.executable, "retake-coach was not built next to the tests")
        let bundleName = "retake-coach_RulePacks.resources"
        let place = FileManager.default.temporaryDirectory.appendingPathComponent("coach-copy-\(UUID().uuidString)")
        let elsewhere = FileManager.default.temporaryDirectory.appendingPathComponent("coach-cwd-\(UUID().uuidString)")
        defer {
            try? FileManager.default.removeItem(at: place)
            try? FileManager.default.removeItem(at: elsewhere)
        }
        try FileManager.default.createDirectory(at: place, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let binary = place.appendingPathComponent("retake-coach")
        try FileManager.default.copyItem(at: built, to: binary)
        try FileManager.default.copyItem(at: built.deletingLastPathComponent().appendingPathComponent(bundleName),
                                         to: place.appendingPathComponent(bundleName))
        // The copy's welcome differs, so the output tells which pack was read.
        let texts = place.appendingPathComponent("\(bundleName)/ai102/texts.yaml")
        let original = try String(contentsOf: texts, encoding: .utf8)
        try original.replacing("This is retake-coach.", with: "This is the copied coach.")
            .write(to: texts, atomically: true, encoding: .utf8)

        let run = try Binary.run(["--exam", "ai102", "--now", "2023-12-02T18:00", "--no-history"], in: elsewhere,
                                 environment: ["XDG_STATE_HOME": elsewhere.path], executable: binary)
        #expect(run.stdout.hasPrefix("This is the copied coach."))
        #expect(run.status == 3)
    }
}
