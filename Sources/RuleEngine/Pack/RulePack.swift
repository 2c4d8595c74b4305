#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A rule pack as loaded from its YAML files: the compiled rule base (when
/// it has no errors), every diagnostic, and the sections the engine leaves
/// to its host.
public struct RulePack: Sendable {
    /// nil when the pack has errors.
    public let ruleBase: RuleBase?
    public let diagnostics: [Diagnostic]
    public let files: [SourceFile]
    /// Host sections (`questions`, `texts`…) by name, in file order.
    public let sections: [String: [DataNode]]

    /// Renders this pack's diagnostics with their source lines.
    public var renderer: DiagnosticRenderer { DiagnosticRenderer(files: files) }
}

/// Why a pack's folder could not be read at all.
public enum PackLoadError: Error, Equatable, Sendable, CustomStringConvertible {
    case notFound(String)
    case notADirectory(String)

    public var description: String {
        switch self {
        case .notFound(let path): "\(path): no such rule pack folder"
        case .notADirectory(let path): "\(path): not a folder; a rule pack is a folder of .yaml files"
        }
    }
}

/// Loads rule packs: a folder of YAML files whose top-level sections are
/// `facts`, `constants`, `collections`, `rules` and `settings`, plus any the
/// host declares.
public enum PackLoader {
    public static let engineSections = ["facts", "constants", "collections", "rules", "settings"]

    /// Loads every `.yaml` and `.yml` file under `directory`, in path order.
    /// Only the files of that folder are read.
    public static func load(directory: String, hostSections: Set<String> = []) throws(PackLoadError) -> RulePack {
        var isDirectory = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            throw .notFound(directory)
        }
        guard isDirectory else { throw .notADirectory(directory) }
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        let subpaths = (try? FileManager.default.subpathsOfDirectory(atPath: directory)) ?? []
        var files: [SourceFile] = []
        var unreadable: [Diagnostic] = []
        for subpath in subpaths.sorted() where subpath.hasSuffix(".yaml") || subpath.hasSuffix(".yml") {
            let name = prefix + subpath, path = name
            guard let data = FileManager.default.contents(atPath: path) else {
                unreadable.append(.error(at: SourceLocation(file: name, line: 0, column: 0), "cannot read this file"))
                continue
            }
            guard let text = String(data: data, encoding: .utf8) else {
                unreadable.append(.error(at: SourceLocation(file: name, line: 0, column: 0), "this file is not UTF-8 text"))
                continue
            }
            files.append(SourceFile(name: name, text: text))
        }
        if files.isEmpty && unreadable.isEmpty {
            let diagnostic = Diagnostic.error(at: SourceLocation(file: directory, line: 0, column: 0),
                                              "no rule files here: a rule pack is a folder of .yaml files")
            return RulePack(ruleBase: nil, diagnostics: [diagnostic], files: [], sections: [:])
        }
        let pack = load(files: files, hostSections: hostSections)
        return RulePack(ruleBase: unreadable.isEmpty ? pack.ruleBase : nil,
                        diagnostics: (unreadable + pack.diagnostics).sortedByLocation(),
                        files: files, sections: pack.sections)
    }

    /// Loads a pack from files already in memory.
    public static func load(files: [SourceFile], hostSections: Set<String> = []) -> RulePack {
        var builder = PackBuilder(hostSections: hostSections)
        // The files are read side by side, then added in order.
        for read in Alongside.map(files, DataNodeReader.read) {
            switch read {
            case .success(let root?): builder.addFile(root)
            case .success(nil): break
            case .failure(let diagnostic): builder.diagnostics.append(diagnostic)
            }
        }
        let ruleBase = builder.build()
        let diagnostics = builder.diagnostics.sortedByLocation()
        return RulePack(ruleBase: diagnostics.hasErrors ? nil : ruleBase, diagnostics: diagnostics,
                        files: files, sections: builder.hostNodes)
    }

    /// One section of a pack file as read, nothing compiled: what a host
    /// needs to know about a pack before it opens it. Nil when the file
    /// does not read as YAML or lacks the section.
    public static func section(_ name: String, of file: SourceFile) -> DataNode? {
        guard case .success(let root?) = DataNodeReader.read(file) else { return nil }
        return root[name]
    }
}
