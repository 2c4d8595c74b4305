/// Writes an expression back as text that parses to the same tree, with the
/// fewest parentheses the precedence rules allow.
extension Expression: CustomStringConvertible {
    public var description: String { printed }

    private var printed: String {
        switch kind {
        case .number(let x): return Value.format(x)
        case .string(let s): return Value.quote(s)
        case .bool(let b): return b ? "true" : "false"
        case .name(let path): return path.joined(separator: ".")
        case .field(let base, let name): return base.operand(above: 9) + "." + name
        case .unary(.not, let operand): return "not " + operand.operand(above: 3)
        case .unary(.negate, let operand):
            if case .name = operand.kind { return "-" + operand.printed }
            if case .call = operand.kind { return "-" + operand.printed }
            return "-(" + operand.printed + ")"
        case .binary(let op, let left, let right):
            let p = op.precedence
            let leftText: String
            let rightText: String
            if op.isComparison {
                leftText = left.operand(above: p)
                rightText = right.operand(above: p)
            } else if op == .coalesce {
                leftText = left.operand(above: p)
                rightText = right.operand(above: p - 1)
            } else {
                leftText = left.operand(above: p - 1)
                rightText = right.operand(above: p)
            }
            return "\(leftText) \(op.rawValue) \(rightText)"
        case .call(let name, let arguments):
            return name + "(" + arguments.map(\.printed).joined(separator: ", ") + ")"
        case .set(let items):
            return "{" + items.map(\.printed).joined(separator: ", ") + "}"
        case .list(let items):
            return "[" + items.map(\.printed).joined(separator: ", ") + "]"
        case .comprehension(let c):
            var text = "[\(c.element.printed) for \(c.variable) in \(c.source.printed)"
            if let filter = c.filter { text += " where \(filter.printed)" }
            if let order = c.order { text += " by \(order.printed)" }
            return text + "]"
        case .conditional(let condition, let then, let otherwise):
            return "if \(condition.printed) then \(then.printed) else \(otherwise.printed)"
        case .duration(let amount, let unit):
            return amount.operand(above: 8) + " " + unit.rawValue
        }
    }

    /// How tightly the printed form holds together; a parent wraps a child
    /// in parentheses when this is not above its own level.
    private var strength: Int {
        switch kind {
        case .binary(let op, _, _): op.precedence
        case .unary(.not, _): 3
        case .unary(.negate, _): 8
        case .conditional: 0
        case .duration: 9
        case .number(let x): x < 0 || Value.format(x).contains("e") ? 8 : 10
        default: 10
        }
    }

    private func operand(above level: Int) -> String {
        strength > level ? printed : "(" + printed + ")"
    }
}
