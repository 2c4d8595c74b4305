import RuleEngine

/// A question of the session, as the pack's `questions:` section declares
/// it: which answer fact it fills, in which phase, and how an answer reads.
public struct Question: Sendable {
    /// How an answer to the question is read.
    public enum Kind: String, Sendable, CaseIterable {
        case choice, multi
        case yesNo = "yes_no"
        case integer, percent, date, datetime, text
    }

    public let fact: String
    public let phase: String
    public let kind: Kind
    public let prompt: String
    public let hint: String?
    public let help: String?
    /// The values an answer can take, with the words shown for each.
    public let choices: [(id: String, label: String)]
    /// The lowest and highest number allowed, from the fact's declaration.
    public let minimum: Double?
    public let maximum: Double?
    /// Words accepted besides the type (`none` for a date).
    public let words: [String]
    /// An empty answer or `skip` leaves the fact unknown.
    public let isOptional: Bool
    /// A date that cannot be later than now (when the exam was sat).
    public let isPast: Bool
    /// A date and time question that asks for the time of day when the
    /// answer gives only the date (`ask_time: true`).
    public var asksTime = false
    /// When the question applies; nil: always.
    public let askIf: HostCondition?
    public let location: SourceLocation
}

/// The questions of a pack, in the order the pack gives them.
public struct QuestionSet: Sendable {
    public let questions: [Question]
    /// The phases in the order their first question comes.
    public let phases: [String]

    init(questions: [Question]) {
        self.questions = questions
        var seen = Set<String>()
        phases = questions.map(\.phase).filter { seen.insert($0).inserted }
    }

    public func question(for fact: String) -> Question? {
        questions.first { $0.fact == fact }
    }
}
