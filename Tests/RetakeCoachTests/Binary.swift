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

    /// Runs the binary in `folder` with `input` on its standard input (none:
    /// an empty input) and `environment` added to the test's own.
    static func run(_ arguments: [String], in folder: URL = fixtures, input: String? = nil,
                    environment: [String: String] = [:], executable: URL? = nil) throws -> Run {
        try run(arguments, in: folder, bytes: input.map { Data($0.utf8) }, environment: environment, executable: executable)
    }

    /// Runs the binary with `bytes` on its standard input as they are, valid
    /// UTF-8 or not.
    static func run(_ arguments: [String], in folder: URL = fixtures, bytes input: Data?,
                    environment: [String: String] = [:], executable other: URL? = nil) throws -> Run {
        let executable = try #require(other ?? executable, "retake-coach was not built next to the tests")
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        let process = try launch(executable) { process in
            process.arguments = arguments
            process.currentDirectoryURL = folder
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
            process.standardInput = stdin
            process.standardOutput = stdout
            process.standardError = stderr
        }
        // NB: input is written from another thread, so a large input cannot
        // block while the output pipe fills.
        let writer = Thread {
            if let input { try? stdin.fileHandleForWriting.write(contentsOf: input) }
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let errors = ErrorCollector(stderr.fileHandleForReading)
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus,
                   stdout: String(decoding: out, as: UTF8.self),
                   stderr: String(decoding: errors.finish(), as: UTF8.self))
    }

    /// Starts `executable`, set up by `configure`. A binary a test has just
    /// copied can be briefly busy: a process that another test forked while
    /// the copy was open for writing holds it until that child execs, and
    /// until then starting the copy fails with ETXTBSY. Starting is retried
    /// for up to two seconds in that case only.
    private static func launch(_ executable: URL, _ configure: (Process) -> Void) throws -> Process {
        var attempts = 0
        while true {
            let process = Process()
            process.executableURL = executable
            configure(process)
            do {
                try process.run()
                return process
            } catch let error as NSError where attempts < 100 && error.isTextFileBusy {
                attempts += 1
                usleep(20_000)
            }
        }
    }

    /// The package's own folder (from Tests/RetakeCoachTests/Binary.swift),
    /// for the default scratch path and the fixtures other targets keep.
    static let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}

/// Reads a pipe to its end on another thread.
final class ErrorCollector: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread {
            self.data = handle.readDataToEndOfFile()
            self.done.signal()
        }.start()
    }

    func finish() -> Data {
        done.wait()
        return data
    }
}

private extension NSError {
    /// ETXTBSY, as Foundation reports it: directly or as the underlying error.
    var isTextFileBusy: Bool {
        if domain == NSPOSIXErrorDomain && code == Int(ETXTBSY) { return true }
        return (userInfo[NSUnderlyingErrorKey] as? NSError)?.isTextFileBusy ?? false
    }
}
