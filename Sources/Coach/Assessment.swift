import RuleEngine

/// What the rules concluded about a candidate, gathered from the pack's
/// output facts into the shape the reports print.
///
/// Every decision is the rules'; this only reads the facts they set.
public struct Assessment: Sendable {
    /// A ranked candidate explanation: a failure pattern or failure type.
    public struct Candidate: Sendable, Equatable {
        public let id: String
        public let name: String
        public let score: Double
        public let because: [String]
        /// What the pattern needs, when the pack says.
        public let need: String?
    }

    public struct PlanWeek: Sendable, Equatable {
        public let week: Int
        public let focus: String
        public let items: [String]
    }

    public struct ChecklistItem: Sendable, Equatable {
        public let id: String
        public let text: String
    }

    public struct Cost: Sendable, Equatable {
        public let currency: String
        public let perAttempt: Double
        public let spent: Double
    }

    public var now: Moment?
    public var protocolPhase: String?
    public var protocolDo: [String] = []
    public var protocolDont: [String] = []

    public var scorePattern: String?
    public var scoreAdvice: [String] = []
    /// Weak domains, weakest first, as (id, name, score).
    public var weakDomains: [(id: String, name: String, score: Double?)] = []

    public var pattern: String?
    public var patternRanking: [Candidate] = []
    public var runnerUp: String?
    public var failureType: String?
    public var failureTypeRanking: [Candidate] = []

    public var weeksMin: Int?
    public var weeksMax: Int?
    public var timelineNotes: [String] = []

    public var earliest: Moment?
    public var recommendedFrom: Moment?
    public var recommendedTo: Moment?
    public var targetDate: Value?
    public var targetOK: Bool?
    public var warnings: [String] = []

    public var planStart: Moment?
    public var plan: [PlanWeek] = []
    public var checklist: [ChecklistItem] = []
    public var cost: Cost?

    public var firedRules: [String] = []
    /// Answers not given that would let the rules decide more.
    public var openFacts: [(name: String, summary: String?)] = []

    /// Reads the conclusions of `inference`.
    public init(_ inference: Inference) {
        func text(_ name: String) -> String? {
            if case .string(let s)? = inference.value(of: name) { s } else { nil }
        }
        func texts(_ name: String) -> [String] {
            inference.value(of: name)?.elements?.compactMap { if case .string(let s) = $0 { s } else { nil } } ?? []
        }
        func number(_ name: String) -> Double? {
            if case .number(let x)? = inference.value(of: name) { x } else { nil }
        }
        func moment(_ name: String) -> Moment? {
            if case .date(let m)? = inference.value(of: name) { m } else { nil }
        }
        func records(_ name: String) -> [Record] {
            inference.value(of: name)?.elements?.compactMap { if case .record(let r) = $0 { r } else { nil } } ?? []
        }

        now = moment(CoachPack.clockFact)
        protocolPhase = text("protocol_phase")
        protocolDo = texts("protocol_do")
        protocolDont = texts("protocol_dont")

        scorePattern = text("score_pattern")
        scoreAdvice = texts("score_advice")
        let domains = inference.collection(named: "domains") ?? []
        weakDomains = texts("weak_domains").map { id in
            let record = domains.first { $0["id"] == .string(id) }
            return (id, record?["name"]?.description ?? id, record?["score"].flatMap(\.number))
        }

        pattern = text("pattern")
        patternRanking = records("pattern_ranking").map(Assessment.candidate)
        runnerUp = text("pattern_runner_up")
        failureType = text("failure_type")
        failureTypeRanking = records("failure_type_ranking").map(Assessment.candidate)

        weeksMin = number("timeline.weeks_min").map { Int($0) }
        weeksMax = number("timeline.weeks_max").map { Int($0) }
        timelineNotes = texts("timeline.notes")

        earliest = moment("retake.earliest")
        recommendedFrom = moment("retake.recommended_from")
        recommendedTo = moment("retake.recommended_to")
        targetDate = inference.value(of: "target_date")
        if case .bool(let ok)? = inference.value(of: "retake.target_ok") { targetOK = ok }
        warnings = texts("retake.warnings")

        planStart = moment("plan_start")
        plan = records("plan").compactMap { record in
            guard let week = record["week"]?.number, let focus = record["focus"] else { return nil }
            let items = record["items"]?.elements?.map(\.description) ?? []
            return PlanWeek(week: Int(week), focus: focus.description, items: items)
        }.sorted { $0.week < $1.week }
        checklist = records("checklist").compactMap { record in
            guard case .string(let id)? = record["id"], let text = record["text"] else { return nil }
            return ChecklistItem(id: id, text: text.description)
        }
        if let currency = text("cost.currency"), let perAttempt = number("cost.per_attempt"), let spent = number("cost.spent") {
            cost = Cost(currency: currency, perAttempt: perAttempt, spent: spent)
        }

        firedRules = inference.firedRules
        openFacts = inference.openFacts.map { ($0, inference.ruleBase.fact(named: $0)?.summary) }
    }

    private static func candidate(_ record: Record) -> Candidate {
        Candidate(
            id: record["id"]?.description ?? "",
            name: record["name"]?.description ?? record["id"]?.description ?? "",
            score: record["score"]?.number ?? 0,
            because: record["because"]?.elements?.map(\.description) ?? [],
            need: record["need"]?.description
        )
    }
}

extension Value {
    /// The number, when this is one.
    public var number: Double? {
        if case .number(let x) = self { x } else { nil }
    }
}
