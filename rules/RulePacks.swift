import Foundation

/// The rule packs shipped inside the package, so the binary finds them from
/// any folder. The packs themselves are data: the folders beside this file.
public enum RulePacks {
    /// The folder of the AI-102 pack in the built bundle.
    public static var ai102: String {
        Bundle.module.url(forResource: "ai102", withExtension: nil)?.path ?? "rules/ai102"
    }
}
