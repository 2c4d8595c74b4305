import Foundation
import Testing

/// TAB on a terminal, as a candidate sees it: an answer's words, the
/// meta-commands after `:` and their arguments, completed in place or
/// listed in columns.
@Suite("TAB on a terminal")
struct TerminalCompletionTests {
    typealias Key = PseudoTerminal.Key

    @Test func tabCompletesAUniqueCommandPrefix() throws {
        let state = try StateFolder()
        defer { state.remove() }
        let terminal = try state.start()
        defer { terminal.end() }

        try terminal.answer("When did you sit the exam?", with: TerminalTests.failedAt)
        try terminal.waitFor("Which attempt was this?")
        try terminal.waitForPrompt()
        try terminal.type(":st" + Key.tab)
        try terminal.waitUntil("':st' completed to ':status '") { $0.screen.currentLine == "> :status " }
        try terminal.type(Key.enter)
        try terminal.waitFor("These questions: hours 1-2, taking it in. 1 answer so far;")
        try terminal.waitForPrompt()
        #expect(terminal.termination == nil)
    }

    /// A completed choice of a list is followed by nothing, so the comma
    /// typed next comes right after it.
    @Test func tabCompletesChoicesOfAListAndListsAmbiguousOnes() throws {
        let state = try StateFolder()
        defer { state.remove() }
        let terminal = try state.start()
        defer { terminal.end() }

        try terminal.answerUpToServicesUsed()
        try terminal.waitFor("Which services have you used hands-on")
        try terminal.waitForPrompt()
        // Ambiguous: the matches are listed and the line is shown again.
        try terminal.type("co" + Key.tab)
        try terminal.waitUntil("the choices starting with 'co' listed, then the line again") {
            $0.listed == ["cognitive_search", "computer_vision"] && $0.screen.currentLine == "> co"
        }
        try terminal.type("mp" + Key.tab)
        try terminal.waitUntil("'comp' completed to 'computer_vision'") { $0.screen.currentLine == "> computer_vision" }
        try terminal.type(", cus" + Key.tab)
        try terminal.waitUntil("'cus' completed to 'custom_vision'") {
            $0.screen.currentLine == "> computer_vision, custom_vision"
        }
        try terminal.type(", spe" + Key.tab + ",")
        try terminal.waitUntil("'spe' completed, the comma right after it") {
            $0.screen.currentLine == "> computer_vision, custom_vision, speech,"
        }
        try terminal.type(Key.enter)

        try terminal.waitFor("How much have you built with Azure AI services?")
        try terminal.waitForPrompt()
        try terminal.type("tut" + Key.tab)
        try terminal.waitUntil("'tut' completed to 'tutorials '") { $0.screen.currentLine == "> tutorials " }
        try terminal.type(Key.enter)
        try terminal.waitFor("Is there one service you use deeply at work?")
        try terminal.waitForPrompt()
        try terminal.type(Key.ctrlD)
        #expect(try terminal.waitForExit() == .exited(0))

        let answers = try state.savedSession().answers
        #expect(answers.suffix(2) == [.init(fact: "services_used", answer: "computer_vision, custom_vision, speech"),
                                      .init(fact: "hands_on", answer: "tutorials")])
    }

    @Test func tabOnAnEmptyLineListsEveryChoiceInColumnsWithNoWordBroken() throws {
        let state = try StateFolder()
        defer { state.remove() }
        let terminal = try state.start()
        defer { terminal.end() }

        try terminal.answerUpToServicesUsed()
        try terminal.waitFor("Which services have you used hands-on")
        try terminal.waitForPrompt()
        try terminal.type(Key.tab)
        let choices = ["anomaly_detector", "azure_ml", "azure_openai", "cognitive_search", "computer_vision", "custom_vision",
                       "document_intelligence", "language_understanding", "none", "speech", "text_analytics", "translator"]
        try terminal.waitUntil("every choice listed, then the empty line again") {
            Set($0.listed) == Set(choices) && $0.screen.currentLine == "> "
        }
        let rows = terminal.screen.lines[(terminal.promptRow + 1)..<terminal.screen.row]
        #expect(rows.count > 1 && rows.count < choices.count, "in columns: \(rows)")
        #expect(rows.allSatisfy { $0.count <= 80 }, "\(rows)")
        #expect(terminal.screen.bells == 0)
    }

    @Test func tabCompletesYesterdayAndTypesNothingOnAnEmptyLineAtTheDatePrompt() throws {
        let state = try StateFolder()
        defer { state.remove() }
        let terminal = try state.start()
        defer { terminal.end() }

        try terminal.waitFor("When did you sit the exam?")
        try terminal.waitForPrompt()
        try terminal.type(Key.tab)
        try terminal.waitUntil("the days listed, and nothing typed") {
            $0.listed == ["today", "yesterday"] && $0.screen.currentLine == "> "
        }
        try terminal.type("yes" + Key.tab)
        try terminal.waitUntil("'yes' completed to 'yesterday '") { $0.screen.currentLine == "> yesterday " }
        try terminal.type("15:00" + Key.enter)
        try terminal.waitFor("Which attempt was this?")
        try terminal.waitForPrompt()
        try terminal.type(Key.ctrlD)
        #expect(try terminal.waitForExit() == .exited(0))
        #expect(try state.savedSession().answers == [.init(fact: "failed_at", answer: "2023-12-01 15:00")])
    }

    @Test func tabCompletesTheNamesHowExplains() throws {
        let state = try StateFolder()
        defer { state.remove() }
        let terminal = try state.start()
        defer { terminal.end() }

        try terminal.answer("When did you sit the exam?", with: TerminalTests.failedAt)
        try terminal.answer("Which attempt was this?", with: "1")
        try terminal.waitFor("Which of these lists of sections does your score report show?")
        try terminal.waitForPrompt()
        try terminal.type(":how ret" + Key.tab)
        try terminal.waitUntil("'ret' completed to 'retake'") { $0.screen.currentLine == "> :how retake" }
        try terminal.type(Key.ctrlC)
        try terminal.waitForPrompt()
        try terminal.type(":how p" + Key.tab)
        try terminal.waitUntil("both parts starting with 'p' listed") {
            $0.listed == ["pattern", "plan"] && $0.screen.currentLine == "> :how p"
        }
        try terminal.type("l" + Key.tab + Key.enter)
        try terminal.waitFor("Week by week: nothing is concluded there yet.")
        #expect(terminal.termination == nil)
    }

    @Test func tabCompletesWhatifsAnswerNameThenItsChoices() throws {
        let state = try StateFolder()
        defer { state.remove() }
        let terminal = try state.start()
        defer { terminal.end() }

        try terminal.answer("When did you sit the exam?", with: TerminalTests.failedAt)
        try terminal.waitFor("Which attempt was this?")
        try terminal.waitForPrompt()
        try terminal.type(":what" + Key.tab + "exam_p" + Key.tab)
        try terminal.waitUntil("the command and the answer's name completed") { $0.screen.currentLine == "> :whatif exam_pace=" }
        try terminal.type(Key.tab)
        try terminal.waitUntil("the answer's choices listed") {
            $0.listed == ["fine", "rushed", "sluggish"] && $0.screen.currentLine == "> :whatif exam_pace="
        }
        try terminal.type("ru" + Key.tab)
        try terminal.waitUntil("'ru' completed to 'rushed'") { $0.screen.currentLine == "> :whatif exam_pace=rushed" }
        try terminal.type(Key.enter)
        try terminal.waitForPrompt()
        #expect(!terminal.screen.text.contains("Write it as :whatif"))
    }
}

extension PseudoTerminal {
    /// The words TAB listed below the last prompt waited for.
    var listed: [String] {
        let lines = screen.lines
        guard promptRow >= 0, screen.row > promptRow + 1 else { return [] }
        return lines[(promptRow + 1)..<screen.row].flatMap { $0.split(separator: " ").map(String.init) }.sorted()
    }
}
