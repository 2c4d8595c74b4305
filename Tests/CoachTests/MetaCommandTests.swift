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
        let lines = reply(to: ":help", after: ["2026-11-28 15:00"])
        #expect(lines.first == "Answer the question, or type one of these:")
        #expect(lines.contains("  :back            undo your last answer and answer it again"))
        #expect(lines.contains { $0.hasPrefix("About this question: The retake policy depends on it.") })
        #expect(lines.last == "Expected: a whole number from 1 to 5.")
    }

    @Test func whyNamesTheFactAndTheRulesThatReadIt() {
        #expect(reply(to: ":why", after: ["2026-11-28 15:00"]) == [
            "This answer is 'attempt'. 14 rules read it:",
            "  wait_after_first_failure: when protocol_phase == \"hours_25_48\" and attempt",
            "      == 1, it concludes protocol_dont",
            "  wait_after_later_failure: when protocol_phase in {\"hours_25_48\", \"after_48\"}",
            "      and attempt >= 2 and attempt < policy.attempts_per_year and now <",
            "      retake.earliest, it concludes protocol_do",
            "  wait_after_fifth_failure: when protocol_phase in {\"hours_25_48\", \"after_48\"}",
            "      and attempt == policy.attempts_per_year and retake.year_limit_holds and",
            "      now < retake.earliest, it concludes protocol_do",
            "  wait_after_fifth_failure_year_passed: when protocol_phase in {\"hours_25_48\",",
            "      \"after_48\"} and attempt == policy.attempts_per_year and not",
            "      retake.year_limit_holds and now < retake.earliest, it concludes",
            "      protocol_do",
            "  wait_after_fifth_failure_first_date_unknown: when protocol_phase in",
            "      {\"hours_25_48\", \"after_48\"} and attempt == policy.attempts_per_year and",
            "      not known(first_attempt_at), it concludes protocol_do",
            "  wait_from_exam_time: when has_time(failed_at) and attempt >= 1, it concludes",
            "      retake.after_wait",
            "  wait_from_end_of_day: when not has_time(failed_at) and attempt >= 1, it",
            "      concludes retake.earliest_is_safe_side, retake.warnings,",
            "      retake.after_wait",
            "  earliest_before_yearly_limit: when attempt < policy.attempts_per_year, it",
            "      concludes retake.earliest, retake.floor",
            "  yearly_limit_date: when attempt == policy.attempts_per_year, it concludes",
            "      retake.year_date, retake.year_limit_holds",
            "  earliest_at_yearly_limit: when attempt == policy.attempts_per_year and",
            "      retake.year_limit_holds, it concludes retake.earliest, retake.warnings,",
            "      retake.floor",
            "  earliest_after_yearly_limit_passed: when attempt == policy.attempts_per_year",
            "      and not retake.year_limit_holds, it concludes retake.earliest,",
            "      retake.warnings, retake.floor",
            "  earliest_bound_without_first_date: when attempt == policy.attempts_per_year",
            "      and not known(first_attempt_at), it concludes retake.earliest,",
            "      retake.warnings, retake.earliest_is_bound",
            "  target_depends_on_first_date: when target_date != \"none\" and attempt ==",
            "      policy.attempts_per_year and not known(first_attempt_at) and target_date",
            "      >= day(retake.earliest), it concludes retake.warnings",
            "  cost: when attempt >= 1, it concludes cost.per_attempt, cost.spent,",
            "      cost.currency",
        ])
    }

    @Test func howTracesAConclusionBackToTheAnswers() {
        let lines = reply(to: ":how retake.earliest")
        #expect(lines == [
            "retake.earliest is 2026-11-29 15:00",
            "  because: After a first failure the policy asks for a wait of 24 hours. (rule",
            "      earliest_before_yearly_limit)",
            "    you answered attempt: 1",
            "    retake.after_wait is 2026-11-29 15:00",
            "      because: The wait counts from the time you sat the exam. (rule",
            "          wait_from_exam_time)",
            "        you answered failed_at: 2026-11-28 15:00",
            "        you answered attempt: 1",
        ])
        #expect(reply(to: ":how").first?.hasPrefix("You can ask how these were reached: protocol_phase,") == true)
        #expect(reply(to: ":how pattern") == ["Nothing has been concluded about 'pattern' yet."])
        #expect(reply(to: ":how patern").first?.hasPrefix("There is no conclusion called 'patern'.") == true)
    }

    @Test func whatIfShowsTheConclusionsThatWouldChange() {
        #expect(reply(to: ":whatif attempt=2") == [
            "  retake.earliest: 2026-11-29 15:00 → 2026-12-12 15:00",
            "  cost.spent: 165 → 330",
        ])
        #expect(reply(to: ":whatif attempt=1") == ["Nothing would change."])
        #expect(reply(to: ":whatif attempt") == ["Write it as :whatif FACT=VALUE, for example :whatif exam_pace=fine."])
        #expect(reply(to: ":whatif attempt=9") == ["9 is too high; expected a whole number from 1 to 5."])
    }

    @Test func whatIfLeavesTheAnswersAsTheyWere() {
        let run = SessionRun(Script.start + [":whatif attempt=2", ":how retake.earliest"])
        #expect(run.answers["attempt"] == "1")
        #expect(run.console.output.contains { $0.contains("retake.earliest") && $0.contains("2026-11-29 15:00") })
        #expect(!run.console.output.contains { $0.contains("2026-12-12") && !$0.contains("→") })
    }

    @Test func statusSaysWhereTheCandidateIsAndWhatIsLeft() {
        #expect(reply(to: ":status").joined(separator: " ")
            == "These questions: hours 3-4, the score report. 2 answers so far; 21 questions may follow.")
    }

    @Test func backUndoesTheLastAnswerAndAsksItAgain() {
        let run = SessionRun(Script.start + [":back", "3"])
        #expect(run.console.output.contains("Going back to: Which attempt was this?"))
        #expect(run.answers["attempt"] == "3")
        #expect(run.answers["failed_at"] == "2026-11-28 15:00")
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
        #expect(text.hasPrefix("now: 2026-11-28T18:00\n---\n| This is retake-coach."))
        #expect(text.contains("\n> 2026-11-28 15:00\n"))
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
