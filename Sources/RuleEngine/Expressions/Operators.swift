/// Why an operation could not be carried out on the values it was given.
struct OperationError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

extension BinaryOperator {
    /// Applies an arithmetic, set or comparison operator to two known values.
    /// (`and`, `or` and `??` are handled where unknowns are, by the caller.)
    func apply(_ a: Value, _ b: Value) throws(OperationError) -> Value {
        switch self {
        case .equal, .notEqual:
            // A set and a list with the same items are equal: `s == []`
            // asks whether the set is empty.
            var same = a == b
            if !same, case .set = a, case .list(let items) = b { same = a == .makeSet(items) }
            if !same, case .list(let items) = a, case .set = b { same = .makeSet(items) == b }
            return .bool(self == .equal ? same : !same)
        case .less, .lessEqual, .greater, .greaterEqual:
            let order = try BinaryOperator.compare(a, b)
            switch self {
            case .less: return .bool(order < 0)
            case .lessEqual: return .bool(order <= 0)
            case .greater: return .bool(order > 0)
            default: return .bool(order >= 0)
            }
        case .in, .notIn:
            let found: Bool
            switch (a, b) {
            case let (_, .set(items)):
                // A set keeps its items in order: a binary search.
                let position = items.partitioningIndex { !Value.ordered($0, a) }
                found = position < items.count && items[position] == a
            case let (_, .list(items)): found = items.contains(a)
            case let (.string(part), .string(whole)): found = whole.contains(part)
            default: throw OperationError("'\(rawValue)' needs a set or list on its right, got \(b.typeName)")
            }
            return .bool(self == .in ? found : !found)
        case .add: return try add(a, b)
        case .subtract: return try subtract(a, b)
        case .multiply:
            switch (a, b) {
            case let (.number(x), .number(y)): return try BinaryOperator.checked(x * y)
            case let (.number(x), .duration(d)), let (.duration(d), .number(x)):
                return try BinaryOperator.span(Double(d.minutes) * x)
            default: throw mismatch(a, b)
            }
        case .divide:
            switch (a, b) {
            case let (.number(x), .number(y)):
                guard y != 0 else { throw OperationError("division by zero") }
                return try BinaryOperator.checked(x / y)
            case let (.duration(d), .number(y)):
                guard y != 0 else { throw OperationError("division by zero") }
                return try BinaryOperator.span(Double(d.minutes) / y)
            case let (.duration(d), .duration(e)):
                guard e.minutes != 0 else { throw OperationError("division by zero") }
                return .number(Double(d.minutes) / Double(e.minutes))
            default: throw mismatch(a, b)
            }
        case .remainder:
            guard case let (.number(x), .number(y)) = (a, b) else { throw mismatch(a, b) }
            guard y != 0 else { throw OperationError("division by zero") }
            return .number(x.truncatingRemainder(dividingBy: y))
        case .union, .intersect:
            guard let left = a.elements, let right = b.elements else { throw mismatch(a, b) }
            if self == .union { return .makeSet(left + right) }
            let rightSet = Set(right)
            return .makeSet(left.filter { rightSet.contains($0) })
        case .and, .or, .coalesce:
            preconditionFailure("\(self) is evaluated by the compiler, which handles unknowns")
        }
    }

    private func add(_ a: Value, _ b: Value) throws(OperationError) -> Value {
        switch (a, b) {
        case let (.number(x), .number(y)): return try BinaryOperator.checked(x + y)
        case let (.date(m), .duration(d)), let (.duration(d), .date(m)):
            return .date(try BinaryOperator.moment(m, plus: d.minutes))
        case let (.duration(d), .duration(e)): return try BinaryOperator.span(Double(d.minutes) + Double(e.minutes))
        case let (.string(s), .string(t)): return .string(s + t)
        case let (.list(x), .list(y)): return .list(x + y)
        case let (.set(x), .set(y)): return .makeSet(x + y)
        default: throw mismatch(a, b)
        }
    }

    private func subtract(_ a: Value, _ b: Value) throws(OperationError) -> Value {
        switch (a, b) {
        case let (.number(x), .number(y)): return try BinaryOperator.checked(x - y)
        case let (.date(m), .duration(d)): return .date(try BinaryOperator.moment(m, plus: -d.minutes))
        case let (.date(m), .date(n)): return .duration(Span(minutes: m.minutes - n.minutes))
        case let (.duration(d), .duration(e)): return try BinaryOperator.span(Double(d.minutes) - Double(e.minutes))
        case let (.set(x), .set(y)), let (.set(x), .list(y)):
            let remove = Set(y)
            return .set(x.filter { !remove.contains($0) })
        case let (.list(x), .set(y)), let (.list(x), .list(y)):
            let remove = Set(y)
            return .list(x.filter { !remove.contains($0) })
        default: throw mismatch(a, b)
        }
    }

    private func mismatch(_ a: Value, _ b: Value) -> OperationError {
        OperationError("'\(rawValue)' cannot combine \(a.typeName) \(a.literal) with \(b.typeName) \(b.literal)")
    }

    /// -1, 0 or 1; numbers, texts, dates and durations compare among their kind.
    static func compare(_ a: Value, _ b: Value) throws(OperationError) -> Int {
        func sign<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x == y ? 0 : 1) }
        switch (a, b) {
        case let (.number(x), .number(y)): return sign(x, y)
        case let (.string(x), .string(y)): return sign(x, y)
        case let (.date(x), .date(y)): return sign(x, y)
        case let (.duration(x), .duration(y)): return sign(x, y)
        default: throw OperationError("cannot order \(a.typeName) \(a.literal) against \(b.typeName) \(b.literal)")
        }
    }

    static func checked(_ x: Double) throws(OperationError) -> Value {
        guard x.isFinite, abs(x) < 1e300 else { throw OperationError("number too large") }
        return .number(x)
    }

    static func span(_ minutes: Double) throws(OperationError) -> Value {
        guard minutes.isFinite, abs(minutes) < 1e12 else { throw OperationError("duration too long") }
        return .duration(Span(minutes: Int(minutes.rounded())))
    }

    static func moment(_ m: Moment, plus minutes: Int) throws(OperationError) -> Moment {
        let result = m.minutes + minutes
        guard abs(result) < 5_000_000_000 else { throw OperationError("date out of range") }
        return Moment(minutes: result, hasTime: m.hasTime || minutes % 1440 != 0)
    }
}
