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

    /// A stretch of the plan: one week, or weeks `week` to `lastWeek`.
    public struct PlanWeek: Sendable, Equatable {
        public let week: Int
        public let lastWeek: Int
        public let focus: String
        public let items: [String]

        public init(week: Int, lastWeek: Int? = nil, focus: String, items: [String]) {
            self.week = week
            self.lastWeek = max(week, lastWeek ?? week)
            self.focus = focus
            self.items = items
        }
    }

    /// A conclusion the answers do not decide yet, and the answers that could
    /// decide it (fact names, in the pack's order).
    public struct Undecided: Sendable, Equatable {
        public let conclusion: String
        public let deciding: [String]
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
    /// The exam and the outline of its skills the plan is for.
    public var exam: Exam?
    public var outline: Exam.Outline?
    public var protocolPhase: String?
    public var protocolDo: [String] = []
    public var protocolDont: [String] = []
    /// What the phase rests on, when that needs saying (a day given
    /// without a time).
    public var protocolNotes: [String] = []

    public var scorePattern: String?
    public var scoreAdvice: [String] = []
    /// Weak domains, weakest first, as (id, name, score).
    public var weakDomains: [(id: String, name: String, score: Double?)] = []

    public var pattern: String?
    public var patternRanking: [Candidate] = []
    public var runnerUp: String?
    public var patternNotes: [String] = []
    public var failureType: String?
    public var failureTypeRanking: [Candidate] = []
    public var failureTypeNotes: [String] = []

    public var weeksMin: Int?
    public var weeksMax: Int?
    public var timelineNotes: [String] = []

    public var earliest: Moment?
    /// The earliest date is only the lower bound of one an open answer
    /// decides.
    public var earliestIsBound = false
    /// The earliest date errs on the safe side: the exam's time of day is
    /// not known, so it may come a day sooner.
    public var earliestIsSafeSide = false
    public var recommendedFrom: Moment?
    public var recommendedTo: Moment?
    public var targetDate: Value?
    public var targetOK: Bool?
    /// The target date is one the policy does not allow.
    public var targetForbidden = false
    public var warnings: [String] = []

    public var planStart: Moment?
    public var plan: [PlanWeek] = []
    /// What the plan merged or stretched, and why.
    public var planNotes: [String] = []
    public var checklist: [ChecklistItem] = []
    /// Words of comfort that are no task to tick off.
    public var reassurance: [String] = []
    public var cost: Cost?

    public var firedRules: [String] = []
    /// Answers not given that would let the rules decide more.
    public var openFacts: [(name: String, summary: String?)] = []
    /// The conclusions marked `settle: true` that the answers do not decide
    /// yet: they are left out above, whatever value the rules reached.
    public var undecided: [Undecided] = []
    /// What each answer is, from the pack's declarations, for naming the
    /// answers that would decide more.
    public var summaries: [String: String] = [:]

    /// The facts that say what to do now and what not yet.
    static let adviceFacts = ["protocol_do", "protocol_dont"]

    /// Reads the conclusions of `inference`.
    ///
    /// A conclusion the pack marks `settle: true` is read only when the
    /// answers decide it; so are the notes that go with it.
    public init(_ inference: Inference) {
        // Settled values only: a conclusion an open answer could change is
        // not stated.
        func text(_ name: String) -> String? {
            if case .string(let s)? = inference.settledValue(of: name) { s } else { nil }
        }
        func texts(_ name: String) -> [String] {
            inference.settledValue(of: name)?.elements?.compactMap { if case .string(let s) = $0 { s } else { nil } } ?? []
        }
        func number(_ name: String) -> Double? {
            if case .number(let x)? = inference.settledValue(of: name) { x } else { nil }
        }
        func moment(_ name: String) -> Moment? {
            if case .date(let m)? = inference.settledValue(of: name) { m } else { nil }
        }
        func records(_ name: String) -> [Record] {
            inference.settledValue(of: name)?.elements?.compactMap { if case .record(let r) = $0 { r } else { nil } } ?? []
        }
        // A conclusion's notes are said with it: a note may rest on evidence
        // still to come, as the conclusion does.
        func notes(_ name: String, with conclusion: String) -> [String] {
            inference.decision(of: conclusion).map { $0 == .settled } ?? true ? texts(name) : []
        }

        now = moment(CoachPack.clockFact)
        protocolPhase = text("protocol_phase")
        protocolDo = texts(Assessment.adviceFacts[0])
        protocolDont = texts(Assessment.adviceFacts[1])
        protocolNotes = texts("protocol_notes")

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
        patternNotes = notes("pattern_notes", with: "pattern")
        failureType = text("failure_type")
        failureTypeRanking = records("failure_type_ranking").map(Assessment.candidate)
        failureTypeNotes = notes("failure_type_notes", with: "failure_type")

        weeksMin = number("timeline.weeks_min").map { Int($0) }
        weeksMax = number("timeline.weeks_max").map { Int($0) }
        timelineNotes = notes("timeline.notes", with: "timeline.weeks_min")

        // A pack may withhold even the earliest date: when no attempt is
        // left, or none worth booking, before the exam retires.
        if case .bool(true)? = inference.value(of: "retake.earliest_withheld") {} else { earliest = moment("retake.earliest") }
        if case .bool(true)? = inference.value(of: "retake.earliest_is_bound") { earliestIsBound = true }
        if case .bool(true)? = inference.value(of: "retake.earliest_is_safe_side") { earliestIsSafeSide = true }
        recommendedFrom = moment("retake.recommended_from")
        recommendedTo = moment("retake.recommended_to")
        targetDate = inference.value(of: "target_date")
        if case .bool(let ok)? = inference.settledValue(of: "retake.target_ok") { targetOK = ok }
        if case .bool(true)? = inference.settledValue(of: "retake.target_forbidden") { targetForbidden = true }
        warnings = texts("retake.warnings")

        planStart = moment("plan_start")
        plan = records("plan").compactMap { record in
            guard let week = record["week"]?.number, let focus = record["focus"] else { return nil }
            let items = record["items"]?.elements?.map(\.description) ?? []
            return PlanWeek(week: Int(week), lastWeek: record["last_week"]?.number.map { Int($0) },
                            focus: focus.description, items: items)
        }.sorted { ($0.week, $0.lastWeek) < ($1.week, $1.lastWeek) }
        checklist = records("checklist").compactMap { record in
            guard case .string(let id)? = record["id"], let text = record["text"] else { return nil }
            return ChecklistItem(id: id, text: text.description)
        }
        if let currency = text("cost.currency"), let perAttempt = number("cost.per_attempt"), let spent = number("cost.spent") {
            cost = Cost(currency: currency, perAttempt: perAttempt, spent: spent)
        }

        planNotes = notes("plan_notes", with: "plan")
        reassurance = texts("reassurance")

        firedRules = inference.firedRules
        openFacts = inference.openFacts.map { ($0, inference.ruleBase.fact(named: $0)?.summary) }
        undecided = inference.ruleBase.facts.compactMap { info in
            guard case .open(let deciding)? = inference.decision(of: info.name) else { return nil }
            return Undecided(conclusion: info.name, deciding: deciding)
        }
        for name in undecided.flatMap(\.deciding) {
            summaries[name] = inference.ruleBase.fact(named: name)?.summary
        }
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

extension Report.Section {
    /// The conclusions this part of the report shows: those
    /// ``Assessment`` reads for it, for `:why` and `:how`.
    var facts: [String] {
        switch self {
        case .title, .phase, .undecided: []
        case .advice: ["protocol_phase"] + Assessment.adviceFacts + ["protocol_notes"]
        case .scores: ["score_pattern", "score_advice", "weak_domains"]
        case .pattern: ["pattern", "pattern_fit", "named_patterns", "pattern_runner_up", "pattern_notes"]
        case .failureType: ["failure_type", "failure_type_notes"]
        case .timeline: ["timeline.weeks_min", "timeline.weeks_max", "timeline.notes"]
        case .retake: ["retake.earliest", "retake.recommended_from", "retake.recommended_to", "retake.target_ok", "retake.warnings"]
        case .plan: ["plan", "plan_notes"]
        case .checklist: ["checklist", "reassurance"]
        case .cost: ["cost.spent", "cost.per_attempt"]
        }
    }
}
