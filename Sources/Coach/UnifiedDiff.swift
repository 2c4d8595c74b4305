/// A unified diff between the lines of a file and what they should now be,
/// numbered as in the file, three lines of context around each change.
/// Expected lines may hold `[..]`, which matches any text.
public enum UnifiedDiff {
    public static func render(expected: [String], actual: [String], expectedName: String, actualName: String) -> String {
        let edits = script(expected, actual)
        guard edits.contains(where: { $0.kind != .same }) else { return "" }
        var out = ["--- \(expectedName)", "+++ \(actualName)"]
        var index = 0
        while index < edits.count {
            guard let change = edits[index...].firstIndex(where: { $0.kind != .same }) else { break }
            let start = max(index, change - 3)
            var end = change
            // A hunk runs on while the next change is within six lines.
            while end < edits.count {
                if edits[end].kind != .same { end += 1; continue }
                let next = edits[end...].firstIndex { $0.kind != .same }
                guard let next, next - end <= 6 else { break }
                end = next
            }
            end = min(edits.count, end + 3)
            let hunk = edits[start..<end]
            let oldStart = hunk.first { $0.old != nil }?.old ?? (edits[..<start].last { $0.old != nil }?.old ?? -1) + 1
            let newStart = hunk.first { $0.new != nil }?.new ?? (edits[..<start].last { $0.new != nil }?.new ?? -1) + 1
            let oldCount = hunk.filter { $0.old != nil }.count, newCount = hunk.filter { $0.new != nil }.count
            out.append("@@ -\(oldStart + 1),\(oldCount) +\(newStart + 1),\(newCount) @@")
            for edit in hunk {
                switch edit.kind {
                case .same: out.append(" " + expected[edit.old!])
                case .removed: out.append("-" + expected[edit.old!])
                case .added: out.append("+" + actual[edit.new!])
                }
            }
            index = end
        }
        return out.joined(separator: "\n") + "\n"
    }

    struct Edit {
        enum Kind { case same, removed, added }
        let kind: Kind
        let old: Int?
        let new: Int?
    }

    /// The shortest edit script by longest common subsequence; files too
    /// large for that are compared line by line.
    static func script(_ a: [String], _ b: [String]) -> [Edit] {
        func same(_ i: Int, _ j: Int) -> Bool { Transcript.matches(b[j], a[i]) }
        guard a.count * b.count <= 4_000_000 else {
            var edits: [Edit] = []
            for i in 0..<max(a.count, b.count) {
                if i < a.count, i < b.count, same(i, i) { edits.append(Edit(kind: .same, old: i, new: i)); continue }
                if i < a.count { edits.append(Edit(kind: .removed, old: i, new: nil)) }
                if i < b.count { edits.append(Edit(kind: .added, old: nil, new: i)) }
            }
            return edits
        }
        let width = b.count + 1
        var lengths = [Int](repeating: 0, count: (a.count + 1) * width)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lengths[i * width + j] = same(i, j) ? lengths[(i + 1) * width + j + 1] + 1
                    : max(lengths[(i + 1) * width + j], lengths[i * width + j + 1])
            }
        }
        var edits: [Edit] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, same(i, j) {
                edits.append(Edit(kind: .same, old: i, new: j)); i += 1; j += 1
            } else if i < a.count, j == b.count || lengths[(i + 1) * width + j] >= lengths[i * width + j + 1] {
                // Removals first, as diff(1) prints them.
                edits.append(Edit(kind: .removed, old: i, new: nil)); i += 1
            } else {
                edits.append(Edit(kind: .added, old: nil, new: j)); j += 1
            }
        }
        return edits
    }
}
