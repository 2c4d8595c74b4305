/// The static checks of the expression compiler: which operand types an
/// operator accepts, and texts compared with a fact's fixed values.
extension ExpressionCompiler {
    /// The result type of `left op right`, reporting combinations that can
    /// never work.
    mutating func checkBinary(
        _ op: BinaryOperator, _ left: Compiled, _ right: Compiled,
        _ leftExpression: Expression, _ rightExpression: Expression, _ range: Range<Int>
    ) -> FactType {
        let number = FactType.number(min: nil, max: nil, integer: false)
        let a = left.type, b = right.type
        if a.kind == .any || b.kind == .any {
            if op.isComparison { checkChoice(left, right, rightExpression) ; checkChoice(right, left, leftExpression) }
            return op.isComparison ? .bool : (a == .any ? (op == .subtract && b.isDate ? .duration : b) : a)
        }
        func mismatch() -> FactType {
            errors.append(ExpressionError("'\(op.rawValue)' cannot combine \(a) with \(b)", at: range))
            return .any
        }
        switch op {
        case .equal, .notEqual:
            guard a.kind == b.kind || (a.isCollection && b.isCollection) else { return mismatch() }
            checkChoice(left, right, rightExpression)
            checkChoice(right, left, leftExpression)
            return .bool
        case .less, .lessEqual, .greater, .greaterEqual:
            guard a.kind == b.kind, [.number, .text, .date, .duration].contains(a.kind) else { return mismatch() }
            return .bool
        case .in, .notIn:
            switch b {
            case .set(let element), .list(let element):
                if element != .any, a.kind != element.kind { return mismatch() }
                checkChoice(Compiled(type: element, run: { _ in nil }), left, leftExpression)
                checkChoice(left, right, rightExpression)
            case .text:
                guard a.kind == .text else { return mismatch() }
            default: return mismatch()
            }
            return .bool
        case .add:
            switch (a.kind, b.kind) {
            case (.number, .number): return number
            case (.date, .duration): return a
            case (.duration, .date): return b
            case (.duration, .duration): return .duration
            case (.text, .text): return .text(values: nil)
            case (.list, .list), (.set, .set): return a
            default: return mismatch()
            }
        case .subtract:
            switch (a.kind, b.kind) {
            case (.number, .number): return number
            case (.date, .duration): return a
            case (.date, .date): return .duration
            case (.duration, .duration): return .duration
            case (.set, .set), (.set, .list), (.list, .set), (.list, .list): return a
            default: return mismatch()
            }
        case .multiply:
            switch (a.kind, b.kind) {
            case (.number, .number): return number
            case (.number, .duration), (.duration, .number): return .duration
            default: return mismatch()
            }
        case .divide:
            switch (a.kind, b.kind) {
            case (.number, .number), (.duration, .duration): return number
            case (.duration, .number): return .duration
            default: return mismatch()
            }
        case .remainder:
            return (a.kind, b.kind) == (.number, .number) ? number : mismatch()
        case .union, .intersect:
            return a.isCollection && b.isCollection ? .set(of: a.elementType) : mismatch()
        case .and, .or, .coalesce:
            return .bool
        }
    }

    /// `exam_pace == "rushd"`: a text constant compared with a fact that has
    /// a fixed list of values must be one of them. So must the texts of a
    /// set or list constant compared with such a fact (`exam_pace in
    /// {"rushd"}`), or with a set or list of one (`services_used == {"x"}`).
    mutating func checkChoice(_ fact: Compiled, _ literal: Compiled, _ literalExpression: Expression) {
        let type = fact.type.isCollection ? fact.type.elementType : fact.type
        guard case .text(let values?) = type else { return }
        let strings: [String]
        switch literal.constant {
        case .string(let s)?: strings = [s]
        case .set(let items)?, .list(let items)?:
            strings = items.compactMap { if case .string(let s) = $0 { s } else { nil } }
        default: return
        }
        for string in strings where !values.contains(string) {
            let hint = Spelling.suggestion(for: string, among: values).map { "; did you mean '\($0)'?" } ?? ""
            errors.append(ExpressionError("'\(string)' is not one of \(values.joined(separator: ", "))\(hint)", at: literalExpression.range))
        }
    }

    mutating func expect(_ operand: Compiled, _ kind: FactType.Kind, _ what: String, _ range: Range<Int>) {
        guard operand.type != .any, operand.type.kind != kind else { return }
        errors.append(ExpressionError("\(what) needs \(kind.article), got \(operand.type)", at: range))
    }
}
