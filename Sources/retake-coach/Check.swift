#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
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

        @Option(parsing: .upToNextOption,
                help: "Transcripts (files or folders of *.transcript) to replay; lists the rules none of them fires.")
        var coverage: [String] = []

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
                if !coverage.isEmpty { try reportCoverage(opened) }
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

extension RetakeCoach.Check {
    /// Replays the transcripts and prints each rule that none of them
    /// fires, then the count.
    func reportCoverage(_ pack: CoachPack) throws {
        var files: [String] = []
        for path in coverage {
            var isDirectory = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                printError("\(path): no such transcript or folder")
                throw ExitCode(66)
            }
            if isDirectory {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                files += names.filter { $0.hasSuffix(".transcript") }.sorted().map { (path.hasSuffix("/") ? path : path + "/") + $0 }
            } else {
                files.append(path)
            }
        }
        var fired = Set<String>()
        for file in files {
            let text = String(decoding: FileManager.default.contents(atPath: file) ?? Data(), as: UTF8.self)
            do {
                fired.formUnion(try Replay(try Transcript(parsing: text), pack: pack).firedRules)
            } catch {
                printError("\(file): \(error)")
                throw ExitCode(65)
            }
        }
        let unfired = pack.ruleBase.ruleIDs.filter { !fired.contains($0) }
        for id in unfired {
            let location = pack.ruleBase.location(ofRule: id).map { "\($0): " } ?? ""
            print("\(location)rule '\(id)' is fired by no transcript")
        }
        print("coverage: \(plural(files.count, "transcript")), \(unfired.count) of \(plural(pack.ruleBase.ruleIDs.count, "rule")) unfired")
    }
}
