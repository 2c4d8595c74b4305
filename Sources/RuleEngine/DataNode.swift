import Yams

/// A node of a YAML rule-pack file with where it stands, independent of the
/// YAML library. Hosts (the coach) read their own sections through it.
public struct DataNode: Sendable {
    public enum Content: Sendable {
        case scalar(String)
        case mapping([(key: DataNode, value: DataNode)])
        case sequence([DataNode])
    }

    public enum Style: Sendable {
        /// Unquoted: `6`, `true` and `null` mean a number, yes and nothing.
        case plain
        case quoted
        /// `|` or `>` block text.
        case block
        case collection
    }

    public let content: Content
    public let location: SourceLocation
    public let style: Style

    /// The scalar's text, or nil for a mapping or sequence.
    public var string: String? {
        if case .scalar(let s) = content { s } else { nil }
    }

    public var mapping: [(key: DataNode, value: DataNode)]? {
        if case .mapping(let pairs) = content { pairs } else { nil }
    }

    public var sequence: [DataNode]? {
        if case .sequence(let items) = content { items } else { nil }
    }

    /// The value of `key` in a mapping.
    public subscript(key: String) -> DataNode? {
        mapping?.first { $0.key.string == key }?.value
    }

    /// A plain scalar read as YAML's core schema reads it.
    public var scalarValue: Value? {
        guard let text = string else { return nil }
        guard style == .plain else { return .string(text) }
        switch text {
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case "", "~", "null", "Null", "NULL": return nil
        default:
            if let number = DataNode.number(text) { return .number(number) }
            return .string(text)
        }
    }

    public var isNull: Bool {
        if case .scalar = content, style == .plain, scalarValue == nil { true } else { false }
    }

    /// What kind of node this is, as an error message says it.
    public var kindName: String {
        switch content {
        case .scalar: isNull ? "nothing" : "a single value"
        case .mapping: "a mapping"
        case .sequence: "a list"
        }
    }

    static func number(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, first.isDigit || first == 45 || first == 43 || first == 46,
              bytes.allSatisfy({ $0.isDigit || [45, 43, 46, 101, 69].contains($0) }),
              let value = Double(text), value.isFinite
        else { return nil }
        return value
    }
}

/// Turns a file's text into ``DataNode``s, or a diagnostic.
enum DataNodeReader {
    static func read(_ file: SourceFile) -> Result<DataNode?, Diagnostic> {
        do {
            guard let node = try Yams.compose(yaml: file.text) else { return .success(nil) }
            return try .success(convert(node, file: file.name, depth: 0))
        } catch let error as YamlError {
            return .failure(diagnostic(for: error, file: file.name))
        } catch let error as DataNodeError {
            return .failure(.error(at: error.location, error.message))
        } catch {
            return .failure(.error(at: SourceLocation(file: file.name, line: 1, column: 1), "cannot read this file: \(error)"))
        }
    }

    private struct DataNodeError: Error {
        var location: SourceLocation
        var message: String
    }

    /// Rule packs are small; deeper YAML than this is refused, not recursed.
    static let maximumDepth = 64

    private static func convert(_ node: Node, file: String, depth: Int) throws -> DataNode {
        let location = node.mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) }
            ?? SourceLocation(file: file, line: 1, column: 1)
        guard depth < maximumDepth else {
            throw DataNodeError(location: location, message: "YAML nested more than \(maximumDepth) levels deep")
        }
        switch node {
        case .scalar(let scalar):
            let style: DataNode.Style = switch scalar.style {
            case .plain, .any: .plain
            case .literal, .folded: .block
            default: .quoted
            }
            return DataNode(content: .scalar(scalar.string), location: location, style: style)
        case .mapping(let mapping):
            var pairs: [(key: DataNode, value: DataNode)] = []
            var seen: [String: SourceLocation] = [:]
            for (key, value) in mapping {
                let keyNode = try convert(key, file: file, depth: depth + 1)
                if let name = keyNode.string {
                    if let first = seen[name] {
                        throw DataNodeError(location: keyNode.location, message: "'\(name)' appears twice in this mapping; first at \(first.line):\(first.column)")
                    }
                    seen[name] = keyNode.location
                }
                pairs.append((keyNode, try convert(value, file: file, depth: depth + 1)))
            }
            return DataNode(content: .mapping(pairs), location: location, style: .collection)
        case .sequence(let sequence):
            return DataNode(content: .sequence(try sequence.map { try convert($0, file: file, depth: depth + 1) }),
                            location: location, style: .collection)
        case .alias:
            throw DataNodeError(location: location, message: "YAML aliases (*name) are not supported in rule packs; write the value out")
        }
    }

    private static func diagnostic(for error: YamlError, file: String) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: file, line: mark.line, column: mark.column) }
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            var message = "YAML syntax: \(problem)"
            if let context { message += " (\(context.text) at \(context.mark.line):\(context.mark.column))" }
            return .error(at: at(mark), message)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .error(at: at(context.mark), "YAML mapping repeats the key\(duplicates.count == 1 ? "" : "s") \(duplicates.joined(separator: ", "))")
        case .reader(let problem, _, _, _):
            return .error(at: SourceLocation(file: file, line: 1, column: 1), "cannot read this file: \(problem)")
        default:
            return .error(at: SourceLocation(file: file, line: 1, column: 1), "YAML: \(error)")
        }
    }
}
