import Foundation
import Testing

/// docs/retake-coach.1 is ArgumentParser's manual page for the command,
/// written by `make man` and kept in the repository, so an install needs no
/// build of the plugin that writes it. It is checked here against the
/// description the manual is made from (`--experimental-dump-help`): every
/// command, option and help text in it must be on the page.
@Suite struct ManualPageTests {
    static let page = Binary.package.appendingPathComponent("docs/retake-coach.1")

    @Test func theManualPageSaysWhatTheHelpSays() throws {
        let text = try String(contentsOf: Self.page, encoding: .utf8)
        let page = Self.unescaped(text)
        let dump = try Binary.run("--experimental-dump-help")
        #expect(dump.status == 0)
        let tool = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        let root = try #require(tool["command"] as? [String: Any])
        var missing: [String] = []
        for expected in Self.expectedText(root, isRoot: true) where !page.contains(expected) {
            missing.append(expected)
        }
        #expect(missing.isEmpty, "docs/retake-coach.1 is out of date (run make man); it does not say: \(missing)")
        let resumeFileIsOptional = text.contains(".Op Fl -resume Op Ar file\n")
        #expect(resumeFileIsOptional, "make man marks --resume's file as optional")
    }

    /// The words the manual shows for `command` and its subcommands, as
    /// generate-manual writes them: its own macros, and text without
    /// non-ASCII characters.
    private static func expectedText(_ command: [String: Any], isRoot: Bool) -> [String] {
        var expected: [String] = []
        if !isRoot, let name = command["commandName"] as? String { expected.append(".It Em \(name)\n") }
        for key in ["abstract", "discussion"] {
            if let text = command[key] as? String { expected.append(ascii(text)) }
        }
        for argument in command["arguments"] as? [[String: Any]] ?? [] where argument["shouldDisplay"] as? Bool != false {
            if let text = argument["abstract"] as? String { expected.append(ascii(text)) }
            let names = (argument["names"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            let value = argument["valueName"] as? String
            switch argument["kind"] as? String {
            case "option": expected += names.map { "Fl -\($0) " } + [value.map { "Ar \($0)" }].compactMap { $0 }
            case "flag": expected += names.filter { $0.count > 1 }.map { "-\($0)\n" }
            default: expected += [value.map { "Ar \($0)" }].compactMap { $0 }
            }
        }
        for subcommand in command["subcommands"] as? [[String: Any]] ?? [] {
            expected += expectedText(subcommand, isRoot: false)
        }
        return expected
    }

    private static func ascii(_ text: String) -> String {
        String(text.filter(\.isASCII))
    }

    /// The page's text with generate-manual's escapes undone.
    private static func unescaped(_ page: String) -> String {
        page.replacing(#"\(dq"#, with: "\"").replacing(#"\&"#, with: "").replacing(#"\e"#, with: #"\"#)
    }
}
