/// The built-in functions of the expression language.
///
/// | function | gives |
/// |---|---|
/// | `count(c)` | the number of items of a set or list |
/// | `sum(c)`, `average(c)` | over numbers or durations |
/// | `min(c)`, `max(c)`, `min(a, b, …)`, `max(a, b, …)` | the least or greatest |
/// | `any(c)`, `all(c)` | over yes/no values; unknown only when it matters |
/// | `first(c)`, `last(c)` | an item of a list |
/// | `position(c, x)` | where `x` stands in a list, from 1; 0 when absent |
/// | `range(a, b)` | the whole numbers from `a` to `b` |
/// | `known(x)` | whether `x` is known: never unknown itself |
/// | `abs`, `round`, `floor`, `ceil` | of a number |
/// | `date("2026-11-27")`, `datetime("2026-11-27T15:00")` | a date constant |
/// | `day(d)` | the date of a date and time |
/// | `has_time(d)` | whether a date carries a time of day |
/// | `add_months(d, n)` | the same day `n` months on (the month's last day when shorter) |
/// | `minutes(s)`, `hours(s)`, `days(s)`, `weeks(s)` | a duration as a number |
extension ExpressionCompiler {
    static let functionNames = [
        "count", "sum", "average", "min", "max", "any", "all", "first", "last", "known",
        "abs", "round", "floor", "ceil", "date", "datetime", "day", "minutes", "hours", "days", "weeks",
        "position", "range", "add_months", "has_time",
    ]

    /// `range()` refuses to build longer lists than this.
    static let maximumRange = 10_000

    mutating func call(_ name: String, _ argumentExpressions: [Expression], _ range: Range<Int>) -> Compiled {
        if name == "any" || name == "all", argumentExpressions.count == 1 {
            return anyOrAll(name, argumentExpressions[0], range)
        }
        let arguments = argumentExpressions.map { compile($0) }
        let reads = arguments.reduce(into: Set<Int>()) { $0.formUnion($1.reads) }
        let variables = arguments.reduce(into: Set<Int>()) { $0.formUnion($1.variables) }
        let runs = arguments.map(\.run)
        let number = FactType.number(min: nil, max: nil, integer: false)

        func arity(_ expected: Int) -> Bool {
            guard arguments.count == expected else {
                errors.append(ExpressionError("\(name)() takes \(expected) argument\(expected == 1 ? "" : "s"), got \(arguments.count)", at: range))
                return false
            }
            return true
        }
        func make(_ type: FactType, _ body: @escaping @Sendable ([Value]) throws(OperationError) -> Value?) -> Compiled {
            folded(Compiled(type: type, reads: reads, variables: variables) { context in
                var values: [Value] = []
                values.reserveCapacity(runs.count)
                for run in runs {
                    if let value = run(context) { values.append(value) }
                }
                guard values.count == runs.count else { return nil }
                do throws(OperationError) { return try body(values) } catch { return context.fail("\(name)(): \(error.message)", at: range) }
            })
        }
        @Sendable func items(_ value: Value) throws(OperationError) -> [Value] {
            guard let items = value.elements else { throw OperationError("needs a set or list, got \(value.typeName)") }
            return items
        }

        switch name {
        case "count":
            guard arity(1) else { break }
            return make(number) { (v) throws(OperationError) in .number(Double(try items(v[0]).count)) }
        case "sum", "average":
            guard arity(1) else { break }
            let average = name == "average"
            let element = arguments[0].type.elementType
            return make(element == .duration ? .duration : number) { (v) throws(OperationError) in
                let values = try items(v[0])
                if average && values.isEmpty { throw OperationError("the average of nothing is not defined") }
                var total: Value = element == .duration || values.first.map({ if case .duration = $0 { true } else { false } }) == true
                    ? .duration(Span(minutes: 0)) : .number(0)
                for value in values { total = try BinaryOperator.add.apply(total, value) }
                return average ? try BinaryOperator.divide.apply(total, .number(Double(values.count))) : total
            }
        case "min", "max":
            guard !arguments.isEmpty else { _ = arity(1); break }
            let wantLess = name == "min"
            let type = arguments.count == 1 ? arguments[0].type.elementType : arguments[0].type
            return make(type) { (v) throws(OperationError) in
                let candidates = v.count == 1 ? try items(v[0]) : v
                guard var best = candidates.first else { return nil }
                for candidate in candidates.dropFirst() {
                    let order = try BinaryOperator.compare(candidate, best)
                    if wantLess ? order < 0 : order > 0 { best = candidate }
                }
                return best
            }
        case "any", "all":
            _ = arity(1)
        case "first", "last":
            guard arity(1) else { break }
            let isFirst = name == "first"
            return make(arguments[0].type.elementType) { (v) throws(OperationError) in
                let values = try items(v[0])
                return isFirst ? values.first : values.last
            }
        case "known":
            guard arity(1) else { break }
            let run = runs[0]
            return Compiled(type: .bool, reads: reads, variables: variables) { context in
                context.absorbing { .bool(run(context) != nil) }
            }
        case "abs", "round", "floor", "ceil":
            guard arity(1) else { break }
            let rule: FloatingPointRoundingRule? = switch name {
            case "round": .toNearestOrAwayFromZero
            case "floor": .down
            case "ceil": .up
            default: nil
            }
            return make(number) { (v) throws(OperationError) in
                guard case .number(let x) = v[0] else { throw OperationError("needs a number, got \(v[0].typeName)") }
                return .number(rule.map { x.rounded($0) } ?? abs(x))
            }
        case "date", "datetime":
            guard arity(1) else { break }
            guard case .string(let text)? = arguments[0].constant else {
                errors.append(ExpressionError("\(name)() takes a constant text such as \"2026-11-27\"", at: range))
                break
            }
            guard let moment = Moment(parsing: text), name == "datetime" || !moment.hasTime else {
                let example = name == "date" ? "2026-11-27" : "2026-11-27T15:00"
                errors.append(ExpressionError("\(Value.quote(text)) is not a valid \(name == "date" ? "date" : "date and time"); write it as \(example)", at: range))
                break
            }
            return Compiled(constant: .date(moment), type: .date(time: moment.hasTime))
        case "position":
            guard arity(2) else { break }
            return make(number) { (v) throws(OperationError) in
                let values = try items(v[0])
                return .number(Double((values.firstIndex(of: v[1]) ?? -1) + 1))
            }
        case "range":
            guard arity(2) else { break }
            return make(.list(of: .number(min: nil, max: nil, integer: true))) { (v) throws(OperationError) in
                guard case .number(let low) = v[0], case .number(let high) = v[1],
                      low == low.rounded(), high == high.rounded() else {
                    throw OperationError("needs two whole numbers")
                }
                guard high >= low else { return .list([]) }
                guard high - low < Double(ExpressionCompiler.maximumRange) else {
                    throw OperationError("more than \(ExpressionCompiler.maximumRange) numbers")
                }
                return .list((Int(low)...Int(high)).map { .number(Double($0)) })
            }
        case "add_months":
            guard arity(2) else { break }
            return make(arguments[0].type.kind == .date ? arguments[0].type : .date(time: false)) { (v) throws(OperationError) in
                guard case .date(let moment) = v[0], case .number(let months) = v[1], months == months.rounded(),
                      abs(months) < 100_000 else {
                    throw OperationError("needs a date and a whole number of months")
                }
                guard let result = moment.addingMonths(Int(months)) else { throw OperationError("date out of range") }
                return .date(result)
            }
        case "day":
            guard arity(1) else { break }
            return make(.date(time: false)) { (v) throws(OperationError) in
                guard case .date(let m) = v[0] else { throw OperationError("needs a date, got \(v[0].typeName)") }
                return .date(m.dateOnly)
            }
        case "has_time":
            guard arity(1) else { break }
            return make(.bool) { (v) throws(OperationError) in
                guard case .date(let m) = v[0] else { throw OperationError("needs a date, got \(v[0].typeName)") }
                return .bool(m.hasTime)
            }
        case "minutes", "hours", "days", "weeks":
            guard arity(1) else { break }
            let unit = TimeUnit(rawValue: name)!
            return make(number) { (v) throws(OperationError) in
                guard case .duration(let d) = v[0] else { throw OperationError("needs a duration, got \(v[0].typeName)") }
                return .number(Double(d.minutes) / Double(unit.minutes))
            }
        default:
            let hint = Spelling.suggestion(for: name, among: ExpressionCompiler.functionNames).map { "; did you mean '\($0)'?" } ?? ""
            errors.append(ExpressionError("unknown function '\(name)'\(hint)", at: range))
        }
        return Compiled(type: .any) { _ in nil }
    }

    /// `any(c)` and `all(c)` look at the items one by one, so an unknown item
    /// matters only when no other item decides: `any([unknown, true])` is true.
    private mutating func anyOrAll(_ name: String, _ argument: Expression, _ range: Range<Int>) -> Compiled {
        let decisive = name == "any"
        let items = itemwise(argument, in: name, range)
        let run = items.run
        return folded(Compiled(type: .bool, reads: items.reads, variables: items.variables) { context in
            context.absorbing {
                guard let values = run(context) else { return nil }
                var unknown = false
                for item in values {
                    if item == .bool(decisive) { return item }
                    if item == nil { unknown = true }
                }
                return unknown ? nil : .bool(!decisive)
            }
        })
    }
}
