import CLibYAML

/// Turns a file's text into ``DataNode``s, or a diagnostic.
///
/// Reads libyaml's events straight into nodes: no intermediate document
/// tree, and a scalar's text is looked at again only when its characters do
/// not stand one after another in the file.
enum DataNodeReader {
    static func read(_ file: SourceFile) -> Result<DataNode?, Diagnostic> {
        if file.text.utf8.count >= splitSize, let root = readBySections(file) { return .success(root) }
        return read(file, part: nil)
    }

    /// A run of whole lines of a file: its UTF-8 offsets, and the line
    /// (0-based) it starts at.
    struct Part: Sendable {
        var bytes: Range<Int>
        var firstLine: Int
    }

    /// The root of `part` of `file`, or of all of it, its locations those
    /// in the file.
    static func read(_ file: SourceFile, part: Part?) -> Result<DataNode?, Diagnostic> {
        var text = file.text
        return text.withUTF8 { whole in
            let bytes = part.map { UnsafeBufferPointer(rebasing: whole[$0.bytes]) } ?? whole
            let reader = EventReader(file: file, bytes: bytes, firstLine: part?.firstLine ?? 0)
            defer { reader.close() }
            do throws(ReadError) {
                return .success(try reader.document())
            } catch {
                return .failure(error.diagnostic)
            }
        }
    }

    /// Rule packs are small; deeper YAML than this is refused, not recursed.
    static let maximumDepth = 64
}

/// Why a file could not be read, as a diagnostic.
private struct ReadError: Error {
    let diagnostic: Diagnostic
}

/// One pass of libyaml's parser over a file.
private final class EventReader {
    let file: SourceFile
    private let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
    private let fileName: String
    /// The line of the file (0-based) where the text read starts.
    private let firstLine: Int
    private let bytes: UnsafeBufferPointer<UInt8>
    /// The text read as libyaml counts it, made when a scalar needs it.
    private lazy var source = Source(String(decoding: bytes, as: UTF8.self), firstLine: firstLine)
    /// Anchors seen so far (an alias to one that is not is a syntax error).
    private var anchors: Set<String> = []
    /// The first anchor, alias or depth problem: reported unless the file
    /// turns out not to be YAML at all, which says more.
    private var deferred: ReadError?

    init(file: SourceFile, bytes: UnsafeBufferPointer<UInt8>, firstLine: Int = 0) {
        self.file = file
        // A copy of its own: every node holds the name, and parts of a file
        // read side by side would otherwise count their holds on one string
        // from two cores at once, each count waiting for the other's.
        fileName = String(decoding: Array(file.name.utf8), as: UTF8.self)
        self.firstLine = firstLine
        self.bytes = bytes
        yaml_parser_initialize(parser)
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(parser, bytes.baseAddress, bytes.count)
    }

    func close() {
        yaml_parser_delete(parser)
        parser.deallocate()
    }

    /// The single document's root, or nil when the file holds none.
    func document() throws(ReadError) -> DataNode? {
        var event = try next()
        precondition(event.type == YAML_STREAM_START_EVENT)
        yaml_event_delete(&event)
        event = try next()
        if event.type == YAML_STREAM_END_EVENT {
            yaml_event_delete(&event)
            return nil
        }
        yaml_event_delete(&event) // the document's start
        event = try next()
        let root = try node(&event, depth: 0)
        event = try next()
        yaml_event_delete(&event) // the document's end
        event = try next()
        defer { yaml_event_delete(&event) }
        if event.type != YAML_STREAM_END_EVENT {
            if let deferred { throw deferred }
            throw ReadError(diagnostic: .error(at: location(event.start_mark),
                                               "YAML syntax: expected a single document in the stream but found another document"))
        }
        if let deferred { throw deferred }
        return root
    }

    /// The next event; the caller deletes it.
    private func next() throws(ReadError) -> yaml_event_t {
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) == 1 else { throw syntaxError() }
        return event
    }

    private func location(_ mark: yaml_mark_t) -> SourceLocation {
        SourceLocation(file: fileName, line: firstLine + mark.line + 1, column: mark.column + 1)
    }

    private func postpone(_ location: SourceLocation, _ message: String) {
        if deferred == nil { deferred = ReadError(diagnostic: .error(at: location, message)) }
    }

    /// The node that starts with `event` (which this deletes), read to its end.
    private func node(_ event: inout yaml_event_t, depth: Int) throws(ReadError) -> DataNode {
        let start = location(event.start_mark)
        if depth >= DataNodeReader.maximumDepth {
            self.postpone(start, "YAML nested more than \(DataNodeReader.maximumDepth) levels deep")
        }
        switch event.type {
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            noteAnchor(scalar.anchor, at: start)
            let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
            let quote: Unicode.Scalar? = switch scalar.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: "'"
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: "\""
            default: nil
            }
            let style: DataNode.Style = switch scalar.style {
            case YAML_LITERAL_SCALAR_STYLE, YAML_FOLDED_SCALAR_STYLE: .block
            case YAML_SINGLE_QUOTED_SCALAR_STYLE, YAML_DOUBLE_QUOTED_SCALAR_STYLE: .quoted
            default: .plain
            }
            // The characters stand one after another when the scalar spans
            // exactly its text (and quotes) on one line.
            let end = event.end_mark
            let contiguous = end.line == event.start_mark.line
                && end.column - event.start_mark.column == text.unicodeScalars.count + (quote == nil ? 0 : 2)
            yaml_event_delete(&event)
            var node = DataNode(content: .scalar(text), location: start, style: style)
            if style != .block, !contiguous {
                node.jumps = DataNodeReader.jumps(of: text, quote: quote, at: start, in: source)
            }
            return node
        case YAML_SEQUENCE_START_EVENT:
            noteAnchor(event.data.sequence_start.anchor, at: start)
            yaml_event_delete(&event)
            var items: [DataNode] = []
            while true {
                var item = try next()
                if item.type == YAML_SEQUENCE_END_EVENT {
                    yaml_event_delete(&item)
                    break
                }
                items.append(try node(&item, depth: depth + 1))
            }
            return DataNode(content: .sequence(items), location: start, style: .collection)
        case YAML_MAPPING_START_EVENT:
            noteAnchor(event.data.mapping_start.anchor, at: start)
            yaml_event_delete(&event)
            var pairs: [(key: DataNode, value: DataNode)] = []
            while true {
                var keyEvent = try next()
                if keyEvent.type == YAML_MAPPING_END_EVENT {
                    yaml_event_delete(&keyEvent)
                    break
                }
                let key = try node(&keyEvent, depth: depth + 1)
                var valueEvent = try next()
                pairs.append((key, try node(&valueEvent, depth: depth + 1)))
            }
            try checkDuplicates(pairs)
            return DataNode(content: .mapping(pairs), location: start, style: .collection)
        default:
            // An alias: to an anchor seen already, refused where the anchor
            // stands; to none, not YAML.
            let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
            yaml_event_delete(&event)
            guard anchors.contains(name) else {
                throw ReadError(diagnostic: .error(at: start, "YAML syntax: found undefined alias"))
            }
            self.postpone(start, "YAML aliases (*name) are not supported in rule packs; write the value out")
            return DataNode(content: .scalar(""), location: start, style: .plain)
        }
    }

    private func noteAnchor(_ anchor: UnsafeMutablePointer<yaml_char_t>?, at location: SourceLocation) {
        guard let anchor else { return }
        let name = String(cString: anchor)
        anchors.insert(name)
        self.postpone(location, "YAML anchors and aliases (&\(name), *\(name)) are not supported in rule packs; write the value out")
    }

    /// Keys written twice in one mapping, named in order, at the first one.
    private func checkDuplicates(_ pairs: [(key: DataNode, value: DataNode)]) throws(ReadError) {
        guard pairs.count > 1 else { return }
        var first: [String: SourceLocation] = [:]
        var repeated: Set<String> = []
        if pairs.count <= 16 {
            // Most mappings are small: comparing each key with the ones
            // before it beats hashing them.
            for (index, pair) in pairs.enumerated() {
                guard let name = pair.key.string,
                      let earlier = pairs[..<index].first(where: { $0.key.string == name }) else { continue }
                if first[name] == nil { first[name] = earlier.key.location }
                repeated.insert(name)
            }
        } else {
            var seen = Set<String>(minimumCapacity: pairs.count)
            for pair in pairs {
                guard let name = pair.key.string, !seen.insert(name).inserted else { continue }
                repeated.insert(name)
            }
            // Where each repeated key first stands, looked for only when
            // there is one.
            for pair in pairs where !repeated.isEmpty {
                guard let name = pair.key.string, repeated.contains(name), first[name] == nil else { continue }
                first[name] = pair.key.location
            }
        }
        guard let earliest = repeated.min() else { return }
        let keys = repeated.sorted().map { "'\($0)'" }.joined(separator: ", ")
        throw ReadError(diagnostic: .error(at: first[earliest]!, "\(keys) appear\(repeated.count == 1 ? "s" : "") more than once in this mapping; keep one"))
    }

    /// libyaml's error, in the words a pack author can act on.
    private func syntaxError() -> ReadError {
        let state = parser.pointee
        let problem = state.problem.map { String(cString: $0) } ?? "unreadable YAML"
        guard state.error != YAML_READER_ERROR, state.error != YAML_MEMORY_ERROR else {
            return ReadError(diagnostic: .error(at: SourceLocation(file: file.name, line: 1, column: 1), "cannot read this file: \(problem)"))
        }
        let mark = location(state.problem_mark)
        if file.line(mark.line)?.unicodeScalars.dropFirst(max(0, mark.column - 1)).first == "\t" {
            return ReadError(diagnostic: .error(at: mark, "YAML syntax: a tab cannot indent or start YAML; use spaces"))
        }
        if problem.contains("max_nest_level") || problem.contains("nesting") {
            return ReadError(diagnostic: .error(at: mark, "YAML nested more than \(DataNodeReader.maximumDepth) levels deep"))
        }
        var message = "YAML syntax: \(problem)"
        if let context = state.context.map({ String(cString: $0) }) {
            let at = location(state.context_mark)
            message += " (\(context) at \(at.line):\(at.column))"
        }
        return ReadError(diagnostic: .error(at: mark, message))
    }
}

/// A file's text as libyaml counts it: Unicode scalars, in lines.
private struct Source {
    let scalars: [Unicode.Scalar]
    /// The index in `scalars` where each line starts, from the line of the
    /// file (0-based) where the text starts.
    let lineStarts: [Int]
    let firstLine: Int

    init(_ text: String, firstLine: Int) {
        let scalars = Array(text.unicodeScalars)
        self.scalars = scalars
        self.firstLine = firstLine
        lineStarts = [0] + scalars.indices.filter { scalars[$0] == "\n" }.map { $0 + 1 }
    }
}

extension DataNodeReader {
    /// Reads a plain or quoted scalar's text against its source to find
    /// where its characters stand: an escape (`''`, `\"`, `\u00e9`) is
    /// several characters of the file for one of the text, and a line break
    /// with the indentation around it folds into one space (or none).
    fileprivate static func jumps(of text: String, quote: Unicode.Scalar?, at start: SourceLocation,
                                  in source: Source) -> [(offset: Int, location: SourceLocation)] {
        let scalars = source.scalars
        let lineRead = start.line - source.firstLine
        guard lineRead >= 1, lineRead <= source.lineStarts.count else { return [] }
        var index = source.lineStarts[lineRead - 1] + start.column - 1
        var (line, column) = (start.line, start.column)
        func skip(_ count: Int) {
            for _ in 0..<count where index < scalars.count {
                if scalars[index] == "\n" { (line, column) = (line + 1, 1) } else { column += 1 }
                index += 1
            }
        }
        let double = quote == "\"", single = quote == "'"
        if double || single {
            guard index < scalars.count, scalars[index] == (double ? "\"" : "'") else { return [] }
            skip(1)
        }
        var jumps: [(offset: Int, location: SourceLocation)] = []
        var expected = SourceLocation(file: start.file, line: line, column: column)
        var offset = 0
        for character in text.unicodeScalars {
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
}

