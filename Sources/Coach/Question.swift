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
    /// Answers refused although their type fits (a retake target before
    /// the exam), each with the reason the candidate is told.
    public var refusals: [Refusal] = []
    /// For a choice question: the multi-choice answer whose chosen values
    /// are the only ones offered, besides choices that are not values of it
    /// (`none`). Each choice keeps its number, so a number means the same
    /// thing in both lists.
    public var choicesWithin: String?
    /// The answer an empty line gives, worked out over the answers before
    /// it (the outline in force on the exam's day); none when it is unknown
    /// or not an answer the question reads.
    public var defaultAnswer: HostCondition?
    public let location: SourceLocation

    /// A `refuse:` entry: when `condition` holds over the answers with this
    /// one added, the answer is refused with `message`, whose `{fact}`
    /// placeholders are filled with those facts' values.
    public struct Refusal: Sendable {
        public let condition: HostCondition
        public let message: String
    }
}

/// The questions of a pack, in the order the pack gives them.
public struct QuestionSet: Sendable {
    public let questions: [Question]
    /// The phases in the order their first question comes.
    public let phases: [String]

    /// Fact → the positions of its questions, in order.
    private let positions: [String: [Int]]

    init(questions: [Question]) {
        self.questions = questions
        var seen = Set<String>()
        phases = questions.map(\.phase).filter { seen.insert($0).inserted }
        var positions: [String: [Int]] = [:]
        for (position, question) in questions.enumerated() { positions[question.fact, default: []].append(position) }
        self.positions = positions
    }

    /// The first question for `fact`: its only one, unless several share it.
    public func question(for fact: String) -> Question? {
        positions[fact].map { questions[$0[0]] }
    }

    /// The questions for `fact`: one, or several, each with its `ask_if`.
    public func questions(for fact: String) -> [Question] {
        positions[fact]?.map { questions[$0] } ?? []
    }

    /// The question for `fact` that applies over `inference`: the first
    /// whose `ask_if` does not fail there.
    public func question(for fact: String, in inference: Inference?) -> Question? {
        let asking = questions(for: fact)
        guard asking.count > 1, let inference else { return asking.first }
        return asking.first { $0.askIf?.holds(in: inference) != false } ?? asking.first
    }
}

extension Question {
    /// The `{fact}` names in a refusal's message.
    static func placeholders(in message: String) -> [String] {
        var names: [String] = []
        var rest = Substring(message)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    /// Why `answer` is refused, given the answers before it; nil when it is
    /// not.
    func refusal(of answer: Value?, after answers: [String: Value], in pack: CoachPack, now: Moment,
                 memo: MatchMemo? = nil) -> String? {
        guard !refusals.isEmpty, let answer else { return nil }
        var values = answers
        values[fact] = answer
        guard let inference = try? pack.infer(values, now: now, memo: memo, deciding: false) else { return nil }
        return refusal(in: inference)
    }

    /// Why the answer in `inference` is refused; nil when it is not.
    func refusal(in inference: Inference) -> String? {
        guard let refused = refusals.first(where: { $0.condition.holds(in: inference) == true }) else { return nil }
        var message = refused.message
        for name in Question.placeholders(in: message) {
            let shown = inference.value(of: name).map(Question.readable) ?? "?"
            message = message.replacing("{\(name)}", with: shown)
        }
        return message
    }

    /// A value as a refusal quotes it: a date as the candidate writes one.
    static func readable(_ value: Value) -> String {
        if case .date(let moment) = value { return moment.readable }
        return value.description
    }
}
