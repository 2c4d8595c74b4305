/// A parsed expression: what a rule's `when:` or a `= …` value says.
///
/// ```
/// scores.nlp < thresholds.low and "nlp" in weak_domains
/// count([d for d in domains where d.score < 50]) >= 4
/// failed_at + 14 days
/// ```
///
/// Two expressions are equal when their trees are, wherever their text was.
public struct Expression: Equatable, Sendable {
    public indirect enum Kind: Equatable, Sendable {
        case number(Double)
        case string(String)
        case bool(Bool)
        /// A dotted name: a fact (`scores.nlp`), a constant, a collection, or
        /// a variable and its fields (`d.score`).
        case name([String])
        /// A field of a value that is not a plain name: `first(c).weight`,
        /// `(a + b).weight`. Fields of a name, even in parentheses (`(d).score`),
        /// join the name.
        case field(Expression, String)
        case unary(UnaryOperator, Expression)
        case binary(BinaryOperator, Expression, Expression)
        case call(String, [Expression])
        case set([Expression])
        case list([Expression])
        /// `[element for variable in source where filter by order]`
        case comprehension(Comprehension)
        /// `if condition then a else b`
        case conditional(Expression, Expression, Expression)
        /// `14 days`, `(weeks_max) weeks`
        case duration(Expression, TimeUnit)
    }

    public var kind: Kind
    /// UTF-8 offsets of the expression in the text it was parsed from.
    public var range: Range<Int>

    public init(_ kind: Kind, range: Range<Int> = 0..<0) {
        self.kind = kind
        self.range = range
    }

    public static func == (lhs: Expression, rhs: Expression) -> Bool { lhs.kind == rhs.kind }
}

public struct Comprehension: Equatable, Sendable {
    public var element: Expression
    public var variable: String
    public var source: Expression
    public var filter: Expression?
    public var order: Expression?

    public init(element: Expression, variable: String, source: Expression,
                filter: Expression? = nil, order: Expression? = nil) {
        self.element = element
        self.variable = variable
        self.source = source
        self.filter = filter
        self.order = order
    }
}

public enum UnaryOperator: String, Sendable, CaseIterable {
    case not
    case negate = "-"
}

public enum BinaryOperator: String, Sendable, CaseIterable {
    case or, and
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case `in`, notIn = "not in"
    case coalesce = "??"
    case add = "+", subtract = "-", union = "|"
    case multiply = "*", divide = "/", remainder = "%", intersect = "&"

    /// Binding strength: higher binds tighter.
    var precedence: Int {
        switch self {
        case .or: 1
        case .and: 2
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual, .in, .notIn: 4
        case .coalesce: 5
        case .add, .subtract, .union: 6
        case .multiply, .divide, .remainder, .intersect: 7
        }
    }

    var isComparison: Bool { precedence == 4 }
}

public enum TimeUnit: String, Sendable, CaseIterable {
    case minutes, hours, days, weeks

    var minutes: Int {
        switch self {
        case .minutes: 1
        case .hours: 60
        case .days: 1440
        case .weeks: 10080
        }
    }

    /// Accepts the singular too: `1 day`.
    init?(word: String) {
        if let unit = TimeUnit(rawValue: word) {
            self = unit
        } else if let unit = TimeUnit(rawValue: word + "s") {
            self = unit
        } else {
            return nil
        }
    }
}

/// A syntax error in an expression, at a range of its text.
public struct ExpressionError: Error, Equatable, Sendable {
    public var message: String
    public var range: Range<Int>

    public init(_ message: String, at range: Range<Int>) {
        self.message = message
        self.range = range
    }
}
