/// Values written in a pack's data: `to:`, `item:`, `by:`, constants and
/// collection fields.
///
/// - `6`, `true`: a number, a yes/no;
/// - `= weeks_min + 2`: an expression, after the `=`;
/// - `Study {d.name} first`: text, with `{expression}` placeholders
///   (`{{` and `}}` for braces);
/// - a mapping: a record of such values; a list: a list of them.
extension PackBuilder {
    /// The value of a scalar written as plain data: no `=` expression, no
    /// placeholder, not empty. Nil for anything that needs compiling.
    static func dataValue(_ node: DataNode) -> Value? {
        guard case .scalar(let text) = node.content else { return nil }
        if node.style == .plain {
            switch node.scalarValue {
            case nil: return nil
            case .string?: break
            case let value?: return value
            }
        }
        if node.style != .block, text.hasPrefix("=") { return nil }
        if text.utf8.contains(where: { $0 == 123 || $0 == 125 }) { return nil }
        return .string(text)
    }

    /// Whether a node is written as an expression: `= ...`.
    static func isExpression(_ node: DataNode) -> Bool {
        guard case .scalar(let text) = node.content else { return false }
        return node.style != .block && text.hasPrefix("=")
    }

    mutating func compileData(_ node: DataNode, with compiler: inout ExpressionCompiler) -> Compiled {
        if let value = PackBuilder.dataValue(node) { return Compiled(constant: value, type: Compiled.type(of: value)) }
        switch node.content {
        case .scalar(let text):
            if node.style == .plain, node.scalarValue == nil {
                error(node, "a value is needed here")
                return Compiled(type: .any) { _ in nil }
            }
            if node.style != .block, text.hasPrefix("=") {
                var start = text.utf8.index(after: text.utf8.startIndex)
                while start < text.utf8.endIndex, text.utf8[start] == 32 { start = text.utf8.index(after: start) }
                let offset = text.utf8.distance(from: text.utf8.startIndex, to: start)
                return compileExpression(String(text[start...]), in: node, offset: offset, with: &compiler)
            }
            return compileTemplate(text, in: node, with: &compiler)
        case .mapping(let pairs):
            var fields: [(String, Compiled)] = []
            for (key, value) in pairs {
                guard let name = key.string else { error(key, "record fields need plain names"); continue }
                fields.append((name, compileData(value, with: &compiler)))
            }
            let reads = fields.reduce(into: Set<Int>()) { $0.formUnion($1.1.reads) }
            let variables = fields.reduce(into: Set<Int>()) { $0.formUnion($1.1.variables) }
            let type = FactType.record(fields: Dictionary(fields.map { ($0.0, $0.1.type) }, uniquingKeysWith: { a, _ in a }))
            let runs = fields.map { ($0.0, $0.1.run) }
            return compiler.folded(Compiled(type: type, reads: reads, variables: variables) { context in
                // Every field is evaluated, so every unknown is noted.
                var record: [(String, Value)] = []
                for (name, run) in runs {
                    if let value = run(context) { record.append((name, value)) }
                }
                guard record.count == runs.count else { return nil }
                return .record(Record(record))
            })
        case .sequence(let items):
            let compiled = items.map { compileData($0, with: &compiler) }
            let reads = compiled.reduce(into: Set<Int>()) { $0.formUnion($1.reads) }
            let variables = compiled.reduce(into: Set<Int>()) { $0.formUnion($1.variables) }
            let runs = compiled.map(\.run)
            return compiler.folded(Compiled(type: .list(of: compiled.first?.type ?? .any), reads: reads, variables: variables) { context in
                var values: [Value] = []
                for run in runs {
                    if let value = run(context) { values.append(value) }
                }
                guard values.count == runs.count else { return nil }
                return .list(values)
            })
        }
    }

    /// Parses and compiles expression text that stands in `node` at `offset`
    /// (UTF-8) into its scalar; errors point into the file.
    mutating func compileExpression(_ text: String, in node: DataNode, offset: Int = 0, with compiler: inout ExpressionCompiler) -> Compiled {
        // A fact by name, the commonest computed field (`score: = scores.nlp`),
        // needs no parsing.
        if let id = factIndex[text], compiler.scope[text] == nil {
            return Compiled(type: facts[id].type, reads: [id]) { $0.fact(id) }
        }
        do {
            let expression = try ExpressionParser.parse(text)
            return compile(expression, text: text, in: node, offset: offset, with: &compiler)
        } catch {
            report(error, in: node, text: text, offset: offset)
            return Compiled(type: .any) { _ in nil }
        }
    }

    /// Compiles a parsed expression, reporting what the compiler found.
    mutating func compile(_ expression: Expression, text: String, in node: DataNode, offset: Int, with compiler: inout ExpressionCompiler) -> Compiled {
        let before = compiler.errors.count
        let compiled = compiler.compile(expression)
        for error in compiler.errors[before...] { report(error, in: node, text: text, offset: offset) }
        compiler.errors.removeSubrange(before...)
        return compiled
    }

    mutating func report(_ error: ExpressionError, in node: DataNode, text: String, offset: Int, severity: Diagnostic.Severity = .error) {
        diagnostics.append(Diagnostic(severity, at: node.location(atUTF8Offset: offset + error.range.lowerBound), error.message))
        guard severity == .error else { return }
        let words = text.split { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == ".") }
        for word in words {
            let parts = word.split(separator: ".")
            for length in parts.indices {
                namesInFailedExpressions.insert(parts[...length].joined(separator: "."))
            }
        }
    }

    /// Text with `{expression}` placeholders.
    mutating func compileTemplate(_ text: String, in node: DataNode, with compiler: inout ExpressionCompiler) -> Compiled {
        enum Part { case text(String), value(Compiled) }
        var parts: [Part] = []
        var literal = ""
        let bytes = Array(text.utf8)
        var index = 0
        var chunk = 0
        func flushText(upTo end: Int) {
            literal += String(decoding: bytes[chunk..<end], as: UTF8.self)
        }
        while index < bytes.count {
            let byte = bytes[index]
            if (byte == 123 || byte == 125), index + 1 < bytes.count, bytes[index + 1] == byte {
                flushText(upTo: index)
                literal += byte == 123 ? "{" : "}"
                index += 2
                chunk = index
                continue
            }
            if byte == 125 {
                report(ExpressionError("a lone '}' in text; write '}}' for a brace", at: index..<index + 1), in: node, text: text, offset: 0)
                index += 1
                continue
            }
            guard byte == 123 else { index += 1; continue }
            flushText(upTo: index)
            guard let close = Self.placeholderEnd(bytes, from: index + 1) else {
                report(ExpressionError("this '{' has no closing '}'; write '{{' for a brace", at: index..<index + 1), in: node, text: text, offset: 0)
                return Compiled(type: .any) { _ in nil }
            }
            if !literal.isEmpty { parts.append(.text(literal)); literal = "" }
            let inner = String(decoding: bytes[(index + 1)..<close], as: UTF8.self)
            parts.append(.value(compileExpression(inner, in: node, offset: index + 1, with: &compiler)))
            index = close + 1
            chunk = index
        }
        flushText(upTo: bytes.count)
        if !literal.isEmpty { parts.append(.text(literal)) }
        let reads = parts.reduce(into: Set<Int>()) { if case .value(let c) = $1 { $0.formUnion(c.reads) } }
        let variables = parts.reduce(into: Set<Int>()) { if case .value(let c) = $1 { $0.formUnion(c.variables) } }
        let frozen = parts
        return compiler.folded(Compiled(type: .text(values: nil), reads: reads, variables: variables) { context in
            var out = ""
            var complete = true
            for part in frozen {
                switch part {
                case .text(let s): out += s
                case .value(let compiled):
                    guard let value = compiled.run(context) else { complete = false; continue }
                    out += (value.recordID ?? value).description
                }
            }
            return complete ? .string(out) : nil
        })
    }

    /// The index of the `}` closing a placeholder, skipping quoted strings.
    private static func placeholderEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        var quote: UInt8?
        var depth = 0  // braces of set literals inside the placeholder
        while index < bytes.count {
            let byte = bytes[index]
            if let q = quote {
                if byte == 92 { index += 1 } else if byte == q { quote = nil }
            } else if byte == 34 || byte == 39 {
                quote = byte
            } else if byte == 123 {
                depth += 1
            } else if byte == 125 {
                if depth == 0 { return index }
                depth -= 1
            }
            index += 1
        }
        return nil
    }
}
