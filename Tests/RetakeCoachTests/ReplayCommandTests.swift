import Foundation
import Testing

/// `retake-coach replay` and `check --coverage` run as a developer runs them.
@Suite("retake-coach replay")
struct ReplayCommandTests {
    static let transcripts = Binary.package.appendingPathComponent("transcripts")

    private func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("replay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func aMatchingTranscriptReplaysCleanly() throws {
        let run = try Binary.run(["replay", "documentation_reader.transcript", "end_of_input.transcript"], in: Self.transcripts)
        #expect(run.stdout == "2 transcripts replayed: 2 matched, 0 differed\n")
        #expect(run.stderr == "")
        #expect(run.status == 0)
    }

    @Test func aDifferenceIsShownAsAUnifiedDiffWithTheFilesLineNumbers() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = try String(contentsOf: Self.transcripts.appendingPathComponent("end_of_input.transcript"), encoding: .utf8)
        let edited = original.replacingOccurrences(of: "| Which attempt was this? (1 for your first, up to 5)",
                                                   with: "| Which attempt was it?")
        try edited.write(to: folder.appendingPathComponent("edited.transcript"), atomically: true, encoding: .utf8)
        let run = try Binary.run(["replay", "edited.transcript"], in: folder)
        let line = edited.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0 == "| Which attempt was it?" }! + 1
        #expect(run.stdout.hasPrefix("edited.transcript: the output differs after answer 1 (> 2023-12-02 15:00, line "))
        #expect(run.stdout.contains("--- edited.transcript (expected)\n+++ edited.transcript (actual)\n@@ -\(line - 3),"))
        #expect(run.stdout.contains("\n-| Which attempt was it?\n+| Which attempt was this? (1 for your first, up to 5)\n"))
        #expect(run.stdout.hasSuffix("1 transcript replayed: 0 matched, 1 differed\n"))
        #expect(run.status == 1)
    }

    @Test func updateRewritesTheExpectedOutputButNotUnderCI() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("new.transcript")
        // A header and answers only, as the README says a new one is written;
        // with no exam named, the first answer chooses it (Enter: AI-102,
        // the one exam that could be sat then).
        try "now: 2023-12-02T18:00\r\n---\r\n# Three answers.\r\n> \r\n> 2023-12-02 15:00\r\n> 1\r\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let refused = try Binary.run(["replay", "--update", "new.transcript"], in: folder, environment: ["CI": "true"])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("--update is refused when CI is set"))
        let updated = try Binary.run(["replay", "--update", "new.transcript"], in: folder, environment: ["CI": ""])
        #expect(updated.stdout == "updated new.transcript\n")
        #expect(updated.status == 0)
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.hasPrefix("now: 2023-12-02T18:00\n---\n# Three answers.\n| Which exam did you sit?\n"))
        #expect(text.contains("| Press Enter for 2.\n> \n|\n| This is retake-coach. Failing AI-102"))
        #expect(!text.contains("\r"))
        #expect(text.hasSuffix("\n[exit 3]\n"))
        #expect(try Binary.run(["replay", "new.transcript"], in: folder).status == 0)
    }

    @Test func aMalformedTranscriptIsBadInputNamingItsLine() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "now: 2023-12-02T18:00\n---\n> 1\nstray\n[exit 0]\n".write(to: folder.appendingPathComponent("bad.transcript"),
                                                                     atomically: true, encoding: .utf8)
        let run = try Binary.run(["replay", "bad.transcript", "missing.transcript"], in: folder)
        #expect(run.stderr == """
            retake-coach: bad.transcript:4: a body line starts with '| ', '> ', '# ' or is [exit N]; found "stray"
            retake-coach: missing.transcript: no such transcript

            """)
        #expect(run.status == 66)
        let only = try Binary.run(["replay", "bad.transcript"], in: folder)
        #expect(only.status == 65)
    }

    @Test func coverageListsNoUnfiredRuleForTheGoldenSet() throws {
        let run = try Binary.run(["check", Binary.package.appendingPathComponent("rules/ai102").path,
                                  "--coverage", Self.transcripts.path])
        // The AI-103 pack's transcripts are in a folder of their own.
        let count = try FileManager.default.contentsOfDirectory(atPath: Self.transcripts.path).filter { $0.hasSuffix(".transcript") }.count
        #expect(run.stdout.hasPrefix("coverage: \(count) transcripts, 0 of "))
        #expect(run.status == 0)
    }

    @Test func coverageListsNoUnfiredRuleForTheAI103GoldenSet() throws {
        let folder = Self.transcripts.appendingPathComponent("ai103")
        let run = try Binary.run(["check", Binary.package.appendingPathComponent("rules/ai103").path, "--coverage", folder.path])
        let count = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".transcript") }.count
        #expect(run.stdout.hasPrefix("coverage: \(count) transcripts, 0 of "))
        #expect(run.stdout.hasSuffix(", no problems\n"))
        #expect(run.status == 0)
    }

    @Test func coverageNamesTheRulesOneTranscriptLeavesUnfired() throws {
        let run = try Binary.run(["check", Binary.package.appendingPathComponent("rules/ai102").path,
                                  "--coverage", Self.transcripts.appendingPathComponent("end_of_input.transcript").path])
        #expect(run.stdout.contains("rules/ai102/rules/patterns.yaml:"))
        #expect(run.stdout.contains(": rule 'choose_pattern' is fired by no transcript\n"))
        #expect(run.stdout.contains("coverage: 1 transcript, "))
        #expect(run.status == 0)
    }

    /// Sessions started without an exam ask which was sat; these replay
    /// with every exam's pack, as such a session runs.
    @Test func transcriptsThatChooseTheExamReplayWithEveryExamsPack() throws {
        let folder = Self.transcripts.appendingPathComponent("choosing")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".transcript") }.sorted()
        #expect(files == ["exam_chosen_by_date.transcript", "exam_chosen_today.transcript", "exam_question_commands.transcript"])
        let run = try Binary.run(["replay"] + files, in: folder)
        #expect(run.stdout == "3 transcripts replayed: 3 matched, 0 differed\n")
        #expect(run.status == 0)
    }
}
