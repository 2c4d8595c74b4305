#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The rule packs shipped inside the package, so the binary finds them from
/// any folder. The packs themselves are data: the folders beside this file.
public enum RulePacks {
    /// The folder of the AI-102 pack: the installed one, else the bundled one.
    public static var ai102: String { pack("ai102") }

    /// The folder of the AI-103 pack: the installed one, else the bundled one.
    public static var ai103: String { pack("ai103") }

    /// The packs of the exams the coach knows, by the name `--exam` takes,
    /// newest first.
    public static let exams = ["ai103", "ai102"]

    /// The folder of the pack `name`.
    public static func folder(of name: String) -> String { pack(name) }

    /// A pack's folder: where `make install` puts it, beside the installed
    /// binary's `bin`; else in the resource bundle beside the executable,
    /// where the package build puts it; else in the source tree the binary
    /// was built from.
    ///
    /// NB: the installed folder comes first. Install and uninstall keep it
    /// in step with the binary, while a bundle beside an installed binary
    /// can only be left over from a copy made by hand. A build folder has no
    /// `share` beside it, so built binaries read their bundle.
    ///
    /// NB: found by path rather than through `Bundle.module`, whose set-up
    /// costs the coach milliseconds of start-up before the first prompt.
    static func pack(_ name: String) -> String {
        let bundle = "retake-coach_RulePacks.resources"
        var candidates: [String] = []
        if let executable = executablePath() {
            let folder = executable.split(separator: "/", omittingEmptySubsequences: false).dropLast()
            let prefix = folder.dropLast().joined(separator: "/")
            candidates.append("\(prefix)/share/retake-coach/rules/\(name)")
            candidates.append("\(folder.joined(separator: "/"))/\(bundle)/\(name)")
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
