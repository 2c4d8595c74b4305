/// Reads a facts file: answers by fact name, in YAML or JSON (JSON is
/// YAML too).
///
/// ```yaml
/// failed_at: 2026-11-27 15:00
/// attempt: 1
/// scores.nlp: 42
/// services_used: [speech, translator]
/// target_date: none
/// ```
///
/// Each value is read as its fact's declaration says; a `null` value leaves
/// the fact unknown.
public enum FactsFile {
    /// Every problem found in a facts file, each at its place in the file.
    public struct Problems: Error, Sendable {
        public let diagnostics: [Diagnostic]
    }

    /// The text the file gives `name`, read before any pack is chosen (the
    /// day of the exam tells which exam's pack reads the rest); nil when
    /// the file cannot be read or gives no scalar for it.
    public static func scalar(_ name: String, in file: SourceFile) -> String? {
        guard case .success(let root?) = DataNodeReader.read(file) else { return nil }
        return root[name]?.string
    }

    /// The names the file gives values to, in order; empty when it cannot
    /// be read.
    public static func names(in file: SourceFile) -> [String] {
        guard case .success(let root?) = DataNodeReader.read(file) else { return [] }
        return (root.mapping ?? []).compactMap { $0.key.string }
    }

    /// A facts file read as YAML and not yet checked against a pack, so
    /// that it can be read while the pack loads (``Alongside``).
    public struct Document: Sendable {
        fileprivate let root: Result<DataNode?, Diagnostic>

        public init(_ file: SourceFile) {
            root = DataNodeReader.read(file)
        }
    }

    /// The answers the file gives.
    public static func read(_ file: SourceFile, for ruleBase: RuleBase) throws(Problems) -> [String: Value] {
        try read(Document(file), for: ruleBase)
    }

    /// The answers a file read already gives.
    public static func read(_ document: Document, for ruleBase: RuleBase) throws(Problems) -> [String: Value] {
        let root: DataNode
        switch document.root {
        case .failure(let diagnostic): throw Problems(diagnostics: [diagnostic])
        case .success(nil): return [:]
        case .success(let node?): root = node
        }
        guard let pairs = root.mapping else {
            throw Problems(diagnostics: [.error(at: root.location, "a facts file should map fact names to values, found \(root.kindName)")])
        }
        var answers: [String: Value] = [:]
        answers.reserveCapacity(pairs.count)
        var problems: [Diagnostic] = []
        for (key, node) in pairs {
            guard let name = key.string else {
                problems.append(.error(at: key.location, "fact names should be plain text"))
                continue
            }
            guard let id = ruleBase.factIndex[name] else {
                let hint = ruleBase.inputSuggestion(for: name).map { "; did you mean '\($0)'?" } ?? ""
                problems.append(.error(at: key.location, "unknown fact '\(name)'\(hint)"))
                continue
            }
            guard ruleBase.isInput[id] else {
                problems.append(.error(at: key.location, "'\(name)' is concluded by the rules and cannot be given"))
                continue
            }
            if node.isNull { continue }
            switch value(of: node, as: ruleBase.types[id]) {
            case .success(let value): answers[name] = value
            case .failure(let problem): problems.append(.error(at: node.location, "\(name): \(problem.message)"))
            }
        }
        guard problems.isEmpty else { throw Problems(diagnostics: problems) }
        return answers
    }

    struct Problem: Error {
        var message: String
    }

    /// A YAML node read as a value of `type`, checked against it.
    static func value(of node: DataNode, as type: FactType) -> Result<Value, Problem> {
        let converted = convert(node, to: type)
        guard case .success(let value) = converted else { return converted }
        if let problem = type.problem(with: value) { return .failure(Problem(message: problem)) }
        return .success(type.normalized(value))
    }

    private static func convert(_ node: DataNode, to type: FactType) -> Result<Value, Problem> {
        func fail(_ message: String) -> Result<Value, Problem> { .failure(Problem(message: message)) }
        switch type {
        case .either(let types):
            for alternative in types {
                if case .success(let value) = convert(node, to: alternative), alternative.problem(with: value) == nil {
                    return .success(value)
                }
            }
            return fail("expected \(type.description), found \(shown(node))")
        case .set(let element), .list(let element):
            if node.string?.lowercased() == "none" { return .success(type.kind == .set ? .set([]) : .list([])) }
            guard let items = node.sequence else { return fail("expected a list such as [a, b] (or none), found \(shown(node))") }
            var values: [Value] = []
            for item in items {
                switch convert(item, to: element) {
                case .success(let value): values.append(value)
                case .failure(let problem): return .failure(problem)
                }
            }
            return .success(type.kind == .set ? .makeSet(values) : .list(values))
        case .record, .any:
            return generic(node).map(Result.success) ?? fail("expected a value, found \(shown(node))")
        default:
            break
        }
        guard let text = node.string, node.mapping == nil else { return fail("expected \(type.description), found \(node.kindName)") }
        switch type {
        case .number:
            if node.style == .plain, case .number(let x)? = node.scalarValue { return .success(.number(x)) }
            return fail("expected \(type.description), found \(shown(node))")
        case .bool:
            switch text.lowercased() {
            case "true", "yes": return .success(.bool(true))
            case "false", "no": return .success(.bool(false))
            default: return fail("expected yes or no, found \(shown(node))")
            }
        case .text:
            return .success(.string(text))
        case .date(let time):
            guard let moment = Moment(parsing: text) else {
                return fail("expected a date as YYYY-MM-DD\(time ? " [HH:MM]" : ""), found \(shown(node))")
            }
            return .success(.date(moment))
        default:
            return fail("\(type.description) cannot be given in a facts file")
        }
    }

    /// A value read without a declaration to guide it.
    private static func generic(_ node: DataNode) -> Value? {
        switch node.content {
        case .scalar: return node.scalarValue
        case .sequence(let items): return .list(items.compactMap(generic))
        case .mapping(let pairs):
            return .record(Record(pairs.compactMap { key, value in
                guard let name = key.string, let v = generic(value) else { return nil }
                return (name, v)
            }))
        }
    }

    private static func shown(_ node: DataNode) -> String {
        guard let text = node.string else { return node.kindName }
        return text.count > 40 ? Value.quote(String(text.prefix(40)) + "…") : Value.quote(text)
    }
}
