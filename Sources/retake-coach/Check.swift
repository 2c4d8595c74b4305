import ArgumentParser
import Coach
import RuleEngine
import RulePacks

extension RetakeCoach {
    /// `retake-coach check [DIR]`: loads a rule pack and lints it.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load a rule pack and report every problem as file:line:col.",
            discussion: "Exits 0 when the pack has no errors (warnings are allowed), 1 when it has errors."
        )

        @Argument(help: "The rule pack folder (default: the bundled AI-102 pack).")
        var directory: String?

        func run() throws {
            let folder = directory ?? RulePacks.ai102
            let checked: CoachPack.Checked
            do {
                checked = try CoachPack.check(directory: folder)
            } catch {
                printError(error.description)
                throw ExitCode(66)
            }
            let renderer = checked.pack.renderer
            for diagnostic in checked.diagnostics {
                print(renderer.render(diagnostic))
            }
            let errors = checked.diagnostics.filter { $0.severity == .error }.count
            let warnings = checked.diagnostics.count - errors
            if let opened = checked.opened {
                let summary = "\(folder): \(plural(opened.ruleBase.ruleIDs.count, "rule")), "
                    + "\(plural(opened.ruleBase.facts.count, "fact")), \(plural(opened.questions.questions.count, "question"))"
                print(warnings == 0 ? "\(summary), no problems" : "\(summary), \(plural(warnings, "warning"))")
            } else {
                print("\(folder): \(plural(errors, "error")), \(plural(warnings, "warning"))")
                throw ExitCode(1)
            }
        }
    }
}

func plural(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}
