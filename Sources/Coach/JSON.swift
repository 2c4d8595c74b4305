import RuleEngine

/// A JSON value whose objects keep their keys in the order written, so the
/// output reads in the order the specification gives.
public indirect enum JSON: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    public static func == (lhs: JSON, rhs: JSON) -> Bool { lhs.rendered() == rhs.rendered() }

    /// Pretty-printed with two-space indentation.
    public func rendered(indent: String = "") -> String {
        let inner = indent + "  "
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let x): return Value.format(x)
        case .string(let s): return JSON.quote(s)
        case .array(let items):
            guard !items.isEmpty else { return "[]" }
            if items.allSatisfy(\.isScalar) {
                return "[" + items.map { $0.rendered() }.joined(separator: ", ") + "]"
            }
            return "[\n" + items.map { inner + $0.rendered(indent: inner) }.joined(separator: ",\n") + "\n\(indent)]"
        case .object(let pairs):
            guard !pairs.isEmpty else { return "{}" }
            return "{\n" + pairs.map { inner + JSON.quote($0.0) + ": " + $0.1.rendered(indent: inner) }
                .joined(separator: ",\n") + "\n\(indent)}"
        }
    }

    private var isScalar: Bool {
        switch self {
        case .array, .object: false
        default: true
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

extension JSON {
    /// A value of the rule language as JSON: sets and lists as arrays,
    /// records as objects with their fields in order, dates as
    /// `"2026-11-27"` or `"2026-11-27T15:00"`, durations as their words
    /// (`"2 weeks"`).
    public init(_ value: Value) {
        switch value {
        case .number(let x): self = .number(x)
        case .string(let s): self = .string(s)
        case .bool(let b): self = .bool(b)
        case .date(let moment): self = .string(moment.description)
        case .duration(let span): self = .string(span.description)
        case .set(let items), .list(let items): self = .array(items.map(JSON.init))
        case .record(let record): self = .object(record.fields.map { ($0.name, JSON($0.value)) })
        }
    }
}

extension Assessment {
    /// The assessment in the JSON shape of the specification (section 5).
    /// Conclusions not yet decided are `null` (an undecided score pattern is
    /// `"unknown"`), and `undecided` names the answers that would decide
    /// each.
    public var json: JSON {
        func string(_ s: String?) -> JSON { s.map(JSON.string) ?? .null }
        func strings(_ list: [String]) -> JSON { .array(list.map(JSON.string)) }
        func number(_ x: Int?) -> JSON { x.map { .number(Double($0)) } ?? .null }
        func moment(_ m: Moment?) -> JSON { m.map { .string($0.description) } ?? .null }
        let ranked: [JSON] = patternRanking.map { candidate in
            .object([("id", .string(candidate.id)), ("score", .number(candidate.score)),
                     ("because", strings(candidate.because))])
        }
        let typeReasons = failureTypeRanking.first { $0.id == failureType }?.because ?? []
        let retake: JSON = .object([
            ("earliest", moment(earliest)),
            ("recommended_from", moment(recommendedFrom)),
            ("recommended_to", moment(recommendedTo)),
            ("target_ok", targetOK.map(JSON.bool) ?? .null),
            ("warnings", strings(warnings)),
        ])
        let weeks: [JSON] = plan.map { week in
            var fields: [(String, JSON)] = [("week", .number(Double(week.week)))]
            if week.lastWeek > week.week { fields.append(("last_week", .number(Double(week.lastWeek)))) }
            return .object(fields + [("focus", .string(week.focus)), ("items", strings(week.items))])
        }
        let open: [JSON] = undecided.map {
            .object([("conclusion", .string($0.conclusion)), ("deciding", strings($0.deciding))])
        }
        let items: [JSON] = checklist.map { .object([("id", .string($0.id)), ("text", .string($0.text))]) }
        var costJSON = JSON.null
        if let cost {
            costJSON = .object([("currency", .string(cost.currency)), ("per_attempt", .number(cost.perAttempt)),
                                ("spent", .number(cost.spent))])
        }
        var examJSON = JSON.null
        if let exam {
            examJSON = .object([("code", .string(exam.code)), ("name", .string(exam.name)), ("outline", string(outline?.id)),
                                ("retires", moment(exam.retires)), ("successor", string(exam.successor))])
        }
        return .object([
            ("exam", examJSON),
            ("pattern", .object([("id", string(pattern)), ("runner_up", string(runnerUp)), ("ranked", .array(ranked)),
                                 ("notes", strings(patternNotes))])),
            ("failure_type", .object([("id", string(failureType)), ("because", strings(typeReasons)),
                                      ("notes", strings(failureTypeNotes))])),
            ("score_pattern", .object([("id", .string(scorePattern ?? "unknown")),
                                       ("weak_domains", strings(weakDomains.map(\.id)))])),
            ("timeline", .object([("weeks_min", number(weeksMin)), ("weeks_max", number(weeksMax)),
                                  ("notes", strings(timelineNotes))])),
            ("retake", retake),
            ("protocol_phase", string(protocolPhase)),
            ("plan", .array(weeks)),
            ("plan_notes", strings(planNotes)),
            ("checklist", .array(items)),
            ("reassurance", strings(reassurance)),
            ("cost", costJSON),
            ("fired_rules", strings(firedRules)),
            ("undecided", .array(open)),
        ])
    }
}
