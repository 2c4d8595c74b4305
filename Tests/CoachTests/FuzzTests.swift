import Foundation
import FuzzSupport
import Testing

@testable import Coach

/// Damaged transcripts, thousands with a fixed seed: each is read or
/// refused with a line number, never a crash; the ones that still read are
/// replayed.
@Suite struct TranscriptFuzzTests {
    static let fixtures = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/fuzz/transcript")
    static let seed = Array("""
        now: 2023-12-02T18:00
        args: --color never
        ---
        # A short one.
        | When did you sit the exam? (YYYY-MM-DD [HH:MM], today, yesterday)
        > 2023-12-02 15:00
        |
        | That was [..] ago: you are in [..].
        > :why
        > 1
        > skip
        [exit 3]

        """.utf8)

    private func read(_ bytes: [UInt8], replay: Bool) {
        Mutator.remember(bytes, target: "transcript")
        do {
            let transcript = try Transcript(parsing: String(decoding: bytes, as: UTF8.self))
            if replay { _ = try? Replay(transcript, pack: AI102.pack) }
        } catch {
            #expect(error.line >= 1)
            #expect(!error.message.contains("\n"))
        }
    }

    @Test func noDamagedTranscriptCrashesTheReader() {
        var mutator = Mutator(seed: 0x5EED_3003)
        Mutator.run("transcript reader", count: 3000) { index in
            // Replaying runs a whole session; one input in ten is enough.
            read(mutator.mutate(Self.seed), replay: index % 10 == 0)
        }
    }

    @Test func inputsThatOnceCrashedStillDoNot() {
        for input in Mutator.regressions(Self.fixtures) { read(input, replay: true) }
    }
}
