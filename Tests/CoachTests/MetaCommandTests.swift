import Foundation
import RuleEngine
import Testing

@testable import Coach

/// Each meta-command, typed at a prompt of a scripted session.
@Suite struct MetaCommandTests {
    /// The lines the session wrote between the command and the next prompt.
    private func reply(to command: String, after answers: [String] = Script.start, store: SessionStore? = nil) -> [String] {
        let run = SessionRun(answers + [command], store: store)
        let lines = run.console.output
        guard let start = lines.lastIndex(of: "> " + command) else { return ["<no prompt for \(command)>"] }
        let rest = lines[(start + 1)...]
        let end = rest.firstIndex { $0.hasPrefix("The session ended") } ?? rest.endIndex
        return Array(rest[..<end])
    }

    @Test func helpListsTheCommandsAndSaysMoreAboutTheQuestion() {
        let lines = reply(to: ":help", after: ["2023-12-02 15:00"])
        #expect(lines.first == "Answer the question, or type one of these:")
        #expect(lines.contains("  :back            undo your last answer and answer it again"))
        #expect(lines.contains { $0.hasPrefix("About this question: The retake policy depends on it.") })
        #expect(lines.last == "Expected: a whole number from 1 to 5.")
    }

    @Test func whySaysInWordsWhatTheAnswerCanChange() {
        #expect(reply(to: ":why", after: ["2023-12-02 15:00"]) == [
            "Your answer here can change:",
            "- Where you are now",
            "- Retake dates",
            "- Week by week",
            "- Cost",
        ])
    }

    @Test func whyNamesTheRulesOnlyForPackAuthors() {
        let run = SessionRun(["2023-12-02 15:00", ":why"], explainRules: true)
        let lines = run.console.output
        #expect(lines.contains("- Retake dates"))
        #expect(lines.contains("  wait_after_first_failure: when protocol_phase == \"hours_25_48\" and attempt"))
        #expect(!reply(to: ":why", after: ["2023-12-02 15:00"]).contains { $0.contains("wait_after_first_failure") })
    }

    @Test func howShowsThePartOfThePlanWithItsReasonsAndTheAnswersUnderIt() {
        let lines = reply(to: ":how retake")
        #expect(lines == [
            "",
            "Retake dates",
            "------------",
            "",
            "- Earliest the policy allows: 2023-12-03 15:00",
            "",
            "The reasons:",
            "- After a first failure the policy asks for a wait of 24 hours.",
            "",
            "It rests on your answers:",
            "- When did you sit the exam? 2023-12-02 15:00",
            "- Which attempt was this? 1",
        ])
        #expect(reply(to: ":how") == [
            "You can ask how any of these was reached, e.g. :how pattern: advice (Where you",
            "are now), retake (Retake dates), checklist (Before exam day), cost (Cost).",
        ])
        #expect(reply(to: ":how pattern") == ["Your failure pattern: nothing is concluded there yet."])
        #expect(reply(to: ":how patern") == ["There is no part of the plan called 'patern'; did you mean 'pattern'?"])
        #expect(reply(to: ":how nothing") == [
            "There is no part of the plan called 'nothing'. Try one of: advice, scores,",
            "pattern, failure_type, timeline, retake, plan, checklist, cost.",
        ])
    }

    @Test func howTracesTheRulesOnlyForPackAuthors() {
        let run = SessionRun(Script.start + [":how retake"], explainRules: true)
        let lines = run.console.output
        #expect(lines.contains("- Which attempt was this? 1"))
        #expect(lines.contains("retake.earliest is 2023-12-03 15:00"))
        #expect(lines.contains("      earliest_before_yearly_limit)"))
    }

    @Test func whatIfShowsOnlyTheLinesOfThePlanThatWouldChange() {
        #expect(reply(to: ":whatif attempt=2") == [
            "If your answer to \"Which attempt was this?\" were 2:",
            "",
            "Retake dates",
            "  now:  - Earliest the policy allows: 2023-12-03 15:00",
            "  then: - Earliest the policy allows: 2023-12-16 15:00",
            "",
            "Cost",
            "  now:  Each attempt costs the full fee: 165 USD at the time of writing, so",
            "        about 165 USD so far, and the next attempt costs the same again. Fees",
            "        differ from country to country and change over time; check Microsoft's",
            "        exam pricing page for yours.",
            "  then: Each attempt costs the full fee: 165 USD at the time of writing, so",
            "        about 330 USD so far, and the next attempt costs the same again. Fees",
            "        differ from country to country and change over time; check Microsoft's",
            "        exam pricing page for yours.",
        ])
        #expect(reply(to: ":whatif attempt=1") == ["1 is already your answer."])
        #expect(reply(to: ":whatif failed_at=2023-12-02 15:30") == [
            "If your answer to \"When did you sit the exam?\" were 2023-12-02 15:30:",
            "",
            "Retake dates",
            "  now:  - Earliest the policy allows: 2023-12-03 15:00",
            "  then: - Earliest the policy allows: 2023-12-03 15:30",
        ])
        // A different answer that changes nothing shown yet says so.
        #expect(reply(to: ":whatif score_total=650", after: Script.start + ["", "612"]) == [
            "If your answer to \"What was your overall score?\" were 650:",
            "Nothing in your plan so far would change.",
        ])
        #expect(reply(to: ":whatif attempt") == [
            "Write it as :whatif ANSWER=VALUE, for example :whatif exam_pace=fine. Answers",
            "so far: failed_at, attempt.",
        ])
        #expect(reply(to: ":whatif attempt=9") == ["9 is too high; expected a whole number from 1 to 5."])
    }

    @Test func explanationsAreAsWideAsTheConsoleWhileTheTranscriptKeepsThoseOf80Columns() {
        let commands = [":how pattern", ":whatif hands_on=projects", ":whatif hours_per_week=3", ":quit"]
        let script = Array(Script.reader.dropLast()) + commands
        let narrow = SessionRun(script, columns: 50)
        let usual = SessionRun(script)
        #expect(narrow.console.output.allSatisfy { $0.count <= 48 }, "\(narrow.console.output.filter { $0.count > 48 })")
        #expect(narrow.console.output.contains("The reasons:"))
        #expect(narrow.console.output.contains("  then: 20 to 27 weeks of preparation"))
        #expect(narrow.session.transcript(exit: 0).text == usual.session.transcript(exit: 0).text)
    }

    @Test func whatIfTakesOnlyAnswersTheQuestionsWouldTake() {
        let diagnosis = ["4, 7", "none", "4"]
        let after = Script.start + Array(Script.scores.dropLast()) + diagnosis
        #expect(reply(to: ":whatif target_date=2017-01-04", after: after)
                == ["2017-01-04 is before the exam you sat (2023-12-02 15:00); give a date after", "it, or none."])
        #expect(reply(to: ":whatif specialty_service=azure_ml", after: after)
                == ["azure_ml is not among the services you said you have used hands-on."])
        #expect(reply(to: ":whatif services_used=translator", after: after).prefix(4) == [
            "If your answer to \"Which services have you used hands-on, beyond reading about",
            "them?\" were Translator:",
            "(Your answer to \"Is there one service you use deeply at work?\" would no longer",
            "hold, so it is left out.)",
        ])
    }

    @Test func saveReplacesAnEarlierSaveOfTheSameSessionAfterAResume() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("save-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = SessionStore(folder: folder.appendingPathComponent("state").path)
        let file = folder.appendingPathComponent("mine.transcript").path
        // The first run is let go, and its hold on the session with it.
        let saved: SavedSession = try {
            let first = SessionRun(Script.start + [":save \(file)", ":quit"], store: store)
            try #require(first.console.output.contains("Saved to \(file)."))
            return first.session.savedSession
        }()
        let resumed = SessionRun(["", "612", ":save \(file)", ":save \(folder.path)"], store: store, resuming: saved)
        #expect(resumed.console.output.contains("Saved to \(file)."))
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains("> 612\n"))
        #expect(resumed.console.text.replacing("\n", with: " ").contains("\(folder.path) is a folder; give the name of a file in it."))
    }

    @Test func whatIfLeavesTheAnswersAsTheyWere() {
        let run = SessionRun(Script.start + [":whatif attempt=2", ":how retake"])
        #expect(run.answers["attempt"] == "1")
        let after = run.console.output.drop { $0 != "> :how retake" }
        #expect(after.contains("- Earliest the policy allows: 2023-12-03 15:00"))
        #expect(!after.contains { $0.contains("2023-12-16") })
    }

    @Test func saveExpandsTheHomeFolder() {
        #expect(PrivateFile.expandingTilde("~/plans/a.transcript", home: "/home/ana") == "/home/ana/plans/a.transcript")
        #expect(PrivateFile.expandingTilde("~", home: "/home/ana") == "/home/ana")
        #expect(PrivateFile.expandingTilde("~ana/a", home: "/home/ana") == "~ana/a")
        #expect(PrivateFile.expandingTilde("notes/~/a", home: "/home/ana") == "notes/~/a")
    }

    @Test func saveReplacesOnlyAnEarlierSaveOfThisSession() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("save-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let other = folder.appendingPathComponent("notes.txt").path
        try "my own notes\n".write(toFile: other, atomically: true, encoding: .utf8)
        let mine = folder.appendingPathComponent("session.transcript").path

        let run = SessionRun(Script.start + [":save \(other)", ":save \(mine)", "", "612", ":save \(mine)", ":save! \(other)"])
        let said = run.console.text.replacing("\n", with: " ")
        #expect(said.contains("\(other) already exists and is not an earlier save of this session; :save! \(other) replaces it."))
        #expect(run.console.output.filter { $0.hasPrefix("Saved to \(mine)") }.count == 2)
        #expect(run.console.output.contains { $0.hasPrefix("Saved to \(other)") })
        let saved = try String(contentsOfFile: mine, encoding: .utf8)
        #expect(saved.contains("> 612\n"))
        #expect(try String(contentsOfFile: other, encoding: .utf8).hasPrefix("now: 2023-12-02T18:00"))
    }

    @Test func statusSaysWhereTheCandidateIsAndWhatIsLeft() {
        #expect(reply(to: ":status").joined(separator: " ")
            == "These questions: hours 3-4, the score report. 2 answers so far; 15 questions may follow.")
    }

    @Test func backUndoesTheLastAnswerAndAsksItAgain() {
        let run = SessionRun(Script.start + [":back", "3"])
        #expect(run.console.output.contains("Going back to: Which attempt was this?"))
        #expect(run.answers["attempt"] == "3")
        #expect(run.answers["failed_at"] == "2023-12-02 15:00")
    }

    @Test func backCrossesAPhaseBoundaryAndClosesThePhaseAgain() {
        let run = SessionRun(Script.start + Script.scores + [":back", "computer_vision, speech"])
        let lines = run.console.output
        #expect(lines.filter { $0 == "Your score report" }.count == 2)
        #expect(lines.filter { $0 == "Hours 5-24: find out why" }.count == 2)
        #expect(run.answers["services_used"] == "computer_vision, speech")
    }

    @Test func backDropsAnswersThatNoLongerApply() {
        // Projects make the exam-style question apply; going back to say
        // "none" makes it not apply, and it is neither asked nor kept.
        let diagnosis = ["projects", "none", "ai900", "no", "docs, video", "3", "yes"]
        let back = Array(repeating: ":back", count: diagnosis.count)
        let run = SessionRun(Script.start + Script.scores + diagnosis + back + ["none", "none", "ai900", "no", "docs", "3"])
        #expect(run.console.text.contains("Did you know the services, but the questions asked about details"))
        #expect(run.answers["hands_on"] == "none")
        #expect(run.answers["knew_services_but_not_questions"] == nil)
        let afterBack = run.console.output.suffix(from: run.console.output.lastIndex(of: "> :back") ?? 0)
        #expect(!afterBack.contains { $0.hasPrefix("Did you know the services") })
        #expect(run.console.output.contains("How did the exam feel?"))
    }

    @Test func saveWritesTheTranscriptSoFarForTheCandidateOnly() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("save-\(UUID().uuidString).transcript").path
        let store = try Script.temporaryStore()
        defer {
            try? FileManager.default.removeItem(atPath: path)
            try? FileManager.default.removeItem(atPath: store.folder)
        }
        #expect(reply(to: ":save \(path)", store: store) == ["Saved to \(path)."])
        let text = try String(contentsOfFile: path, encoding: .utf8)
        // The session's id, so that a later :save of it may replace the file.
        #expect(text.hasPrefix("now: 2023-12-02T18:00\nsession: 2023-12-02T18-00\n---\n| This is retake-coach."))
        #expect(text.contains("\n> 2023-12-02 15:00\n"))
        #expect(text.hasSuffix("[exit 3]\n"))
        // What :save writes replays as it stands.
        #expect(try Replay(try Transcript(parsing: text), pack: AI102.pack).matches)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func quitStopsWithTheAnswersKept() throws {
        let store = try Script.temporaryStore()
        defer { try? FileManager.default.removeItem(atPath: store.folder) }
        let run = SessionRun(Script.start + [":quit", "612"], store: store)
        #expect(run.outcome == .quit)
        #expect(run.console.output.last == "Stopped. Your answers are kept; run retake-coach --resume to go on.")
        #expect(run.console.unread == ["612"])
        #expect(store.sessions().first?.session.answers.count == 2)
    }

    @Test func anUnknownCommandIsNamed() {
        #expect(reply(to: ":frob") == ["Unknown command ':frob'; type :help for the list."])
    }
}
