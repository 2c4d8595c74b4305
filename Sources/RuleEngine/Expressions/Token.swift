/// A lexical token of the expression language. Offsets are UTF-8 offsets
/// into the expression's text.
struct Token: Equatable {
    enum Kind: Equatable {
        case number(Double)
        case string(String)
        case identifier(String)
        case keyword(Keyword)
        case symbol(Symbol)
        case end
    }

    var kind: Kind
    var range: Range<Int>
}

enum Keyword: String, CaseIterable {
    case and, or, not, `in`, `for`, `where`, by, `if`, then, `else`, `true`, `false`
}

enum Symbol: String, CaseIterable {
    case plus = "+", minus = "-", star = "*", slash = "/", percent = "%"
    case pipe = "|", ampersand = "&"
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case coalesce = "??"
    case leftParen = "(", rightParen = ")", leftBracket = "[", rightBracket = "]"
    case leftBrace = "{", rightBrace = "}", comma = ",", dot = "."
}

/// Splits expression text into tokens.
struct Lexer {
    private let bytes: [UInt8]
    private var position = 0

    init(_ text: String) {
        bytes = Array(text.utf8)
    }

    mutating func tokenize() throws(ExpressionError) -> [Token] {
        var tokens: [Token] = []
        while true {
            let token = try next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private mutating func next() throws(ExpressionError) -> Token {
        while position < bytes.count, bytes[position] == 32 || bytes[position] == 9
            || bytes[position] == 10 || bytes[position] == 13 {
            position += 1
        }
        let start = position
        guard position < bytes.count else { return Token(kind: .end, range: start..<start) }
        let byte = bytes[position]
        if byte.isDigit { return try number() }
        if byte.isIdentifierStart {
            while position < bytes.count, bytes[position].isIdentifierPart { position += 1 }
            let word = String(decoding: bytes[start..<position], as: UTF8.self)
            let kind: Token.Kind = Keyword(rawValue: word).map { .keyword($0) } ?? .identifier(word)
            return Token(kind: kind, range: start..<position)
        }
        if byte == 34 || byte == 39 { return try string(quote: byte) }
        for length in [2, 1] where position + length <= bytes.count {
            let text = String(decoding: bytes[position..<position + length], as: UTF8.self)
            if let symbol = Symbol(rawValue: text) {
                position += length
                return Token(kind: .symbol(symbol), range: start..<position)
            }
        }
        let scalarEnd = Lexer.scalarEnd(bytes, from: position)
        let shown = String(decoding: bytes[position..<scalarEnd], as: UTF8.self)
        if shown == "=" { throw ExpressionError("unexpected '='; compare with '=='", at: start..<scalarEnd) }
        if shown == "!" { throw ExpressionError("unexpected '!'; write 'not', or '!=' to compare", at: start..<scalarEnd) }
        if shown == "&" || shown == "|" {
            throw ExpressionError("unexpected \(Value.quote(shown)); write 'and' or 'or'", at: start..<scalarEnd)
        }
        throw ExpressionError("unexpected character \(Value.quote(shown))", at: start..<scalarEnd)
    }

    private mutating func number() throws(ExpressionError) -> Token {
        let start = position
        while position < bytes.count, bytes[position].isDigit { position += 1 }
        if position + 1 < bytes.count, bytes[position] == 46, bytes[position + 1].isDigit {
            position += 1
            while position < bytes.count, bytes[position].isDigit { position += 1 }
        }
        if position < bytes.count, bytes[position] == 101 || bytes[position] == 69 {
            var look = position + 1
            if look < bytes.count, bytes[look] == 43 || bytes[look] == 45 { look += 1 }
            if look < bytes.count, bytes[look].isDigit {
                position = look
                while position < bytes.count, bytes[position].isDigit { position += 1 }
            }
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        guard let value = Double(text), value.isFinite, value < 1e300 else {
            throw ExpressionError("number \(text) is too large", at: start..<position)
        }
        return Token(kind: .number(value), range: start..<position)
    }

    private mutating func string(quote: UInt8) throws(ExpressionError) -> Token {
        let start = position
        position += 1
        var scalars = String.UnicodeScalarView()
        var chunkStart = position
        func flush() {
            scalars.append(contentsOf: String(decoding: bytes[chunkStart..<position], as: UTF8.self).unicodeScalars)
        }
        while position < bytes.count {
            let byte = bytes[position]
            if byte == quote {
                flush()
                position += 1
                return Token(kind: .string(String(scalars)), range: start..<position)
            }
            if byte == 92 {
                flush()
                let escapeStart = position
                position += 1
                guard position < bytes.count else { break }
                switch bytes[position] {
                case 110: scalars.append("\n")
                case 116: scalars.append("\t")
                case 114: scalars.append("\r")
                case 34, 39, 92, 123, 125: scalars.append(Unicode.Scalar(bytes[position]))
                case 117:
                    guard let (scalar, end) = unicodeEscape(after: position) else {
                        throw ExpressionError("a \\u escape is written \\u{1F600}", at: escapeStart..<min(position + 1, bytes.count))
                    }
                    scalars.append(scalar)
                    position = end - 1
                default:
                    throw ExpressionError("unknown escape in string; use \\n, \\t, \\\", \\' or \\\\",
                                          at: escapeStart..<Lexer.scalarEnd(bytes, from: position))
                }
                position += 1
                chunkStart = position
                continue
            }
            position += 1
        }
        throw ExpressionError("this string has no closing \(quote == 34 ? "\"" : "'")", at: start..<start + 1)
    }

    /// Reads `{hex}` after the `u` at `index`; returns the scalar and the
    /// offset just past the closing brace.
    private func unicodeEscape(after index: Int) -> (Unicode.Scalar, Int)? {
        var cursor = index + 1
        guard cursor < bytes.count, bytes[cursor] == 123 else { return nil }
        cursor += 1
        var value: UInt32 = 0
        var digits = 0
        while cursor < bytes.count, let digit = bytes[cursor].hexValue, digits < 8 {
            value = value * 16 + UInt32(digit)
            digits += 1
            cursor += 1
        }
        guard digits > 0, cursor < bytes.count, bytes[cursor] == 125,
              let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, cursor + 1)
    }

    static func scalarEnd(_ bytes: [UInt8], from index: Int) -> Int {
        var end = index + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return end
    }
}

extension UInt8 {
    var isDigit: Bool { (48...57).contains(self) }
    var isIdentifierStart: Bool { (65...90).contains(self) || (97...122).contains(self) || self == 95 }
    var isIdentifierPart: Bool { isIdentifierStart || isDigit }
    var hexValue: Int? {
        switch self {
        case 48...57: Int(self - 48)
        case 65...70: Int(self - 55)
        case 97...102: Int(self - 87)
        default: nil
        }
    }
}
