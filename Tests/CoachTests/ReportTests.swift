import Foundation
import RuleEngine
import Testing

@testable import Coach

/// Whole reports compared with the files under Fixtures/reports. They are
/// recorded once and changed only on purpose.
@Suite struct ReportTests {
    private func expectSame(_ actual: String, _ fixture: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let expected = try AI102.text(of: "reports/\(fixture)")
        guard actual != expected else { return }
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let line = Array(zip(a, e)).firstIndex { $0 != $1 } ?? min(a.count, e.count)
        Issue.record("""
            \(fixture) differs from line \(line + 1):
              expected: \(line < e.count ? String(e[line]) : "<end>")
              actual:   \(line < a.count ? String(a[line]) : "<end>")
            """, sourceLocation: sourceLocation)
    }

    @Test func textReportReadsAsTheSessionPrintsIt() throws {
        let report = Report(try AI102.assess("documentation_reader"), texts: AI102.pack.texts)
        try expectSame(report.rendered(as: .text), "documentation_reader.txt")
    }

    @Test func markdownReportIsAPageToKeep() throws {
        let report = Report(try AI102.assess("documentation_reader"), texts: AI102.pack.texts)
        try expectSame(report.rendered(as: .markdown), "documentation_reader.md")
    }

    @Test func jsonHasTheShapeOfTheSpecification() throws {
        let json = try AI102.assess("documentation_reader").json.rendered() + "\n"
        try expectSame(json, "documentation_reader.json")
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect(object.map { Set($0.keys) } == [
            "exam", "pattern", "failure_type", "score_pattern", "timeline", "retake", "protocol_phase", "plan", "plan_notes",
            "checklist", "reassurance", "cost", "fired_rules", "undecided",
        ])
    }

    @Test func undecidedConclusionsAreNullAndTheReportSaysWhatWouldDecideThem() throws {
        let assessment = try AI102.assess("partial")
        try expectSame(Report(assessment, texts: AI102.pack.texts).rendered(as: .text), "partial.txt")
        let json = assessment.json.rendered()
        #expect(json.contains("\"weeks_min\": null"))
        #expect(json.contains("\"score_pattern\": {\n    \"id\": \"unknown\""))
    }

    @Test func everyLineOfTheTextReportFitsEightyColumns() throws {
        for persona in ["documentation_reader", "single_service_specialist", "partial"] {
            let text = Report(try AI102.assess(persona), texts: AI102.pack.texts).rendered(as: .text)
            let long = text.split(separator: "\n").filter { $0.count > 80 }
            #expect(long.isEmpty, "\(persona): \(long)")
        }
    }

    @Test func everyTextTheReportsUseIsInThePack() {
        let keys = ["report.title", "report.generated", "report.where_you_are", "report.do", "report.dont",
                    "report.scores", "report.weak_domains", "report.no_weak_domains", "report.pattern",
                    "report.pattern.needs", "report.failure_type",
                    "report.timeline", "report.timeline.weeks", "report.retake", "report.retake.earliest",
                    "report.retake.earliest_bound", "report.retake.window", "report.retake.target",
                    "report.retake.target_ok", "report.retake.target_not_ok", "report.retake.target_forbidden",
                    "report.plan", "report.plan.week", "report.plan.weeks", "report.checklist",
                    "report.cost", "report.cost.line", "report.undecided", "report.undecided.line",
                    "calendar.week", "calendar.weeks", "calendar.earliest", "calendar.earliest_bound", "calendar.earliest_safe", "calendar.window",
                    "calendar.target", "calendar.target_verdict", "session.quit_empty", "session.ended_empty",
                    "session.finished_before", "session.unfinished_plan", "sessions.heading", "sessions.none",
                    "sessions.none_anywhere", "sessions.finished", "sessions.unfinished", "sessions.open_elsewhere",
                    "session.ask_time", "session.phase_now", "session.phase_now_day"]
            + AI102.pack.ruleBase.facts.filter(\.settles).map { "conclusion.\($0.name)" }
            + ["hours_1_2", "hours_3_4", "hours_5_24", "hours_25_48", "after_48"].map { "report.phase.\($0)" }
            + ["consistently_low", "single_gap", "one_weak_rest_strong", "mixed"].map { "report.score_pattern.\($0)" }
        #expect(AI102.pack.texts.missing(keys) == [])
    }
}
