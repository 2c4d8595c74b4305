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
}
