import RuleEngine

/// An assessment written out for a person: plain text for the terminal, or
/// Markdown for a page the candidate keeps. Headings and labels come from
/// the pack's texts; the conclusions carry their own words.
public struct Report: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case text, markdown
    }

    public let assessment: Assessment
    public let texts: Texts
    /// Lines are wrapped to this many columns.
    public var width = 78

    public init(_ assessment: Assessment, texts: Texts) {
        self.assessment = assessment
        self.texts = texts
    }

    /// The parts of a report; the session prints some of them as each
    /// phase ends.
    public enum Section: String, Sendable, CaseIterable {
        case title, phase
        /// What to do now and what not yet, without the heading.
        case advice
        case scores, pattern
        case failureType = "failure_type"
        case timeline, retake, plan, checklist, cost, undecided
    }

    /// The whole report, or the sections named, in their usual order.
    public func rendered(as format: Format, sections: [Section] = Section.allCases) -> String {
        var page = Page(format: format, width: width)
        let a = assessment
        let wanted = Set(sections)
        if wanted.contains(.title) {
            page.title(texts["report.title"])
            if let now = a.now { page.paragraph(texts["report.generated", ["now": now.readable]]) }
            if let exam = a.exam {
                page.paragraph(texts[a.outline == nil ? "report.exam" : "report.exam_outline", [
                    "code": exam.code, "name": exam.name, "outline": a.outline?.name ?? "",
                ]])
            }
        }

        if wanted.contains(.phase), let phase = a.protocolPhase {
            page.heading(texts["report.where_you_are"])
            page.paragraph(texts["report.phase.\(phase)"])
            for note in a.protocolNotes { page.paragraph(note) }
        }
        if wanted.contains(.phase) || wanted.contains(.advice) {
            page.labelledList(texts["report.do"], a.protocolDo)
            page.labelledList(texts["report.dont"], a.protocolDont)
        }

        if wanted.contains(.scores), a.scorePattern != nil || !a.weakDomains.isEmpty {
            page.heading(texts["report.scores"])
            if let pattern = a.scorePattern { page.paragraph("**" + texts["report.score_pattern.\(pattern)"] + ".**") }
            for advice in a.scoreAdvice { page.paragraph(advice) }
            if a.weakDomains.isEmpty {
                page.paragraph(texts["report.no_weak_domains"])
            } else {
                page.labelledList(texts["report.weak_domains"], a.weakDomains.map { domain in
                    domain.score.map { "\(domain.name) (\(Value.format($0))%)" } ?? domain.name
                }, numbered: true)
            }
        }

        if wanted.contains(.pattern), a.pattern != nil || !a.patternNotes.isEmpty {
            page.heading(texts["report.pattern"])
            for id in [a.pattern, a.runnerUp].compactMap({ $0 }) {
                guard let candidate = a.patternRanking.first(where: { $0.id == id }) else { continue }
                page.paragraph("**\(candidate.name).**" + (candidate.need.map { " " + texts["report.pattern.needs"] + " \($0)." } ?? ""))
                page.list(candidate.because)
            }
            for note in a.patternNotes { page.paragraph(note) }
        }

        if wanted.contains(.failureType), a.failureType != nil || !a.failureTypeNotes.isEmpty {
            page.heading(texts["report.failure_type"])
            if let id = a.failureType, let top = a.failureTypeRanking.first(where: { $0.id == id }) {
                page.paragraph("**\(top.name).**")
                page.list(top.because)
            }
            for note in a.failureTypeNotes { page.paragraph(note) }
        }

        if wanted.contains(.timeline), let low = a.weeksMin, let high = a.weeksMax {
            page.heading(texts["report.timeline"])
            page.paragraph(texts["report.timeline.weeks", ["min": String(low), "max": String(high)]])
            for note in a.timelineNotes { page.paragraph(note) }
        }

        if wanted.contains(.retake), a.earliest != nil || !a.warnings.isEmpty {
            page.heading(texts["report.retake"])
            var facts: [String] = []
            if let earliest = a.earliest {
                let label = a.earliestIsBound ? "report.retake.earliest_bound"
                    : a.earliestIsSafeSide ? "report.retake.earliest_safe" : "report.retake.earliest"
                facts.append(texts[label] + ": " + earliest.readable)
            }
            if let from = a.recommendedFrom, let to = a.recommendedTo {
                facts.append(texts["report.retake.window"] + ": " + from.readable + " – " + to.readable)
            }
            if case .date(let target)? = a.targetDate, let ok = a.targetOK {
                let verdict = ok ? "report.retake.target_ok"
                    : a.targetForbidden ? "report.retake.target_forbidden" : "report.retake.target_not_ok"
                facts.append(texts["report.retake.target"] + ": " + target.readable + " (" + texts[verdict] + ")")
            }
            page.list(facts)
            for warning in a.warnings { page.paragraph(warning) }
        }

        if wanted.contains(.plan), !a.plan.isEmpty {
            page.heading(texts["report.plan"])
            for week in a.plan {
                let label = week.lastWeek > week.week
                    ? texts["report.plan.weeks", ["first": String(week.week), "last": String(week.lastWeek)]]
                    : texts["report.plan.week"] + " \(week.week)"
                page.subheading(label + ": \(week.focus)", week.items)
            }
            for note in a.planNotes { page.paragraph(note) }
        }

        if wanted.contains(.checklist), !a.checklist.isEmpty {
            page.heading(texts["report.checklist"])
            page.list(a.checklist.map(\.text), checkboxes: true)
            for line in a.reassurance { page.paragraph(line) }
        }

        if wanted.contains(.cost), let cost = a.cost {
            page.heading(texts["report.cost"])
            page.paragraph(texts["report.cost.line", [
                "spent": Value.format(cost.spent), "next": Value.format(cost.perAttempt), "currency": cost.currency,
            ]])
        }

        if wanted.contains(.undecided), !a.undecided.isEmpty {
            page.heading(texts["report.undecided"])
            // The two ends of a range read as one conclusion; the answers are
            // named once, however many conclusions wait for them.
            var labels: [String] = []
            var answers: [String] = []
            for open in a.undecided {
                let label = texts.optional("conclusion.\(open.conclusion)") ?? open.conclusion
                if !labels.contains(label) { labels.append(label) }
                answers += open.deciding.filter { !answers.contains($0) }
            }
            // In the order the pack declares the answers.
            let order = Dictionary(a.openFacts.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
            answers.sort { (order[$0] ?? .max, $0) < (order[$1] ?? .max, $1) }
            page.list(labels)
            page.labelledList(texts["report.undecided.line"], answers.map { a.summaries[$0] ?? $0 })
        }
        return page.text
    }
}

extension Moment {
    /// `2026-11-29` or `2026-11-29 15:00`: ISO order, readable.
    public var readable: String {
        description.replacing("T", with: " ")
    }
}
