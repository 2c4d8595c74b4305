import Testing
@testable import RuleEngine

/// Hand-built trees for the expression tests to print and compare parses
/// against (`==` ignores source ranges).
extension Expression {
    static func num(_ x: Double) -> Expression { Expression(.number(x)) }
    static func str(_ text: String) -> Expression { Expression(.string(text)) }
    static func bool(_ flag: Bool) -> Expression { Expression(.bool(flag)) }
    static func ref(_ dotted: String) -> Expression {
        Expression(.name(dotted.split(separator: ".").map(String.init)))
    }
    static func field(_ base: Expression, _ name: String) -> Expression { Expression(.field(base, name)) }
    static func not(_ operand: Expression) -> Expression { Expression(.unary(.not, operand)) }
    static func neg(_ operand: Expression) -> Expression { Expression(.unary(.negate, operand)) }
    static func bin(_ op: BinaryOperator, _ left: Expression, _ right: Expression) -> Expression {
        Expression(.binary(op, left, right))
    }
    static func call(_ function: String, _ arguments: Expression...) -> Expression {
        Expression(.call(function, arguments))
    }
    static func setOf(_ items: Expression...) -> Expression { Expression(.set(items)) }
    static func listOf(_ items: Expression...) -> Expression { Expression(.list(items)) }
    static func cond(_ condition: Expression, _ then: Expression, _ otherwise: Expression) -> Expression {
        Expression(.conditional(condition, then, otherwise))
    }
    static func dur(_ amount: Expression, _ unit: TimeUnit) -> Expression { Expression(.duration(amount, unit)) }
    static func comp(_ element: Expression, _ variable: String, _ source: Expression,
                     where filter: Expression? = nil, by order: Expression? = nil) -> Expression {
        Expression(.comprehension(Comprehension(element: element, variable: variable, source: source,
                                                filter: filter, order: order)))
    }
}

/// `Expression.description`: text that parses back to the same tree, with
/// only the parentheses the precedence rules need.
@Suite struct ExpressionPrinterTests {
    typealias E = Expression
    static let a = E.ref("a"), b = E.ref("b"), c = E.ref("c"), x = E.ref("x")

    @Test(arguments: [
        (E.bin(.and, .bin(.or, a, b), c), "(a or b) and c"),
        (.bin(.or, a, .bin(.and, b, c)), "a or b and c"),
        (.bin(.or, .bin(.and, a, b), c), "a and b or c"),
        (.bin(.subtract, a, .bin(.subtract, b, c)), "a - (b - c)"),
        (.bin(.subtract, .bin(.subtract, a, b), c), "a - b - c"),
        (.bin(.divide, a, .bin(.multiply, b, c)), "a / (b * c)"),
        (.bin(.multiply, .bin(.add, a, b), c), "(a + b) * c"),
        (.bin(.add, a, .bin(.multiply, b, c)), "a + b * c"),
        (.bin(.union, a, .bin(.intersect, b, c)), "a | b & c"),
        (.bin(.intersect, .bin(.union, a, b), c), "(a | b) & c"),
        (.neg(.bin(.add, x, .num(1))), "-(x + 1)"),
        (.neg(x), "-x"),
        (.neg(.ref("d.weight")), "-d.weight"),
        (.neg(.call("f", x)), "-f(x)"),
        (.neg(.neg(x)), "- -x"),
        (.neg(.num(-3)), "- -3"),
        (.neg(.num(3)), "-(3)"),
        (.neg(.str("a")), #"-"a""#),
        (.neg(.listOf(x)), "-[x]"),
        (.neg(.field(.call("f"), "y")), "-f().y"),
        (.neg(.field(.num(3), "y")), "-(3.y)"),
        (.bin(.multiply, .neg(a), b), "-a * b"),
        (.bin(.subtract, a, .neg(b)), "a - -b"),
        (.bin(.multiply, a, .num(-3)), "a * -3"),
        (.bin(.subtract, .num(-3), a), "-3 - a"),
        (.not(.bin(.and, a, b)), "not (a and b)"),
        (.not(.not(a)), "not not a"),
        (.not(.bin(.or, .not(a), b)), "not (not a or b)"),
        (.not(.bin(.equal, a, b)), "not a == b"),
        (.bin(.and, .not(a), b), "not a and b"),
        (.bin(.and, a, .not(b)), "a and not b"),
        (.bin(.equal, .not(a), b), "(not a) == b"),
        (.bin(.coalesce, a, .bin(.coalesce, b, c)), "a ?? b ?? c"),
        (.bin(.coalesce, .bin(.coalesce, a, b), c), "(a ?? b) ?? c"),
        (.bin(.equal, .bin(.coalesce, a, b), c), "a ?? b == c"),
        (.bin(.coalesce, .bin(.equal, a, b), c), "(a == b) ?? c"),
        (.bin(.coalesce, a, .bin(.add, b, c)), "a ?? b + c"),
        (.bin(.equal, .bin(.less, a, b), c), "(a < b) == c"),
        (.bin(.equal, a, .bin(.less, b, c)), "a == (b < c)"),
        (.bin(.notIn, a, b), "a not in b"),
        (.not(.bin(.in, a, b)), "not a in b"),
        (.bin(.in, .bin(.add, a, b), c), "a + b in c"),
        (.bin(.add, .cond(a, b, c), .num(1)), "(if a then b else c) + 1"),
        (.cond(.bin(.or, a, b), .bin(.add, b, .num(1)), .cond(c, a, b)), "if a or b then b + 1 else if c then a else b"),
        (.cond(.cond(a, b, c), a, b), "if if a then b else c then a else b"),
        (.not(.cond(a, b, c)), "not (if a then b else c)"),
    ])
    func printsTheFewestParentheses(tree: Expression, text: String) throws {
        #expect(tree.description == text)
        #expect(try ExpressionParser.parse(text) == tree)
    }

    @Test(arguments: [
        (E.dur(.num(14), .days), "14 days"),
        (.dur(.ref("weeks_max"), .weeks), "weeks_max weeks"),
        (.dur(.bin(.add, a, .num(1)), .hours), "(a + 1) hours"),
        (.dur(.num(-5), .days), "-5 days"),
        (.neg(.dur(.num(5), .days)), "-(5 days)"),
        (.neg(.dur(x, .days)), "-x days"),
        (.dur(.num(1e20), .days), "1e+20 days"),
        (.dur(.dur(.num(1), .days), .hours), "1 days hours"),
        (.dur(.neg(x), .minutes), "(-x) minutes"),
        (.dur(.call("f", x), .weeks), "f(x) weeks"),
        (.bin(.add, .ref("failed_at"), .dur(.num(14), .days)), "failed_at + 14 days"),
        (.field(.bin(.add, a, b), "c"), "(a + b).c"),
        (.field(.num(-3), "x"), "-3.x"),
        (.field(.neg(x), "y"), "(-x).y"),
        (.field(.num(3), "x"), "3.x"),
        (.field(.call("f", x), "y"), "f(x).y"),
        (.field(.field(.listOf(a), "y"), "z"), "[a].y.z"),
        (.field(.dur(.num(5), .days), "x"), "5 days.x"),
        (.field(.cond(a, b, c), "x"), "(if a then b else c).x"),
    ])
    func durationsAndFields(tree: Expression, text: String) throws {
        #expect(tree.description == text)
        #expect(try ExpressionParser.parse(text) == tree)
    }

    @Test(arguments: [(42.0, "42"), (2.5, "2.5"), (1e6, "1000000"), (0.001, "0.001"), (-3, "-3"), (1e20, "1e+20"),
                      (1.5e-7, "1.5e-07"), (123456789012345, "123456789012345")])
    func numbers(value: Double, text: String) throws {
        #expect(E.num(value).description == text)
        #expect(try ExpressionParser.parse(text) == .num(value))
    }

    @Test func literalsAndCollections() {
        let (a, b) = (Self.a, Self.b)
        #expect(E.bool(true).description == "true")
        #expect(E.bool(false).description == "false")
        #expect(E.ref("scores.nlp").description == "scores.nlp")
        #expect(E.setOf().description == "{}")
        #expect(E.listOf().description == "[]")
        #expect(E.setOf(.str("speech"), .str("translator")).description == #"{"speech", "translator"}"#)
        #expect(E.listOf(.num(1), .listOf(.num(2)), .setOf()).description == "[1, [2], {}]")
        #expect(E.call("f").description == "f()")
        #expect(E.call("max", a, .bin(.add, b, .num(1))).description == "max(a, b + 1)")
        #expect(E.call("date", .str("2026-11-27")).description == #"date("2026-11-27")"#)
    }

    @Test func comprehensions() throws {
        let (a, b, c, x) = (Self.a, Self.b, Self.c, Self.x)
        let text = "[d.id for d in domains where d.score < 60 by -(d.weight * (60 - d.score))]"
        #expect(try ExpressionParser.parse(text).description == text)
        let plain = E.comp(.ref("d"), "d", .ref("domains"))
        #expect(plain.description == "[d for d in domains]")
        #expect(E.comp(.cond(a, b, c), "x", .bin(.in, a, b), by: .neg(x)).description
                == "[if a then b else c for x in a in b by -x]")
    }

    @Test(arguments: [("a\"b", #""a\"b""#), ("back\\slash", #""back\\slash""#), ("line\nbreak", #""line\nbreak""#),
                      ("tab\there", #""tab\there""#), ("cr\r", #""cr\r""#), ("\u{1}\u{1F}\u{7F}", #""\u{1}\u{1f}\u{7f}""#),
                      ("\u{0}", #""\u{0}""#), ("it's", #""it's""#), ("{braces}", #""{braces}""#),
                      ("café 😀", #""café 😀""#), ("", #""""#)])
    func textIsQuotedAndEscaped(value: String, text: String) throws {
        #expect(E.str(value).description == text)
        #expect(try ExpressionParser.parse(text) == .str(value))
    }

    @Test(arguments: [
        #"scores.nlp < thresholds.low and "nlp" in weak_domains"#,
        "count([d for d in domains where d.score < thresholds.very_low]) >= 1",
        "failed_at + 14 days",
        "if attempt == 1 then 24 hours else 14 days",
        "count([s for s in services_used where s in vision_services])",
        "days(target_date - day(failed_at)) >= 14",
        "round(weeks(recommended_from - failed_at))",
        "x ?? 0 not in {1, 2} or not known(y)",
    ])
    func documentedExamplesPrintAsWritten(text: String) throws {
        #expect(try ExpressionParser.parse(text).description == text)
    }

    @Test func redundantParenthesesAreDropped() throws {
        #expect(try ExpressionParser.parse("((a)) + (b * c)").description == "a + b * c")
        #expect(try ExpressionParser.parse("(a ?? (b ?? c))").description == "a ?? b ?? c")
        #expect(try ExpressionParser.parse("'single'").description == #""single""#)
        #expect(try ExpressionParser.parse("1 day").description == "1 days")
        #expect(try ExpressionParser.parse("1.50e1").description == "15")
    }
}
