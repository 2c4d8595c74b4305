import Foundation
import RuleEngine
import Testing

@testable import Coach

@Suite struct SessionTests {
    @Test func aCandidateGoesFromTheFirstQuestionToAFullPlan() throws {
        let run = SessionRun(Script.reader)
        #expect(run.outcome == .finished)
        #expect(run.console.unread == [])
        let text = run.console.text
        #expect(text.contains("That was 3 hours ago: you are in hours 3-4, the score report."))
        #expect(text.contains("Documentation Reader. What it needs: hands-on troubleshooting on real"))
        #expect(text.contains("6 to 8 weeks of preparation"))
        #expect(text.contains("Week 6: Integration and the exam's own details"))
        #expect(text.contains("[ ] You felt rushed in the morning."))
        let assessment = try run.session.assessment()
        #expect(assessment.pattern == "documentation_reader")
        #expect(assessment.recommendedFrom == "2027-01-11")
    }

    @Test func linesAreAsWideAsTheConsoleWhileTheTranscriptKeepsThoseOf80Columns() {
        let narrow = SessionRun(Script.reader, columns: 50)
        let usual = SessionRun(Script.reader)
        #expect(narrow.console.output.allSatisfy { $0.count <= 48 }, "\(narrow.console.output.filter { $0.count > 48 })")
        #expect(narrow.console.output.contains { $0.count > 40 })
        #expect(usual.console.output.contains { $0.count > 70 })
        #expect(narrow.session.transcript(exit: 0).text == usual.session.transcript(exit: 0).text)
        #expect(SessionRun(Script.reader, columns: 12).console.output.allSatisfy { $0.count <= 38 }, "40 columns at least")
    }

    @Test func eachPhaseStartsWithItsHeadingAndEndsWithWhatItEstablished() {
        let lines = SessionRun(Script.reader).console.output
        func index(_ line: String) -> Int { lines.firstIndex(of: line) ?? -1 }
        #expect(index("Hours 1-2: take it in") < index("Hours 3-4: read the score report"))
        #expect(index("Hours 3-4: read the score report") < index("Your score report"))
        #expect(index("Your score report") < index("Hours 5-24: find out why"))
        #expect(index("Hours 5-24: find out why") < index("Your failure pattern"))
        #expect(index("Your failure pattern") < index("Hours 25-48: plan the timeline"))
        #expect(index("That is everything. Here is your plan.") < index("Your timeline"))
    }

    @Test func questionsThatCannotChangeAnythingAreSkipped() {
        var fine = Script.reader
        fine[fine.firstIndex(of: "rushed")!] = "fine"
        fine.remove(at: fine.firstIndex(of: "morning")!)
        let run = SessionRun(fine)
        #expect(run.outcome == .finished)
        #expect(!run.console.text.contains("When did you sit it?"))
        #expect(run.answers["exam_slot"] == nil)
        #expect(!run.console.text.contains("When did you sit your first attempt?"))
        #expect(!run.console.text.contains("Did you know the services, but the questions asked"))
    }

    @Test func anInvalidAnswerGetsOneLineAndTheSameQuestionAgain() {
        let run = SessionRun(["2026-11-28 15:00", "9", "two", "1"])
        let lines = run.console.output
        let ask = "Which attempt was this? (1 for your first, up to 5)"
        #expect(lines.filter { $0 == ask }.count == 1)
        #expect(lines.contains("9 is too high; expected a whole number from 1 to 5."))
        #expect(lines.contains("'two' is not a number; expected a whole number from 1 to 5."))
        #expect(run.answers["attempt"] == "1")
    }

    @Test func strictModeStopsAtTheFirstInvalidAnswer() {
        let run = SessionRun(["2026-11-28 15:00", "9", "1"], strict: true)
        #expect(run.outcome == .invalidAnswer)
        #expect(run.console.output.suffix(2) == [
            "9 is too high; expected a whole number from 1 to 5.",
            "Stopped at the first invalid answer (--strict).",
        ])
        #expect(run.console.unread == ["1"])
    }

    @Test func theEndOfInputSaysHowFarItGotAndWhereTheAnswersAre() throws {
        let store = try Script.temporaryStore()
        defer { try? FileManager.default.removeItem(atPath: store.folder) }
        let run = SessionRun(Script.start, store: store)
        #expect(run.outcome == .endOfInput)
        let path = try #require(run.session.savedPath)
        #expect(run.console.output.suffix(3) == [
            "The session ended after 2 answers, before it was complete.",
            "Your answers are kept in \(path).",
            "Run retake-coach --resume to go on.",
        ])
        #expect(run.session.transcript(exit: 3).text.hasSuffix("""
            | The session ended after 2 answers, before it was complete.
            | Your answers are kept in [..].
            | Run retake-coach --resume to go on.
            [exit 3]

            """))
        let saved = try SessionStore.load(path)
        #expect(saved.answers.map(\.answer) == ["2026-11-28 15:00", "1"])
        #expect(saved.complete == false)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let folderMode = try FileManager.default.attributesOfItem(atPath: store.folder)[.posixPermissions] as? Int
        #expect(folderMode == 0o700)
    }

    @Test func aResumedSessionGoesOnWhereItStopped() throws {
        let store = try Script.temporaryStore()
        defer { try? FileManager.default.removeItem(atPath: store.folder) }
        _ = SessionRun(Script.start + Array(Script.scores.prefix(3)), store: store)
        let (path, saved) = try #require(store.latestUnfinished())
        let run = SessionRun(Array(Script.scores.dropFirst(3)) + Script.diagnosis + Script.timeline, store: store, resuming: saved)
        #expect(run.outcome == .finished)
        #expect(run.console.output.first == "Welcome back. Kept from last time: 5 answers.")
        #expect(!run.console.text.contains("When did you sit the exam?"))
        #expect(run.session.savedPath == path)
        #expect(try SessionStore.load(path).complete == true)
        #expect(store.latestUnfinished() == nil)
    }

    @Test func twoSessionsStartedInTheSameMinuteKeepTheirOwnFiles() throws {
        let store = try Script.temporaryStore()
        defer { try? FileManager.default.removeItem(atPath: store.folder) }
        let first = SessionRun(Script.start, store: store)
        let second = SessionRun(["2026-11-27 10:00"], store: store)
        #expect(first.session.savedPath != second.session.savedPath)
        #expect(try SessionStore.load(first.session.savedPath!).answers.count == 2)
        #expect(try SessionStore.load(second.session.savedPath!).answers.count == 1)
    }

    @Test func theWaitIsAdvisedOnlyOnceTheAttemptIsKnown() {
        let lines = SessionRun(["2026-11-27 15:00", "2"]).console.output
        func index(_ prefix: String) -> Int { lines.firstIndex { $0.hasPrefix(prefix) } ?? -1 }
        #expect(index("Which attempt was this?") >= 0)
        #expect(index("Which attempt was this?") < index("That was 27 hours ago: you are in hours 25-48"))
        #expect(lines.contains("- After a second or later failure the policy makes you wait 14 days, so your"))
        #expect(!lines.contains { $0.contains("24-hour wait") })
    }

    @Test func aDayWithoutATimeIsFollowedByAQuestionForTheTime() {
        let run = SessionRun(["yesterday", "2pm", "15:00", "1"])
        #expect(run.answers["failed_at"] == "2026-11-27 15:00")
        let lines = run.console.output
        #expect(lines.contains("About what time on 2026-11-27? (HH:MM; or skip, and it counts as some time"))
        #expect(lines.contains("'2pm' is not a time I can read; give it as HH:MM, such as 15:00, or skip."))
        #expect(run.console.text.contains("That was 27 hours ago: you are in hours 25-48, the timeline."))
    }

    @Test func aSkippedTimeKeepsTheDayAndSaysSo() {
        let run = SessionRun(["2026-11-27", "skip", "1"])
        #expect(run.answers["failed_at"] == "2026-11-27")
        #expect(run.console.text.contains("You sat it on 2026-11-27; with no time given, counting from the end of"))
    }

    @Test func backAtTheTimeGoesBackToTheDay() {
        let run = SessionRun(["2026-11-20", ":back", "2026-11-28 15:00"])
        #expect(run.answers["failed_at"] == "2026-11-28 15:00")
        #expect(!run.console.text.contains("There is nothing to go back to yet."))
        #expect(run.console.output.filter { $0.hasPrefix("When did you sit the exam?") }.count == 2)
    }

    @Test func inputEndingAtTheTimeKeepsTheDay() {
        let run = SessionRun(["2026-11-27"])
        #expect(run.outcome == .endOfInput)
        #expect(run.answers["failed_at"] == "2026-11-27")
    }

    @Test func goingBackToAnotherExamTimeAnnouncesTheNewPhase() {
        // Eight days on, what to do depends on the attempt, so the phase is
        // announced once that is known.
        let run = SessionRun(["2026-11-20 09:00", "2", ":back", ":back", "2026-11-28 15:00"])
        #expect(run.console.text.contains("That was 8 days ago: you are in the days after the first 48 hours."))
        #expect(run.console.text.contains("That was 3 hours ago: you are in hours 3-4, the score report."))
    }
}
