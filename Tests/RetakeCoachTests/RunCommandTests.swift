import Foundation
import Testing

/// `retake-coach run` on packs that coach no one: written here, in a fresh
/// folder, and run from it so the paths printed are short.
@Suite("retake-coach run")
struct RunCommandTests {
    /// Who takes which task: a join of tasks and people on their skill,
    /// kept in a derived list of records that other rules read.
    static let team = """
        facts:
          team: {type: set, of: text}
          started: {type: date}
          effort: {type: number, min: 0, max: 60}
          pairs: {type: list, of: record, derived: true}
          staffed: {type: set, of: text, derived: true, output: true}
          load: {type: number, derived: true, output: true}
          review_on: {type: date, derived: true, output: true}
          overtime: {type: bool, derived: true, output: true}
        collections:
          people:
            - {id: ana, skill: speech}
            - {id: bo, skill: vision}
            - {id: cy, skill: speech}
          tasks:
            - {id: t1, skill: speech}
            - {id: t2, skill: vision}
        rules:
          - id: pair
            for: [t in tasks, p in people]
            when: [p.skill == t.skill, p.id in team]
            then: [{append: pairs, item: {task: = t.id, person: = p.id}}]
          - id: staff
            for: q in pairs
            then: [{append: staffed, item: = q.task}]
          - id: share
            when: count(pairs) > 0
            then: [{set: load, to: = effort / count(pairs)}]
          - id: review
            then: [{set: review_on, to: = started + 14 days}]
          - id: overtime
            when: effort > 40
            then: [{set: overtime, to: true}]
        """

    static let facts = "team: [ana, bo]\nstarted: 2026-05-04\neffort: 30\n"

    /// Runs `run` with `arguments` in a folder holding `files` (path →
    /// text; a path in a subfolder makes the subfolder).
    private func run(_ arguments: [String], files: [String: String]) throws -> Binary.Run {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("run-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return try Binary.run(["run"] + arguments, in: folder)
    }

    @Test func printsEachConclusionAsTheRuleLanguageWritesIt() throws {
        let run = try run(["--rules", "team", "--facts", "facts.yaml"],
                          files: ["team/pack.yaml": Self.team, "facts.yaml": Self.facts])
        // 'overtime' stays unknown (30 is not over 40), so it is left out.
        #expect(run.stdout == """
            pairs = [{task: "t1", person: "ana"}, {task: "t2", person: "bo"}]
            staffed = {"t1", "t2"}
            load = 15
            review_on = date("2026-05-18")

            """)
        #expect(run.stderr == "")
        #expect(run.status == 0)
    }

    @Test func printsTheConclusionsAsOneJSONObject() throws {
        let run = try run(["--rules", "team", "--facts", "facts.json", "--format", "json"],
                          files: ["team/pack.yaml": Self.team,
                                  "facts.json": #"{"team": ["ana", "bo"], "started": "2026-05-04", "effort": 30}"#])
        #expect(run.stdout == """
            {
              "pairs": [
                {
                  "task": "t1",
                  "person": "ana"
                },
                {
                  "task": "t2",
                  "person": "bo"
                }
              ],
              "staffed": ["t1", "t2"],
              "load": 15,
              "review_on": "2026-05-18"
            }

            """)
        #expect(run.stderr == "")
        #expect(run.status == 0)
    }

    @Test func withoutFactsTheRulesRunOverNoAnswers() throws {
        let files = ["team/pack.yaml": Self.team]
        let text = try run(["--rules", "team"], files: files)
        #expect(text.stdout == "")
        #expect(text.stderr == "")
        #expect(text.status == 0)
        #expect(try run(["--rules", "team", "--format", "json"], files: files).stdout == "{}\n")
    }

    @Test func aMissingFactsFileOrPackExits66() throws {
        let facts = try run(["--rules", "team", "--facts", "nowhere.yaml"], files: ["team/pack.yaml": Self.team])
        #expect(facts.stdout == "")
        #expect(facts.stderr == "retake-coach: nowhere.yaml: no such facts file\n")
        #expect(facts.status == 66)
        let pack = try run(["--rules", "nowhere", "--facts", "facts.yaml"], files: ["facts.yaml": Self.facts])
        #expect(pack.stderr == "retake-coach: nowhere: no such rule pack folder\n")
        #expect(pack.status == 66)
    }

    @Test func aBadFactValueIsNamedAtItsPlaceAndExits65() throws {
        let run = try run(["--rules", "team", "--facts", "bad.yaml"],
                          files: ["team/pack.yaml": Self.team, "bad.yaml": Self.facts.replacing("effort: 30", with: "effort: 90")])
        #expect(run.stdout == "")
        #expect(run.stderr == "retake-coach: bad.yaml:3:9: error: effort: 90 is above the highest allowed, 60\n")
        #expect(run.status == 65)
    }

    @Test func rulesThatKeepFiringStopAtTheBoundAndExit65() throws {
        let run = try run(["--rules", "grow"], files: ["grow/pack.yaml": """
            facts:
              numbers: {type: set, of: number, derived: true, output: true}
            settings: {max_firings: 100}
            rules:
              - {id: zero, then: [{append: numbers, item: 0}]}
              - {id: next, for: n in numbers, then: [{append: numbers, item: = n + 1}]}
            """])
        #expect(run.stdout == "")
        #expect(run.stderr == "retake-coach: the rules did not settle after 100 firings; these kept firing: next\n")
        #expect(run.status == 65)
    }

    @Test func aPackWithErrorsIsRefusedAsAssessRefusesIt() throws {
        // Seven misspelt names: the first five are shown, and `check` for all.
        let rules = (1...7).map { "  - {id: r\($0), when: efort > \($0), then: [{set: out\($0), to: 1}]}" }
        let run = try run(["--rules", "broken", "--facts", "facts.yaml"], files: [
            "broken/pack.yaml": "facts:\n  effort: {type: number}\nrules:\n" + rules.joined(separator: "\n") + "\n",
            "facts.yaml": "effort: 3\n",
        ])
        #expect(run.stdout == "")
        #expect(run.stderr == """
            retake-coach: broken/pack.yaml:4:20: error: unknown name 'efort'; did you mean 'effort'?
            retake-coach: broken/pack.yaml:5:20: error: unknown name 'efort'; did you mean 'effort'?
            retake-coach: broken/pack.yaml:6:20: error: unknown name 'efort'; did you mean 'effort'?
            retake-coach: broken/pack.yaml:7:20: error: unknown name 'efort'; did you mean 'effort'?
            retake-coach: broken/pack.yaml:8:20: error: unknown name 'efort'; did you mean 'effort'?
            retake-coach: … and 2 more; `retake-coach check broken` lists them all

            """)
        #expect(run.status == 65)
    }

    @Test func aCoachsPackRunsWithItsOwnSectionsPassedOver() throws {
        let rules = Binary.package.appendingPathComponent("rules/ai102").path
        let run = try Binary.run(["run", "--rules", rules, "--facts", "documentation_reader.yaml"],
                                 in: AssessCommandTests.personas)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains(#"pattern = "documentation_reader""#))
        #expect(lines.contains(#"failure_type = "theory""#))
        #expect(lines.contains(#"retake.earliest = datetime("2023-12-03T15:00")"#))
        #expect(run.stderr == "")
        #expect(run.status == 0)
    }
}
