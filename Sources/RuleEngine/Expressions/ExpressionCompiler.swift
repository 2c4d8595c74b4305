/// Resolves the names of an expression, checks its types and turns it into
/// a ``Compiled`` closure tree. Problems are collected, not thrown, so one
/// pass reports them all.
struct ExpressionCompiler {
    var names: NameResolving
    /// Variables in scope: name → (slot, type).
    var scope: [String: (slot: Int, type: FactType)] = [:]
    var nextSlot = 0
    private(set) var slotCount = 0
    var errors: [ExpressionError] = []
    /// Constants and collections the compiled expressions named.
    var usedNames: Set<String> = []

    /// Slots for what expressions keep between evaluations
    /// (``CacheSlots``); nil when nothing is kept.
    let caches: CacheSlots?

    init(names: NameResolving) {
        self.names = names
        caches = names.cacheSlots
    }

    mutating func bind(_ name: String, type: FactType) -> Int {
        let slot = nextSlot
        nextSlot += 1
        slotCount = max(slotCount, nextSlot)
        scope[name] = (slot, type)
        return slot
    }

    mutating func error(_ message: String, _ range: Range<Int>) -> Compiled {
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
        case .call(let function, let arguments):
            let compiled = call(function, arguments, range)
            // `count([…])` over facts alone: kept, like the comprehension.
            guard arguments.contains(where: { if case .comprehension = $0.kind { true } else { false } }) else { return compiled }
            return kept(compiled, expression)
        case .set(let items): return collection(items.map { compile($0) }, set: true)
        case .list(let items): return collection(items.map { compile($0) }, set: false)
        case .comprehension(let c): return kept(folded(comprehension(c, range)), expression)
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
                // NB: a collection of plain records is a constant, so
                // expressions over it fold like any other constant.
                let index = collection.index
                let base = collection.literal.map { Compiled(constant: $0, type: collection.type) }
                    ?? Compiled(type: collection.type, reads: collection.reads) { $0.memory.collection(index, in: $0) }
                return fields(rest, of: base, range)
            }
        }
        let full = path.joined(separator: ".")
        let candidates = names.allNames + scope.keys
        var hint = Spelling.suggestion(for: full, among: candidates).map { "; did you mean '\($0)'?" } ?? ""
        // `exam_pace == rushed`: a value of a fact, written without quotes.
        if let owner = names.allNames.first(where: { name in
            if case .text(let values?)? = names.fact(named: name)?.type { return values.contains(full) }
            return false
        }) {
            hint = "; to compare with the value of '\(owner)', quote it: \(Value.quote(full))"
        }
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
            if let sources = record.sources(of: field) {
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
        case .in where right.variables.isEmpty, .notIn where right.variables.isEmpty:
            let type = checkBinary(op, left, right, leftExpression, rightExpression, range)
            return folded(membership(op, left, kept(right, rightExpression), type, range))
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

    /// `item in S` where S reads no variable: S's items are hashed once
    /// (when it is a constant, now; otherwise when first used, kept until a
    /// fact it reads changes), so each test is one lookup.
    private func membership(_ op: BinaryOperator, _ left: Compiled, _ right: Compiled, _ type: FactType,
                            _ range: Range<Int>) -> Compiled {
        let l = left.run, r = right.uncached ?? right.run
        let constantMembers = right.constant?.elements.map(Set.init)
        let slot = right.cacheSlot
        let found = op == .in
        return Compiled(type: type, reads: left.reads.union(right.reads), variables: left.variables) { context in
            let a = l(context)
            let members: Set<Value>?
            let b: Value?
            if let constantMembers {
                members = constantMembers
                b = right.constant
            } else if let slot {
                let cached = context.cachedValue(slot, r)
                members = cached.members
                b = cached.value
            } else {
                members = nil
                b = r(context)
            }
            guard let a, let b else { return nil }
            if let members { return .bool(members.contains(a) == found) }
            do throws(OperationError) {
                return try op.apply(a, b)
            } catch {
                return context.fail(error.message, at: range)
            }
        }
    }

    /// An expression over facts alone that is costly to work out (a
    /// comprehension, a function over one), kept in a cache slot until a
    /// fact it reads changes.
    mutating func kept(_ compiled: Compiled, _ expression: Expression) -> Compiled {
        guard let caches, compiled.variables.isEmpty, !compiled.reads.isEmpty, compiled.constant == nil,
              compiled.cacheSlot == nil else { return compiled }
        let slot = caches.slot(for: "value \(expression)", reads: compiled.reads)
        let run = compiled.run
        var kept = Compiled(type: compiled.type, reads: compiled.reads) { context in context.cachedValue(slot, run).value }
        kept.cacheSlot = slot
        kept.uncached = run
        return kept
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

    /// The type both branches of an `if` have: records (and lists of
    /// them) keep only the fields both give, so a field one branch lacks
    /// is an error where it is read, not a value that is missing at run time.
    static func common(_ a: FactType, _ b: FactType) -> FactType {
        switch (a, b) {
        case (.any, _): return b
        case (_, .any): return a
        case (.list(let x), .list(let y)): return .list(of: common(x, y))
        case (.record(let x?), .record(let y?)):
            return .record(fields: x.filter { name, type in y[name].map { common(type, $0) == type || $0 == .any || type == .any } ?? false })
        default: return a
        }
    }

    private mutating func conditional(_ condition: Compiled, _ then: Compiled, _ otherwise: Compiled, _ range: Range<Int>) -> Compiled {
        expect(condition, .bool, "'if'", range)
        let c = condition.run, t = then.run, e = otherwise.run
        return folded(Compiled(
            type: ExpressionCompiler.common(then.type, otherwise.type),
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
        let context = EvaluationContext(memory: WorkingMemory(ruleBase: .empty, values: []), slots: slotCount)
        guard let value = compiled.run(context) else {
            if let failure = context.failure { errors.append(failure) }
            return compiled
        }
        return Compiled(constant: value, type: compiled.type == .any ? Compiled.type(of: value) : compiled.type)
    }
}
