extension DataNodeReader {
    /// Files this large are read by their top-level sections side by side.
    static let splitSize = 64 * 1024

    /// The root of a file whose top level is a mapping, read in parts side
    /// by side, each part one or more of its top-level keys and what they
    /// hold; nil when the file is not plainly so or a part does not read
    /// as its keys, and then the file is read whole, which says why.
    ///
    /// A part starts at a line that starts with a plain key (`rules:`):
    /// YAML ends at such a line whatever a key above it holds, but for a
    /// quoted or flow value left open, which the part above it then fails
    /// to read.
    static func readBySections(_ file: SourceFile) -> DataNode? {
        guard let keys = topLevelKeys(file.text), keys.count > 1,
              Set(keys.map(\.name)).count == keys.count else { return nil }
        // Up to four parts of about equal size, each from a key's line; the
        // first from the file's start.
        let size = file.text.utf8.count
        let count = min(4, keys.count)
        var starts = [0]
        for part in 1..<count {
            let target = size * part / count
            if let key = keys.dropFirst(starts.last! + 1).firstIndex(where: { $0.offset >= target }) { starts.append(key) }
        }
        guard starts.count > 1 else { return nil }
        let parts = starts.indices.map { index in
            let end = index + 1 < starts.count ? keys[starts[index + 1]].offset : size
            return Part(bytes: (index == 0 ? 0 : keys[starts[index]].offset)..<end,
                        firstLine: index == 0 ? 0 : keys[starts[index]].line)
        }
        var pairs: [(key: DataNode, value: DataNode)] = []
        pairs.reserveCapacity(keys.count)
        var root: DataNode?
        for (index, read) in Alongside.map(parts, { read(file, part: $0) }).enumerated() {
            let keysInPart = (index + 1 < starts.count ? starts[index + 1] : keys.count) - starts[index]
            guard case .success(let part?) = read, let partPairs = part.mapping, partPairs.count == keysInPart else { return nil }
            root = root ?? part
            pairs += partPairs
        }
        guard let root else { return nil }
        return DataNode(content: .mapping(pairs), location: root.location, style: .collection)
    }

    /// Each line that starts with a plain key and a colon (`rules:`,
    /// `scores.nlp:`): its name, line (0-based) and UTF-8 offset. Nil when
    /// a line starts with anything else that could stand at the top level
    /// (a quoted or complex key, a flow collection, a document or directive
    /// mark: `---`, `...`, `%`), or when the file breaks lines otherwise
    /// than with `\n` (a lone `\r`, NEL, LS, PS), as libyaml also counts:
    /// then the file is read whole.
    private static func topLevelKeys(_ text: String) -> [(name: String, line: Int, offset: Int)]? {
        var keys: [(name: String, line: Int, offset: Int)] = []
        var text = text
        return text.withUTF8 { bytes -> [(name: String, line: Int, offset: Int)]? in
            for index in bytes.indices {
                switch bytes[index] {
                case 0x0D where index + 1 == bytes.count || bytes[index + 1] != 0x0A: return nil
                case 0x85 where index > 0 && bytes[index - 1] == 0xC2: return nil
                case 0xA8 where index > 1 && bytes[index - 1] == 0x80 && bytes[index - 2] == 0xE2: return nil
                case 0xA9 where index > 1 && bytes[index - 1] == 0x80 && bytes[index - 2] == 0xE2: return nil
                default: continue
                }
            }
            var line = 0
            var start = 0
            while start < bytes.count {
                let first = bytes[start]
                switch first {
                case UInt8(ascii: "#"), UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                    break
                case UInt8(ascii: "-"), UInt8(ascii: "."):
                    // A list item under a key (`- id: x`), not a mark.
                    if start + 2 < bytes.count && bytes[start + 1] == first && bytes[start + 2] == first { return nil }
                    if first == UInt8(ascii: ".") { return nil }
                case _ where first.isIdentifierStart:
                    var end = start + 1
                    while end < bytes.count, bytes[end].isIdentifierPart || bytes[end] == UInt8(ascii: ".")
                        || bytes[end] == UInt8(ascii: "-") { end += 1 }
                    guard end < bytes.count, bytes[end] == UInt8(ascii: ":"), end + 1 == bytes.count
                        || bytes[end + 1] == UInt8(ascii: " ") || bytes[end + 1] == UInt8(ascii: "\n")
                        || bytes[end + 1] == UInt8(ascii: "\r") else { return nil }
                    keys.append((String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self), line, start))
                default:
                    return nil
                }
                guard let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) else { break }
                start = newline + 1
                line += 1
            }
            return keys
        }
    }
}
