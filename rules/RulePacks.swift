#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The rule packs shipped inside the package, so the binary finds them from
/// any folder. The packs themselves are data: the folders beside this file.
public enum RulePacks {
    /// The folder of the AI-102 pack in the built bundle.
    public static var ai102: String { pack("ai102") }

    /// A pack's folder: in the resource bundle beside the executable, where
    /// the package build puts it; else in the source tree the binary was
    /// built from.
    ///
    /// NB: found by path rather than through `Bundle.module`, whose set-up
    /// costs the coach milliseconds of start-up before the first prompt.
    static func pack(_ name: String) -> String {
        let bundle = "retake-coach_RulePacks.resources"
        var candidates: [String] = []
        if let executable = executablePath() {
            let folder = executable.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
            candidates.append("\(folder)/\(bundle)/\(name)")
        }
        let sources = #filePath.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        candidates.append("\(sources)/\(name)")
        return candidates.first { FileManager.default.fileExists(atPath: $0) } ?? "rules/\(name)"
    }

    /// The running executable's path, links resolved.
    private static func executablePath() -> String? {
        #if os(Linux)
        return try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        #else
        return CommandLine.arguments.first.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }
        #endif
    }
}
