import PropertyBased
import FuzzSupport
import Testing
@testable import RuleEngine

/// Runs a property over `count` values of a PropertyBased generator, seeded
/// with `seed` so every run checks the same cases. (`propertyCheck` draws a
/// fresh seed per run; its `.fixedSeed` trait runs a single case and always
/// records an issue, so it is for reproducing a failure, not for a suite.)
/// `property` returns nil when it holds, else what went wrong; the first
/// failure is recorded with its case number and the run stops.
private func checkSeeded<Value, Shrinks>(_ generator: Generator<Value, Shrinks>, count: Int, seed: UInt64,
                                 sourceLocation: Testing.SourceLocation = #_sourceLocation,
                                 _ property: (Value) -> String?) {
    var rng = Xoshiro(seed: (seed, 0x9E37_79B9_7F4A_7C15, ~seed, 0xD1B5_4A32_D192_ED03))
    for index in 0..<count {
        let value = generator.run(using: &rng)
        if let failure = property(value) {
            Issue.record("case \(index) of seed \(seed): \(failure)", sourceLocation: sourceLocation)
            return
        }
    }
}

/// Generators of expression trees the parser can produce, and of text.
private enum ExpressionGen {
    static let reserved = Set(Keyword.allCases.map(\.rawValue))
        .union(TimeUnit.allCases.flatMap { [$0.rawValue, String($0.rawValue.dropLast())] })
    static let nearMisses = ["index", "notable", "iff", "days_left", "weekday", "hour_", "_in", "True", "date",
                             "ORx", "bye", "thence", "elsewhere", "forward", "minute1", "e", "E5", "u", "nan", "inf"]
    static let identifier = Gen<String>.frequency(
        (4, zip(Gen.letter, Gen.letterOrNumber.string(of: 0...4)).map { String($0) + $1 }),
        (1, Gen<String?>.element(of: nearMisses).map { $0! }),
        (1, Gen.letterOrNumber.string(of: 0...3).map { "_" + $0 })
    ).filter { !reserved.contains($0) }

    /// Finite, non-negative and below 1e300 (larger literals are refused).
    static let magnitude = Gen<Double>.frequency(
        (4, Gen.int(in: 0...1000).map { Double($0) }),
        (2, Gen.double(in: 0..<100)),
        (1, zip(Gen.double(in: 1..<2), Gen.int(in: -1074...996)).map { Double(sign: .plus, exponent: $1, significand: $0) })
    ).filter { $0 < 1e300 }

    static let scalar = Gen<Unicode.Scalar>.frequency(
        (6, Gen.unicodeScalar(in: " "..."~")),
        (3, Gen<Unicode.Scalar?>.element(of: Array("\"'\\{}\n\t\r\u{0}\u{1}\u{1B}\u{7F}u".unicodeScalars)).map { $0! }),
        (1, Gen.unicodeScalar(in: "\u{80}"..."\u{D7FF}")),
        (1, Gen.unicodeScalar(in: "\u{E000}"..."\u{10FFFF}")))
    static let text = scalar.array(of: 0...8).map { String(String.UnicodeScalarView($0)) }

    static func tree(depth: Int) -> Generator<Expression, Shrink.None<Expression>> {
        Generator { rng in build(depth: depth, &rng) }
    }

    static func leaf(_ rng: inout any SeededRandomNumberGenerator) -> Expression {
        switch Int.random(in: 0..<6, using: &rng) {
        case 0: Expression(.number(magnitude.run(using: &rng)))
        case 1: Expression(.number(-magnitude.run(using: &rng)))  // `-5`: the minus folds into the literal
        case 2: Expression(.string(text.run(using: &rng)))
        case 3: Expression(.bool(Bool.random(using: &rng)))
        default: Expression(.name((0...Int.random(in: 0...2, using: &rng)).map { _ in identifier.run(using: &rng) }))
        }
    }

    static func build(depth: Int, _ rng: inout any SeededRandomNumberGenerator) -> Expression {
        guard depth > 0, Int.random(in: 0..<5, using: &rng) > 0 else { return leaf(&rng) }
        func sub(_ rng: inout any SeededRandomNumberGenerator) -> Expression { build(depth: depth - 1, &rng) }
        func subs(_ rng: inout any SeededRandomNumberGenerator) -> [Expression] {
            (0..<Int.random(in: 0...3, using: &rng)).map { _ in sub(&rng) }
        }
        switch Int.random(in: 0..<16, using: &rng) {
        case 0:  // a field of a name is part of the name
            var base = sub(&rng)
            while case .name = base.kind { base = sub(&rng) }
            return Expression(.field(base, identifier.run(using: &rng)))
        case 1: return Expression(.unary(.not, sub(&rng)))
        case 2:  // `-5` is the literal minus five, never the negation of five
            var operand = sub(&rng)
            while case .number = operand.kind { operand = sub(&rng) }
            return Expression(.unary(.negate, operand))
        case 3: return Expression(.call(identifier.run(using: &rng), subs(&rng)))
        case 4: return Expression(.set(subs(&rng)))
        case 5: return Expression(.list(subs(&rng)))
        case 6:
            let element = sub(&rng), variable = identifier.run(using: &rng), source = sub(&rng)
            let filter = Bool.random(using: &rng) ? sub(&rng) : nil
            let order = Bool.random(using: &rng) ? sub(&rng) : nil
            return Expression(.comprehension(Comprehension(element: element, variable: variable, source: source,
                                                           filter: filter, order: order)))
        case 7: return Expression(.conditional(sub(&rng), sub(&rng), sub(&rng)))
        case 8: return Expression(.duration(sub(&rng), TimeUnit.allCases.randomElement(using: &rng)!))
        default: return Expression(.binary(BinaryOperator.allCases.randomElement(using: &rng)!, sub(&rng), sub(&rng)))
        }
    }

    /// Text rich in the language's symbols, words, quotes, escapes, digits,
    /// control characters and other Unicode.
    static let fragment = Gen<String>.frequency(
        (5, Gen<Character?>.element(of: Array("+-*/%|&=!<>?()[]{},.'\"\\ \t\n\r;:@#$^~`_")).map { String($0!) }),
        (2, Gen.number.map { String($0) }),
        (2, Gen.letter.map { String($0) }),
        (4, Gen<String?>.element(of: ["not", "in", "and", "or", "if", "then", "else", "for", "where", "by", "true",
                                      "false", "days", "day", "hours", "minutes", "week", "??", "==", "!=", "<=", ">=",
                                      #"\u{"#, #"\u{1F600}"#, "1e", "1e999", "1e-5", "2.5", "date(", "x", "d.score",
                                      "é", "😀", "\u{301}", "\u{FEFF}", "\u{2028}", "\u{A0}"]).map { $0! }),
        (1, Gen.unicodeScalar(in: "\u{0}"..."\u{2FF}").map { String($0) }),
        (1, Gen.unicodeScalar(in: "\u{E000}"..."\u{10FFFF}").map { String($0) }))
    static let source = fragment.array(of: 0...30).map { $0.joined() }

    /// The printed form of a random tree with one to three scalars deleted,
    /// replaced or preceded by a fragment: text that is nearly right.
    static let mutated = Generator { rng in
        var scalars = Array(tree(depth: 4).run(using: &rng).description.unicodeScalars)
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            let at = Int.random(in: 0...scalars.count, using: &rng)
            let edit = Int.random(in: 0..<3, using: &rng)
            if edit < 2, at < scalars.count { scalars.remove(at: at) }
            if edit > 0 { scalars.insert(contentsOf: fragment.run(using: &rng).unicodeScalars, at: at) }
        }
        return String(String.UnicodeScalarView(scalars))
    }
}

/// The expressions directly inside `e`.
private func children(_ e: Expression) -> [Expression] {
    switch e.kind {
    case .number, .string, .bool, .name: []
    case .field(let base, _): [base]
    case .unary(_, let operand), .duration(let operand, _): [operand]
    case .binary(_, let left, let right): [left, right]
    case .call(_, let items), .set(let items), .list(let items): items
    case .comprehension(let c): [c.element, c.source] + [c.filter, c.order].compactMap { $0 }
    case .conditional(let a, let b, let c): [a, b, c]
    }
}

/// Whether `e`'s range lies within `outer`, and each child's within its parent's.
private func rangesNest(_ e: Expression, within outer: Range<Int>) -> Bool {
    e.range.lowerBound >= outer.lowerBound && e.range.upperBound <= outer.upperBound
        && children(e).allSatisfy { rangesNest($0, within: e.range) }
}

/// `text` with each pair of parentheses outside text literals removed, one
/// pair at a time.
private func withoutOneParenthesisPair(_ text: String) -> [String] {
    let scalars = Array(text.unicodeScalars)
    var open: [Int] = [], pairs: [(Int, Int)] = [], quote: Unicode.Scalar?, index = 0
    while index < scalars.count {
        let s = scalars[index]
        if let q = quote {
            if s == "\\" { index += 1 } else if s == q { quote = nil }
        } else if s == "\"" || s == "'" {
            quote = s
        } else if s == "(" {
            open.append(index)
        } else if s == ")", let start = open.popLast() {
            pairs.append((start, index))
        }
        index += 1
    }
    return pairs.map { start, end in
        var copy = scalars
        copy.remove(at: end)
        copy.remove(at: start)
        return String(String.UnicodeScalarView(copy))
    }
}

@Suite struct ExpressionPropertyTests {
    @Test func printedTreesParseBackToThemselves() {
        checkSeeded(ExpressionGen.tree(depth: 5), count: 3000, seed: 20261127) { tree in
            let text = tree.description
            do throws(ExpressionError) {
                let parsed = try ExpressionParser.parse(text)
                if parsed != tree { return "\(text) parses back as \(parsed)" }
                if !rangesNest(parsed, within: 0..<text.utf8.count) { return "ranges of \(text) do not nest" }
                return nil
            } catch {
                return "\(text) does not parse: \(error.message) at \(error.range)"
            }
        }
    }

    @Test func printingUsesNoRedundantParentheses() {
        checkSeeded(ExpressionGen.tree(depth: 4), count: 2000, seed: 1437) { tree in
            let text = tree.description
            for shorter in withoutOneParenthesisPair(text) {
                if let parsed = try? ExpressionParser.parse(shorter), parsed == tree {
                    return "\(text) could be written \(shorter)"
                }
            }
            return nil
        }
    }

    @Test func noTextCrashesTheParser() {
        checkSeeded(ExpressionGen.source, count: Mutator.count(default: 5000), seed: 99, parsesOrFailsCleanly)
    }

    @Test func noNearlyRightTextCrashesTheParser() {
        checkSeeded(ExpressionGen.mutated, count: Mutator.count(default: 3000), seed: 4242, parsesOrFailsCleanly)
    }

    /// `text` parses to a tree whose ranges nest and whose printed form
    /// parses back to it, or fails with an error inside the text.
    func parsesOrFailsCleanly(_ text: String) -> String? {
        let utf8 = Array(text.utf8)
        func onScalarBoundary(_ offset: Int) -> Bool { offset == utf8.count || utf8[offset] & 0xC0 != 0x80 }
        do throws(ExpressionError) {
            let parsed = try ExpressionParser.parse(text)
            if !rangesNest(parsed, within: 0..<utf8.count) { return "ranges of \(text.debugDescription) do not nest" }
            guard let reparsed = try? ExpressionParser.parse(parsed.description), reparsed == parsed else {
                return "\(text.debugDescription) parses, but its printed form \(parsed.description.debugDescription) does not parse back"
            }
            return nil
        } catch {  // typed throws: an ExpressionError is the only way to fail
            guard error.range.lowerBound >= 0, error.range.upperBound <= utf8.count,
                  onScalarBoundary(error.range.lowerBound), onScalarBoundary(error.range.upperBound) else {
                return "\(text.debugDescription): \(error.message) at \(error.range), outside its \(utf8.count) bytes or inside a character"
            }
            return nil
        }
    }
}


/// ExpressionParser.maximumDepth: every way of nesting counts one level per
/// step, the limit is refused with an error (never a crash), and whatever
/// the parser accepts prints back to text it accepts.
@Suite struct ExpressionDepthTests {
    static let limit = ExpressionParser.maximumDepth
    static let tooDeep = "expression is nested more than \(limit) levels deep"

    enum Nesting: String, CaseIterable {
        case parentheses, list, set, call, comprehension, not, negation, fallback, conditional
        case sum, product, conjunction, disjunction, field, unit

        func text(levels: Int) -> String {
            var text = self == .field ? "f()" : "x"
            for _ in 0..<levels {
                text = switch self {
                case .parentheses: "(\(text))"
                case .list: "[\(text)]"
                case .set: "{\(text)}"
                case .call: "f(\(text))"
                case .comprehension: "[y for y in \(text)]"
                case .not: "not \(text)"
                case .negation: "-\(text)"
                case .fallback: "x ?? \(text)"
                case .conditional: "if a then b else \(text)"
                case .sum: "\(text) + 1"
                case .product: "\(text) * 2"
                case .conjunction: "\(text) and y"
                case .disjunction: "\(text) or y"
                case .field: "\(text).f"
                case .unit: "\(text) days"
                }
            }
            return text
        }
    }

    @Test(arguments: Nesting.allCases)
    func nestingUpToTheLimitParsesAndPrintsBack(nesting: Nesting) throws {
        let parsed = try ExpressionParser.parse(nesting.text(levels: Self.limit - 1))
        #expect(try ExpressionParser.parse(parsed.description) == parsed)
    }

    @Test(arguments: Nesting.allCases)
    func nestingBeyondTheLimitIsAnError(nesting: Nesting) throws {
        for levels in [Self.limit, 200, 20_000] {
            let text = nesting.text(levels: levels)
            let error = try #require(expressionError(text), "\(nesting) \(levels) deep")
            #expect(error.message == Self.tooDeep)
            #expect(error.range.upperBound <= text.utf8.count)
        }
    }

    @Test func twoHundredNestedParenthesesGiveTheDepthError() {
        let text = String(repeating: "(", count: 200) + "x" + String(repeating: ")", count: 200)
        // The 64th parenthesis opens the 65th level: the error is at what follows it.
        #expect(expressionError(text) == ExpressionError(Self.tooDeep, at: Self.limit..<Self.limit + 1))
    }

    @Test func aHundredThousandTermSumIsRefusedWithoutCrashing() {
        let text = Array(repeating: "1", count: 100_000).joined(separator: " + ")
        #expect(expressionError(text)?.message == Self.tooDeep)
    }
}
