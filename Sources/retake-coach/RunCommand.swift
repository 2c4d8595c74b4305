import ArgumentParser
import Coach
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RuleEngine

extension RetakeCoach {
    /// `retake-coach run --rules DIR [--facts FILE]`: any rule pack, coach or
    /// not, run over a facts file, and every fact its rules concluded.
    struct RunCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Run a rule pack over a facts file and print what its rules concluded.",
            discussion: """
                For pack authors: the pack need not be a coach's (facts, constants, collections, rules \
                and settings are enough; a coach's own sections are passed over). Prints each derived \
                fact the rules gave a value, in the order the pack declares its facts; a derived fact \
                the rules left unknown is left out. Exits 65 when the facts file or the pack has \
                errors, or when inference stops with one (a rule's expression failed, or the rules \
                fired settings.max_firings times without settling).
                """
        )

        @Option(help: ArgumentHelp("The rule pack folder.", valueName: "dir"), completion: .directory)
        var rules: String

        @Option(help: ArgumentHelp("The facts file (YAML or JSON); without it, the rules run over no answers.",
                                   valueName: "file"),
                completion: .file(extensions: ["yaml", "yml", "json"]))
        var facts: String?

        @Option(help: "text: a line name = value for each fact, the value as the rule language writes it; json: one object.")
        var format: Format = .text

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text, json
        }

        func run() throws {
            let file = try facts.map(readFactsFile)
            // The facts file is read as YAML while the pack loads.
            let (ruleBase, document) = try Alongside.run(loadRuleBase, alongside: { file.map(FactsFile.Document.init) })
            let answers = try document.map { try readAnswers(from: $0, for: ruleBase) } ?? [:]
            let inference: Inference
            do {
                inference = try Engine(ruleBase: ruleBase).infer(answers, deciding: false)
            } catch {
                printError(error.description)
                throw ExitCode(65)
            }
            let concluded = inference.conclusions
            let values = ruleBase.facts.compactMap { fact in concluded[fact.name].map { (fact.name, $0) } }
            switch format {
            case .text:
                for (name, value) in values { print("\(name) = \(value.literal)") }
            case .json:
                print(JSON.object(values.map { ($0, JSON($1)) }).rendered())
            }
        }

        /// The pack's rule base, or exit: 66 when the folder is missing, 65
        /// when the pack has errors. A coach's sections are known, so a
        /// coach's pack loads too; the engine does not read them.
        private func loadRuleBase() throws -> RuleBase {
            let pack: RulePack
            do {
                pack = try PackLoader.load(directory: rules, hostSections: CoachPack.sections)
            } catch {
                printError(error.description)
                throw ExitCode(66)
            }
            guard let ruleBase = pack.ruleBase else {
                printPackProblems(pack.diagnostics.filter { $0.severity == .error }.map(pack.renderer.headline), folder: rules)
                throw ExitCode(65)
            }
            return ruleBase
        }

        /// The facts file's text, or exit: 66 when it is missing, 65 when
        /// it is not text.
        private func readFactsFile(_ path: String) throws -> SourceFile {
            guard let data = FileManager.default.contents(atPath: path) else {
                printError("\(path): no such facts file")
                throw ExitCode(66)
            }
            guard let text = String(data: data, encoding: .utf8) else {
                printError("\(path): not UTF-8 text")
                throw ExitCode(65)
            }
            return SourceFile(name: path, text: text)
        }

        /// The answers the facts file gives, or exit 65 naming each problem
        /// at its place.
        private func readAnswers(from document: FactsFile.Document, for ruleBase: RuleBase) throws -> [String: Value] {
            do {
                return try FactsFile.read(document, for: ruleBase)
            } catch {
                for diagnostic in error.diagnostics { printError(DiagnosticRenderer().headline(diagnostic)) }
                throw ExitCode(65)
            }
        }
    }
}
