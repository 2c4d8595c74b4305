/// A node of a YAML rule-pack file with where it stands, independent of the
/// YAML library. Hosts (the coach) read their own sections through it.
public struct DataNode: Sendable {
    public enum Content: Sendable {
        case scalar(String)
        case mapping([(key: DataNode, value: DataNode)])
        case sequence([DataNode])
    }

    public enum Style: Sendable {
        /// Unquoted: `6`, `true` and `null` mean a number, yes and nothing.
        case plain
        case quoted
        /// `|` or `>` block text.
        case block
        case collection
    }

    public let content: Content
    public let location: SourceLocation
    public let style: Style
    /// Where a scalar's characters stand in the file from each of these
    /// UTF-8 offsets into its text on, when not one after another from
    /// `location`: after an escape (`''`, `\"`) or a line break.
    var jumps: [(offset: Int, location: SourceLocation)] = []

    /// The scalar's text, or nil for a mapping or sequence.
    public var string: String? {
        if case .scalar(let s) = content { s } else { nil }
    }

    public var mapping: [(key: DataNode, value: DataNode)]? {
        if case .mapping(let pairs) = content { pairs } else { nil }
    }

    public var sequence: [DataNode]? {
        if case .sequence(let items) = content { items } else { nil }
    }

    /// The value of `key` in a mapping.
    public subscript(key: String) -> DataNode? {
        guard case .mapping(let pairs) = content,
              let index = pairs.firstIndex(where: { $0.key.isText(key) }) else { return nil }
        return pairs[index].value
    }

    /// Whether the node is the scalar `text` (looked at, not copied).
    func isText(_ text: String) -> Bool {
        if case .scalar(let scalar) = content { scalar == text } else { false }
    }

    /// A plain scalar read as YAML's core schema reads it.
    public var scalarValue: Value? {
        guard let text = string else { return nil }
        guard style == .plain else { return .string(text) }
        // Only words that start so can be a yes, a no or nothing.
        if let first = text.utf8.first, !DataNode.startsKeyword(first) {
            if let number = DataNode.number(text) { return .number(number) }
            return .string(text)
        }
        switch text {
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case "", "~", "null", "Null", "NULL": return nil
        default:
            if let number = DataNode.number(text) { return .number(number) }
            return .string(text)
        }
    }

    /// Whether a byte is the first of `true`, `false`, `null` or `~`, in
    /// any of their cases.
    private static func startsKeyword(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"),
             UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "~"): true
        default: false
        }
    }

    var isBool: Bool {
        if case .bool? = scalarValue { true } else { false }
    }

    public var isNull: Bool {
        if case .scalar = content, style == .plain, scalarValue == nil { true } else { false }
    }

    /// What kind of node this is, as an error message says it.
    public var kindName: String {
        switch content {
        case .scalar: isNull ? "nothing" : "a single value"
        case .mapping: "a mapping"
        case .sequence: "a list"
        }
    }

    /// The file position of the character at UTF-8 `offset` into the
    /// scalar's text; a block scalar (`|`, `>`) maps to its first line.
    func location(atUTF8Offset offset: Int) -> SourceLocation {
        guard let text = string, style != .block else { return location }
        let utf8 = Array(text.utf8)
        let end = min(max(offset, 0), utf8.count)
        let start = jumps.last { $0.offset <= end }
            ?? (0, location.advanced(by: style == .quoted ? 1 : 0))
        var column = start.location.column
        for byte in utf8[start.offset..<end] where byte & 0xC0 != 0x80 { column += 1 }
        return SourceLocation(file: location.file, line: start.location.line, column: column)
    }

    static func number(_ text: String) -> Double? {
        // Digits, signs, a point and exponents only: `inf` and `nan` are text.
        guard let first = text.utf8.first, first.isDigit || first == 45 || first == 43 || first == 46,
              text.utf8.allSatisfy({ $0.isDigit || $0 == 45 || $0 == 43 || $0 == 46 || $0 == 101 || $0 == 69 }),
              let value = Double(text), value.isFinite
        else { return nil }
        return value
    }
}
