#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RuleEngine

/// The exam a pack coaches for, from its `exam:` section: what it is
/// called, when it could be sat, and which outline of its skills the plan
/// follows.
public struct Exam: Sendable, Equatable {
    /// The exam's code, `AI-102`.
    public let code: String
    /// The exam's title.
    public let name: String
    /// The first day it could be sat, when the pack knows it.
    public let opens: Moment?
    /// The last day it could be sat, when it is retired or retiring.
    public let retires: Moment?
    /// The code of the exam that replaces it.
    public let successor: String?
    /// The outline of skills when the pack knows a single one: its id and
    /// words for it.
    public let outline: Outline?

    public struct Outline: Sendable, Equatable {
        public let id: String
        public let name: String
    }

    /// Reads the `exam:` section; nil when the pack has none.
    static func read(_ sections: [DataNode]) -> Exam? {
        guard let node = sections.first, let code = node["code"]?.string else { return nil }
        func day(_ key: String) -> Moment? { node[key]?.string.flatMap(Moment.init(parsing:)) }
        let outline = node["outline"].flatMap { outline -> Outline? in
            guard let id = outline["id"]?.string else { return nil }
            return Outline(id: id, name: outline["name"]?.string ?? id)
        }
        return Exam(code: code, name: node["name"]?.string ?? code, opens: day("opens"), retires: day("retires"),
                    successor: node["successor"]?.string, outline: outline)
    }

    /// Whether the exam could be sat on `day`.
    public func canBeSat(on day: Moment) -> Bool {
        let date = day.dateOnly
        if let opens, date < opens.dateOnly { return false }
        if let retires, date > retires.dateOnly { return false }
        return true
    }
}

/// The exams the coach knows, each with the folder of its pack, newest
/// first: what a session offers when no exam is named, and what `--exam`
/// and the exam's date choose among.
public struct ExamCatalog: Sendable {
    public struct Entry: Sendable {
        /// The name `--exam` takes: `ai102`.
        public let id: String
        public let folder: String
        public let exam: Exam
    }

    public let entries: [Entry]

    /// The catalogue of the packs in `folders` (by `--exam` name); a pack
    /// whose exam data cannot be read is left out.
    public init(folders: [(id: String, folder: String)]) {
        entries = folders.compactMap { id, folder in
            // The exam's data alone: its pack is opened once it is chosen.
            let path = folder + "/exam.yaml"
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8),
                  let section = PackLoader.section("exam", of: SourceFile(name: path, text: text)),
                  let exam = Exam.read([section]) else { return nil }
            return Entry(id: id, folder: folder, exam: exam)
        }
    }

    public func entry(_ id: String) -> Entry? {
        entries.first { $0.id == id.lowercased() || $0.exam.code.lowercased() == id.lowercased() }
    }

    /// The exams that could be sat on `day`.
    public func sittable(on day: Moment) -> [Entry] {
        entries.filter { $0.exam.canBeSat(on: day) }
    }

    public var ids: [String] { entries.map(\.id) }
}
