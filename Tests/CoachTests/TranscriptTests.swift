import Foundation
import RuleEngine
import Testing

@testable import Coach

@Suite struct TranscriptTests {
    private func problem(_ text: String) -> Transcript.FormatError? {
        do {
            _ = try Transcript(parsing: text)
            return nil
        } catch {
            return error
        }
    }

    @Test func aTranscriptReadsItsHeaderBodyAndExit() throws {
        let transcript = try Transcript(parsing: "now: 2023-12-02T09:00:00Z\r\nargs: --color never\r\n---\r\n# note\r\n| Hello\r\n|\r\n> 1\r\n[exit 3]\r\n")
        #expect(transcript.now == "2023-12-02T09:00:00Z")
        #expect(transcript.arguments == ["--color", "never"])
        #expect(transcript.entries == [.comment("# note", line: 4), .output("Hello", line: 5), .output("", line: 6), .answer("1", line: 7)])
        #expect(transcript.exit == 3)
        #expect(transcript.text == "now: 2023-12-02T09:00:00Z\nargs: --color never\n---\n# note\n| Hello\n|\n> 1\n[exit 3]\n")
    }

    @Test func aMalformedTranscriptNamesItsLine() {
        #expect(problem("| hi\n[exit 0]\n")?.description == "line 1: no header: a transcript starts with 'now: …' lines and a '---' line")
        #expect(problem("now: x\nwhen: y\n---\n[exit 0]\n")?.description == "line 2: unknown header 'when'")
        #expect(problem("nwo: x\n---\n[exit 0]\n")?.description == "line 1: unknown header 'nwo'; did you mean 'now'?")
        #expect(problem("now: x\n---\n| a\nhello\n[exit 0]\n")?.description
            == "line 4: a body line starts with '| ', '> ', '# ' or is [exit N]; found \"hello\"")
        #expect(problem("now: x\n---\n[exit 0]\n| more\n")?.description == "line 4: text after [exit 0] on line 3")
        #expect(problem("now: x\n---\n\u{0}\u{1}\n")?.description == "line 1: this is not a transcript: it holds binary data (NUL bytes)")
    }

    @Test func aTranscriptOfAnswersAloneHasNoExitYet() throws {
        let transcript = try Transcript(parsing: "now: 2023-12-02T18:00\n---\n> 2023-12-02 15:00\n> 1\n")
        #expect(transcript.exit == nil)
        #expect(transcript.exitLine == 5)
        #expect(transcript.text == "now: 2023-12-02T18:00\n---\n> 2023-12-02 15:00\n> 1\n")
    }

    @Test func controlCharactersAreWrittenEscapedAndReadBack() throws {
        let typed = "a\u{1B}[31mb\tc\\d\u{7}"
        #expect(Transcript.escaped(typed) == "a\\u{1b}[31mb\\tc\\\\d\\u{7}")
        #expect(Transcript.unescaped(Transcript.escaped(typed)) == typed)
        let transcript = Transcript(header: [("now", "2023-12-02T18:00")], entries: [.answer(typed, line: 0)], exit: 3)
        #expect(try Transcript(parsing: transcript.text).answers == [typed])
    }

    @Test func wildcardsMatchAnyTextWithinALine() {
        #expect(Transcript.matches("Your answers are kept in /tmp/x.json.", "Your answers are kept in [..]."))
        #expect(Transcript.matches("abc", "[..]"))
        #expect(Transcript.matches("a-b-c", "a[..]b[..]c"))
        #expect(!Transcript.matches("a-c", "a[..]b[..]c"))
        #expect(!Transcript.matches("ab", "a[..]ab"))
        #expect(!Transcript.matches("Hello", "Hello!"))
    }
}
