import ArgumentParser
import Coach
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension RetakeCoach {
    /// `retake-coach sessions`: the saved sessions, most recently answered
    /// first.
    struct Sessions: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the saved sessions: when started, answers, finished or not, and the id."
        )

        @Option(help: ArgumentHelp("The rule pack folder (default: the bundled AI-102 pack).", valueName: "dir"),
                completion: .directory)
        var rules: String?

        func run() throws {
            let texts = try openPack(rules).texts
            guard let folder = SessionStore.defaultFolder(environment: ProcessInfo.processInfo.environment) else {
                print(texts["sessions.none_anywhere"])
                return
            }
            let store = SessionStore(folder: folder)
            let kept = store.sessions()
            guard !kept.isEmpty else {
                print(texts["sessions.none", ["folder": store.sessionsFolder]])
                return
            }
            print(texts["sessions.heading", ["folder": store.sessionsFolder]])
            let rows = kept.map { kept in
                let state = kept.session.complete ? "sessions.finished"
                    : store.isOpenElsewhere(kept.session.id) ? "sessions.open_elsewhere" : "sessions.unfinished"
                return [kept.session.startedReadable, plural(kept.session.answers.count, "answer"), texts[state],
                        kept.session.id]
            }
            for line in columns(rows) { print(line) }
        }

        /// Rows laid out in columns two spaces apart; counts aligned right.
        private func columns(_ rows: [[String]]) -> [String] {
            let widths = (0..<4).map { column in rows.map { $0[column].count }.max() ?? 0 }
            return rows.map { row in
                let count = String(repeating: " ", count: widths[1] - row[1].count) + row[1]
                let cells = [row[0].padding(widths[0]), count, row[2].padding(widths[2]), row[3]]
                return "  " + cells.joined(separator: "  ")
            }
        }
    }
}

private extension String {
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
