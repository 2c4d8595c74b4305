import Foundation
import RuleEngine
import RulePacks
import Testing

@testable import Coach

@Suite struct ReplayTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("transcripts")

    static var goldenFiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".transcript") }.sorted()
    }

    private func transcript(_ name: String) throws -> Transcript {
        try Transcript(parsing: String(contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8))
    }

    @Test func theGoldenSetIsThere() {
        #expect(Self.goldenFiles.count >= 13)
    }

    @Test(arguments: goldenFiles)
    func everyGoldenTranscriptReplaysUnchanged(file: String) throws {
        let replay = try Replay(try transcript(file), pack: AI102.pack)
        #expect(replay.differenceSummary == nil)
    }

    @Test func theGoldenSetFiresEveryRuleOfThePack() throws {
        var fired = Set<String>()
        for file in Self.goldenFiles { fired.formUnion(try Replay(try transcript(file), pack: AI102.pack).firedRules) }
        #expect(AI102.pack.ruleBase.ruleIDs.filter { !fired.contains($0) } == [])
    }

    @Test func aChangedThresholdMakesTheAffectedTranscriptsDifferWithAReadableDiff() throws {
        // A copy of the pack with `low` at 50 instead of 60.
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("pack-\(UUID().uuidString)")
        try FileManager.default.copyItem(atPath: RulePacks.ai102, toPath: copy.path)
        defer { try? FileManager.default.removeItem(at: copy) }
        let exam = copy.appendingPathComponent("exam.yaml")
        let text = try String(contentsOf: exam, encoding: .utf8).replacingOccurrences(of: "    low: 60", with: "    low: 50")
        try text.write(to: exam, atomically: true, encoding: .utf8)
        let changed = try CoachPack.open(directory: copy.path)

        let original = try transcript("documentation_reader.transcript")
        let replay = try Replay(original, pack: changed)
        #expect(replay.differenceSummary == "the output differs after answer 11 (> computer_vision, line 78)")
        let file = try String(contentsOf: Self.folder.appendingPathComponent("documentation_reader.transcript"), encoding: .utf8)
        let diff = UnifiedDiff.render(expected: file.split(separator: "\n", omittingEmptySubsequences: false).map(String.init),
                                      actual: replay.updated.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init),
                                      expectedName: "expected", actualName: "actual")
        #expect(diff.hasPrefix("--- expected\n+++ actual\n@@ -"))
        #expect(diff.contains("\n-| Consistently low.\n"))
        #expect(diff.contains("\n-| 4. Knowledge mining and document intelligence (58%)\n"))

        let unaffected = try Replay(try transcript("end_of_input.transcript"), pack: changed)
        #expect(unaffected.matches)
    }

    @Test func updateRecordsANewTranscriptFromItsAnswersAlone() throws {
        let answersOnly = try Transcript(parsing: "now: 2023-12-02T18:00\n---\n# Just answers.\n> 2023-12-02 15:00\n> 1\n[exit 3]\n")
        let updated = try Replay(answersOnly, pack: AI102.pack).updated
        #expect(updated.entries.first == .comment("# Just answers.", line: 3))
        #expect(updated.text.contains("\n> 2023-12-02 15:00\n|\n| That was 3 hours ago: you are in hours 3-4, the score report.\n"))
        #expect(updated.exit == 3)
        #expect(try Replay(updated, pack: AI102.pack).matches)
    }

    @Test func aHeaderAndAnswersAloneAreRecordedWithTheirExit() throws {
        // As the README says a new transcript can be written: no output, no
        // exit line. Replaying it asks for a recording; recording gives it
        // the exit the session ended with.
        let answersOnly = try Transcript(parsing: "now: 2023-12-02T18:00\n---\n> 2023-12-02 15:00\n> 1\n")
        #expect(throws: Replay.Problem.self) { try Replay(answersOnly, pack: AI102.pack) }
        do {
            _ = try Replay(answersOnly, pack: AI102.pack)
        } catch {
            #expect(error.description == "line 5: the transcript ends without an [exit N] line; record its output with replay --update")
        }
        let updated = try Replay(answersOnly, pack: AI102.pack, recording: true).updated
        #expect(updated.exit == 3)
        #expect(updated.text.hasSuffix("Run retake-coach --resume to go on.\n[exit 3]\n"))
        #expect(try Replay(updated, pack: AI102.pack).matches)
    }

    @Test func recordingAgainTakesTheExitTheSessionNowEndsWith() throws {
        // The file says the session finished; its answers now end early.
        let stale = try Transcript(parsing: "now: 2023-12-02T18:00\n---\n> 2023-12-02 15:00\n> 1\n[exit 0]\n")
        #expect(throws: Replay.Problem.self) { try Replay(stale, pack: AI102.pack) }
        let updated = try Replay(stale, pack: AI102.pack, recording: true).updated
        #expect(updated.exit == 3)
        #expect(try Replay(updated, pack: AI102.pack).matches)
    }

    @Test func updateKeepsCommentsAndWildcardLinesThatStillMatch() throws {
        var transcript = try transcript("end_of_input.transcript")
        transcript.entries = transcript.entries.map { entry in
            if case .output(let text, let line) = entry, text.hasPrefix("That was 3 hours ago") {
                return .output("That was [..] ago: you are in [..].", line: line)
            }
            if case .output(let text, let line) = entry, text.hasPrefix("Do now") {
                return .output("Do later", line: line)
            }
            return entry
        }
        let replay = try Replay(transcript, pack: AI102.pack)
        #expect(!replay.matches)
        let updated = replay.updated
        #expect(updated.text.contains("\n| That was [..] ago: you are in [..].\n"))
        #expect(updated.text.contains("\n| Do now\n"))
        #expect(updated.entries.filter { if case .comment = $0 { true } else { false } }.count == 2)
        #expect(try Replay(updated, pack: AI102.pack).matches)
    }

    @Test func answersLeftOverOrMissingAreErrors() throws {
        let extra = try Transcript(parsing: "now: 2023-12-02T18:00\n---\n> 2023-12-02 15:00\n> :quit\n> 1\n> 2\n[exit 0]\n")
        let leftOver = #expect(throws: Replay.Problem.self) { try Replay(extra, pack: AI102.pack) }
        #expect(leftOver?.description == "line 5: the session ended with 2 answers left over, from this line on")
        let short = try Transcript(parsing: "now: 2023-12-02T18:00\n---\n> 2023-12-02 15:00\n[exit 0]\n")
        let missing = #expect(throws: Replay.Problem.self) { try Replay(short, pack: AI102.pack) }
        #expect(missing?.description == "line 3: the session asked for more answers than the transcript has (it ends with [exit 0], not [exit 3])")
        let badClock = try Transcript(parsing: "now: soon\n---\n[exit 3]\n")
        let clock = #expect(throws: Replay.Problem.self) { try Replay(badClock, pack: AI102.pack) }
        #expect(clock?.description == "line 1: the header needs 'now: YYYY-MM-DDTHH:MM', the clock the session ran at")
    }

    @Test func theFirstDifferenceIsNamedByTheAnswerBeforeIt() throws {
        var transcript = try transcript("end_of_input.transcript")
        let index = try #require(transcript.entries.firstIndex { if case .output(let t, _) = $0 { t.hasPrefix("Which attempt") } else { false } })
        transcript.entries[index] = .output("Which attempt?", line: transcript.entries[index].line)
        #expect(try Replay(transcript, pack: AI102.pack).differenceSummary?.hasPrefix("the output differs after answer 1 (> 2023-12-02 15:00, line ") == true)
    }
}
