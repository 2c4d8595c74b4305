import Foundation
import Testing

/// Runs the built `retake-coach` binary on the packs in `Fixtures` and
/// checks everything it prints and its exit status.
@Suite("retake-coach check")
struct CheckCommandTests {
    @Test func typoInAFactNameIsReportedWithItsLineAndExits1() throws {
        let run = try Binary.run("check", "typo")
        #expect(run.stdout == """
            typo/rules.yaml:6:11: error: unknown name 'scores.nlpp'; did you mean 'scores.nlp'?
                    when: scores.nlpp < 60
                          ^
            typo: 1 error, 0 warnings

            """)
        #expect(run.stderr == "")
        #expect(run.status == 1)
    }

    @Test func cleanPackPrintsASummaryAndExits0() throws {
        let run = try Binary.run("check", "clean")
        #expect(run.stdout == "clean: 2 rules, 3 facts, 0 questions, no problems\n")
        #expect(run.stderr == "")
        #expect(run.status == 0)
    }

    @Test func warningsAloneExit0() throws {
        let run = try Binary.run("check", "warning/")
        #expect(run.stdout == """
            warning/rules.yaml:3:3: warning: 'retake_soon' is concluded but no rule reads it; mark it 'output: true' in 'facts' if it is a result
                  retake_soon: {type: bool, derived: true}
                  ^
            warning/: 1 rule, 2 facts, 0 questions, 1 warning

            """)
        #expect(run.stderr == "")
        #expect(run.status == 0)
    }

    @Test func missingFolderIsOneLineOnStandardErrorAndExits66() throws {
        let run = try Binary.run("check", "no-such-pack")
        #expect(run.stdout == "")
        #expect(run.stderr == "retake-coach: no-such-pack: no such rule pack folder\n")
        #expect(run.status == 66)
    }
}
