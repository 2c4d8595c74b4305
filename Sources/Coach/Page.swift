/// Builds a page of text or Markdown: headings, wrapped paragraphs and lists.
struct Page {
    let format: Report.Format
    let width: Int
    private(set) var text = ""

    init(format: Report.Format, width: Int) {
        self.format = format
        self.width = width
    }

    mutating func title(_ title: String) {
        switch format {
        case .markdown: add("# " + title)
        case .text: add(title + "\n" + String(repeating: "=", count: title.count))
        }
    }

    mutating func heading(_ heading: String) {
        switch format {
        case .markdown: add("## " + heading)
        case .text: add(heading + "\n" + String(repeating: "-", count: heading.count))
        }
    }

    /// A heading under a heading: its list follows directly in text.
    mutating func subheading(_ heading: String, _ items: [String]) {
        switch format {
        case .markdown:
            add("### " + heading)
            list(items)
        case .text:
            labelledList(heading, items)
        }
    }

    mutating func paragraph(_ paragraph: String) {
        add(wrap(plain(paragraph), first: "", rest: ""))
    }

    mutating func list(_ items: [String], numbered: Bool = false, checkboxes: Bool = false) {
        guard !items.isEmpty else { return }
        let lines = items.enumerated().map { index, item in
            let bullet = numbered ? "\(index + 1). " : (checkboxes && format == .markdown ? "- [ ] " : (checkboxes ? "[ ] " : "- "))
            return wrap(plain(item), first: bullet, rest: String(repeating: " ", count: bullet.count))
        }
        add(lines.joined(separator: "\n"))
    }

    mutating func labelledList(_ label: String, _ items: [String], numbered: Bool = false) {
        guard !items.isEmpty else { return }
        add(wrap(format == .markdown ? "**\(label)**" : label, first: "", rest: ""))
        text.removeLast()  // the list follows its label directly
        list(items, numbered: numbered)
    }

    private mutating func add(_ block: String) {
        if !text.isEmpty { text += "\n" }
        text += block + "\n"
    }

    /// Markdown emphasis is kept in Markdown and dropped in plain text.
    private func plain(_ s: String) -> String {
        format == .markdown || !s.utf8.contains(42) ? s : s.replacing("**", with: "")
    }

    private func wrap(_ s: String, first: String, rest: String) -> String {
        Page.wrap(s, width: width, first: first, rest: rest)
    }

    /// Wraps words to `width` columns; `first` starts the first line and
    /// `rest` indents the others.
    static func wrap(_ s: String, width: Int, first: String = "", rest: String = "") -> String {
        if let wrapped = wrapASCII(s, width: width, first: first, rest: rest) { return wrapped }
        var lines: [String] = []
        var line = first
        var length = first.count
        var lineIsEmpty = true
        for word in s.split(separator: " ", omittingEmptySubsequences: true) {
            // Columns are characters; an ASCII word has one per byte.
            let wordLength = word.utf8.allSatisfy { $0 < 0x80 } ? word.utf8.count : word.count
            if !lineIsEmpty, length + 1 + wordLength > width {
                lines.append(line)
                line = rest
                length = rest.count
                lineIsEmpty = true
            }
            if !lineIsEmpty {
                line += " "
                length += 1
            }
            line += word
            length += wordLength
            lineIsEmpty = false
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }

    /// `wrap` for text that is ASCII throughout, where a column is a byte:
    /// the same lines, without building a string per word. Nil otherwise.
    private static func wrapASCII(_ s: String, width: Int, first: String, rest: String) -> String? {
        guard s.utf8.allSatisfy({ $0 < 0x80 }), first.utf8.allSatisfy({ $0 < 0x80 }),
              rest.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        let bytes = Array(s.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + first.utf8.count + 8)
        out.append(contentsOf: first.utf8)
        var length = first.utf8.count
        var lineIsEmpty = true
        var start = 0
        while start < bytes.count {
            guard bytes[start] != 32 else {
                start += 1
                continue
            }
            var end = start
            while end < bytes.count, bytes[end] != 32 { end += 1 }
            if !lineIsEmpty, length + 1 + (end - start) > width {
                out.append(10)
                out.append(contentsOf: rest.utf8)
                length = rest.utf8.count
                lineIsEmpty = true
            }
            if !lineIsEmpty {
                out.append(32)
                length += 1
            }
            out.append(contentsOf: bytes[start..<end])
            length += end - start
            lineIsEmpty = false
            start = end
        }
        return String(decoding: out, as: UTF8.self)
    }
}
