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
        case .field(let base, let name): return base.postfixBase + "." + name
        case .unary(.not, let operand): return "not " + operand.operand(above: 2)
        case .unary(.negate, let operand):
            let text = operand.operand(above: 7)
            // A minus before a digit would be read as part of the number
            // (`-5 days` is minus five days, not minus `5 days`).
            if text.utf8.first?.isDigit == true { return "-(" + text + ")" }
            return (text.hasPrefix("-") ? "- " : "-") + text
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
            return amount.postfixBase + " " + unit.rawValue
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
        case .number(let x): x < 0 ? 8 : 10
        default: 10
        }
    }

    /// The base of a field or a time unit: any unary or postfix form. The
    /// parser reads a minus and a number as one literal before postfixes, so
    /// `-5 days` is minus five days and needs no parentheses.
    private var postfixBase: String {
        if case .number = kind { return printed }
        return operand(above: 8)
    }

    private func operand(above level: Int) -> String {
        strength > level ? printed : "(" + printed + ")"
    }
}
