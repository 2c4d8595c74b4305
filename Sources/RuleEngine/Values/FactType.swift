/// What values a fact may take, as its declaration says.
///
/// ```yaml
/// facts:
///   attempt:       {type: integer, min: 1, max: 5}
///   exam_pace:     {type: choice, values: [rushed, sluggish, fine]}
///   services_used: {type: set, values: [speech, translator]}
///   failed_at:     {type: datetime}
/// ```
public indirect enum FactType: Hashable, Sendable, CustomStringConvertible {
    case any
    case number(min: Double?, max: Double?, integer: Bool)
    case bool
    /// Free text, or one of `values` when they are given.
    case text(values: [String]?)
    /// A date; `time` says whether a time of day may be given too.
    case date(time: Bool)
    case duration
    case set(of: FactType)
    case list(of: FactType)
    /// A record with the named fields; nil when the fields are not known.
    case record(fields: [String: FactType]?)
    /// A value of any one of the types: `{type: date, or: [none]}` is a
    /// date or the word `none`.
    case either([FactType])

    public static let percent = FactType.number(min: 0, max: 100, integer: false)

    public var description: String {
        switch self {
        case .any: "any value"
        case .number(let min, let max, let integer):
            (integer ? "a whole number" : "a number") + FactType.rangeText(min, max)
        case .bool: "yes or no"
        case .text(nil): "text"
        case .text(let values?): "one of " + values.joined(separator: ", ")
        case .date(let time): time ? "a date (and time)" : "a date"
        case .duration: "a duration"
        case .set(let element): "a set of " + element.pluralDescription
        case .list(let element): "a list of " + element.pluralDescription
        case .record: "a record"
        case .either(let types): types.map(\.description).joined(separator: " or ")
        }
    }

    var pluralDescription: String {
        switch self {
        case .text(let values?): values.joined(separator: ", ")
        case .text(nil): "texts"
        case .number: "numbers"
        case .record: "records"
        default: "values"
        }
    }

    private static func rangeText(_ min: Double?, _ max: Double?) -> String {
        switch (min, max) {
        case let (lo?, hi?): " from \(Value.format(lo)) to \(Value.format(hi))"
        case let (lo?, nil): " of at least \(Value.format(lo))"
        case let (nil, hi?): " of at most \(Value.format(hi))"
        case (nil, nil): ""
        }
    }

    /// Why `value` is not of this type, or nil when it is.
    public func problem(with value: Value) -> String? {
        switch (self, value) {
        case (.any, _): return nil
        case (.either(let types), _):
            if types.contains(where: { $0.problem(with: value) == nil }) { return nil }
            return "expected \(description), got \(value.typeName) \(value.literal)"
        case let (.number(min, max, integer), .number(x)):
            if integer && x != x.rounded() { return "expected a whole number, got \(value)" }
            if let min, x < min { return "\(value) is below the lowest allowed, \(Value.format(min))" }
            if let max, x > max { return "\(value) is above the highest allowed, \(Value.format(max))" }
            return nil
        case (.bool, .bool), (.duration, .duration), (.record, .record): return nil
        case let (.text(values), .string(s)):
            guard let values, !values.contains(s) else { return nil }
            let hint = Spelling.suggestion(for: s, among: values).map { "; did you mean '\($0)'?" } ?? ""
            return "'\(s)' is not one of \(values.joined(separator: ", "))" + hint
        case let (.date(time), .date(moment)):
            return !time && moment.hasTime ? "expected a date without a time, got \(moment)" : nil
        case let (.set(element), .set(items)), let (.set(element), .list(items)),
             let (.list(element), .list(items)):
            return items.lazy.compactMap { element.problem(with: $0) }.first
        default:
            return "expected \(description), got \(value.typeName) \(value.literal)"
        }
    }

    /// The value made to fit the type where that loses nothing: a list for a
    /// set becomes a set.
    public func normalized(_ value: Value) -> Value {
        if case .set = self, case .list(let items) = value { return .makeSet(items) }
        if case .either(let types) = self, let fitting = types.first(where: { $0.problem(with: value) == nil }) {
            return fitting.normalized(value)
        }
        return value
    }
}

extension FactType {
    /// The type without its details (range, values, element type).
    enum Kind: Equatable {
        case any, number, bool, text, date, duration, set, list, record

        var article: String {
            switch self {
            case .any: "a value"
            case .number: "a number"
            case .bool: "yes/no"
            case .text: "text"
            case .date: "a date"
            case .duration: "a duration"
            case .set: "a set"
            case .list: "a list"
            case .record: "a record"
            }
        }
    }

    var kind: Kind {
        switch self {
        case .any: .any
        case .number: .number
        case .bool: .bool
        case .text: .text
        case .date: .date
        case .duration: .duration
        case .set: .set
        case .list: .list
        case .record: .record
        case .either: .any
        }
    }

    var isDate: Bool { kind == .date }
    var isCollection: Bool { kind == .set || kind == .list }

    /// The type of the items of a set or list; `.any` otherwise.
    var elementType: FactType {
        switch self {
        case .set(let element), .list(let element): element
        default: .any
        }
    }
}
