import RuleEngine

/// The plan as iCalendar (RFC 5545) events: each week of the plan, the day
/// the policy first allows a retake, and the recommended window. Calendar
/// apps import the file; nothing is sent anywhere.
public struct Calendar: Sendable {
    public let assessment: Assessment
    public let texts: Texts

    public init(_ assessment: Assessment, texts: Texts) {
        self.assessment = assessment
        self.texts = texts
    }

    /// The `.ics` text, CRLF line endings and folded lines as the format
    /// requires. Event ids derive from their content, so writing the same
    /// plan again updates rather than duplicates the events.
    public var text: String {
        let stamp = (assessment.now ?? Moment(minutes: 0, hasTime: true))
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//retake-coach//EN", "CALSCALE:GREGORIAN"]
        func event(_ id: String, start: Moment, end: Moment?, allDay: Bool, summary: String, description: String?) {
            lines.append("BEGIN:VEVENT")
            lines.append("UID:\(id)@retake-coach")
            // NB: the format wants a UTC stamp; the session's clock is the
            // closest there is, and the stamp only orders revisions.
            lines.append("DTSTAMP:\(Calendar.dateTime(stamp))Z")
            if allDay {
                lines.append("DTSTART;VALUE=DATE:\(Calendar.date(start))")
                lines.append("DTEND;VALUE=DATE:\(Calendar.date(end ?? Moment(minutes: start.minutes + 1440, hasTime: false)))")
            } else {
                lines.append("DTSTART:\(Calendar.dateTime(start))")
                lines.append("DTEND:\(Calendar.dateTime(end ?? Moment(minutes: start.minutes + 60, hasTime: true)))")
            }
            lines.append("SUMMARY:" + Calendar.escape(summary))
            if let description { lines.append("DESCRIPTION:" + Calendar.escape(description)) }
            lines.append("TRANSP:TRANSPARENT")
            lines.append("END:VEVENT")
        }
        if let start = assessment.planStart {
            for week in assessment.plan {
                let from = Moment(minutes: start.dateOnly.minutes + (week.week - 1) * 7 * 1440, hasTime: false)
                let summary = week.lastWeek > week.week
                    ? texts["calendar.weeks", ["first": String(week.week), "last": String(week.lastWeek), "focus": week.focus]]
                    : texts["calendar.week", ["week": String(week.week), "focus": week.focus]]
                event("week-\(week.week)-\(Calendar.date(from))", start: from,
                      end: Moment(minutes: from.minutes + (week.lastWeek - week.week + 1) * 7 * 1440, hasTime: false),
                      allDay: true, summary: summary,
                      description: week.items.map { "- " + $0 }.joined(separator: "\n"))
            }
        }
        if let earliest = assessment.earliest {
            event("earliest-\(Calendar.date(earliest))", start: earliest, end: nil, allDay: !earliest.hasTime,
                  summary: texts[assessment.earliestIsBound ? "calendar.earliest_bound"
                                 : assessment.earliestIsSafeSide ? "calendar.earliest_safe" : "calendar.earliest"],
                  description: nil)
        }
        if let from = assessment.recommendedFrom, let to = assessment.recommendedTo {
            event("window-\(Calendar.date(from))", start: from.dateOnly,
                  end: Moment(minutes: to.dateOnly.minutes + 1440, hasTime: false), allDay: true,
                  summary: texts["calendar.window"], description: nil)
        }
        lines.append("END:VCALENDAR")
        return lines.flatMap(Calendar.fold).joined(separator: "\r\n") + "\r\n"
    }

    static func date(_ m: Moment) -> String {
        let c = m.components
        return padded(c.year, 4) + padded(c.month, 2) + padded(c.day, 2)
    }

    /// A floating local time: the candidate's wall clock, as the answers are.
    static func dateTime(_ m: Moment) -> String {
        let c = m.components
        return date(m) + "T" + padded(c.hour, 2) + padded(c.minute, 2) + "00"
    }

    /// Backslash, semicolon, comma and line breaks escaped as RFC 5545 asks.
    static func escape(_ s: String) -> String {
        var out = ""
        for character in s {
            switch character {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }

    /// Splits a content line into lines of at most 75 octets, each
    /// continuation starting with a space, never inside a character.
    static func fold(_ line: String) -> [String] {
        var result: [String] = []
        var current = ""
        var octets = 0
        for character in line {
            let size = String(character).utf8.count
            let limit = result.isEmpty ? 75 : 74
            if octets + size > limit {
                result.append(current)
                current = ""
                octets = 0
            }
            current.append(character)
            octets += size
        }
        result.append(current)
        return result.enumerated().map { $0.offset == 0 ? $0.element : " " + $0.element }
    }
}

/// `value` in decimal, zero-padded to `width` digits.
private func padded(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
