/// A fact's value. "Unknown" is not a value: an unknown fact is absent
/// (`Value?` is nil), and expressions over it are unknown in turn.
public enum Value: Hashable, Sendable {
    case number(Double)
    case string(String)
    case bool(Bool)
    case date(Moment)
    case duration(Span)
    /// Unordered, without duplicates; kept sorted so output is stable.
    case set([Value])
    case list([Value])
    case record(Record)

    /// A set from any values, sorted and without duplicates.
    public static func makeSet(_ items: some Sequence<Value>) -> Value {
        .set(Value.normalizedSet(Array(items)))
    }

    static func normalizedSet(_ items: [Value]) -> [Value] {
        var result: [Value] = []
        for item in items.sorted(by: Value.ordered) where result.last != item {
            result.append(item)
        }
        return result
    }

    /// The name of the value's type, as messages say it.
    public var typeName: String {
        switch self {
        case .number: "number"
        case .string: "text"
        case .bool: "yes/no"
        case .date(let m): m.hasTime ? "date and time" : "date"
        case .duration: "duration"
        case .set: "set"
        case .list: "list"
        case .record: "record"
        }
    }

    /// The items of a set or list.
    public var elements: [Value]? {
        switch self {
        case .set(let items), .list(let items): items
        default: nil
        }
    }

    /// A total order over all values: by kind first, then by content.
    static func ordered(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case let (.number(x), .number(y)): return x < y
        case let (.string(x), .string(y)): return x < y
        case let (.bool(x), .bool(y)): return !x && y
        case let (.date(x), .date(y)): return x < y
        case let (.duration(x), .duration(y)): return x < y
        case let (.set(x), .set(y)), let (.list(x), .list(y)):
            return x.lexicographicallyPrecedes(y, by: ordered)
        case let (.record(x), .record(y)):
            return x.description < y.description
        default:
            return a.kindRank < b.kindRank
        }
    }

    private var kindRank: Int {
        switch self {
        case .bool: 0
        case .number: 1
        case .string: 2
        case .date: 3
        case .duration: 4
        case .set: 5
        case .list: 6
        case .record: 7
        }
    }
}

/// A record: named fields, in the order they were declared.
public struct Record: Hashable, Sendable, CustomStringConvertible {
    public private(set) var fields: [(name: String, value: Value)]
    /// For fields computed from facts: the facts each one reads, so reading
    /// the field counts as reading them (and a missing field computed from an
    /// unknown fact is unknown because of that fact). Not part of equality.
    /// Records have few fields, so a list searched in order beats hashing.
    var provenance: [(field: String, sources: [Int])] = []

    public init(_ fields: [(String, Value)]) {
        self.fields = fields.map { (name: $0.0, value: $0.1) }
    }

    init(fields: [(name: String, value: Value)], provenance: [(field: String, sources: [Int])]) {
        self.fields = fields
        self.provenance = provenance
    }

    public subscript(name: String) -> Value? {
        fields.first { $0.name == name }?.value
    }

    /// The facts a computed field reads; nil for a field given as data.
    func sources(of field: String) -> [Int]? {
        provenance.isEmpty ? nil : provenance.first { $0.field == field }?.sources
    }

    public mutating func set(_ name: String, _ value: Value) {
        if let index = fields.firstIndex(where: { $0.name == name }) {
            fields[index].value = value
        } else {
            fields.append((name: name, value: value))
        }
    }

    public static func == (lhs: Record, rhs: Record) -> Bool {
        lhs.fields.count == rhs.fields.count
            && zip(lhs.fields, rhs.fields).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        for field in fields {
            hasher.combine(field.name)
            hasher.combine(field.value)
        }
    }

    public var description: String {
        "{" + fields.map { "\($0.name): \($0.value.literal)" }.joined(separator: ", ") + "}"
    }
}

extension Value: CustomStringConvertible {
    /// The value as a person reads it: `42`, `nlp`, `2026-11-27`, `a, b`.
    public var description: String {
        switch self {
        case .number(let x): Value.format(x)
        case .string(let s): s
        case .bool(let b): b ? "yes" : "no"
        case .date(let m): m.description.replacing("T", with: " ")
        case .duration(let s): s.description
        case .set(let items), .list(let items):
            items.isEmpty ? "none" : items.map(\.description).joined(separator: ", ")
        case .record(let r): r.description
        }
    }

    /// The value as the expression language writes it: `42`, `"nlp"`,
    /// `date("2026-11-27")`, `{"a", "b"}`.
    public var literal: String {
        switch self {
        case .number(let x): Value.format(x)
        case .string(let s): Value.quote(s)
        case .bool(let b): b ? "true" : "false"
        case .date(let m): m.hasTime ? "datetime(\"\(m)\")" : "date(\"\(m)\")"
        case .duration(let s): "(\(s))"
        case .set(let items): "{" + items.map(\.literal).joined(separator: ", ") + "}"
        case .list(let items): "[" + items.map(\.literal).joined(separator: ", ") + "]"
        case .record(let r): r.description
        }
    }

    /// Whole numbers without a decimal point; others in Swift's shortest form.
    public static func format(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
        return String(x)
    }

    /// A double-quoted string literal with `\`, `"` and control
    /// characters escaped.
    public static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
