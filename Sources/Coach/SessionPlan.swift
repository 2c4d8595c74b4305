import RuleEngine

/// How a pack wants its session run, from its `session:` section: which
/// facts tell where the candidate is in time, and which report sections
/// close each phase.
public struct SessionPlan: Sendable {
    /// The answer the time since is counted from (`failed_at`).
    public var since: String?
    /// The conclusion that names the candidate's phase (`protocol_phase`).
    public var phaseFact: String?
    /// Phase → the report sections shown when it ends.
    public var after: [String: [Report.Section]] = [:]

    /// Reads the section, reporting what does not fit the rule base.
    static func read(_ sections: [DataNode], ruleBase: RuleBase) -> (SessionPlan, [Diagnostic]) {
        var plan = SessionPlan()
        var problems: [Diagnostic] = []
        for section in sections {
            if let clock = section["clock"] {
                for (key, keyPath) in [("since", \SessionPlan.since), ("phase", \SessionPlan.phaseFact)] {
                    guard let node = clock[key] else { continue }
                    guard let name = node.string, ruleBase.fact(named: name) != nil else {
                        problems.append(.error(at: node.location, "'\(node.string ?? "")' is not a fact of this pack"))
                        continue
                    }
                    plan[keyPath: keyPath] = name
                }
            }
            for (key, value) in section["after"]?.mapping ?? [] {
                guard let phase = key.string else { continue }
                var sections: [Report.Section] = []
                for item in value.sequence ?? [] {
                    guard let name = item.string, let part = Report.Section(rawValue: name) else {
                        let names = Report.Section.allCases.map(\.rawValue).joined(separator: ", ")
                        problems.append(.error(at: item.location, "'\(item.string ?? "")' is not a report section; expected one of: \(names)"))
                        continue
                    }
                    sections.append(part)
                }
                plan.after[phase] = sections
            }
        }
        return (plan, problems)
    }
}
