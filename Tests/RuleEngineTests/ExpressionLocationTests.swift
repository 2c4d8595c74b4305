import Testing
@testable import RuleEngine

/// Errors inside expressions point at the exact line and column of the
/// file, however the YAML scalar holding the expression is written.
@Suite("Expression error locations")
struct ExpressionLocationTests {
    static let header = """
        facts:
          attempt: {type: integer, min: 1, max: 5}
          exam_pace: {type: choice, values: [rushed, sluggish, fine]}
          note: {type: text, derived: true, output: true}
        rules:
          - id: reads_every_fact
            when: attempt > 1 and exam_pace != "fine"
            then: [{set: note, to: seen}]
          - id: r

        """

    /// Loads `header` followed by `lines` (rule keys, indented under `r`)
    /// and returns every diagnostic rendered.
    static func render(_ lines: String) -> [String] {
        let file = SourceFile(name: "m.yaml", text: header + lines)
        let pack = PackLoader.load(files: [file])
        return pack.diagnostics.map(pack.renderer.render)
    }

    @Test func conditionsInPlainAndQuotedScalars() {
        #expect(Self.render("""
                when: attempt > xyzzy
                then: [{set: note, to: x}]
            """) == ["""
            m.yaml:10:21: error: unknown name 'xyzzy'
                    when: attempt > xyzzy
                                    ^
            """])
        #expect(Self.render("""
                when: 'attempt > xyzzy'
                then: [{set: note, to: x}]
            """) == ["""
            m.yaml:10:22: error: unknown name 'xyzzy'
                    when: 'attempt > xyzzy'
                                     ^
            """])
        #expect(Self.render("""
                when: "attempt > xyzzy"
                then: [{set: note, to: x}]
            """) == ["""
            m.yaml:10:22: error: unknown name 'xyzzy'
                    when: "attempt > xyzzy"
                                     ^
            """])
    }

    @Test func conditionsInAList() {
        #expect(Self.render("""
                when:
                  - attempt > 2
                  - 'exam_pace == "rushd"'
                then: [{set: note, to: x}]
            """) == ["""
            m.yaml:12:23: error: 'rushd' is not one of rushed, sluggish, fine; did you mean 'rushed'?
                      - 'exam_pace == "rushd"'
                                      ^
            """])
    }

    @Test func escapesInQuotedScalarsKeepColumnsExact() {
        // `''` in single quotes and `\"` in double quotes are two source
        // characters for one in the expression.
        #expect(Self.render("""
                when: 'exam_pace == ''rushed'' and attempt > xyzzy'
                then: [{set: note, to: x}]
            """) == ["""
            m.yaml:10:50: error: unknown name 'xyzzy'
                    when: 'exam_pace == ''rushed'' and attempt > xyzzy'
                                                                 ^
            """])
        #expect(Self.render("""
                when: "exam_pace == \\"rushd\\" and attempt > 1"
                then: [{set: note, to: x}]
            """) == ["""
            m.yaml:10:25: error: 'rushd' is not one of rushed, sluggish, fine; did you mean 'rushed'?
                    when: "exam_pace == \\"rushd\\" and attempt > 1"
                                        ^
            """])
        #expect(Self.render("""
                when: "exam_pace == \\"rushed\\" and \\u00e9 > 1"
                then: [{set: note, to: x}]
            """) == ["""
            m.yaml:10:40: error: unexpected character "é"
                    when: "exam_pace == \\"rushed\\" and \\u00e9 > 1"
                                                       ^
            """])
    }

    @Test func equalsExpressionValues() {
        #expect(Self.render("""
                then:
                  - set: note
                    to: = attempt + xyzzy
            """) == ["""
            m.yaml:12:25: error: unknown name 'xyzzy'
                        to: = attempt + xyzzy
                                        ^
            """])
        #expect(Self.render("""
                then:
                  - set: note
                    to: '=   attempt + xyzzy'
            """) == ["""
            m.yaml:12:28: error: unknown name 'xyzzy'
                        to: '=   attempt + xyzzy'
                                           ^
            """])
        #expect(Self.render("""
                then:
                  - set: note
                    to: "=exam_pace + \\"x\\" + xyzzy"
            """) == ["""
            m.yaml:12:35: error: unknown name 'xyzzy'
                        to: "=exam_pace + \\"x\\" + xyzzy"
                                                  ^
            """])
    }

    @Test func placeholdersInTemplates() {
        #expect(Self.render("""
                then: [{set: note, to: x}]
                because: Attempt {attempt} of {xyzzy}
            """) == ["""
            m.yaml:11:36: error: unknown name 'xyzzy'
                    because: Attempt {attempt} of {xyzzy}
                                                   ^
            """])
        #expect(Self.render("""
                then: [{set: note, to: x}]
                because: 'Don''t rush {attempt + "x"}: {{braces}} and {xyzzy}'
            """) == ["""
            m.yaml:11:28: error: '+' cannot combine a whole number from 1 to 5 with text
                    because: 'Don''t rush {attempt + "x"}: {{braces}} and {xyzzy}'
                                           ^
            """, """
            m.yaml:11:60: error: unknown name 'xyzzy'
                    because: 'Don''t rush {attempt + "x"}: {{braces}} and {xyzzy}'
                                                                           ^
            """])
        #expect(Self.render("""
                then: [{set: note, to: "Café {exam_pace == 'rushd'} done"}]
            """) == ["""
            m.yaml:10:48: error: 'rushd' is not one of rushed, sluggish, fine; did you mean 'rushed'?
                    then: [{set: note, to: "Café {exam_pace == 'rushd'} done"}]
                                                               ^
            """])
        #expect(Self.render("""
                then: [{set: note, to: x}]
                because: "Tab\\there {xyzzy}"
            """) == ["""
            m.yaml:11:26: error: unknown name 'xyzzy'
                    because: "Tab\\there {xyzzy}"
                                         ^
            """])
    }

    @Test func multiLineScalarsMapToTheirLine() {
        #expect(Self.render("""
                when: attempt > 1
                  and xyzzy
                then: [{set: note, to: x}]
            """) == ["""
            m.yaml:11:11: error: unknown name 'xyzzy'
                      and xyzzy
                          ^
            """])
        #expect(Self.render("""
                then: [{set: note, to: x}]
                because: "Attempt {attempt},
                  then {xyzzy}"
            """) == ["""
            m.yaml:12:13: error: unknown name 'xyzzy'
                      then {xyzzy}"
                            ^
            """])
    }

    @Test func windowsLineEndingsQuoteTheRightLine() {
        let text = (Self.header + """
                when: attempt > xyzzy
                then: [{set: note, to: x}]

            """).replacingOccurrences(of: "\n", with: "\r\n")
        let pack = PackLoader.load(files: [SourceFile(name: "m.yaml", text: text)])
        #expect(pack.diagnostics.map(pack.renderer.render) == ["""
            m.yaml:10:21: error: unknown name 'xyzzy'
                    when: attempt > xyzzy
                                    ^
            """])
    }
}
