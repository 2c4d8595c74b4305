import Testing
@testable import RuleEngine

/// The error `text` fails with, or nil when it parses.
func expressionError(_ text: String) -> ExpressionError? {
    do {
        _ = try ExpressionParser.parse(text)
        return nil
    } catch {
        return error
    }
}

@Suite struct ExpressionParserTests {
    typealias E = Expression
    let a = E.ref("a"), b = E.ref("b"), c = E.ref("c"), d = E.ref("d")

    // MARK: Literals

    @Test(arguments: [("42", 42.0), ("2.5", 2.5), ("1e6", 1e6), ("1E6", 1e6), ("1.5e-3", 0.0015),
                      ("2e+2", 200), ("007", 7), ("0", 0), ("0.25", 0.25)])
    func numberLiterals(text: String, value: Double) throws {
        #expect(try ExpressionParser.parse(text) == .num(value))
    }

    @Test func minusBeforeANumberIsPartOfTheLiteral() throws {
        #expect(try ExpressionParser.parse("-3") == .num(-3))
        #expect(try ExpressionParser.parse("- 2.5") == .num(-2.5))
        #expect(try ExpressionParser.parse("-1e6") == .num(-1e6))
        #expect(try ExpressionParser.parse("a * -3") == .bin(.multiply, a, .num(-3)))
        #expect(try ExpressionParser.parse("-3 * a") == .bin(.multiply, .num(-3), a))
        #expect(try ExpressionParser.parse("a - 3") == .bin(.subtract, a, .num(3)))
        #expect(try ExpressionParser.parse("a -3") == .bin(.subtract, a, .num(3)))
        #expect(try ExpressionParser.parse("--3") == .neg(.num(-3)))
        #expect(try ExpressionParser.parse("-(3)") == .neg(.num(3)))
        #expect(try ExpressionParser.parse("-a") == .neg(a))
        #expect(try ExpressionParser.parse("-3.x") == .field(.num(-3), "x"))
    }

    @Test func textLiteralsInEitherQuote() throws {
        #expect(try ExpressionParser.parse(#""nlp""#) == .str("nlp"))
        #expect(try ExpressionParser.parse("'nlp'") == .str("nlp"))
        #expect(try ExpressionParser.parse(#""""#) == .str(""))
        #expect(try ExpressionParser.parse("''") == .str(""))
        #expect(try ExpressionParser.parse(#"'say "hi"'"#) == .str(#"say "hi""#))
        #expect(try ExpressionParser.parse(#""it's""#) == .str("it's"))
        #expect(try ExpressionParser.parse(#""café ☕ 😀""#) == .str("café ☕ 😀"))
    }

    @Test func textEscapes() throws {
        #expect(try ExpressionParser.parse(#""a\nb\tc\"d\'e\\f\u{1F600}""#) == .str("a\nb\tc\"d'e\\f😀"))
        #expect(try ExpressionParser.parse(#"'\'\"'"#) == .str("'\""))
        #expect(try ExpressionParser.parse(#""\r\{\}""#) == .str("\r{}"))
        #expect(try ExpressionParser.parse(#""\u{41}\u{0}\u{e9}\u{10FFFF}""#) == .str("A\u{0}é\u{10FFFF}"))
    }

    @Test func yesNoLiterals() throws {
        #expect(try ExpressionParser.parse("true") == .bool(true))
        #expect(try ExpressionParser.parse("false") == .bool(false))
    }

    @Test func datesAreCallsOnText() throws {
        #expect(try ExpressionParser.parse(#"date("2026-11-27")"#) == .call("date", .str("2026-11-27")))
        #expect(try ExpressionParser.parse(#"datetime("2026-11-27T15:00")"#) == .call("datetime", .str("2026-11-27T15:00")))
    }

    @Test(arguments: [("14 days", 14.0, TimeUnit.days), ("1 day", 1, .days), ("24 hours", 24, .hours),
                      ("1 hour", 1, .hours), ("6 weeks", 6, .weeks), ("1 week", 1, .weeks),
                      ("90 minutes", 90, .minutes), ("1 minute", 1, .minutes), ("2.5 hours", 2.5, .hours),
                      ("5days", 5, .days), ("-5 days", -5, .days)])
    func durationsInEveryUnit(text: String, amount: Double, unit: TimeUnit) throws {
        #expect(try ExpressionParser.parse(text) == .dur(.num(amount), unit))
    }

    @Test func durationsOfExpressions() throws {
        #expect(try ExpressionParser.parse("(weeks_max) weeks") == .dur(.ref("weeks_max"), .weeks))
        #expect(try ExpressionParser.parse("(a + 1) days") == .dur(.bin(.add, a, .num(1)), .days))
        #expect(try ExpressionParser.parse("x.y hours") == .dur(.ref("x.y"), .hours))
        #expect(try ExpressionParser.parse("-x days") == .neg(.dur(.ref("x"), .days)))
        #expect(try ExpressionParser.parse("2 * 3 days") == .bin(.multiply, .num(2), .dur(.num(3), .days)))
        #expect(try ExpressionParser.parse("failed_at + 14 days")
                == .bin(.add, .ref("failed_at"), .dur(.num(14), .days)))
    }

    @Test func unitWordsStillNameFunctionsAndFields() throws {
        #expect(try ExpressionParser.parse("days(x)") == .call("days", .ref("x")))
        #expect(try ExpressionParser.parse("f(x).days") == .field(.call("f", .ref("x")), "days"))
    }

    @Test func setsAndLists() throws {
        #expect(try ExpressionParser.parse(#"{"speech", "translator"}"#) == .setOf(.str("speech"), .str("translator")))
        #expect(try ExpressionParser.parse("{}") == .setOf())
        #expect(try ExpressionParser.parse("[1, 2, 3]") == .listOf(.num(1), .num(2), .num(3)))
        #expect(try ExpressionParser.parse("[]") == .listOf())
        #expect(try ExpressionParser.parse("[[], {1}, [a]]") == .listOf(.listOf(), .setOf(.num(1)), .listOf(a)))
    }

    // MARK: Names and fields

    @Test func namesJoinWordsWithDots() throws {
        #expect(try ExpressionParser.parse("scores.nlp") == Expression(.name(["scores", "nlp"])))
        #expect(try ExpressionParser.parse("d.score") == Expression(.name(["d", "score"])))
        #expect(try ExpressionParser.parse("_a1.B_2.c3") == Expression(.name(["_a1", "B_2", "c3"])))
        #expect(try ExpressionParser.parse("index or notable") == .bin(.or, .ref("index"), .ref("notable")))
    }

    @Test func fieldsOfParenthesisedExpressions() throws {
        #expect(try ExpressionParser.parse("(a + b).weight") == .field(.bin(.add, a, b), "weight"))
        #expect(try ExpressionParser.parse("f(x).y.z") == .field(.field(.call("f", .ref("x")), "y"), "z"))
        #expect(try ExpressionParser.parse("[a].n") == .field(.listOf(a), "n"))
        #expect(try ExpressionParser.parse("(5 days).x") == .field(.dur(.num(5), .days), "x"))
        // A parenthesised plain name is still a name: its fields join it.
        #expect(try ExpressionParser.parse("(d).score") == .ref("d.score"))
    }

    @Test func functionCalls() throws {
        #expect(try ExpressionParser.parse("f()") == .call("f"))
        #expect(try ExpressionParser.parse("max(a, b + 1, 3)") == .call("max", a, .bin(.add, b, .num(1)), .num(3)))
    }

    // MARK: Operators

    @Test(arguments: BinaryOperator.allCases)
    func everyBinaryOperator(op: BinaryOperator) throws {
        #expect(try ExpressionParser.parse("a \(op.rawValue) b") == .bin(op, a, b))
    }

    @Test(arguments: [
        ("a or b and c", E.bin(.or, .ref("a"), .bin(.and, .ref("b"), .ref("c")))),
        ("a and b or c", .bin(.or, .bin(.and, .ref("a"), .ref("b")), .ref("c"))),
        ("not a and b", .bin(.and, .not(.ref("a")), .ref("b"))),
        ("not a == b", .not(.bin(.equal, .ref("a"), .ref("b")))),
        ("not a in b", .not(.bin(.in, .ref("a"), .ref("b")))),
        ("a == b ?? c", .bin(.equal, .ref("a"), .bin(.coalesce, .ref("b"), .ref("c")))),
        ("a ?? b + c", .bin(.coalesce, .ref("a"), .bin(.add, .ref("b"), .ref("c")))),
        ("a + b ?? c", .bin(.coalesce, .bin(.add, .ref("a"), .ref("b")), .ref("c"))),
        ("a + b * c", .bin(.add, .ref("a"), .bin(.multiply, .ref("b"), .ref("c")))),
        ("a * b - c", .bin(.subtract, .bin(.multiply, .ref("a"), .ref("b")), .ref("c"))),
        ("a | b & c", .bin(.union, .ref("a"), .bin(.intersect, .ref("b"), .ref("c")))),
        ("-a * b", .bin(.multiply, .neg(.ref("a")), .ref("b"))),
        ("-a.b", .neg(.ref("a.b"))),
        ("a + b in c", .bin(.in, .bin(.add, .ref("a"), .ref("b")), .ref("c"))),
        ("a not in b or c", .bin(.or, .bin(.notIn, .ref("a"), .ref("b")), .ref("c"))),
        ("not a not in b", .not(.bin(.notIn, .ref("a"), .ref("b")))),
        ("a < b and b <= c", .bin(.and, .bin(.less, .ref("a"), .ref("b")), .bin(.lessEqual, .ref("b"), .ref("c")))),
        ("x ?? 1 days", .bin(.coalesce, .ref("x"), .dur(.num(1), .days))),
        ("(a or b) and c", .bin(.and, .bin(.or, .ref("a"), .ref("b")), .ref("c"))),
        ("a * (b + c)", .bin(.multiply, .ref("a"), .bin(.add, .ref("b"), .ref("c")))),
    ])
    func precedence(text: String, tree: Expression) throws {
        #expect(try ExpressionParser.parse(text) == tree)
    }

    @Test func arithmeticAndLogicGroupToTheLeft() throws {
        #expect(try ExpressionParser.parse("a - b - c") == .bin(.subtract, .bin(.subtract, a, b), c))
        #expect(try ExpressionParser.parse("a / b / c") == .bin(.divide, .bin(.divide, a, b), c))
        #expect(try ExpressionParser.parse("a % b * c") == .bin(.multiply, .bin(.remainder, a, b), c))
        #expect(try ExpressionParser.parse("a | b - c + d") == .bin(.add, .bin(.subtract, .bin(.union, a, b), c), d))
        #expect(try ExpressionParser.parse("a & b & c") == .bin(.intersect, .bin(.intersect, a, b), c))
        #expect(try ExpressionParser.parse("a or b or c") == .bin(.or, .bin(.or, a, b), c))
        #expect(try ExpressionParser.parse("a and b and c") == .bin(.and, .bin(.and, a, b), c))
        #expect(try ExpressionParser.parse("a - (b - c)") == .bin(.subtract, a, .bin(.subtract, b, c)))
    }

    @Test func fallbackGroupsToTheRight() throws {
        #expect(try ExpressionParser.parse("a ?? b ?? c") == .bin(.coalesce, a, .bin(.coalesce, b, c)))
        #expect(try ExpressionParser.parse("(a ?? b) ?? c") == .bin(.coalesce, .bin(.coalesce, a, b), c))
    }

    @Test func notNestsAndNotInIsOneOperator() throws {
        #expect(try ExpressionParser.parse("not not a") == .not(.not(a)))
        #expect(try ExpressionParser.parse(#""nlp" not in weak_domains"#) == .bin(.notIn, .str("nlp"), .ref("weak_domains")))
    }

    @Test func conditionals() throws {
        #expect(try ExpressionParser.parse("if attempt == 1 then 24 hours else 14 days")
                == .cond(.bin(.equal, .ref("attempt"), .num(1)), .dur(.num(24), .hours), .dur(.num(14), .days)))
        #expect(try ExpressionParser.parse("if a then b else if c then d else 1") == .cond(a, b, .cond(c, d, .num(1))))
        #expect(try ExpressionParser.parse("if if a then b else c then d else 1") == .cond(.cond(a, b, c), d, .num(1)))
        #expect(try ExpressionParser.parse("if a then b else c or d") == .cond(a, b, .bin(.or, c, d)))
        #expect(try ExpressionParser.parse("1 + (if a then 2 else 3)") == .bin(.add, .num(1), .cond(a, .num(2), .num(3))))
    }

    // MARK: Comprehensions

    @Test func comprehensions() throws {
        let domains = E.ref("domains")
        #expect(try ExpressionParser.parse("[d for d in domains]") == .comp(d, "d", domains))
        #expect(try ExpressionParser.parse("[d.id for d in domains where d.score < 60]")
                == .comp(.ref("d.id"), "d", domains, where: .bin(.less, .ref("d.score"), .num(60))))
        #expect(try ExpressionParser.parse("[d for d in domains by d.weight]")
                == .comp(d, "d", domains, by: .ref("d.weight")))
        #expect(try ExpressionParser.parse("[d.id for d in domains where d.score < 60 by -(d.weight * (60 - d.score))]")
                == .comp(.ref("d.id"), "d", domains, where: .bin(.less, .ref("d.score"), .num(60)),
                         by: .neg(.bin(.multiply, .ref("d.weight"), .bin(.subtract, .num(60), .ref("d.score"))))))
        #expect(try ExpressionParser.parse("count([s for s in services_used where s in vision_services]) >= 1")
                == .bin(.greaterEqual, .call("count", .comp(.ref("s"), "s", .ref("services_used"),
                                                            where: .bin(.in, .ref("s"), .ref("vision_services")))), .num(1)))
        #expect(try ExpressionParser.parse("[if a then b else c for x in if a then b else c where x]")
                == .comp(.cond(a, b, c), "x", .cond(a, b, c), where: .ref("x")))
        #expect(try ExpressionParser.parse("[a in b for x in c in d]") == .comp(.bin(.in, a, b), "x", .bin(.in, c, d)))
    }

    @Test func whitespaceIsSpacesTabsAndLineBreaks() throws {
        #expect(try ExpressionParser.parse(" \t\r\na\n+\tb\r\n") == .bin(.add, a, b))
    }
}

/// Syntax errors: the whole error (message and UTF-8 range) is checked.
@Suite struct ExpressionErrorTests {
    static let unknownEscape = #"unknown escape in string; use \n, \t, \", \' or \\"#
    static let badUnicode = #"a \u escape is written \u{1F600}"#

    @Test(arguments: [(#""abc"#, #"this string has no closing ""#, 0..<1), ("x == 'abc", "this string has no closing '", 5..<6),
                      (#""abc\""#, #"this string has no closing ""#, 0..<1), (#""ab\"#, #"this string has no closing ""#, 0..<1),
                      (#"'it"s"#, "this string has no closing '", 0..<1)])
    func unterminatedText(text: String, message: String, range: Range<Int>) {
        #expect(expressionError(text) == ExpressionError(message, at: range))
    }

    @Test(arguments: [(#""a\qb""#, unknownEscape, 2..<4), (#"'\x41'"#, unknownEscape, 1..<3),
                      (#""\é""#, unknownEscape, 1..<4), (#""\u41""#, badUnicode, 1..<3), (#""\u{}""#, badUnicode, 1..<3),
                      (#""\u{D800}""#, badUnicode, 1..<3), (#""\u{110000}""#, badUnicode, 1..<3),
                      (#""\u{123456789}""#, badUnicode, 1..<3), (#""\u{41""#, badUnicode, 1..<3)])
    func badEscapes(text: String, message: String, range: Range<Int>) {
        #expect(expressionError(text) == ExpressionError(message, at: range))
    }

    @Test(arguments: [("a = b", "unexpected '='; compare with '=='", 2..<3),
                      ("a ! b", "unexpected '!'; write 'not', or '!=' to compare", 2..<3)])
    func charactersFromOtherLanguagesGetAHint(text: String, message: String, range: Range<Int>) {
        #expect(expressionError(text) == ExpressionError(message, at: range))
    }

    @Test(arguments: [("a ? b", "?", 2..<3), ("x → y", "→", 2..<5),
                      ("a\u{1}", #"\u{1}"#, 1..<2), ("`", "`", 0..<1), ("a; b", ";", 1..<2), ("😀", "😀", 0..<4),
                      ("a\u{A0}b", "\u{A0}", 1..<3)])
    func unexpectedCharacters(text: String, shown: String, range: Range<Int>) {
        #expect(expressionError(text) == ExpressionError("unexpected character \"\(shown)\"", at: range))
    }

    @Test(arguments: BinaryOperator.allCases)
    func missingRightOperand(op: BinaryOperator) {
        let text = "a \(op.rawValue)"
        let end = text.utf8.count
        #expect(expressionError(text) == ExpressionError("expected an expression after '\(op.rawValue)'", at: end..<end))
        #expect(expressionError(text + "  ") == ExpressionError("expected an expression after '\(op.rawValue)'", at: end + 2..<end + 2))
    }

    @Test(arguments: [("not", "expected an expression after 'not'", 3..<3), ("-", "expected an expression after '-'", 1..<1),
                      ("1 + )", "expected an expression, found ')'", 4..<5), ("a * and", "expected an expression, found 'and'", 4..<7),
                      ("", "expected an expression", 0..<0), ("   ", "expected an expression", 3..<3),
                      ("if a then b else", "expected an expression", 16..<16),
                      ("if a then b", "expected 'else' after the 'then' branch, found the end of the expression", 11..<11),
                      ("if a b", "expected 'then' after the condition of 'if', found 'b'", 5..<6),
                      ("a.", "expected a field name after '.', found the end of the expression", 2..<2),
                      ("a.1", "expected a field name after '.', found '1'", 2..<3),
                      ("a.in", "expected a field name after '.', found 'in'", 2..<4)])
    func missingOperands(text: String, message: String, range: Range<Int>) {
        #expect(expressionError(text) == ExpressionError(message, at: range))
    }

    @Test(arguments: [
        ("(1 + 2", "expected ')' to close the '(', found the end of the expression", 6..<6),
        ("x + (1", "expected ')' to close the '(', found the end of the expression", 6..<6),
        ("(a b)", "expected ')' to close the '(', found 'b'", 3..<4),
        ("f(a, b", "expected ')' to close the '(', found the end of the expression", 6..<6),
        ("[1, 2", "expected ']' to close the '[', found the end of the expression", 5..<5),
        ("[1 2]", "expected ']' to close the '[', found '2'", 3..<4),
        ("[x for x in y", "expected ']' to close the '[', found the end of the expression", 13..<13),
        ("{1, 2", "expected '}' to close the '{', found the end of the expression", 5..<5),
        ("{1 2}", "expected '}' to close the '{', found '2'", 3..<4),
        ("[x for 1 in y]", "expected a variable name after 'for', found '1'", 7..<8),
        ("[x for y z]", "expected 'in' after 'for y', found 'z'", 9..<10),
    ])
    func unclosedBrackets(text: String, message: String, range: Range<Int>) {
        #expect(expressionError(text) == ExpressionError(message, at: range))
    }

    @Test(arguments: [("a < b < c", 6..<7), ("a == b != c", 7..<9), ("a in b not in c", 7..<10),
                      ("1 < x <= 2", 6..<8), ("a not in b in c", 11..<13)])
    func comparisonsDoNotChain(text: String, range: Range<Int>) {
        #expect(expressionError(text) == ExpressionError("comparisons do not chain; join them with 'and'", at: range))
    }

    @Test func parenthesesLetComparisonsNest() throws {
        #expect(try ExpressionParser.parse("(a < b) == c")
                == .bin(.equal, .bin(.less, .ref("a"), .ref("b")), .ref("c")))
    }

    @Test(arguments: [("1 2", "'2'", 2..<3), ("a b", "'b'", 2..<3), ("(a))", "')'", 3..<4), (#"a "x""#, #""x""#, 2..<5),
                      ("x then y", "'then'", 2..<6), ("5 dayz", "'dayz'", 2..<6), ("1e", "'e'", 1..<2),
                      ("a.b(c)", "'('", 3..<4), ("[a] for", "'for'", 4..<7)])
    func trailingTextIsAnError(text: String, shown: String, range: Range<Int>) {
        #expect(expressionError(text) == ExpressionError("unexpected \(shown) after the expression", at: range))
    }

    @Test(arguments: [("1e999", "1e999", 0..<5), ("x + 1e300", "1e300", 4..<9), ("-1e999", "1e999", 1..<6),
                      ("1" + String(repeating: "0", count: 400), "1" + String(repeating: "0", count: 400), 0..<401)])
    func numbersTooLarge(text: String, number: String, range: Range<Int>) {
        #expect(expressionError(text) == ExpressionError("number \(number) is too large", at: range))
    }
}
