import RuleEngine
import Testing

@testable import Coach

@Suite struct CalendarTests {
    @Test func calendarHoldsEachWeekTheEarliestDateAndTheWindow() throws {
        let calendar = Calendar(try AI102.assess("documentation_reader"), texts: AI102.pack.texts).text
        #expect(calendar == (try AI102.text(of: "reports/documentation_reader.ics")))
        let lines = calendar.components(separatedBy: "\r\n")
        #expect(lines.first == "BEGIN:VCALENDAR")
        #expect(lines.dropLast().last == "END:VCALENDAR")
        #expect(lines.last == "")
        #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == 9)
        #expect(lines.filter { $0 == "END:VEVENT" }.count == 9)
        #expect(lines.contains("DTSTART;VALUE=DATE:20261128"))
        #expect(lines.contains("DTSTART:20261129T150000"))
        #expect(lines.contains("DTSTART;VALUE=DATE:20270109"))
        #expect(lines.contains("DTEND;VALUE=DATE:20270124"))
        #expect(!calendar.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
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
