import RuleEngine
import Testing

@testable import Coach

@Suite struct CalendarTests {
    /// The persona's calendar as `assess` writes it.
    private func calendar(_ persona: String, now: String = "2023-12-02T18:00") throws -> String {
        Calendar(try AI102.assess(persona, now: now), texts: AI102.pack.texts,
                 identity: Calendar.identity(of: try AI102.answers(persona))).text
    }

    @Test func calendarHoldsEachWeekTheEarliestDateTheWindowAndTheTarget() throws {
        let calendar = try calendar("documentation_reader")
        #expect(calendar == (try AI102.text(of: "reports/documentation_reader.ics")))
        let lines = calendar.components(separatedBy: "\r\n")
        #expect(lines.first == "BEGIN:VCALENDAR")
        #expect(lines.dropLast().last == "END:VCALENDAR")
        #expect(lines.last == "")
        // Six plan weeks from the end of the 48 hours, the earliest date,
        // the window, which opens the day the plan ends, and the target.
        #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == 9)
        #expect(lines.filter { $0 == "END:VEVENT" }.count == 9)
        let target = try #require(lines.firstIndex { $0.hasPrefix("UID:target.") })
        #expect(Array(lines[(target + 2)...(target + 4)]) == [
            "DTSTART;VALUE=DATE:20231224", "DTEND;VALUE=DATE:20231225", "SUMMARY:Your AI-102 retake target (too soon)",
        ])
        #expect(lines.contains("DTSTART;VALUE=DATE:20231204"))
        #expect(lines.contains("DTSTART:20231203T150000"))
        #expect(lines.filter { $0 == "DTEND;VALUE=DATE:20240115" || $0 == "DTSTART;VALUE=DATE:20240115" }.count == 2)
        #expect(lines.contains("DTEND;VALUE=DATE:20240130"))
        #expect(!calendar.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    @Test func aStretchOfSeveralWeeksIsOneEventThatLastsThem() throws {
        let answers = try AI102.pack.facts(from: SourceFile(name: "few_hours.yaml", text: """
            failed_at: 2023-12-01 15:00
            attempt: 1
            scores.plan_manage: 55
            scores.decision_support: 62
            scores.computer_vision: 48
            scores.nlp: 42
            scores.knowledge_mining: 58
            scores.generative_ai: 66
            services_used: [computer_vision]
            specialty_service: none
            prior_certs: [az900]
            ml_background: no
            hands_on: tutorials
            study_sources: [video, labs]
            materials_age_months: 2
            exam_pace: fine
            unfamiliar_share: few
            planned_resources: 2
            target_date: none
            hours_per_week: 4
            """))
        let assessment = try AI102.pack.assess(answers, now: "2023-12-03T12:00")
        let stretch = try #require(assessment.plan.first { $0.lastWeek > $0.week })
        let lines = Calendar(assessment, texts: AI102.pack.texts, identity: "few-hours").text.components(separatedBy: "\r\n")
        let start = Moment(minutes: assessment.planStart!.minutes + (stretch.week - 1) * 7 * 1440, hasTime: false)
        let end = Moment(minutes: start.minutes + (stretch.lastWeek - stretch.week + 1) * 7 * 1440, hasTime: false)
        let uid = try #require(lines.firstIndex(of: "UID:week-\(stretch.week).few-hours@retake-coach"))
        #expect(lines[uid + 2] == "DTSTART;VALUE=DATE:\(Calendar.date(start))")
        #expect(lines[uid + 3] == "DTEND;VALUE=DATE:\(Calendar.date(end))")
        #expect(lines[uid + 4].hasPrefix("SUMMARY:AI-102 weeks \(stretch.week)-\(stretch.lastWeek): "))
    }

    @Test func anEarliestDateOnTheSafeSideSaysSo() throws {
        let assessment = try AI102.assess("day_without_time", now: "2023-12-03T12:00")
        #expect(assessment.earliestIsSafeSide)
        let text = Calendar(assessment, texts: AI102.pack.texts, identity: "day").text.replacingOccurrences(of: "\r\n ", with: "")
        #expect(text.contains("SUMMARY:Safe day to book an AI-102 retake (with the exam's time of day\\, it may come a day sooner)"))
        #expect(!text.contains("SUMMARY:First day an AI-102 retake is allowed"))
    }

    @Test func eventIdsStayTheSameWhateverTheDayThePlanIsMade() throws {
        func uids(_ text: String) -> [String] { text.components(separatedBy: "\r\n").filter { $0.hasPrefix("UID:") } }
        let friday = try calendar("documentation_reader", now: "2023-12-02T18:00")
        let monday = try calendar("documentation_reader", now: "2023-12-04T09:00")
        #expect(friday != monday)
        #expect(uids(friday) == uids(monday))
        let identity = Calendar.identity(of: try AI102.answers("documentation_reader"))
        #expect(uids(friday) == ["week-1", "week-2", "week-3", "week-4", "week-5", "week-6", "earliest", "window", "target"]
            .map { "UID:\($0).\(identity)@retake-coach" })
        // Other answers are another plan, with ids of its own.
        #expect(Calendar.identity(of: try AI102.answers("ml_expert")) != identity)
    }

    @Test func aTargetNotYetJudgedIsShownWithoutAVerdict() throws {
        var assessment = try AI102.assess("documentation_reader")
        assessment.targetOK = nil
        let text = Calendar(assessment, texts: AI102.pack.texts, identity: "t").text
        #expect(text.contains("UID:target.t@retake-coach\r\nDTSTAMP:20231202T180000Z\r\nDTSTART;VALUE=DATE:20231224\r\n"
                              + "DTEND;VALUE=DATE:20231225\r\nSUMMARY:Your AI-102 retake target\r\n"))
    }

    @Test func longLinesAreFoldedAt75OctetsWithoutSplittingACharacter() {
        let line = "SUMMARY:" + String(repeating: "é", count: 60)
        let folded = Calendar.fold(line)
        #expect(folded.count == 2)
        #expect(folded.allSatisfy { $0.utf8.count <= 75 })
        #expect(folded[1].hasPrefix(" "))
        #expect(folded[0] + folded[1].dropFirst() == line)
    }

    @Test func textIsEscapedAsTheFormatAsks() {
        #expect(Calendar.escape("a, b; c\\d\ne") == "a\\, b\\; c\\\\d\\ne")
    }
}
