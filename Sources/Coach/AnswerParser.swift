import RuleEngine

/// An answer as read: the value for the fact (nil when an optional question
/// was skipped) and the answer written out in full, so it reads the same
/// on any later day (`yesterday` becomes the date it meant).
public struct Answer: Sendable, Equatable {
    public let value: Value?
    public let canonical: String
}

/// Why an answer was not accepted, in one line for the candidate.
public struct AnswerError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// Reads answers to a question, forgiving in form (`62`, `62%`; `y`, `yes`;
/// a choice by number, id or unambiguous prefix; `today`, `yesterday`) and
/// strict in meaning (ranges, real dates, known choices).
public struct AnswerParser: Sendable {
    public let question: Question
    /// The clock `today` and `yesterday` are read against.
    public let now: Moment

    /// Longer answers are refused rather than processed.
    public static let maximumLength = 1000

    /// The choices offered, when not all of them are (`choices_from`):
    /// prefixes, suggestions and the list an error gives are among these.
    /// A choice not offered, named whole, is still read, for the session
    /// to say why it is not offered.
    public var offered: Set<String>?

    /// What an empty line answers, when the question has a default that
    /// applies (the outline in force on the exam's day).
    public var preset: String?

    public init(question: Question, now: Moment, offered: Set<String>? = nil) {
        self.question = question
        self.now = now
        self.offered = offered
    }

    /// The choices prefixes and suggestions are drawn from.
    private var candidates: [(id: String, label: String)] {
        guard let offered else { return question.choices }
        return question.choices.filter { offered.contains($0.id) }
    }

    public func parse(_ raw: String) throws(AnswerError) -> Answer {
        // NB: the byte count is checked first, so a huge line is refused
        // without walking its characters.
        guard raw.utf8.count <= 4 * AnswerParser.maximumLength, raw.count <= AnswerParser.maximumLength else {
            throw AnswerError(message: "That answer is too long (over \(AnswerParser.maximumLength) characters).")
        }
        if let bad = raw.unicodeScalars.first(where: {
            [.control, .lineSeparator, .paragraphSeparator].contains($0.properties.generalCategory) && $0 != "\t"
        }) {
            throw AnswerError(message: "That answer holds a control character (\(bad.escaped(asASCII: true))); type plain text.")
        }
        let text = raw.trimmingSpaces()
        if text.isEmpty, let preset, !preset.isEmpty {
            return try parse(preset)
        }
        if text.isEmpty || text.lowercased() == "skip" {
            guard question.isOptional else {
                throw AnswerError(message: text.isEmpty ? "An answer is needed: \(expected)." : "This one cannot be skipped: \(expected).")
            }
            return Answer(value: nil, canonical: text.isEmpty ? "" : "skip")
        }
        if let word = question.words.first(where: { $0.lowercased() == text.lowercased() }) {
            return Answer(value: .string(word), canonical: word)
        }
        switch question.kind {
        case .choice:
            let id = try choice(text)
            return Answer(value: .string(id), canonical: id)
        case .multi:
            let ids = try choices(text)
            return Answer(value: .makeSet(ids.map(Value.string)), canonical: ids.isEmpty ? "none" : ids.joined(separator: ", "))
        case .yesNo:
            switch text.lowercased() {
            case "y", "yes", "true": return Answer(value: .bool(true), canonical: "yes")
            case "n", "no", "false": return Answer(value: .bool(false), canonical: "no")
            default: throw AnswerError(message: "Please answer \(expected).")
            }
        case .integer, .percent:
            let number = try self.number(text)
            // `1e-05` would not read back; the digits as typed do.
            let written = Value.format(number)
            return Answer(value: .number(number),
                          canonical: written.contains("e") ? text.replacing("%", with: "").trimmingSpaces() : written)
        case .date, .datetime:
            let moment = try date(text)
            return Answer(value: .date(moment), canonical: moment.readable)
        case .text:
            return Answer(value: .string(text), canonical: text)
        }
    }

    /// The days a date answer can name instead of its digits.
    public static let days = ["today", "yesterday"]

    /// The words an answer can be, for TAB to complete: the choices' ids,
    /// the words the question takes besides its type, the days for a date,
    /// `skip` when the question may be skipped.
    public var words: [String] {
        var words = question.choices.map(\.id) + question.words
        if question.kind == .multi { words.append("none") }
        if question.kind == .yesNo { words += ["yes", "no"] }
        if question.kind == .date || question.kind == .datetime { words += AnswerParser.days }
        if question.isOptional { words.append("skip") }
        var seen = Set<String>()
        return words.filter { seen.insert($0.lowercased()).inserted }
    }

    /// What the question expects, as error messages say it.
    public var expected: String {
        var parts: [String]
        switch question.kind {
        case .choice: parts = ["one of \(choiceList)"]
        case .multi: parts = ["any of \(choiceList), separated by commas, or none"]
        case .yesNo: parts = ["yes or no"]
        case .integer: parts = ["a whole number\(rangeText)"]
        case .percent: parts = ["a percentage from 0 to 100"]
        case .date: parts = ["a date such as 2026-11-27, today or yesterday"]
        case .datetime: parts = ["a date such as 2026-11-27, with a time such as 15:00 if you know it"]
        case .text: parts = ["some text"]
        }
        parts += question.words
        if question.isOptional { parts.append("skip") }
        return parts.count == 1 ? parts[0] : parts.dropLast().joined(separator: ", ") + " or " + parts.last!
    }

    private var choiceList: String {
        question.choices.enumerated().filter { offered?.contains($0.element.id) ?? true }
            .map { "\($0.element.id) (\($0.offset + 1))" }.joined(separator: ", ")
    }

    private var rangeText: String {
        switch (question.minimum, question.maximum) {
        case let (low?, high?): " from \(Value.format(low)) to \(Value.format(high))"
        case let (low?, nil): " of \(Value.format(low)) or more"
        case let (nil, high?): " up to \(Value.format(high))"
        case (nil, nil): ""
        }
    }

    /// A choice by number, by id or label, or by an unambiguous prefix of
    /// either.
    func choice(_ text: String) throws(AnswerError) -> String {
        let lowered = text.lowercased()
        if let index = Int(lowered) {
            guard index >= 1, index <= question.choices.count else {
                throw AnswerError(message: "There is no choice \(index); expected \(expected).")
            }
            return question.choices[index - 1].id
        }
        if let exact = question.choices.first(where: { $0.id.lowercased() == lowered || $0.label.lowercased() == lowered }) {
            return exact.id
        }
        let matches = candidates.filter { $0.id.lowercased().hasPrefix(lowered) || $0.label.lowercased().hasPrefix(lowered) }
        switch matches.count {
        case 1: return matches[0].id
        case 0:
            // A likely typo of an id or a label is named, as the id to type.
            let byLabel = Dictionary(candidates.map { ($0.label.lowercased(), $0.id) }, uniquingKeysWith: { a, _ in a })
            let near = Spelling.suggestion(for: lowered, among: candidates.map { $0.id.lowercased() } + byLabel.keys)
            if let near {
                throw AnswerError(message: "'\(text.shown)' is not a choice here; did you mean '\(byLabel[near] ?? near)'?")
            }
            throw AnswerError(message: "'\(text.shown)' is not a choice here; expected \(expected).")
        default:
            throw AnswerError(message: "'\(text.shown)' could be \(matches.map(\.id).joined(separator: " or ")); type more of it.")
        }
    }

    private func choices(_ text: String) throws(AnswerError) -> [String] {
        if text.lowercased() == "none" { return [] }
        var ids: [String] = []
        let items = text.split(whereSeparator: { $0 == "," || $0 == ";" }).map { String($0).trimmingSpaces() }
        for item in items where !item.isEmpty {
            // A label such as `Computer Vision` is one item; else spaces separate too.
            let parts = (try? choice(item)) != nil ? [item] : item.split(separator: " ").map(String.init)
            for part in parts {
                let id = try choice(part)
                if !ids.contains(id) { ids.append(id) }
            }
        }
        guard !ids.isEmpty else { throw AnswerError(message: "'\(text.shown)' is not a choice here; expected \(expected).") }
        return question.choices.map(\.id).filter(ids.contains)
    }

    private func number(_ text: String) throws(AnswerError) -> Double {
        var digits = text
        if question.kind == .percent, digits.hasSuffix("%") { digits = String(digits.dropLast()).trimmingSpaces() }
        if digits.utf8.count > 15, digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
            throw AnswerError(message: "That number is too large; expected \(expected).")
        }
        guard digits.utf8.count <= 15, let value = Double(digits), value.isFinite,
              digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }) else {
            throw AnswerError(message: "'\(text.shown)' is not a number; expected \(expected).")
        }
        if question.kind == .integer, value != value.rounded() {
            throw AnswerError(message: "Please give a whole number; expected \(expected).")
        }
        let low = question.kind == .percent ? 0 : question.minimum
        let high = question.kind == .percent ? 100 : question.maximum
        if let low, value < low { throw AnswerError(message: "\(Value.format(value)) is too low; expected \(expected).") }
        if let high, value > high { throw AnswerError(message: "\(Value.format(value)) is too high; expected \(expected).") }
        return value
    }

    /// `2026-11-27`, `2026-11-27 15:00`, `today`, `yesterday 9:30`.
    private func date(_ text: String) throws(AnswerError) -> Moment {
        let words = text.lowercased().split(separator: " ", omittingEmptySubsequences: true)
        var day: Moment?
        var rest = words.dropFirst()
        switch words.first {
        case "today": day = now.dateOnly
        case "yesterday": day = Moment(minutes: now.dateOnly.minutes - 1440, hasTime: false)
        default:
            if let parsed = Moment(parsing: text), question.kind == .datetime {
                day = parsed
                rest = []
            } else if let first = words.first, let parsed = Moment(parsing: first), !parsed.hasTime || question.kind == .datetime {
                day = parsed
            }
        }
        guard var moment = day else {
            throw AnswerError(message: "'\(text.shown)' is not a date I can read; expected \(expected).")
        }
        if let time = rest.first {
            guard question.kind == .datetime, rest.count == 1, let minutes = AnswerParser.time(String(time)) else {
                throw AnswerError(message: "'\(text.shown)' is not a date I can read; expected \(expected).")
            }
            moment = Moment(minutes: moment.dateOnly.minutes + minutes, hasTime: true)
        }
        if question.isPast, AnswerParser.isAfter(moment, now) {
            throw AnswerError(message: "\(moment.readable) is later than now (\(now.readable)); give the date it happened.")
        }
        return moment
    }

    /// Whether `moment` is later than `now`; a date without a time is later
    /// only from the next day on.
    static func isAfter(_ moment: Moment, _ now: Moment) -> Bool {
        moment.minutes > now.minutes + (moment.hasTime ? 0 : 1439 - (now.minutes - now.dateOnly.minutes))
    }

    /// `15:00`, `9:30` as minutes after midnight.
    static func time(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ":") }),
              let hour = Int(parts[0]), let minute = Int(parts[1]), parts[1].count == 2,
              (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        return hour * 60 + minute
    }
}

extension String {
    func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars = scalars.dropFirst() }
        while let last = scalars.last, last.isWhitespace { scalars = scalars.dropLast() }
        return String(scalars)
    }

    /// The text as an error message quotes it: at most 40 characters, with
    /// anything unprintable escaped.
    var shown: String {
        let cut = count > 40 ? String(prefix(40)) + "…" : self
        // Control and invisible formatting characters (bidi overrides,
        // zero-width spaces) are shown escaped, never raw.
        return cut.unicodeScalars.map { scalar in
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator: scalar.escaped(asASCII: true)
            default: String(scalar)
            }
        }.joined()
    }
}
