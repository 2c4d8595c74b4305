/// Resolves the names of an expression, checks its types and turns it into
/// a ``Compiled`` closure tree. Problems are collected, not thrown, so one
/// pass reports them all.
struct ExpressionCompiler {
    let names: NameResolving
    /// Variables in scope: name → (slot, type).
    var scope: [String: (slot: Int, type: FactType)] = [:]
    var nextSlot = 0
    private(set) var slotCount = 0
    var errors: [ExpressionError] = []
    /// Constants and collections the compiled expressions named.
    var usedNames: Set<String> = []

    init(names: NameResolving) {
        self.names = names
    }

    mutating func bind(_ name: String, type: FactType) -> Int {
        let slot = nextSlot
        nextSlot += 1
        slotCount = max(slotCount, nextSlot)
        scope[name] = (slot, type)
        return slot
    }

    private mutating func error(_ message: String, _ range: Range<Int>) -> Compiled {
        errors.append(ExpressionError(message, at: range))
        return Compiled(type: .any) { _ in nil }
    }

    mutating func compile(_ expression: Expression) -> Compiled {
        let range = expression.range
        switch expression.kind {
        case .number(let x): return Compiled(constant: .number(x), type: .number(min: nil, max: nil, integer: false))
        case .string(let s): return Compiled(constant: .string(s), type: .text(values: nil))
        case .bool(let b): return Compiled(constant: .bool(b), type: .bool)
        case .name(let path): return name(path, range)
        case .field(let base, let field): return access(compile(base), field, range)
        case .unary(let op, let operand): return unary(op, compile(operand), range)
        case .binary(let op, let left, let right): return binary(op, left, right, range)
        case .call(let function, let arguments): return call(function, arguments, range)
        case .set(let items): return collection(items.map { compile($0) }, set: true)
        case .list(let items): return collection(items.map { compile($0) }, set: false)
        case .comprehension(let c): return comprehension(c, range)
        case .conditional(let c, let t, let e): return conditional(compile(c), compile(t), compile(e), c.range)
        case .duration(let amount, let unit): return duration(compile(amount), unit, range)
        }
    }

    // MARK: Names

    private mutating func name(_ path: [String], _ range: Range<Int>) -> Compiled {
        if let variable = scope[path[0]] {
            let slot = variable.slot
            let base = Compiled(type: variable.type, variables: [slot]) { $0.variables[slot] }
            return fields(path.dropFirst(), of: base, range)
        }
        for length in stride(from: path.count, through: 1, by: -1) {
            let name = path[0..<length].joined(separator: ".")
            let rest = path[length...]
            if let fact = names.fact(named: name) {
                let id = fact.id
                return fields(rest, of: Compiled(type: fact.type, reads: [id]) { $0.fact(id) }, range)
            }
            if let value = names.constant(named: name) {
                usedNames.insert(name)
                return fields(rest, of: Compiled(constant: value, type: Compiled.type(of: value)), range)
            }
            if let collection = names.collection(named: name) {
                usedNames.insert(name)
                let index = collection.index
                let base = Compiled(type: collection.type, reads: collection.reads) {
                    $0.memory.collection(index, in: $0)
                }
                return fields(rest, of: base, range)
            }
        }
        let full = path.joined(separator: ".")
        let candidates = names.allNames + scope.keys
        let hint = Spelling.suggestion(for: full, among: candidates).map { "; did you mean '\($0)'?" } ?? ""
        return error("unknown name '\(full)'\(hint)", range)
    }

    private mutating func fields(_ rest: ArraySlice<String>, of base: Compiled, _ range: Range<Int>) -> Compiled {
        rest.reduce(base) { access($0, $1, range) }
    }

    private mutating func access(_ base: Compiled, _ field: String, _ range: Range<Int>) -> Compiled {
        var type = FactType.any
        switch base.type {
        case .record(let fields?):
            guard let fieldType = fields[field] else {
                let hint = Spelling.suggestion(for: field, among: fields.keys).map { "; did you mean '\($0)'?" } ?? ""
                return error("no field '\(field)' in these records (fields: \(fields.keys.sorted().joined(separator: ", ")))\(hint)", range)
            }
            type = fieldType
        case .record(nil), .any: break
        default: return error("'\(field)' is read as a field, but this is \(base.type), not a record", range)
        }
        let run = base.run
        return Compiled(type: type, reads: base.reads, variables: base.variables) { context in
            guard let value = run(context) else { return nil }
            guard case .record(let record) = value else {
                return context.fail("'\(field)' is read as a field of \(value.typeName) \(value.literal)", at: range)
            }
            let fieldValue = record[field]
            if let sources = record.provenance[field] {
                context.noteSources(sources, known: fieldValue != nil)
            }
            return fieldValue
        }
    }

    // MARK: Operators

    private mutating func unary(_ op: UnaryOperator, _ operand: Compiled, _ range: Range<Int>) -> Compiled {
        let run = operand.run
        switch op {
        case .not:
            expect(operand, .bool, "'not'", range)
            return folded(Compiled(type: .bool, reads: operand.reads, variables: operand.variables) { context in
                guard let value = run(context) else { return nil }
                guard case .bool(let b) = value else { return context.fail("'not' needs yes/no, got \(value.typeName)", at: range) }
                return .bool(!b)
            })
        case .negate:
            switch operand.type {
            case .any, .number, .duration: break
            default: return error("'-' needs a number or duration, got \(operand.type)", range)
            }
            let type: FactType = if case .duration = operand.type { .duration } else { .number(min: nil, max: nil, integer: false) }
            return folded(Compiled(type: type, reads: operand.reads, variables: operand.variables) { context in
                switch run(context) {
                case nil: return nil
                case .number(let x)?: return .number(-x)
                case .duration(let d)?: return .duration(Span(minutes: -d.minutes))
                case let value?: return context.fail("'-' needs a number, got \(value.typeName)", at: range)
                }
            })
        }
    }

    private mutating func binary(_ op: BinaryOperator, _ leftExpression: Expression, _ rightExpression: Expression, _ range: Range<Int>) -> Compiled {
        let left = compile(leftExpression)
        let right = compile(rightExpression)
        let reads = left.reads.union(right.reads)
        let variables = left.variables.union(right.variables)
        let l = left.run, r = right.run
        switch op {
        case .and, .or:
            expect(left, .bool, "'\(op.rawValue)'", leftExpression.range)
            expect(right, .bool, "'\(op.rawValue)'", rightExpression.range)
            let decisive = op == .or
            return folded(Compiled(type: .bool, reads: reads, variables: variables) { context in
                context.absorbing {
                    let a = l(context)
                    if case .bool(decisive)? = a { return a }
                    let b = r(context)
                    if case .bool(decisive)? = b { return b }
                    guard let a, let b else { return nil }
                    guard case .bool = a, case .bool = b else {
                        return context.fail("'\(op.rawValue)' needs yes/no on both sides", at: range)
                    }
                    return .bool(!decisive)
                }
            })
        case .coalesce:
            return folded(Compiled(type: left.type == .any ? right.type : left.type, reads: reads, variables: variables) { context in
                context.absorbing { l(context) ?? r(context) }
            })
        default:
            let type = checkBinary(op, left, right, leftExpression, rightExpression, range)
            return folded(Compiled(type: type, reads: reads, variables: variables) { context in
                // Both sides run even when the first is unknown, so that every
                // unknown fact the result waits for is noted.
                let a = l(context), b = r(context)
                guard let a, let b else { return nil }
                do throws(OperationError) {
                    return try op.apply(a, b)
                } catch {
                    return context.fail(error.message, at: range)
                }
            })
        }
    }

    /// The result type of `left op right`, reporting combinations that can
    /// never work.
    private mutating func checkBinary(
        _ op: BinaryOperator, _ left: Compiled, _ right: Compiled,
        _ leftExpression: Expression, _ rightExpression: Expression, _ range: Range<Int>
    ) -> FactType {
        let number = FactType.number(min: nil, max: nil, integer: false)
        let a = left.type, b = right.type
        if a == .any || b == .any {
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
    private mutating func checkChoice(_ fact: Compiled, _ literal: Compiled, _ literalExpression: Expression) {
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

    private mutating func expect(_ operand: Compiled, _ kind: FactType.Kind, _ what: String, _ range: Range<Int>) {
        guard operand.type != .any, operand.type.kind != kind else { return }
        errors.append(ExpressionError("\(what) needs \(kind.article), got \(operand.type)", at: range))
    }

    // MARK: Other forms

    private mutating func collection(_ items: [Compiled], set: Bool) -> Compiled {
        let element = items.first?.type ?? .any
        let runs = items.map(\.run)
        let reads = items.reduce(into: Set<Int>()) { $0.formUnion($1.reads) }
        let variables = items.reduce(into: Set<Int>()) { $0.formUnion($1.variables) }
        return folded(Compiled(type: set ? .set(of: element) : .list(of: element), reads: reads, variables: variables) { context in
            var values: [Value] = []
            values.reserveCapacity(runs.count)
            for run in runs {
                if let value = run(context) { values.append(value) }
            }
            guard values.count == runs.count else { return nil }
            return set ? .makeSet(values) : .list(values)
        })
    }

    private mutating func comprehension(_ c: Comprehension, _ range: Range<Int>) -> Compiled {
        guard let items = comprehensionItems(c) else { return Compiled(type: .any) { _ in nil } }
        let run = items.run, ordered = c.order != nil
        return Compiled(type: items.type, reads: items.reads, variables: items.variables) { context in
            guard let found = run(context) else { return nil }
            var results: [(value: Value, key: Value?)] = []
            for item in found {
                guard let value = item.value, !ordered || item.key != nil else { return nil }
                results.append((value, item.key))
            }
            if ordered {
                do throws(OperationError) {
                    try results.sortStable { (x, y) throws(OperationError) in try BinaryOperator.compare(x.key!, y.key!) < 0 }
                } catch {
                    return context.fail(error.message, at: c.order!.range)
                }
            }
            return .list(results.map(\.value))
        }
    }

    /// Each item of a comprehension with its sort key, nil where unknown.
    typealias ItemsRun = @Sendable (EvaluationContext) -> [(value: Value?, key: Value?)]?

    /// The items a comprehension keeps, with their sort keys, each nil when
    /// unknown (an item whose filter is unknown is an unknown item); nil when
    /// the source is unknown. Every item is looked at, so every unknown fact
    /// the list waits for is noted.
    private mutating func comprehensionItems(_ c: Comprehension) -> (type: FactType, reads: Set<Int>, variables: Set<Int>, run: ItemsRun)? {
        let source = compile(c.source)
        switch source.type {
        case .any, .set, .list: break
        default:
            _ = error("'for \(c.variable) in' needs a set, list or collection, got \(source.type)", c.source.range)
            return nil
        }
        let saved = (scope, nextSlot)
        let slot = bind(c.variable, type: source.type.elementType)
        let element = compile(c.element)
        let filter = c.filter.map { compile($0) }
        let order = c.order.map { compile($0) }
        (scope, nextSlot) = saved
        if let filter { expect(filter, .bool, "'where'", c.filter!.range) }
        var reads = source.reads.union(element.reads)
        var variables = source.variables.union(element.variables)
        for part in [filter, order].compactMap({ $0 }) {
            reads.formUnion(part.reads)
            variables.formUnion(part.variables)
        }
        variables.remove(slot)
        let sourceRun = source.run, elementRun = element.run, filterRun = filter?.run, orderRun = order?.run
        return (.list(of: element.type), reads, variables, { context in
            guard let collection = sourceRun(context) else { return nil }
            guard let items = collection.elements else {
                _ = context.fail("'for \(c.variable) in' needs a set or list, got \(collection.typeName)", at: c.source.range)
                return nil
            }
            let saved = context.variables[slot]
            defer { context.variables[slot] = saved }
            var results: [(value: Value?, key: Value?)] = []
            for item in items {
                context.variables[slot] = item
                if let filterRun {
                    guard let keep = filterRun(context) else { results.append((nil, nil)); continue }
                    guard keep == .bool(true) else { continue }
                }
                results.append((elementRun(context), orderRun?(context)))
            }
            return results
        })
    }

    /// The items of a list written out or built by a comprehension, each nil
    /// when unknown, for functions that can decide without every item.
    mutating func itemwise(_ expression: Expression, in function: String, _ range: Range<Int>) -> (reads: Set<Int>, variables: Set<Int>, run: @Sendable (EvaluationContext) -> [Value?]?) {
        switch expression.kind {
        case .list(let items):
            let compiled = items.map { compile($0) }
            let runs = compiled.map(\.run)
            return (compiled.reduce(into: Set<Int>()) { $0.formUnion($1.reads) },
                    compiled.reduce(into: Set<Int>()) { $0.formUnion($1.variables) },
                    { context in runs.map { $0(context) } })
        case .comprehension(let c):
            guard let items = comprehensionItems(c) else { return ([], [], { _ in nil }) }
            let run = items.run
            return (items.reads, items.variables, { context in run(context)?.map(\.value) })
        default:
            let compiled = compile(expression)
            let run = compiled.run
            return (compiled.reads, compiled.variables, { context in
                guard let value = run(context) else { return nil }
                guard let items = value.elements else {
                    _ = context.fail("\(function)() needs a list of yes/no", at: range)
                    return nil
                }
                return items
            })
        }
    }

    private mutating func conditional(_ condition: Compiled, _ then: Compiled, _ otherwise: Compiled, _ range: Range<Int>) -> Compiled {
        expect(condition, .bool, "'if'", range)
        let c = condition.run, t = then.run, e = otherwise.run
        return folded(Compiled(
            type: then.type == .any ? otherwise.type : then.type,
            reads: condition.reads.union(then.reads).union(otherwise.reads),
            variables: condition.variables.union(then.variables).union(otherwise.variables)
        ) { context in
            switch c(context) {
            case .bool(true)?: return t(context)
            case .bool(false)?: return e(context)
            case nil: return nil
            case let value?: return context.fail("'if' needs yes/no, got \(value.typeName)", at: range)
            }
        })
    }

    private mutating func duration(_ amount: Compiled, _ unit: TimeUnit, _ range: Range<Int>) -> Compiled {
        expect(amount, .number, "'\(unit.rawValue)'", range)
        let run = amount.run
        return folded(Compiled(type: .duration, reads: amount.reads, variables: amount.variables) { context in
            switch run(context) {
            case nil: return nil
            case .number(let x)?:
                do throws(OperationError) { return try BinaryOperator.span(x * Double(unit.minutes)) } catch { return context.fail(error.message, at: range) }
            case let value?: return context.fail("'\(unit.rawValue)' needs a number, got \(value.typeName)", at: range)
            }
        })
    }

    /// Evaluates an expression that reads no facts and no variables once,
    /// now, so its value (or its error) is known before any rule runs.
    mutating func folded(_ compiled: Compiled) -> Compiled {
        guard compiled.reads.isEmpty, compiled.variables.isEmpty else { return compiled }
        let context = EvaluationContext(memory: WorkingMemory(ruleBase: .empty, values: []), slots: 0)
        guard let value = compiled.run(context) else {
            if let failure = context.failure { errors.append(failure) }
            return compiled
        }
        return Compiled(constant: value, type: compiled.type == .any ? Compiled.type(of: value) : compiled.type)
    }
}

extension Array {
    /// A stable merge sort with a comparison that can fail.
    mutating func sortStable(by less: (Element, Element) throws(OperationError) -> Bool) throws(OperationError) {
        guard count > 1 else { return }
        var source = self
        var buffer = self
        var width = 1
        while width < count {
            var start = 0
            while start < count {
                let middle = Swift.min(start + width, count), end = Swift.min(start + 2 * width, count)
                var i = start, j = middle, k = start
                while i < middle && j < end {
                    if try less(source[j], source[i]) { buffer[k] = source[j]; j += 1 } else { buffer[k] = source[i]; i += 1 }
                    k += 1
                }
                while i < middle { buffer[k] = source[i]; i += 1; k += 1 }
                while j < end { buffer[k] = source[j]; j += 1; k += 1 }
                start += 2 * width
            }
            swap(&source, &buffer)
            width *= 2
        }
        self = source
    }
}
