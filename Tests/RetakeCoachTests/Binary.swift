import Foundation
import Testing

/// Runs the built `retake-coach` binary and captures what it prints and its
/// exit status.
enum Binary {
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
        folders.append(package.appendingPathComponent(".build/debug"))
        return folders.map { $0.appendingPathComponent("retake-coach") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// The folder of the fixture packs; commands run from it so the paths
    /// they print are the short relative ones given.
    static let fixtures = Bundle.module.resourceURL!.appendingPathComponent("Fixtures")

    static func run(_ arguments: String...) throws -> Run {
        try run(arguments)
    }

    static func run(_ arguments: [String], in folder: URL = fixtures) throws -> Run {
        let executable = try #require(executable, "retake-coach was not built next to the tests")
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
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

    /// The package's own folder (from Tests/RetakeCoachTests/Binary.swift),
    /// for the default scratch path and the fixtures other targets keep.
    static let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}
