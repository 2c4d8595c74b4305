import Foundation
import Testing

/// Runs the built `retake-coach` binary on the packs in `Fixtures` and
/// checks everything it prints and its exit status.
@Suite("retake-coach check")
struct CheckCommandTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The built executable. It is a product of the package, so it sits in
    /// the products folder (`.build/debug`, or that of any other scratch
    /// path) next to this target's resource bundle and the test bundle.
    static let executable: URL? = {
        var folders: [URL] = [Bundle.module.bundleURL.deletingLastPathComponent()]
        folders += Bundle.allBundles.map { $0.bundleURL.pathExtension == "xctest" ? $0.bundleURL.deletingLastPathComponent() : $0.bundleURL }
        if let main = Bundle.main.executableURL { folders.append(main.deletingLastPathComponent()) }
        // Tests/RetakeCoachTests/CheckCommandTests.swift → the package's default scratch path.
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        folders.append(package.appendingPathComponent(".build/debug"))
        return folders.map { $0.appendingPathComponent("retake-coach") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// The folder of the fixture packs; commands run from it so the paths
    /// they print are the short relative ones given.
    static let fixtures = Bundle.module.resourceURL!.appendingPathComponent("Fixtures")

    static func run(_ arguments: String...) throws -> Run {
        let executable = try #require(executable, "retake-coach was not built next to the tests")
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = fixtures
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus,
                   stdout: String(decoding: out, as: UTF8.self),
                   stderr: String(decoding: err, as: UTF8.self))
    }

    @Test func typoInAFactNameIsReportedWithItsLineAndExits1() throws {
        let run = try Self.run("check", "typo")
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
        let run = try Self.run("check", "clean")
        #expect(run.stdout == "clean: 2 rules, 3 facts, no problems\n")
        #expect(run.stderr == "")
        #expect(run.status == 0)
    }

    @Test func warningsAloneExit0() throws {
        let run = try Self.run("check", "warning/")
        #expect(run.stdout == """
            warning/rules.yaml:3:3: warning: 'retake_soon' is concluded but no rule reads it; mark it 'output: true' in 'facts' if it is a result
                  retake_soon: {type: bool, derived: true}
                  ^
            warning/: 1 rule, 2 facts, 1 warning

            """)
        #expect(run.stderr == "")
        #expect(run.status == 0)
    }

    @Test func missingFolderIsOneLineOnStandardErrorAndExits66() throws {
        let run = try Self.run("check", "no-such-pack")
        #expect(run.stdout == "")
        #expect(run.stderr == "retake-coach: no-such-pack: no such rule pack folder\n")
        #expect(run.status == 66)
    }
}
