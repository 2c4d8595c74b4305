import ArgumentParser
import Coach
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension RetakeCoach {
    /// `retake-coach forget`: deletes every saved session and the history.
    struct Forget: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete every saved session and the line history, after a confirmation."
        )

        @Flag(help: "Do not ask; delete at once.")
        var yes = false

        func run() throws {
            guard let folder = SessionStore.defaultFolder(environment: ProcessInfo.processInfo.environment) else {
                print("Nothing is kept: there is no home or state folder.")
                return
            }
            let store = SessionStore(folder: folder)
            let files = store.keptFiles()
            let sessions = files.filter { $0.hasSuffix(".json") }.count
            // Lock files alone are no one's answers: removed without asking.
            guard sessions > 0 || files.contains(store.historyFile) else {
                for file in files { unlink(file) }
                print("Nothing is kept in \(folder).")
                return
            }
            let what = "\(plural(sessions, "saved session"))" + (files.contains(store.historyFile) ? " and the history" : "")
            if !yes {
                StandardOutput.write("Delete \(what) in \(folder)? This cannot be undone. (yes/no) ")
                guard case .line(let answer) = PlainLineReader().readLine(prompt: "", completions: Completions()),
                      ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased()) else {
                    print("Nothing deleted.")
                    return
                }
            }
            var failed: [String] = []
            for file in files where unlink(file) != 0 {
                failed.append("\(file): \(String(cString: strerror(errno)))")
            }
            for problem in failed { printError("cannot delete \(problem)") }
            guard failed.isEmpty else { throw ExitCode(73) }
            print("Deleted \(what).")
        }
    }
}
