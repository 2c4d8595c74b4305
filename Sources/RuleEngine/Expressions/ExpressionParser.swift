/// A recursive-descent parser for the expression language, one function per
/// precedence level (lowest first):
///
/// ```
/// expression  := "if" expression "then" expression "else" expression | or
/// or          := and ("or" and)*
/// and         := not ("and" not)*
/// not         := "not" not | comparison
/// comparison  := coalesce (("==" | "!=" | "<" | "<=" | ">" | ">=" | "in" | "not in") coalesce)?
/// coalesce    := additive ("??" coalesce)?
/// additive    := term (("+" | "-" | "|") term)*
/// term        := unary (("*" | "/" | "%" | "&") unary)*
/// unary       := "-" unary | postfix
/// postfix     := primary ("." name | unit)*
/// ```
public struct ExpressionParser {
    /// Deeper nesting than this is refused with an error rather than
    /// risking the stack.
    public static let maximumDepth = 64

    private var tokens: [Token]
    private var index = 0
    private var depth = 0

    /// Parses a whole expression; trailing text is an error.
    public static func parse(_ text: String) throws(ExpressionError) -> Expression {
        var lexer = Lexer(text)
        var parser = ExpressionParser(tokens: try lexer.tokenize())
        let expression = try parser.expression()
        guard case .end = parser.current.kind else {
            throw ExpressionError("unexpected \(parser.current.shown) after the expression", at: parser.current.range)
        }
        return expression
    }

    private init(tokens: [Token]) {
        self.tokens = tokens
    }

    private var current: Token { tokens[index] }

    private mutating func advance() -> Token {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    private func isKeyword(_ keyword: Keyword) -> Bool { current.kind == .keyword(keyword) }
    private func isSymbol(_ symbol: Symbol) -> Bool { current.kind == .symbol(symbol) }

    private mutating func expect(_ symbol: Symbol, closing opener: Token? = nil) throws(ExpressionError) {
        guard isSymbol(symbol) else {
            var message = "expected '\(symbol.rawValue)'"
            if let opener { message += " to close the '\(opener.shown.dropFirst().dropLast())'" }
            throw ExpressionError(message + ", found \(current.shown)", at: current.range)
        }
        _ = advance()
    }

    private mutating func expect(_ keyword: Keyword, after what: String) throws(ExpressionError) {
        guard isKeyword(keyword) else {
            throw ExpressionError("expected '\(keyword.rawValue)' after \(what), found \(current.shown)", at: current.range)
        }
        _ = advance()
    }

    /// Parses `body` one level deeper. `expression()` counts a level, so
    /// parentheses, items and comprehension parts (which call it) are one
    /// level each; operators that recurse without it count their own.
    private mutating func nested<T>(_ body: (inout ExpressionParser) throws(ExpressionError) -> T) throws(ExpressionError) -> T {
        try deeper()
        defer { depth -= 1 }
        return try body(&self)
    }

    /// Enters one more level; the caller leaves it.
    private mutating func deeper() throws(ExpressionError) {
        depth += 1
        guard depth <= ExpressionParser.maximumDepth else {
            depth -= 1
            throw ExpressionError("expression is nested more than \(ExpressionParser.maximumDepth) levels deep", at: current.range)
        }
    }

    /// Each operator of a left-grouping chain (`a + b + c`) or postfix makes
    /// the tree one level deeper than its operand, and the tree is what gets
    /// walked recursively afterwards, so it counts as a level too, until the
    /// chain ends.
    private mutating func chainLink(_ links: inout Int) throws(ExpressionError) {
        try deeper()
        links += 1
    }

    mutating func expression() throws(ExpressionError) -> Expression {
        try nested { (parser: inout ExpressionParser) throws(ExpressionError) in
            guard parser.isKeyword(.if) else { return try parser.or() }
            let start = parser.advance().range.lowerBound
            let condition = try parser.expression()
            try parser.expect(.then, after: "the condition of 'if'")
            let then = try parser.expression()
            try parser.expect(.else, after: "the 'then' branch")
            let otherwise = try parser.expression()
            return Expression(.conditional(condition, then, otherwise), range: start..<otherwise.range.upperBound)
        }
    }

    private mutating func or() throws(ExpressionError) -> Expression {
        var left = try and()
        var links = 0
        defer { depth -= links }
        while isKeyword(.or) {
            try chainLink(&links)
            _ = advance()
            let right = try operand(after: "'or'") { (p: inout ExpressionParser) throws(ExpressionError) in try p.and() }
            left = Expression(.binary(.or, left, right), range: left.range.lowerBound..<right.range.upperBound)
        }
        return left
    }

    private mutating func and() throws(ExpressionError) -> Expression {
        var left = try not()
        var links = 0
        defer { depth -= links }
        while isKeyword(.and) {
            try chainLink(&links)
            _ = advance()
            let right = try operand(after: "'and'") { (p: inout ExpressionParser) throws(ExpressionError) in try p.not() }
            left = Expression(.binary(.and, left, right), range: left.range.lowerBound..<right.range.upperBound)
        }
        return left
    }

    private mutating func not() throws(ExpressionError) -> Expression {
        guard isKeyword(.not) else { return try comparison() }
        let start = advance().range.lowerBound
        let operand = try nested { (p: inout ExpressionParser) throws(ExpressionError) in
            try p.operand(after: "'not'") { (q: inout ExpressionParser) throws(ExpressionError) in try q.not() }
        }
        return Expression(.unary(.not, operand), range: start..<operand.range.upperBound)
    }

    private mutating func comparisonOperator() -> BinaryOperator? {
        switch current.kind {
        case .symbol(.equal): return .equal
        case .symbol(.notEqual): return .notEqual
        case .symbol(.less): return .less
        case .symbol(.lessEqual): return .lessEqual
        case .symbol(.greater): return .greater
        case .symbol(.greaterEqual): return .greaterEqual
        case .keyword(.in): return .in
        case .keyword(.not) where tokens[index + 1].kind == .keyword(.in): return .notIn
        default: return nil
        }
    }

    private mutating func comparison() throws(ExpressionError) -> Expression {
        let left = try coalesce()
        guard let op = comparisonOperator() else { return left }
        _ = advance()
        if op == .notIn { _ = advance() }
        let right = try operand(after: "'\(op.rawValue)'") { (p: inout ExpressionParser) throws(ExpressionError) in try p.coalesce() }
        if comparisonOperator() != nil {
            throw ExpressionError("comparisons do not chain; join them with 'and'", at: current.range)
        }
        return Expression(.binary(op, left, right), range: left.range.lowerBound..<right.range.upperBound)
    }

    private mutating func coalesce() throws(ExpressionError) -> Expression {
        let left = try additive()
        guard isSymbol(.coalesce) else { return left }
        _ = advance()
        let right = try nested { (p: inout ExpressionParser) throws(ExpressionError) in
            try p.operand(after: "'??'") { (q: inout ExpressionParser) throws(ExpressionError) in try q.coalesce() }
        }
        return Expression(.binary(.coalesce, left, right), range: left.range.lowerBound..<right.range.upperBound)
    }

    private mutating func additive() throws(ExpressionError) -> Expression {
        var left = try term()
        var links = 0
        defer { depth -= links }
        while true {
            let op: BinaryOperator
            switch current.kind {
            case .symbol(.plus): op = .add
            case .symbol(.minus): op = .subtract
            case .symbol(.pipe): op = .union
            default: return left
            }
            try chainLink(&links)
            _ = advance()
            let right = try operand(after: "'\(op.rawValue)'") { (p: inout ExpressionParser) throws(ExpressionError) in try p.term() }
            left = Expression(.binary(op, left, right), range: left.range.lowerBound..<right.range.upperBound)
        }
    }

    private mutating func term() throws(ExpressionError) -> Expression {
        var left = try unary()
        var links = 0
        defer { depth -= links }
        while true {
            let op: BinaryOperator
            switch current.kind {
            case .symbol(.star): op = .multiply
            case .symbol(.slash): op = .divide
            case .symbol(.percent): op = .remainder
            case .symbol(.ampersand): op = .intersect
            default: return left
            }
            try chainLink(&links)
            _ = advance()
            let right = try operand(after: "'\(op.rawValue)'") { (p: inout ExpressionParser) throws(ExpressionError) in try p.unary() }
            left = Expression(.binary(op, left, right), range: left.range.lowerBound..<right.range.upperBound)
        }
    }

    private mutating func unary() throws(ExpressionError) -> Expression {
        guard isSymbol(.minus) else { return try postfix() }
        let start = advance().range.lowerBound
        // NB: a minus directly before a number is part of the literal, so
        // `-5` is the number minus five and prints back the same way.
        if case .number(let value) = current.kind {
            let token = advance()
            return try postfixes(of: Expression(.number(-value), range: start..<token.range.upperBound))
        }
        let operand = try nested { (p: inout ExpressionParser) throws(ExpressionError) in
            try p.operand(after: "'-'") { (q: inout ExpressionParser) throws(ExpressionError) in try q.unary() }
        }
        return Expression(.unary(.negate, operand), range: start..<operand.range.upperBound)
    }

    private mutating func postfix() throws(ExpressionError) -> Expression {
        try postfixes(of: try primary())
    }

    private mutating func postfixes(of base: Expression) throws(ExpressionError) -> Expression {
        var result = base
        var links = 0
        defer { depth -= links }
        while true {
            if isSymbol(.dot) {
                _ = advance()
                guard case .identifier(let name) = current.kind else {
                    throw ExpressionError("expected a field name after '.', found \(current.shown)", at: current.range)
                }
                let token = advance()
                let range = result.range.lowerBound..<token.range.upperBound
                if case .name(let path) = result.kind {
                    result = Expression(.name(path + [name]), range: range)
                } else {
                    try chainLink(&links)
                    result = Expression(.field(result, name), range: range)
                }
            } else if case .identifier(let word) = current.kind, let unit = TimeUnit(word: word) {
                try chainLink(&links)
                let token = advance()
                result = Expression(.duration(result, unit), range: result.range.lowerBound..<token.range.upperBound)
            } else {
                return result
            }
        }
    }

    private mutating func operand(
        after what: String,
        _ parse: (inout ExpressionParser) throws(ExpressionError) -> Expression
    ) throws(ExpressionError) -> Expression {
        if case .end = current.kind {
            throw ExpressionError("expected an expression after \(what)", at: current.range)
        }
        return try parse(&self)
    }

    private mutating func primary() throws(ExpressionError) -> Expression {
        let token = current
        switch token.kind {
        case .number(let value):
            _ = advance()
            return Expression(.number(value), range: token.range)
        case .string(let text):
            _ = advance()
            return Expression(.string(text), range: token.range)
        case .keyword(.true), .keyword(.false):
            _ = advance()
            return Expression(.bool(token.kind == .keyword(.true)), range: token.range)
        case .identifier(let name):
            _ = advance()
            guard isSymbol(.leftParen) else { return Expression(.name([name]), range: token.range) }
            let open = advance()
            let arguments = try items(until: .rightParen, opener: open)
            return Expression(.call(name, arguments.items), range: token.range.lowerBound..<arguments.end)
        case .symbol(.leftParen):
            _ = advance()
            let inner = try expression()
            try expect(.rightParen, closing: token)
            return inner
        case .symbol(.leftBrace):
            _ = advance()
            let set = try items(until: .rightBrace, opener: token)
            return Expression(.set(set.items), range: token.range.lowerBound..<set.end)
        case .symbol(.leftBracket):
            return try listOrComprehension()
        case .end:
            throw ExpressionError("expected an expression", at: token.range)
        default:
            throw ExpressionError("expected an expression, found \(token.shown)", at: token.range)
        }
    }

    private mutating func items(until closer: Symbol, opener: Token) throws(ExpressionError) -> (items: [Expression], end: Int) {
        var items: [Expression] = []
        while !isSymbol(closer) {
            items.append(try expression())
            guard isSymbol(.comma) else { break }
            _ = advance()
        }
        let end = current.range.upperBound
        try expect(closer, closing: opener)
        return (items, end)
    }

    private mutating func listOrComprehension() throws(ExpressionError) -> Expression {
        let open = advance()
        if isSymbol(.rightBracket) {
            let close = advance()
            return Expression(.list([]), range: open.range.lowerBound..<close.range.upperBound)
        }
        let first = try expression()
        guard isKeyword(.for) else {
            var items = [first]
            if isSymbol(.comma) {
                _ = advance()
                items += try self.items(until: .rightBracket, opener: open).items
                return Expression(.list(items), range: open.range.lowerBound..<tokens[index - 1].range.upperBound)
            }
            let end = current.range.upperBound
            try expect(.rightBracket, closing: open)
            return Expression(.list(items), range: open.range.lowerBound..<end)
        }
        _ = advance()
        guard case .identifier(let variable) = current.kind else {
            throw ExpressionError("expected a variable name after 'for', found \(current.shown)", at: current.range)
        }
        _ = advance()
        try expect(.in, after: "'for \(variable)'")
        var comprehension = Comprehension(
            element: first, variable: variable,
            source: try expression())
        if isKeyword(.where) {
            _ = advance()
            comprehension.filter = try expression()
        }
        if isKeyword(.by) {
            _ = advance()
            comprehension.order = try expression()
        }
        let end = current.range.upperBound
        try expect(.rightBracket, closing: open)
        return Expression(.comprehension(comprehension), range: open.range.lowerBound..<end)
    }
}

extension Token {
    /// The token as an error message quotes it.
    var shown: String {
        switch kind {
        case .number(let x): "'\(Value.format(x))'"
        case .string(let s): Value.quote(s)
        case .identifier(let name): "'\(name)'"
        case .keyword(let k): "'\(k.rawValue)'"
        case .symbol(let s): "'\(s.rawValue)'"
        case .end: "the end of the expression"
        }
    }
}
