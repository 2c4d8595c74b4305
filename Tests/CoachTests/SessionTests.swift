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
        // 15:00 is in the afternoon, so the part of the day is not asked.
        #expect(!text.contains("When did you sit it?"))
        #expect(text.contains("[ ] You felt rushed in the afternoon."))
        let assessment = try run.session.assessment()
        #expect(assessment.pattern == "documentation_reader")
        #expect(assessment.recommendedFrom == "2024-01-15")
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
        let run = SessionRun(fine)
        #expect(run.outcome == .finished)
        #expect(!run.console.text.contains("When did you sit it?"))
        #expect(run.answers["exam_slot"] == nil)
        #expect(!run.console.text.contains("When did you sit your first attempt?"))
        #expect(!run.console.text.contains("Did you know the services, but the questions asked"))
    }

    @Test func theDeepUseServiceIsChosenAmongThoseUsedUnderTheSameNumbers() {
        var script = Script.reader
        let services = script.firstIndex(of: "computer_vision")!
        script[services] = "4, 7"
        // The specialty: Computer Vision (1) was not used, so it is refused.
        script[services + 2] = "1"
        script.insert("4", at: services + 3)
        let run = SessionRun(script)
        let lines = run.console.output
        #expect(run.outcome == .finished)
        #expect(lines.contains("→ Speech, Translator"))
        let asked = lines.firstIndex(of: "Is there one service you use deeply at work?")!
        #expect(Array(lines[(asked + 1)...(asked + 3)]) == ["  4. Speech", "  7. Translator", "  12. No single one"])
        #expect(run.console.text.replacing("\n", with: " ").contains("Computer Vision was not among your answers to \"Which services have you used hands-on, "
                               + "beyond reading about them?\"; choose one of speech (4), translator (7), none (12)."))
        #expect(lines.contains("→ Speech"))
        #expect(run.answers["specialty_service"] == "speech")
    }

    @Test func theDeepUseServiceIsReadAmongTheChoicesOfferedOnly() {
        var script = Script.reader
        let services = script.firstIndex(of: "computer_vision")!
        script[services] = "4, 7"
        script[services + 2] = "t"
        script.insert(contentsOf: ["13", "custon"], at: services + 2)
        let run = SessionRun(script)
        let said = run.console.text.replacing("\n", with: " ")
        #expect(said.contains("There is no choice 13; expected one of speech (4), translator (7), none (12)."))
        #expect(said.contains("'custon' is not a choice here; expected one of speech (4), translator (7), none (12)."))
        #expect(run.answers["specialty_service"] == "translator")
    }

    @Test func quittingAtTheTimeOfDayKeepsTheDayAndSaysSo() throws {
        let store = try Script.temporaryStore()
        defer { try? FileManager.default.removeItem(atPath: store.folder) }
        let run = SessionRun(["2023-12-02", ":quit"], store: store)
        #expect(run.outcome == .quit)
        #expect(run.console.output.last == "Stopped. Your answers are kept; run retake-coach --resume to go on.")
        #expect(run.answers["failed_at"] == "2023-12-02")
        #expect(store.sessions().map(\.session.answers.count) == [1])
    }

    @Test func aSessionStoppedAtTheTimeOfDayAsksItFirstOnResume() throws {
        let store = try Script.temporaryStore()
        defer { try? FileManager.default.removeItem(atPath: store.folder) }
        let stopped = SessionRun(["2023-12-02"], store: store).session.savedSession
        #expect(stopped.answers == [.init(fact: "failed_at", answer: "2023-12-02", timePending: true)])
        let resumed = SessionRun(["15:00", "1"], store: store, resuming: try SessionStore.load(store.path(of: stopped)))
        let lines = resumed.console.output
        #expect(Array(lines.prefix(5)) == [
            "Welcome back. Resuming the session started 2023-12-02 18:00 (1 answer).", "",
            "About what time on 2023-12-02? (HH:MM; or skip, and it counts as some time", "that day)", "> 15:00",
        ])
        #expect(resumed.answers["failed_at"] == "2023-12-02 15:00")
        #expect(resumed.session.savedSession.answers.allSatisfy { $0.timePending == nil })
    }

    @Test func aTimeLaterThanNowIsRefusedAsATime() {
        let run = SessionRun(["today", "20:00", "15:00", "1"])
        #expect(run.console.output.contains("20:00 that day is later than now; give the time you sat it, or skip."))
        #expect(run.answers["failed_at"] == "2023-12-02 15:00")
    }

    @Test func withNoServiceUsedTheDeepUseOneIsNotAsked() {
        var script = Script.reader
        script[script.firstIndex(of: "computer_vision")!] = "none"
        script.remove(at: script.firstIndex(of: "none")! + 1)
        let run = SessionRun(script)
        #expect(run.outcome == .finished)
        #expect(run.console.unread == [])
        #expect(!run.console.text.contains("Is there one service you use deeply at work?"))
        #expect(run.answers["specialty_service"] == nil)
    }

    @Test func aTargetBeforeTheExamOrInThePastIsRefusedAtItsQuestion() throws {
        var script = Script.reader
        script[0] = "2023-11-30 15:00"
        let target = script.firstIndex(of: "2023-12-24")!
        script.insert(contentsOf: ["2023-11-24", "2023-12-01"], at: target)
        let run = SessionRun(script)
        let lines = run.console.output
        #expect(run.outcome == .finished)
        let said = run.console.text.replacing("\n", with: " ")
        #expect(said.contains("2023-11-24 is before the exam you sat (2023-11-30 15:00); give a date after it, or none."))
        #expect(lines.contains("2023-12-01 has already passed; give a date from today on, or none."))
        #expect(lines.filter { $0 == "When would you like to retake? (YYYY-MM-DD, or none)" }.count == 1)
        #expect(run.answers["target_date"] == "2023-12-24")
    }

    @Test(arguments: [("quit", ":quit"), ("exit", ":quit"), ("help", ":help"), ("?", ":help")])
    func aCommandTypedWithoutItsColonGetsAHint(word: String, command: String) {
        let run = SessionRun(["2023-12-02 15:00", word, "1"])
        #expect(run.console.text.replacing("\n", with: " ").contains(
            "'\(word)' is not a number; expected a whole number from 1 to 5. Commands start with a colon: type \(command)."))
        #expect(run.answers["attempt"] == "1")
    }

    @Test func anInvalidAnswerGetsOneLineAndTheSameQuestionAgain() {
        let run = SessionRun(["2023-12-02 15:00", "9", "two", "1"])
        let lines = run.console.output
        let ask = "Which attempt was this? (1 for your first, up to 5)"
        #expect(lines.filter { $0 == ask }.count == 1)
        #expect(lines.contains("9 is too high; expected a whole number from 1 to 5."))
        #expect(lines.contains("'two' is not a number; expected a whole number from 1 to 5."))
        #expect(run.answers["attempt"] == "1")
    }

    @Test func strictModeStopsAtTheFirstInvalidAnswer() {
        let run = SessionRun(["2023-12-02 15:00", "9", "1"], strict: true)
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
        #expect(saved.answers.map(\.answer) == ["2023-12-02 15:00", "1"])
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
        #expect(run.console.output.first == "Welcome back. Resuming the session started 2023-12-02 18:00 (5 answers).")
        #expect(!run.console.text.contains("When did you sit the exam?"))
        #expect(run.session.savedPath == path)
        #expect(try SessionStore.load(path).complete == true)
        #expect(store.latestUnfinished() == nil)
    }

    @Test func twoSessionsStartedInTheSameMinuteKeepTheirOwnFiles() throws {
        let store = try Script.temporaryStore()
        defer { try? FileManager.default.removeItem(atPath: store.folder) }
        let first = SessionRun(Script.start, store: store)
        let second = SessionRun(["2023-12-01 10:00"], store: store)
        #expect(first.session.savedPath != second.session.savedPath)
        #expect(try SessionStore.load(first.session.savedPath!).answers.count == 2)
        #expect(try SessionStore.load(second.session.savedPath!).answers.count == 1)
    }

    @Test func aSessionResumedWithNothingLeftToAskEndsWithItsPlan() throws {
        let store = try Script.temporaryStore()
        defer { try? FileManager.default.removeItem(atPath: store.folder) }
        var saved = SessionRun(Script.reader, store: store).session.savedSession
        saved.complete = false
        let run = SessionRun([], store: store, resuming: saved)
        #expect(run.outcome == .finished)
        let text = run.console.text
        #expect(text.hasPrefix("Welcome back. Resuming the session started 2023-12-02 18:00 (22 answers).\n"))
        #expect(text.contains("\nThat is everything. Here is your plan.\n\nYour timeline\n"))
        #expect(text.contains("\nWeek by week\n"))
    }

    @Test func aSessionEndedBeforeItsFirstAnswerKeepsNothingAndSaysSo() throws {
        let store = try Script.temporaryStore()
        defer { try? FileManager.default.removeItem(atPath: store.folder) }
        let empty = SessionRun([], store: store)
        #expect(empty.outcome == .endOfInput)
        #expect(empty.console.output.last == "The session ended before the first answer; nothing was kept.")
        #expect(empty.session.savedPath == nil)
        let quit = SessionRun([":quit"], store: store)
        #expect(quit.outcome == .quit)
        #expect(quit.console.output.last == "Stopped before the first answer; nothing was kept.")
        #expect(!FileManager.default.fileExists(atPath: store.sessionsFolder))
        #expect(store.sessions().isEmpty)
    }

    @Test func goingBackPastTheOnlyAnswerRemovesTheFile() throws {
        let store = try Script.temporaryStore()
        defer { try? FileManager.default.removeItem(atPath: store.folder) }
        let run = SessionRun(["2023-12-02 15:00", ":back", ":quit"], store: store)
        #expect(run.console.output.last == "Stopped before the first answer; nothing was kept.")
        #expect(store.sessions().isEmpty)
        #expect(run.session.savedPath == nil)
    }

    @Test func aSessionHeldByAnotherIsNeverWrittenOver() throws {
        let store = try Script.temporaryStore()
        defer { try? FileManager.default.removeItem(atPath: store.folder) }
        let first = SessionRun(Script.start, store: store)
        let path = try #require(first.session.savedPath)
        let before = try String(contentsOfFile: path, encoding: .utf8)
        // `first` still holds its session: a second writer is refused.
        #expect(store.isOpenElsewhere(first.session.savedSession.id))
        #expect(throws: SessionStore.StoreError.self) { try store.lock(first.session.savedSession.id) }
        let second = SessionRun(["", "612"], store: store, resuming: try SessionStore.load(path))
        #expect(second.console.text.replacingOccurrences(of: "\n", with: " ").contains(
            "Your answers cannot be saved (the session 2023-12-02T18-00 is open in another retake-coach; go on there, or end it first)"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == before)
        withExtendedLifetime(first) {}
    }

    @Test func aNewSessionTakesANameNoOneHoldsEvenBeforeItsFileExists() throws {
        let store = try Script.temporaryStore()
        defer { try? FileManager.default.removeItem(atPath: store.folder) }
        let held = try store.claim("2023-12-02T18-00")
        #expect(held.id == "2023-12-02T18-00")
        let run = SessionRun(Script.start, store: store)
        #expect(run.session.savedSession.id == "2023-12-02T18-00-2")
        withExtendedLifetime(held.lock) {}
    }

    @Test func sessionsAreListedMostRecentlyChangedFirst() throws {
        let store = try Script.temporaryStore()
        defer { try? FileManager.default.removeItem(atPath: store.folder) }
        // Both start in the same minute; the first is answered last.
        let first = SessionRun(Script.start, store: store).session.savedSession
        let second = SessionRun(["2023-12-01 10:00"], store: store).session.savedSession
        #expect(store.sessions().map(\.session.id) == ["2023-12-02T18-00-2", "2023-12-02T18-00"])
        #expect(store.latestUnfinished()?.session.id == second.id)
        _ = SessionRun(["", "612"], store: store, resuming: first)
        #expect(store.sessions().map(\.session.id) == ["2023-12-02T18-00", "2023-12-02T18-00-2"])
        #expect(store.latestUnfinished()?.session.answers.count == 4)
    }

    @Test func aSessionKeptBeforeItsClockWasKeptStillLoads() throws {
        let data = Data(#"{"answers":[{"answer":"1","fact":"attempt"}],"complete":false,"id":"old","started":"2023-12-02T09:00"}"#.utf8)
        let saved = try #require(SessionStore.decode(data))
        #expect(saved.clock == nil)
        #expect(saved.clockMoment == "2023-12-02T09:00")
    }

    @Test func theWaitIsAdvisedOnlyOnceTheAttemptIsKnown() {
        let lines = SessionRun(["2023-12-01 15:00", "2"]).console.output
        func index(_ prefix: String) -> Int { lines.firstIndex { $0.hasPrefix(prefix) } ?? -1 }
        #expect(index("Which attempt was this?") >= 0)
        #expect(index("Which attempt was this?") < index("That was 27 hours ago: you are in hours 25-48"))
        #expect(lines.contains("- After a second or later failure the policy makes you wait 14 days, so your"))
        #expect(!lines.contains { $0.contains("24-hour wait") })
    }

    @Test func aDayWithoutATimeIsFollowedByAQuestionForTheTime() {
        let run = SessionRun(["yesterday", "2pm", "15:00", "1"])
        #expect(run.answers["failed_at"] == "2023-12-01 15:00")
        let lines = run.console.output
        #expect(lines.contains("About what time on 2023-12-01? (HH:MM; or skip, and it counts as some time"))
        #expect(lines.contains("'2pm' is not a time I can read; give it as HH:MM, such as 15:00, or skip."))
        #expect(run.console.text.contains("That was 27 hours ago: you are in hours 25-48, the timeline."))
    }

    @Test func aSkippedTimeKeepsTheDayAndSaysSo() {
        let run = SessionRun(["2023-12-01", "skip", "1"])
        #expect(run.answers["failed_at"] == "2023-12-01")
        #expect(run.console.text.contains("You sat it on 2023-12-01; with no time given, counting from the end of"))
    }

    @Test func backAtTheTimeGoesBackToTheDay() {
        let run = SessionRun(["2023-11-24", ":back", "2023-12-02 15:00"])
        #expect(run.answers["failed_at"] == "2023-12-02 15:00")
        #expect(!run.console.text.contains("There is nothing to go back to yet."))
        #expect(run.console.output.filter { $0.hasPrefix("When did you sit the exam?") }.count == 2)
    }

    @Test func inputEndingAtTheTimeKeepsTheDay() {
        let run = SessionRun(["2023-12-01"])
        #expect(run.outcome == .endOfInput)
        #expect(run.answers["failed_at"] == "2023-12-01")
    }

    @Test func goingBackToAnotherExamTimeAnnouncesTheNewPhase() {
        // Eight days on, what to do depends on the attempt, so the phase is
        // announced once that is known.
        let run = SessionRun(["2023-11-24 09:00", "2", ":back", ":back", "2023-12-02 15:00"])
        #expect(run.console.text.contains("That was 8 days ago: you are in the days after the first 48 hours."))
        #expect(run.console.text.contains("That was 3 hours ago: you are in hours 3-4, the score report."))
    }
}
