import Foundation
import Testing

/// `make install` and `make uninstall` into a folder of the test's own.
///
/// They install the binary the tests run (`BUILT=`): a release build would
/// take minutes, and SwiftPM cannot be run at all while `swift test` holds
/// the build folder's lock, so `SWIFT=false` makes any attempt fail at once
/// rather than wait for ever.
@Suite struct InstallTests {
    private func make(_ arguments: [String]) throws -> Binary.Run {
        let built = try #require(Binary.executable, "retake-coach was not built next to the tests")
        // NB: a `make test` above passes its own flags down through MAKEFLAGS.
        return try Binary.run(["make", "--no-print-directory"] + arguments
                                + ["BUILT=\(built.deletingLastPathComponent().path)", "SWIFT=false"],
                              in: Binary.package, environment: ["MAKEFLAGS": "", "MAKELEVEL": ""],
                              executable: URL(fileURLWithPath: "/usr/bin/env"))
    }

    private func temporaryFolder(_ name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Every file under `folder`, by its path inside it.
    private func files(under folder: URL) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        var files: [String] = []
        while let path = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isFolder),
               !isFolder.boolValue {
                files.append(path)
            }
        }
        return files.sorted()
    }

    @Test func anInstalledCoachRunsFromAnyFolderAndUninstallTakesItAllAway() throws {
        let prefix = try temporaryFolder("prefix")
        let elsewhere = try temporaryFolder("elsewhere")
        defer {
            try? FileManager.default.removeItem(at: prefix)
            try? FileManager.default.removeItem(at: elsewhere)
        }
        let install = try make(["install", "PREFIX=\(prefix.path)"])
        #expect(install.status == 0, "\(install.stderr)")

        let share = prefix.appendingPathComponent("share")
        let packs = try FileManager.default.contentsOfDirectory(atPath: Binary.package.appendingPathComponent("rules").path)
            .filter { !$0.hasSuffix(".swift") }
        for pack in packs {
            #expect(files(under: share.appendingPathComponent("retake-coach/rules/\(pack)"))
                    == files(under: Binary.package.appendingPathComponent("rules/\(pack)")), "pack \(pack)")
        }
        let manual = try String(contentsOf: share.appendingPathComponent("man/man1/retake-coach.1"), encoding: .utf8)
        #expect(manual.contains(".Dt RETAKE-COACH 1"))
        let bash = try String(contentsOf: share.appendingPathComponent("bash-completion/completions/retake-coach"), encoding: .utf8)
        #expect(bash.contains("compgen -W 'assess plan sessions replay check run forget"))
        #expect(bash.contains("complete -o filenames -F _retake-coach retake-coach"))
        let zsh = try String(contentsOf: share.appendingPathComponent("zsh/site-functions/_retake-coach"), encoding: .utf8)
        #expect(zsh.hasPrefix("#compdef retake-coach"))
        #expect(zsh.contains("'assess:"))
        let fish = try String(contentsOf: share.appendingPathComponent("fish/vendor_completions.d/retake-coach.fish"),
                              encoding: .utf8)
        #expect(fish.contains("complete -c 'retake-coach'"))
        #expect(fish.contains("-fa 'assess'"))

        let installed = prefix.appendingPathComponent("bin/retake-coach")
        let version = try Binary.run(["--version"], in: elsewhere, executable: installed)
        #expect(version.status == 0)
        #expect(version.stdout == (try Binary.run("--version").stdout))
        // The installed pack's welcome is changed, so the output tells which
        // pack the installed binary read.
        let texts = share.appendingPathComponent("retake-coach/rules/ai102/texts.yaml")
        try String(contentsOf: texts, encoding: .utf8).replacing("This is retake-coach.", with: "This is the installed coach.")
            .write(to: texts, atomically: true, encoding: .utf8)
        let session = try Binary.run(["--exam", "ai102", "--now", "2023-12-02T18:00", "--no-history"], in: elsewhere,
                                     environment: ["XDG_STATE_HOME": elsewhere.path], executable: installed)
        #expect(session.stdout.hasPrefix("This is the installed coach."))
        #expect(session.status == 3)
        let assess = try Binary.run(["assess", "--facts", AssessCommandTests.personas.appendingPathComponent("documentation_reader.yaml").path,
                                     "--now", "2023-12-02T18:00", "--format", "json"], in: elsewhere, executable: installed)
        #expect(assess.stdout.contains(#""id": "documentation_reader""#))
        #expect(assess.status == 0)

        // A pack put there by hand is not the install's to take away.
        let own = share.appendingPathComponent("retake-coach/rules/mine")
        try FileManager.default.createDirectory(at: own, withIntermediateDirectories: true)
        try "facts: {}\n".write(to: own.appendingPathComponent("facts.yaml"), atomically: true, encoding: .utf8)
        let uninstall = try make(["uninstall", "PREFIX=\(prefix.path)"])
        #expect(uninstall.status == 0, "\(uninstall.stderr)")
        #expect(files(under: prefix) == ["share/retake-coach/rules/mine/facts.yaml"])
        try FileManager.default.removeItem(at: share.appendingPathComponent("retake-coach"))
        #expect(try make(["uninstall", "PREFIX=\(prefix.path)"]).status == 0)
    }

    @Test func aStagedInstallGoesUnderDestdir() throws {
        let stage = try temporaryFolder("stage")
        defer { try? FileManager.default.removeItem(at: stage) }
        let install = try make(["install", "DESTDIR=\(stage.path)", "PREFIX=/opt/coach"])
        #expect(install.status == 0, "\(install.stderr)")
        let installed = files(under: stage)
        #expect(installed.contains("opt/coach/bin/retake-coach"))
        #expect(installed.contains("opt/coach/share/retake-coach/rules/ai102/facts.yaml"))
        #expect(installed.allSatisfy { $0.hasPrefix("opt/coach/") })
        #expect(try make(["uninstall", "DESTDIR=\(stage.path)", "PREFIX=/opt/coach"]).status == 0)
        #expect(files(under: stage) == [])
    }
}
