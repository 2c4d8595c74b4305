#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import RuleEngine

/// The words the coach prints around the rules' conclusions, from the pack's
/// `texts:` section, with `{name}` placeholders filled by the caller.
public struct Texts: Sendable {
    private let entries: [String: String]

    public init(entries: [String: String]) {
        self.entries = entries
    }

    /// Reads every `texts:` section of a pack.
    public init(pack: RulePack) {
        var entries: [String: String] = [:]
        for section in pack.sections["texts"] ?? [] {
            for (key, value) in section.mapping ?? [] {
                if let name = key.string, let text = value.string { entries[name] = text }
            }
        }
        self.init(entries: entries)
    }

    /// Keys the pack does not define; `check` and the tests look at these.
    public func missing(_ keys: [String]) -> [String] {
        keys.filter { entries[$0] == nil }
    }

    /// The text for `key`, when the pack defines it.
    public func optional(_ key: String) -> String? { entries[key] }

    /// The text for `key` with its placeholders filled; a missing key shows
    /// as itself in brackets, so the gap is visible rather than silent.
    public subscript(_ key: String, _ values: [String: String] = [:]) -> String {
        guard var text = entries[key] else { return "[\(key)]" }
        for (name, value) in values {
            text = text.replacing("{\(name)}", with: value)
        }
        return text
    }
}
