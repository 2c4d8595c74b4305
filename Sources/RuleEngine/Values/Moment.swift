/// A calendar date, with or without a time of day, counted in minutes since
/// 1970-01-01 00:00. Times are wall-clock times: the engine does no time-zone
/// arithmetic, the caller decides which clock the facts use.
public struct Moment: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var minutes: Int
    /// Whether a time of day was given (`2026-11-27 15:00`) or only a date.
    public var hasTime: Bool

    public init(minutes: Int, hasTime: Bool) {
        self.minutes = minutes
        self.hasTime = hasTime
    }

    /// A validated date; nil for dates such as 2026-02-30.
    public init?(year: Int, month: Int, day: Int, hour: Int? = nil, minute: Int = 0) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Moment.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        var minutes = Moment.days(year: year, month: month, day: day) * 1440
        if let hour {
            guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
            minutes += hour * 60 + minute
        }
        self.init(minutes: minutes, hasTime: hour != nil)
    }

    /// Parses `YYYY-MM-DD`, optionally followed by `T` or a space and `HH:MM`
    /// (seconds and a trailing `Z` are accepted and dropped).
    public init?(parsing text: some StringProtocol) {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[range] {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard bytes.count >= 10, bytes[4] == 45, bytes[7] == 45,
              let year = number(0..<4), let month = number(5..<7), let day = number(8..<10)
        else { return nil }
        if bytes.count == 10 {
            self.init(year: year, month: month, day: day)
            return
        }
        guard bytes.count >= 16, bytes[10] == 84 || bytes[10] == 32, bytes[13] == 58,
              let hour = number(11..<13), let minute = number(14..<16)
        else { return nil }
        var rest = bytes[16...]
        if rest.first == 58 {
            guard rest.count >= 3, number(17..<19) != nil else { return nil }
            rest = rest.dropFirst(3)
        }
        if rest.first == 90 { rest = rest.dropFirst() }
        guard rest.isEmpty else { return nil }
        self.init(year: year, month: month, day: day, hour: hour, minute: minute)
    }

    public var components: (year: Int, month: Int, day: Int, hour: Int, minute: Int) {
        let day = minutes.floorDiv(1440)
        let minuteOfDay = minutes - day * 1440
        let (y, m, d) = Moment.civil(fromDays: day)
        return (y, m, d, minuteOfDay / 60, minuteOfDay % 60)
    }

    /// The same day and time `months` months later (earlier when negative),
    /// moved back to the month's last day when it is shorter: 31 January
    /// plus one month is 28 or 29 February.
    public func addingMonths(_ months: Int) -> Moment? {
        let c = components
        let index = c.year * 12 + (c.month - 1) + months
        let year = index.floorDiv(12), month = index - year * 12 + 1
        guard (1...9999).contains(year) else { return nil }
        let day = min(c.day, Moment.daysIn(month: month, year: year))
        return Moment(year: year, month: month, day: day, hour: hasTime ? c.hour : nil, minute: c.minute)
    }

    /// The day alone, at midnight.
    public var dateOnly: Moment {
        Moment(minutes: minutes.floorDiv(1440) * 1440, hasTime: false)
    }

    /// `2026-11-27` or `2026-11-27T15:00`.
    public var description: String {
        let c = components
        let date = "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))"
        return hasTime ? date + "T\(pad(c.hour, 2)):\(pad(c.minute, 2))" : date
    }

    public static func < (lhs: Moment, rhs: Moment) -> Bool { lhs.minutes < rhs.minutes }
    public static func == (lhs: Moment, rhs: Moment) -> Bool { lhs.minutes == rhs.minutes }
    public func hash(into hasher: inout Hasher) { hasher.combine(minutes) }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // NB: Howard Hinnant's days_from_civil / civil_from_days, exact for the
    // proleptic Gregorian calendar.
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = y.floorDiv(400)
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = z.floorDiv(146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

/// A length of time in minutes: `14 days`, `24 hours`, `6 weeks`.
public struct Span: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var minutes: Int

    public init(minutes: Int) { self.minutes = minutes }

    public static func < (lhs: Span, rhs: Span) -> Bool { lhs.minutes < rhs.minutes }

    /// The largest whole unit that divides the span: `2 weeks`, `36 hours`.
    public var description: String {
        let units: [(Int, String)] = [(10080, "week"), (1440, "day"), (60, "hour"), (1, "minute")]
        for (size, name) in units where minutes % size == 0 {
            let count = minutes / size
            return "\(count) \(name)\(abs(count) == 1 ? "" : "s")"
        }
        return "\(minutes) minutes"
    }
}

extension Int {
    func floorDiv(_ divisor: Int) -> Int {
        let q = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? q - 1 : q
    }
}

private func pad(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
}
