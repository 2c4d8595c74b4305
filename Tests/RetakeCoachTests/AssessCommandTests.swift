import Foundation
import Testing

/// `retake-coach assess` run as a candidate would run it.
@Suite("retake-coach assess")
struct AssessCommandTests {
    static let personas = Binary.package.appendingPathComponent("Tests/CoachTests/Fixtures/personas")
    static let reports = Binary.package.appendingPathComponent("Tests/CoachTests/Fixtures/reports")

    private func report(_ name: String) throws -> String {
        try String(contentsOf: Self.reports.appendingPathComponent(name), encoding: .utf8)
    }

    @Test func printsTheJSONDiagnosisAndExits0() throws {
        let run = try Binary.run(["assess", "--facts", "documentation_reader.yaml", "--now", "2023-12-02T18:00",
                                  "--format", "json"], in: Self.personas)
        #expect(run.stdout == (try report("documentation_reader.json")))
        #expect(run.stderr == "")
        #expect(run.status == 0)
    }

    @Test func writesTheMarkdownReportAndCalendarForTheCandidateOnly() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assess-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let markdown = folder.appendingPathComponent("plan.md").path, calendar = folder.appendingPathComponent("plan.ics").path
        let run = try Binary.run(["assess", "--facts", "documentation_reader.yaml", "--now", "2023-12-02T18:00",
                                  "--report", markdown, "--calendar", calendar], in: Self.personas)
        #expect(run.status == 0)
        #expect(run.stdout == (try report("documentation_reader.txt")))
        #expect(try String(contentsOfFile: markdown, encoding: .utf8) == (try report("documentation_reader.md")))
        #expect(try String(contentsOfFile: calendar, encoding: .utf8) == (try report("documentation_reader.ics")))
        for path in [markdown, calendar] {
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == 0o600)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["plan.ics", "plan.md"])
    }

    @Test func aMissingFactsFileExits66() throws {
        let run = try Binary.run(["assess", "--facts", "nowhere.yaml"], in: Self.personas)
        #expect(run.stdout == "")
        #expect(run.stderr == "retake-coach: nowhere.yaml: no such facts file\n")
        #expect(run.status == 66)
    }

    @Test func badFactsAreNamedWithTheirPlaceAndExit65() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assess-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "attempt: 0\nscores.nlp: 120\n".write(to: folder.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        try "attempt: [1\n".write(to: folder.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        let bad = try Binary.run(["assess", "--facts", "bad.yaml"], in: folder)
        #expect(bad.stderr == """
            retake-coach: bad.yaml:1:10: error: attempt: 0 is below the lowest allowed, 1
            retake-coach: bad.yaml:2:13: error: scores.nlp: 120 is above the highest allowed, 100

            """)
        #expect(bad.status == 65)
        let broken = try Binary.run(["assess", "--facts", "broken.yaml"], in: folder)
        #expect(broken.stderr.hasPrefix("retake-coach: broken.yaml:2:1: error: YAML syntax: "))
        #expect(broken.stderr.split(separator: "\n").count == 1)
        #expect(broken.status == 65)
    }

    @Test func aBadClockOrFormatIsAUsageError() throws {
        let run = try Binary.run(["assess", "--facts", "partial.yaml", "--now", "yesterday-ish"], in: Self.personas)
        #expect(run.status == 64)
        let format = try Binary.run(["assess", "--facts", "partial.yaml", "--format", "html"], in: Self.personas)
        #expect(format.status == 64)
    }

    @Test func anotherRulePackCanBeNamed() throws {
        let run = try Binary.run(["assess", "--facts", "partial.yaml", "--rules", "/nonexistent/pack"], in: Self.personas)
        #expect(run.stderr == "retake-coach: /nonexistent/pack: no such rule pack folder\n")
        #expect(run.status == 66)
    }

    @Test func aJSONFactsFileReadsAsTheYAMLOne() throws {
        let run = try Binary.run(["assess", "--facts", "documentation_reader.json", "--now", "2023-12-02T18:00",
                                  "--format", "json"], in: Self.personas)
        #expect(run.stdout == (try report("documentation_reader.json")))
        #expect(run.status == 0)
    }

    // MARK: Which exam

    static let fixtures = Binary.package.appendingPathComponent("Tests/CoachTests/Fixtures")

    /// Writes `text` as `name` in a fresh folder, and runs `assess` on it.
    private func assess(_ text: String, _ arguments: [String] = []) throws -> Binary.Run {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assess-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try text.write(to: folder.appendingPathComponent("facts.yaml"), atomically: true, encoding: .utf8)
        return try Binary.run(["assess", "--facts", "facts.yaml"] + arguments, in: folder)
    }

    @Test func withoutAnExamTheDayOfTheFailureChoosesIt() throws {
        // After AI-102 retired, only AI-103 could be sat.
        let ai103 = try Binary.run(["assess", "--facts", "documentation_reader.yaml", "--now", "2026-11-28T18:00",
                                    "--format", "json"], in: Self.fixtures.appendingPathComponent("personas-ai103"))
        #expect(ai103.stdout.hasPrefix("""
            {
              "exam": {
                "code": "AI-103",
                "name": "Developing AI Apps and Agents on Azure",
                "outline": "2026-04-16",
                "retires": null,
                "successor": null
              },
            """))
        #expect(ai103.status == 0)
        // Before AI-103 opened, only AI-102; its outline the one in force.
        let ai102 = try Binary.run(["assess", "--facts", "documentation_reader.yaml", "--now", "2023-12-02T18:00",
                                    "--format", "json"], in: Self.personas)
        #expect(ai102.stdout.hasPrefix("""
            {
              "exam": {
                "code": "AI-102",
                "name": "Designing and Implementing a Microsoft Azure AI Solution",
                "outline": "article",
                "retires": "2026-06-30",
                "successor": "AI-103"
              },
            """))
        // Both could be sat in AI-102's last weeks: the candidate says which.
        let both = try assess("failed_at: 2026-06-15 09:00\nattempt: 1\n")
        #expect(both.stderr == "retake-coach: facts.yaml: AI-103 and AI-102 could both be sat on 2026-06-15; "
                + "name the exam with --exam ai103|ai102\n")
        #expect(both.status == 64)
        #expect(try assess("failed_at: 2026-06-15 09:00\nattempt: 1\n", ["--exam", "ai102"]).status == 0)
    }

    @Test func aFailureAfterAI102RetiredIsRefusedNamingAI103() throws {
        let run = try assess("failed_at: 2026-07-02 09:00\nattempt: 1\n", ["--exam", "ai102", "--now", "2026-07-03T09:00"])
        #expect(run.stderr == "retake-coach: facts.yaml: failed_at: AI-102 retired on 2026-06-30, so an exam sat on "
                + "2026-07-02 09:00 was not AI-102; most likely it was AI-103, which replaced it. Run retake-coach --exam ai103.\n")
        #expect(run.status == 65)
    }

    @Test func theExamIsNamedOnceAndAmongThoseThereAre() throws {
        // The exam's code is its name too.
        #expect(try assess("failed_at: 2023-12-02 09:00\nattempt: 1\n", ["--exam", "AI-102", "--now", "2023-12-02T18:00"]).status == 0)
        let unknown = try assess("attempt: 1\n", ["--exam", "ai012"])
        #expect(unknown.stderr == "retake-coach: unknown exam 'ai012'; did you mean 'ai102'? the exams are ai103, ai102\n")
        #expect(unknown.status == 64)
        let twice = try assess("attempt: 1\n", ["--exam", "ai102", "--rules", "rules/ai102"])
        #expect(twice.stderr == "retake-coach: --exam and --rules both say which pack to use; give one of them\n")
        #expect(twice.status == 64)
    }

    @Test func theReportSaysWhichExamAndOutlineThePlanIsFor() throws {
        let run = try Binary.run(["assess", "--facts", "documentation_reader.yaml", "--exam", "ai102", "--now", "2026-05-04T10:30"],
                                 in: Self.fixtures.appendingPathComponent("personas-ai102-2025"))
        #expect(run.stdout.contains("""
            For AI-102, Designing and Implementing a Microsoft Azure AI Solution,
            following the 2025 outline (revised 23 December 2025).
            """))
        #expect(run.status == 0)
    }
}
