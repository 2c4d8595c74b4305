import ArgumentParser
import Coach
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RuleEngine
import RulePacks

extension RetakeCoach {
    /// `retake-coach assess --facts FILE`: the diagnosis without questions.
    struct Assess: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the rules over a facts file and print the diagnosis.",
            discussion: "The facts file is YAML or JSON, with the fact names of the rule pack."
        )

        @Option(help: ArgumentHelp("The facts file (YAML or JSON).", valueName: "file"),
                completion: .file(extensions: ["yaml", "yml", "json"]))
        var facts: String

        @OptionGroup var pack: PackOptions

        @OptionGroup var output: ReportOptions

        func run() throws {
            try checkOutputs(output.report, output.calendar)
            guard let data = FileManager.default.contents(atPath: facts) else {
                printError("\(facts): no such facts file")
                throw ExitCode(66)
            }
            if SessionStore.decode(data) != nil {
                printError("\(facts): this is a saved session, not a facts file; `retake-coach plan \(facts)` shows its plan")
                throw ExitCode(65)
            }
            guard let text = String(data: data, encoding: .utf8) else {
                printError("\(facts): not UTF-8 text")
                throw ExitCode(65)
            }
            let pack = try self.pack.namedPack() ?? packForExamDate(in: SourceFile(name: facts, text: text))
            let answers: [String: Value]
            do {
                answers = try pack.facts(from: SourceFile(name: facts, text: text))
            } catch {
                for diagnostic in error.diagnostics { printError(DiagnosticRenderer().headline(diagnostic)) }
                throw ExitCode(65)
            }
            let clock = self.pack.clock
            let problems = pack.problems(in: answers, now: clock)
            guard problems.isEmpty else {
                for problem in problems { printError("\(facts): \(problem)") }
                throw ExitCode(65)
            }
            let assessment: Assessment
            do {
                assessment = try pack.assess(answers, now: clock)
            } catch {
                printError(error.description)
                throw ExitCode(65)
            }
            printAssessment(assessment, texts: pack.texts, format: output.format)
            try writeFile(output.report) { Report(assessment, texts: pack.texts).rendered(as: .markdown) }
            // The same answers give the same event ids, whatever the day.
            try writeFile(output.calendar) { Calendar(assessment, texts: pack.texts, identity: Calendar.identity(of: answers)).text }
        }

        /// With no exam named, the exam that could be sat on the day of
        /// `failed_at`; when two could, or the day is not given, the
        /// candidate says which.
        private func packForExamDate(in file: SourceFile) throws -> CoachPack {
            guard let text = FactsFile.scalar("failed_at", in: file), let day = Moment(parsing: text) else {
                // No day to go by: the exam whose facts the file names, the
                // most of them; of equals, the newest, unless the file reads
                // as both. (A file that names nothing, or cannot be read, is
                // the newest's to say so.)
                let packs = try exams.entries.map { try openPack($0.folder) }
                guard !packs.isEmpty else { return try openPack(nil) }
                let names = FactsFile.names(in: file)
                let known = packs.map { pack in names.filter { pack.ruleBase.fact(named: $0) != nil }.count }
                let best = packs.indices.filter { known[$0] == known.max() }
                if names.isEmpty || best.count == 1 || names.count > known.max() ?? 0 { return packs[best[0]] }
                printError("\(facts): no failed_at to tell the exam by; name it with --exam \(exams.ids.joined(separator: "|"))")
                throw ExitCode(64)
            }
            let sittable = exams.sittable(on: day)
            guard sittable.count == 1 else {
                let which = sittable.isEmpty ? "no exam the coach knows could be sat"
                    : sittable.map(\.exam.code).joined(separator: " and ") + " could both be sat"
                printError("\(facts): \(which) on \(day.dateOnly.readable); name the exam with --exam \(exams.ids.joined(separator: "|"))")
                throw ExitCode(64)
            }
            return try openPack(sittable[0].folder)
        }
    }

    /// How `assess` and `plan` print the report, and the files they also
    /// write.
    struct ReportOptions: ParsableArguments {
        @Option(help: "text, markdown or json.")
        var format: OutputFormat = .text

        @Option(help: ArgumentHelp("Also write the report as Markdown to this file.", valueName: "file.md"),
                completion: .file(extensions: ["md"]))
        var report: String?

        @Option(help: ArgumentHelp("Also write the plan and retake dates to this iCalendar file.", valueName: "file.ics"),
                completion: .file(extensions: ["ics"]))
        var calendar: String?
    }

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, markdown, json
    }
}

/// The exams whose packs ship with the coach, newest first.
let exams = ExamCatalog(folders: RulePacks.exams.map { ($0, RulePacks.folder(of: $0)) })

extension PackOptions {
    /// The pack `--rules` or `--exam` names; nil when neither does.
    func namedPack() throws -> CoachPack? {
        if rules != nil, exam != nil {
            printError("--exam and --rules both say which pack to use; give one of them")
            throw ExitCode(64)
        }
        if let rules { return try openPack(rules) }
        guard let exam else { return nil }
        return try openPack(try examEntry(exam).folder)
    }
}

extension PackOptions {
    /// Refuses `--exam` naming another exam than the saved session's: its
    /// answers would be read as another exam's.
    func check(against saved: SavedSession) throws {
        guard let exam, let kept = saved.exam, let named = exams.entry(exam), named.id != kept else { return }
        let code = exams.entry(kept)?.exam.code ?? kept
        printError("the session \(saved.id) is about \(code), not \(named.exam.code); leave out --exam to go on with it")
        throw ExitCode(64)
    }
}

/// The exam `--exam` names, or exit 64 with the ones there are.
func examEntry(_ name: String) throws -> ExamCatalog.Entry {
    guard let entry = exams.entry(name) else {
        let hint = Spelling.suggestion(for: name.lowercased(), among: exams.ids).map { "did you mean '\($0)'? " } ?? ""
        printError("unknown exam '\(name)'; \(hint)the exams are \(exams.ids.joined(separator: ", "))")
        throw ExitCode(64)
    }
    return entry
}

/// Opens the pack at `directory` (the bundled one when nil), or exits with
/// the reason: 66 when it is missing, 65 when it has errors.
func openPack(_ directory: String?) throws -> CoachPack {
    do {
        return try CoachPack.open(directory: directory ?? RulePacks.ai102)
    } catch {
        switch error {
        case .notFound(let reason):
            printError(reason.description)
            throw ExitCode(66)
        case .invalid(let problems):
            printPackProblems(problems, folder: directory ?? RulePacks.ai102)
            throw ExitCode(65)
        }
    }
}

/// A pack's errors as a command that cannot use the pack says them, on
/// standard error: the first five, then how many more and how to see them
/// all.
func printPackProblems(_ problems: [String], folder: String) {
    for problem in problems.prefix(5) { printError(problem) }
    if problems.count > 5 {
        printError("… and \(problems.count - 5) more; `retake-coach check \(folder)` lists them all")
    }
}

/// Writes a file the candidate keeps (0600, atomically) when a path is given.
func writeFile(_ path: String?, _ contents: () -> String) throws {
    guard let path else { return }
    do {
        try PrivateFile.write(contents(), to: path)
    } catch {
        printError(error.description)
        throw ExitCode(73)
    }
}
