import ArgumentParser
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

/// Checks, before anything is asked or worked out, that each file to be
/// written at the end can be: its folder exists and takes new files, and it
/// is no folder itself nor a file closed to writing. Exits 73 naming the
/// first that cannot, as `curl -o` does, so no answer is given in vain.
func checkOutputs(_ paths: String?...) throws {
    for path in paths.compactMap({ $0 }) {
        if let reason = whyUnwritable(path) {
            printError("\(path): cannot write: \(reason)")
            throw ExitCode(73)
        }
    }
}

/// Why `path` cannot be written as `PrivateFile` writes (a temporary file
/// beside it, renamed over it), or nil when it can.
private func whyUnwritable(_ path: String) -> String? {
    guard !path.isEmpty else { return "no file name" }
    var isFolder = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) {
        if isFolder { return "it is a folder" }
        if access(path, W_OK) != 0 { return String(cString: strerror(errno)) }
    }
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent().path
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) else {
        return "there is no folder \(folder)"
    }
    guard isFolder else { return "\(folder) is not a folder" }
    guard access(folder, W_OK | X_OK) == 0 else { return "\(folder): \(String(cString: strerror(errno)))" }
    return nil
}
