import RuleEngine

/// The coach's view of a rule pack: the engine's sections plus the ones the
/// coach reads itself.
public enum CoachPack {
    /// Sections of a pack that the coach, not the engine, reads: the exam
    /// data, the questions and the texts it prints.
    public static let sections: Set<String> = ["exam", "questions", "texts"]

    /// Loads and lints the pack in `directory`.
    public static func load(directory: String) throws(PackLoadError) -> RulePack {
        try PackLoader.load(directory: directory, hostSections: sections)
    }
}
