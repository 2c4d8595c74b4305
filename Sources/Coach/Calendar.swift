import RuleEngine

/// The plan as iCalendar (RFC 5545) events: each week of the plan, the day
/// the policy first allows a retake, the recommended window and the
/// candidate's own target date. Calendar apps import the file; nothing is
/// sent anywhere.
public struct Calendar: Sendable {
    public let assessment: Assessment
    public let texts: Texts
    /// What the plan belongs to (a session's identifier), in every event's
    /// id: `week-3.2026-11-28T15-02@retake-coach`.
    public let identity: String

    public init(_ assessment: Assessment, texts: Texts, identity: String) {
        self.assessment = assessment
        self.texts = texts
        self.identity = identity
    }

    /// An identity for a plan made from answers alone (`assess`): the same
    /// answers give the same one, whatever the day the plan is made.
    public static func identity(of answers: [String: Value]) -> String {
        // FNV-1a, 64 bits: stable from one run and one machine to the next,
        // as Swift's seeded `Hasher` is not.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for (fact, value) in answers.sorted(by: { $0.key < $1.key }) {
            for byte in "\(fact)=\(value)\n".utf8 {
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            }
        }
        let digits = String(hash, radix: 16)
        return "facts-" + String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// The `.ics` text, CRLF line endings and folded lines as the format
    /// requires. Event ids are the identity and the item (`earliest`,
    /// `week-3`), so importing the same plan again updates its events
    /// rather than duplicating them.
    public var text: String {
        let stamp = (assessment.now ?? Moment(minutes: 0, hasTime: true))
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//retake-coach//EN", "CALSCALE:GREGORIAN"]
        func event(_ id: String, start: Moment, end: Moment?, allDay: Bool, summary: String, description: String?) {
            lines.append("BEGIN:VEVENT")
            lines.append("UID:\(id).\(identity)@retake-coach")
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
                event("week-\(week.week)", start: from,
                      end: Moment(minutes: from.minutes + (week.lastWeek - week.week + 1) * 7 * 1440, hasTime: false),
                      allDay: true, summary: summary,
                      description: week.items.map { "- " + $0 }.joined(separator: "\n"))
            }
        }
        if let earliest = assessment.earliest {
            event("earliest", start: earliest, end: nil, allDay: !earliest.hasTime,
                  summary: texts[assessment.earliestIsBound ? "calendar.earliest_bound"
                                 : assessment.earliestIsSafeSide ? "calendar.earliest_safe" : "calendar.earliest"],
                  description: nil)
        }
        if let from = assessment.recommendedFrom, let to = assessment.recommendedTo {
            event("window", start: from.dateOnly,
                  end: Moment(minutes: to.dateOnly.minutes + 1440, hasTime: false), allDay: true,
                  summary: texts["calendar.window"], description: nil)
        }
        if case .date(let target)? = assessment.targetDate {
            // The verdict is the report's: said only once the answers decide it.
            let verdict = assessment.targetOK.map { ok in
                ok ? "report.retake.target_ok" : assessment.targetForbidden ? "report.retake.target_forbidden"
                    : "report.retake.target_not_ok"
            }
            event("target", start: target, end: nil, allDay: !target.hasTime,
                  summary: verdict.map { texts["calendar.target_verdict", ["verdict": texts[$0]]] } ?? texts["calendar.target"],
                  description: nil)
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
