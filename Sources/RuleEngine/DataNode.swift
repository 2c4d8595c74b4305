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
    /// Where a scalar's characters stand in the file from each of these
    /// UTF-8 offsets into its text on, when not one after another from
    /// `location`: after an escape (`''`, `\"`) or a line break.
    var jumps: [(offset: Int, location: SourceLocation)] = []

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

    /// The file position of the character at UTF-8 `offset` into the
    /// scalar's text; a block scalar (`|`, `>`) maps to its first line.
    func location(atUTF8Offset offset: Int) -> SourceLocation {
        guard let text = string, style != .block else { return location }
        let utf8 = Array(text.utf8)
        let end = min(max(offset, 0), utf8.count)
        let start = jumps.last { $0.offset <= end }
            ?? (0, location.advanced(by: style == .quoted ? 1 : 0))
        var column = start.location.column
        for byte in utf8[start.offset..<end] where byte & 0xC0 != 0x80 { column += 1 }
        return SourceLocation(file: location.file, line: start.location.line, column: column)
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
            // Yams resolves an alias to the node it names, marked with that
            // node's anchor; the anchor lives only as long as the parser.
            // NB: the basic resolver leaves every scalar untagged; DataNode
            // reads plain scalars itself, and skipping Yams's regular
            // expressions makes loading several times faster.
            let parser = try Yams.Parser(yaml: file.text, resolver: .basic)
            guard let node = try parser.singleRoot() else { return .success(nil) }
            let source = Source(file)
            return try withExtendedLifetime(parser) { try .success(convert(node, in: source, depth: 0)) }
        } catch let error as YamlError {
            return .failure(diagnostic(for: error, file: file))
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

    /// A file's text as libyaml counts it: Unicode scalars, in lines.
    private struct Source {
        let name: String
        let scalars: [Unicode.Scalar]
        /// The index in `scalars` where each line starts.
        let lineStarts: [Int]

        init(_ file: SourceFile) {
            name = file.name
            let scalars = Array(file.text.unicodeScalars)
            self.scalars = scalars
            lineStarts = [0] + scalars.indices.filter { scalars[$0] == "\n" }.map { $0 + 1 }
        }
    }

    /// Rule packs are small; deeper YAML than this is refused, not recursed.
    static let maximumDepth = 64

    private static func convert(_ node: Node, in source: Source, depth: Int) throws -> DataNode {
        let file = source.name
        let location = node.mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) }
            ?? SourceLocation(file: file, line: 1, column: 1)
        guard depth < maximumDepth else {
            throw DataNodeError(location: location, message: "YAML nested more than \(maximumDepth) levels deep")
        }
        // Refused at the anchor, before an alias could repeat what it names.
        if let anchor = node.anchor {
            throw DataNodeError(location: location, message: "YAML anchors and aliases (&\(anchor), *\(anchor)) are not supported in rule packs; write the value out")
        }
        switch node {
        case .scalar(let scalar):
            let style: DataNode.Style = switch scalar.style {
            case .plain, .any: .plain
            case .literal, .folded: .block
            default: .quoted
            }
            var node = DataNode(content: .scalar(scalar.string), location: location, style: style)
            if style != .block { node.jumps = jumps(of: scalar, at: location, in: source) }
            return node
        case .mapping(let mapping):
            var pairs: [(key: DataNode, value: DataNode)] = []
            var seen: [String: SourceLocation] = [:]
            for (key, value) in mapping {
                let keyNode = try convert(key, in: source, depth: depth + 1)
                if let name = keyNode.string {
                    if let first = seen[name] {
                        throw DataNodeError(location: keyNode.location, message: "'\(name)' appears twice in this mapping; first at \(first.line):\(first.column)")
                    }
                    seen[name] = keyNode.location
                }
                pairs.append((keyNode, try convert(value, in: source, depth: depth + 1)))
            }
            return DataNode(content: .mapping(pairs), location: location, style: .collection)
        case .sequence(let sequence):
            return DataNode(content: .sequence(try sequence.map { try convert($0, in: source, depth: depth + 1) }),
                            location: location, style: .collection)
        case .alias:
            throw DataNodeError(location: location, message: "YAML aliases (*name) are not supported in rule packs; write the value out")
        }
    }

    /// Reads a plain or quoted scalar's text against its source to find
    /// where its characters stand: an escape (`''`, `\"`, `\u00e9`) is
    /// several characters of the file for one of the text, and a line break
    /// with the indentation around it folds into one space (or none).
    private static func jumps(of scalar: Node.Scalar, at start: SourceLocation,
                              in source: Source) -> [(offset: Int, location: SourceLocation)] {
        let scalars = source.scalars
        guard start.line >= 1, start.line <= source.lineStarts.count else { return [] }
        var index = source.lineStarts[start.line - 1] + start.column - 1
        var (line, column) = (start.line, start.column)
        func skip(_ count: Int) {
            for _ in 0..<count where index < scalars.count {
                if scalars[index] == "\n" { (line, column) = (line + 1, 1) } else { column += 1 }
                index += 1
            }
        }
        let double = scalar.style == .doubleQuoted, single = scalar.style == .singleQuoted
        if double || single {
            guard index < scalars.count, scalars[index] == (double ? "\"" : "'") else { return [] }
            skip(1)
        }
        var jumps: [(offset: Int, location: SourceLocation)] = []
        var expected = SourceLocation(file: start.file, line: line, column: column)
        var offset = 0
        for character in scalar.string.unicodeScalars {
            var width: Int?
            while width == nil {
                guard index < scalars.count else { return jumps }
                let here = scalars[index]
                let next = index + 1 < scalars.count ? scalars[index + 1] : " "
                if double && here == "\\" && next != "\n" && next != "\r" {
                    width = switch next { case "x": 4; case "u": 6; case "U": 10; default: 2 }
                } else if single && here == "'" && next == "'" {
                    width = 2
                } else if here == character {
                    width = 1
                } else if [" ", "\t", "\n", "\r"].contains(here) || (double && here == "\\") {
                    skip(1)
                } else if character == " " || character == "\n" {
                    width = 0 // a folded line break, its spaces already passed
                } else {
                    return jumps
                }
            }
            let location = SourceLocation(file: start.file, line: line, column: column)
            if location != expected { jumps.append((offset, location)) }
            skip(width ?? 0)
            expected = location.advanced(by: 1)
            offset += character.utf8.count
        }
        return jumps
    }

    private static func diagnostic(for error: YamlError, file: SourceFile) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: file.name, line: mark.line, column: mark.column) }
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            if file.line(mark.line)?.unicodeScalars.dropFirst(max(0, mark.column - 1)).first == "\t" {
                return .error(at: at(mark), "YAML syntax: a tab cannot indent or start YAML; use spaces")
            }
            if problem.contains("max_nest_level") || problem.contains("nesting") {
                return .error(at: at(mark), "YAML nested more than \(maximumDepth) levels deep")
            }
            var message = "YAML syntax: \(problem)"
            if let context, problem.hasPrefix("but ") {
                // Yams's own checks: "expected a single document in the stream but found another document".
                message = "YAML syntax: \(context.text) \(problem)"
            } else if let context {
                message += " (\(context.text) at \(context.mark.line):\(context.mark.column))"
            }
            return .error(at: at(mark), message)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return .error(at: at(context.mark), "\(keys) appear\(duplicates.count == 1 ? "s" : "") more than once in this mapping; keep one")
        case .reader(let problem, _, _, _):
            return .error(at: SourceLocation(file: file.name, line: 1, column: 1), "cannot read this file: \(problem)")
        default:
            return .error(at: SourceLocation(file: file.name, line: 1, column: 1), "YAML: \(error)")
        }
    }
}
