import ArgumentParser
import Coach
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RuleEngine

extension RetakeCoach {
    /// `retake-coach replay FILE...`: runs saved sessions again and shows
    /// what changed.
    struct ReplayCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "replay",
            abstract: "Replay transcripts and compare the whole output with each file.",
            discussion: "Exits 0 when every transcript matches, 1 when one differs, 65 when one cannot be read."
        )

        @Argument(help: "The transcripts (*.transcript).")
        var files: [String]

        @Flag(help: "Rewrite each file's expected output (keeping header, comments and wildcard lines that still match).")
        var update = false

        @Option(help: "A rule pack folder to replay every transcript with (default: the exam each names with --exam in its args, else the one chosen in it).")
        var rules: String?

        func validate() throws {
            guard !files.isEmpty else { throw ValidationError("Name at least one transcript.") }
            if update, let ci = ProcessInfo.processInfo.environment["CI"], !ci.isEmpty, ci != "false" {
                throw ValidationError("--update is refused when CI is set: expected output changes only on purpose.")
            }
        }

        func run() throws {
            let pack = try rules.map { try openPack($0) }
            var differ = 0, unreadable = 0, missing = 0
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else {
                    printError("\(file): no such transcript")
                    missing += 1
                    continue
                }
                let text = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
                let replay: Replay
                do {
                    replay = try Replay(try Transcript(parsing: text), pack: pack, exams: exams, recording: update)
                } catch let error as Transcript.FormatError {
                    printError("\(file):\(error.line): \(error.message)")
                    unreadable += 1
                    continue
                } catch let error as Replay.Problem {
                    printError("\(file):\(error.line): \(error.message)")
                    unreadable += 1
                    continue
                }
                if update {
                    let updated = replay.updated.text
                    if updated != text {
                        try writeFile(file) { updated }
                        print("updated \(file)")
                    }
                    continue
                }
                guard let summary = replay.differenceSummary else { continue }
                differ += 1
                print("\(file): \(summary)")
                let expected = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                let actual = replay.updated.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                print(UnifiedDiff.render(expected: expected, actual: actual, expectedName: "\(file) (expected)",
                                         actualName: "\(file) (actual)"), terminator: "")
            }
            if !update {
                let checked = files.count - missing - unreadable
                print("\(plural(checked, "transcript")) replayed: \(checked - differ) matched, \(differ) differed")
            }
            if missing > 0 { throw ExitCode(66) }
            if unreadable > 0 { throw ExitCode(65) }
            if differ > 0 { throw ExitCode(1) }
        }
    }
}
