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
        add(format == .markdown ? "**\(label)**" : label)
        text.removeLast()  // the list follows its label directly
        list(items, numbered: numbered)
    }

    private mutating func add(_ block: String) {
        if !text.isEmpty { text += "\n" }
        text += block + "\n"
    }

    /// Markdown emphasis is kept in Markdown and dropped in plain text.
    private func plain(_ s: String) -> String {
        format == .markdown ? s : s.replacing("**", with: "")
    }

    private func wrap(_ s: String, first: String, rest: String) -> String {
        Page.wrap(s, width: width, first: first, rest: rest)
    }

    /// Wraps words to `width` columns; `first` starts the first line and
    /// `rest` indents the others.
    static func wrap(_ s: String, width: Int, first: String = "", rest: String = "") -> String {
        var lines: [String] = []
        var line = first
        var lineIsEmpty = true
        for word in s.split(separator: " ", omittingEmptySubsequences: true) {
            if !lineIsEmpty, line.count + 1 + word.count > width {
                lines.append(line)
                line = rest
                lineIsEmpty = true
            }
            line += (lineIsEmpty ? "" : " ") + word
            lineIsEmpty = false
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }
}
