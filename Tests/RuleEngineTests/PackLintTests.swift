import Foundation
import Testing
@testable import RuleEngine

/// Loads the broken packs under `Fixtures/packs` and checks everything
/// `check` would print for each: location, severity, message, the quoted
/// line and the caret.
@Suite("Pack loading and linting")
struct PackLintTests {
    /// The folder of fixture pack `name`.
    static func fixture(_ name: String) throws -> String {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/packs/\(name)", withExtension: nil),
                               "missing fixture pack \(name)")
        return url.path
    }

    /// Every diagnostic of the pack in `directory`, rendered, with the
    /// folder left out of file names so expectations read `rules.yaml:3:5`.
    static func render(_ pack: RulePack, from directory: String) -> String {
        pack.diagnostics.map(pack.renderer.render).joined(separator: "\n")
            .replacingOccurrences(of: directory + "/", with: "")
    }

    /// Loads fixture `name` and returns its pack and rendered diagnostics.
    static func check(_ name: String) throws -> (pack: RulePack, output: String) {
        let directory = try fixture(name)
        let pack = try PackLoader.load(directory: directory)
        return (pack, render(pack, from: directory))
    }

    // MARK: Errors

    @Test func yamlSyntaxErrorPointsAtWhereTheParserStopped() throws {
        let (pack, output) = try Self.check("yaml_syntax_error")
        #expect(output == """
            rules.yaml:3:6: error: YAML syntax: did not find expected ',' or '}' (while parsing a flow mapping at 2:12)
                rules: []
                     ^
            """)
        #expect(pack.ruleBase == nil)
    }

    @Test func tabIndentationIsExplained() throws {
        let (pack, output) = try Self.check("tab_indent")
        #expect(output == """
            rules.yaml:3:1: error: YAML syntax: a tab cannot indent or start YAML; use spaces
                 exam_pace: {type: choice, values: [rushed, fine]}
                ^
            """)
        #expect(pack.ruleBase == nil)
    }

    @Test func unknownSectionSuggestsTheClosestSection() throws {
        let (pack, output) = try Self.check("unknown_section")
        #expect(output == """
            rules.yaml:1:1: error: unknown section 'constant'; did you mean 'constants'? expected one of: facts, constants, collections, rules, settings
                constant:
                ^
            """)
        #expect(pack.ruleBase == nil)
    }

    @Test func unknownRuleKeySuggestsSalience() throws {
        let (pack, output) = try Self.check("unknown_rule_key")
        #expect(output == """
            rules.yaml:6:5: error: unknown key 'salince' in a rule; did you mean 'salience'? expected one of: id, salience, for, when, then, because, doc
                    salince: 10
                    ^
            """)
        #expect(pack.ruleBase == nil)
    }

    @Test func unknownTypeSuggestsTheClosestType() throws {
        let (pack, output) = try Self.check("unknown_type")
        #expect(output == """
            rules.yaml:2:19: error: unknown type 'integr'; did you mean 'integer'? expected one of: number, integer, percent, bool, text, choice, set, list, date, datetime, duration, record, any
                  attempt: {type: integr, min: 1, max: 5}
                                  ^
            """)
        #expect(pack.ruleBase == nil)
    }

    @Test func misspeltFactNameSuggestsTheDeclaredFact() throws {
        let (pack, output) = try Self.check("misspelt_fact")
        #expect(output == """
            rules.yaml:6:11: error: unknown name 'scores.nlpp'; did you mean 'scores.nlp'?
                    when: scores.nlpp < 60
                          ^
            """)
        #expect(pack.ruleBase == nil)
    }

    @Test func misspeltChoiceValueSuggestsTheDeclaredValue() throws {
        let (pack, output) = try Self.check("misspelt_choice")
        #expect(output == """
            rules.yaml:6:24: error: 'rushd' is not one of rushed, sluggish, fine; did you mean 'rushed'?
                    when: exam_pace == "rushd"
                                       ^
            """)
        #expect(pack.ruleBase == nil)
    }

    @Test func wrongTypesInConditionAndValueAreErrors() throws {
        let (pack, output) = try Self.check("wrong_types")
        #expect(output == """
            rules.yaml:6:11: error: a condition should be yes or no, but this is a number
                    when: 42
                          ^
            rules.yaml:9:15: error: '+' cannot combine a whole number from 1 to 5 with text
                        to: = attempt + "x"
                              ^
            """)
        #expect(pack.ruleBase == nil)
    }

    @Test func unknownFunctionSuggestsTheClosestFunction() throws {
        let (pack, output) = try Self.check("unknown_function")
        #expect(output == """
            rules.yaml:6:11: error: unknown function 'cout'; did you mean 'count'?
                    when: cout(services_used) > 1
                          ^
            """)
        #expect(pack.ruleBase == nil)
    }

    @Test func duplicateRuleIDNamesTheFirstRule() throws {
        let (pack, output) = try Self.check("duplicate_rule_id")
        #expect(output == """
            rules.yaml:10:9: error: rule id 'wait' is used twice; first at rules.yaml:5:5
                  - id: wait
                        ^
            """)
        #expect(pack.ruleBase == nil)
    }

    @Test func duplicateFactAcrossFilesNamesTheFirstDeclaration() throws {
        let (pack, output) = try Self.check("duplicate_fact")
        #expect(output == """
            b_rules.yaml:2:3: error: fact 'attempt' is declared twice; first at a_facts.yaml:2:3
                  attempt: {type: number}
                  ^
            """)
        #expect(pack.ruleBase == nil)
    }

    @Test func duplicateFactInOneMappingIsAnError() throws {
        let (pack, output) = try Self.check("duplicate_fact_same_file")
        #expect(output == """
            rules.yaml:2:3: error: 'attempt' appears more than once in this mapping; keep one
                  attempt: {type: integer, min: 1, max: 5}
                  ^
            """)
        #expect(pack.ruleBase == nil)
    }

    @Test func ruleThatSetsAnInputFactIsAnError() throws {
        let (pack, output) = try Self.check("sets_input_fact")
        #expect(output == """
            rules.yaml:4:5: warning: rule 'bump_attempt' reads 'attempt', which it changes itself; it has no binding and fires once, so its own change will not make it fire again
                  - id: bump_attempt
                    ^
            rules.yaml:7:14: error: 'attempt' is an answer the candidate gives; rules cannot change it (declare it with 'derived: true' if rules conclude it)
                      - set: attempt
                             ^
            """)
        #expect(pack.ruleBase == nil)
    }

    // A cycle that makes new items for what it iterates over may stop (a
    // closure over finite data) or not; the firing bound stops it if not.

    @Test func growingCycleIsAWarningNamingTheFiringBound() throws {
        let (pack, output) = try Self.check("cycle_growing")
        #expect(output == """
            rules.yaml:11:5: warning: rules 'task_followup' → 'followup_task' → 'task_followup' form a cycle through 'tasks', 'followups' in which a rule adds items to what a rule of the cycle iterates over ('tasks', 'followups'): they fire until they make no new item, or else stop with an error after 1000000 firings (settings.max_firings)
                  - id: task_followup
                    ^
            """)
        #expect(pack.ruleBase != nil)
    }

    @Test func ruleGrowingWhatItIteratesOverIsAWarningNamingTheFiringBound() throws {
        let (pack, output) = try Self.check("cycle_growing_self")
        #expect(output == """
            rules.yaml:4:5: warning: rule 'subtopics' adds items to what it iterates over ('topics'): it fires until it makes no new item, or else stops with an error after 1000000 firings (settings.max_firings)
                  - id: subtopics
                    ^
            """)
        #expect(pack.ruleBase != nil)
    }

    @Test func unclosedPlaceholderPointsAtTheBrace() throws {
        let (pack, output) = try Self.check("unclosed_placeholder")
        #expect(output == """
            rules.yaml:10:23: error: this '{' has no closing '}'; write '{{' for a brace
                    because: "Attempt {attempt was the first."
                                      ^
            """)
        #expect(pack.ruleBase == nil)
    }

    @Test func expressionNestedTooDeeplyIsRefused() throws {
        let (pack, output) = try Self.check("nested_too_deep")
        // The 65th parenthesis (column 85) is one level too many; the long
        // line is shown around it.
        let shown = "…" + String(repeating: "(", count: 56) + "1" + String(repeating: ")", count: 43) + "…"
        #expect(output == """
            rules.yaml:6:85: error: expression is nested more than 64 levels deep
                \(shown)
                \(String(repeating: " ", count: 51))^
            """)
        #expect(pack.ruleBase == nil)
    }

    @Test func yamlAliasIsRefused() throws {
        let (pack, output) = try Self.check("yaml_alias")
        #expect(output == """
            rules.yaml:2:8: error: YAML anchors and aliases (&low, *low) are not supported in rule packs; write the value out
                  low: &low 60
                       ^
            """)
        #expect(pack.ruleBase == nil)
    }

    @Test func emptyFolderHasNoRuleFiles() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("empty-pack-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let expected = ["\(directory): error: no rule files here: a rule pack is a folder of .yaml files"]
        let empty = try PackLoader.load(directory: directory)
        #expect(empty.diagnostics.map(empty.renderer.render) == expected)
        #expect(empty.ruleBase == nil)
        // Files that are not .yaml or .yml are not rule files.
        try "facts: {}".write(toFile: directory + "/notes.txt", atomically: true, encoding: .utf8)
        let notes = try PackLoader.load(directory: directory)
        #expect(notes.diagnostics.map(notes.renderer.render) == expected)
        #expect(notes.ruleBase == nil)
    }

    @Test func missingFolderIsALoadError() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("no-such-pack-\(UUID().uuidString)").path
        #expect(throws: PackLoadError.notFound(directory)) { try PackLoader.load(directory: directory) }
        let file = try Self.fixture("clean") + "/rules.yaml"
        #expect(throws: PackLoadError.notADirectory(file)) { try PackLoader.load(directory: file) }
    }

    // MARK: Warnings

    @Test func derivedFactNeverReadIsAWarning() throws {
        let (pack, output) = try Self.check("unread_derived_fact")
        #expect(output == """
            rules.yaml:3:3: warning: 'retake_soon' is concluded but no rule reads it; mark it 'output: true' in 'facts' if it is a result
                  retake_soon: {type: bool, derived: true}
                  ^
            """)
        #expect(pack.ruleBase != nil)
    }

    @Test func answerNeverReadIsAWarning() throws {
        let (pack, output) = try Self.check("unread_answer")
        #expect(output == """
            rules.yaml:3:3: warning: no rule reads the answer 'ml_background'
                  ml_background: {type: bool}
                  ^
            """)
        #expect(pack.ruleBase != nil)
    }

    @Test func unusedConstantIsAWarning() throws {
        let (pack, output) = try Self.check("unused_constant")
        #expect(output == """
            rules.yaml:5:3: warning: constant 'passing_score' is never used
                  passing_score: 700
                  ^
            """)
        #expect(pack.ruleBase != nil)
    }

    @Test func ruleThatCanNeverFireIsAWarning() throws {
        let (pack, output) = try Self.check("never_fires")
        #expect(output == """
            rules.yaml:6:11: warning: rule 'disabled' can never fire: '1 > 2' is always false
                    when: 1 > 2
                          ^
            rules.yaml:13:9: warning: rule 'sixth_attempt' can never fire: no value of 'attempt' meets 'attempt > 5' together with its other bounds
                      - attempt > 5
                        ^
            """)
        #expect(pack.ruleBase != nil)
    }

    @Test func boundsOnFieldsOfARecordAreNotBoundsOnTheRecord() {
        let pack = PackLoader.load(files: [SourceFile(name: "m.yaml", text: """
            facts:
              profile: {type: record}
              attempt: {type: integer, min: 1, max: 5}
              fit: {type: bool, derived: true, output: true}
            rules:
              - id: fit
                when: [profile.age > 5, profile.height < 3, 3 < attempt, attempt <= 3]
                then: [{set: fit, to: true}]
            """)])
        #expect(pack.diagnostics.map(pack.renderer.render) == ["""
            m.yaml:7:62: warning: rule 'fit' can never fire: no value of 'attempt' meets 'attempt <= 3' together with its other bounds
                    when: [profile.age > 5, profile.height < 3, 3 < attempt, attempt <= 3]
                                                                             ^
            """])
    }

    @Test func harmlessCycleBetweenTwoRulesIsAWarning() throws {
        let (pack, output) = try Self.check("cycle_harmless")
        #expect(output == """
            rules.yaml:6:5: warning: rules 'break_means_review' → 'review_means_break' → 'break_means_review' form a cycle through 'needs_break', 'needs_review'; each fires once per binding, so check the order is the one intended
                  - id: break_means_review
                    ^
            """)
        #expect(pack.ruleBase != nil)
    }

    @Test func cleanPackHasNoDiagnostics() throws {
        let (pack, output) = try Self.check("clean")
        #expect(output == "")
        #expect(pack.diagnostics.isEmpty)
        let ruleBase = try #require(pack.ruleBase)
        #expect(ruleBase.ruleIDs == ["rushed", "weak_domain", "theory"])
    }
}
