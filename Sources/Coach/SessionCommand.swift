import RuleEngine

/// The meta-commands a candidate can type at any prompt.
enum SessionCommand {
    static let names = [":help", ":back", ":why", ":how", ":whatif", ":status", ":save", ":quit"]

    /// What the session does after a command.
    enum Effect {
        /// Ask the same question again.
        case stay
        /// Choose the next question afresh (the answers changed).
        case reask
        case end(Session.Outcome)
    }
}

extension Session {
    /// The words each command's argument can take, for TAB: `:how` the
    /// names it explains, `:whatif` an answer's name with `=`, and after
    /// `:whatif NAME=` that answer's words.
    func argumentCompletions(_ inference: Inference) -> [String: [String]] {
        var arguments = [":how": explainedNames(inference)]
        arguments[":whatif"] = pack.questions.questions.map { $0.fact + "=" }
        for question in pack.questions.questions {
            arguments[":whatif \(question.fact)="] = AnswerParser(question: question, now: now).words
        }
        return arguments
    }

    /// The conclusions `:how` explains: those the rules reached so far.
    private func explainedNames(_ inference: Inference) -> [String] {
        pack.ruleBase.facts.filter {
            $0.role == .derived && ($0.isOutput || $0.isDeclared) && inference.value(of: $0.name) != nil
        }.map(\.name)
    }

    func perform(_ line: String, question: Question, inference: Inference) -> SessionCommand.Effect {
        let parts = line.split(separator: " ", maxSplits: 1)
        let command = String(parts[0]).lowercased()
        let argument = parts.count > 1 ? String(parts[1]).trimmingSpaces() : ""
        let texts = pack.texts
        switch command {
        case ":help", ":h", ":?":
            say(texts["session.help"])
            if let help = question.help { say(texts["session.help_question", ["help": help]]) }
            let expected = AnswerParser(question: question, now: now).expected
            say(texts["session.invalid", ["message": "Expected: \(expected)."]])
        case ":back", ":b":
            guard let last = answers.popLast() else {
                say(texts["session.back_none"], style: .problem)
                return .stay
            }
            persist()
            let prompt = pack.questions.question(for: last.fact)?.prompt ?? last.fact
            say(texts["session.back", ["prompt": prompt]], style: .notice)
            return .reask
        case ":why", ":w":
            why(question)
        case ":how":
            how(argument, inference)
        case ":whatif":
            whatIf(argument)
        case ":status", ":s":
            var inference = inference
            let remaining = remainingQuestions(&inference).count
            say(texts["session.status", [
                "phase": texts["session.phase_name.\(question.phase)"], "answered": Session.count(answers.count, "answer"),
                "left": Session.count(remaining, "question"),
            ]])
        case ":save":
            save(to: argument)
        case ":quit", ":q", ":exit":
            persist()
            say(texts["session.quit"], style: .closing)
            return .end(.quit)
        default:
            say(texts["session.unknown_command", ["command": command.shown]], style: .problem)
        }
        return .stay
    }

    private func why(_ question: Question) {
        let readers = pack.ruleBase.readers(of: question.fact)
        guard !readers.isEmpty else {
            say(pack.texts["session.why_none", ["fact": question.fact]])
            return
        }
        say(pack.texts["session.why", ["fact": question.fact, "count": String(readers.count)]])
        for reader in readers {
            let key = reader.conditions.isEmpty ? "session.why_rule_always" : "session.why_rule"
            say("  " + pack.texts[key, [
                "rule": reader.id, "when": reader.conditions.joined(separator: " and "),
                "concludes": reader.concludes.joined(separator: ", "),
            ]])
        }
    }

    private func how(_ what: String, _ inference: Inference) {
        let concluded = explainedNames(inference)
        guard !what.isEmpty else {
            say(pack.texts["session.how_list", ["names": concluded.joined(separator: ", ")]])
            return
        }
        let matching = pack.ruleBase.facts.filter { $0.name == what || $0.name.hasPrefix(what + ".") }
        guard !matching.isEmpty else {
            say(pack.texts["session.how_unknown", ["what": what.shown, "names": concluded.joined(separator: ", ")]],
                style: .problem)
            return
        }
        let explanations = matching.compactMap { inference.explain($0.name) }.filter {
            if case .unknown = $0 { return false }
            return true
        }
        guard !explanations.isEmpty else {
            say(pack.texts["session.how_none", ["what": what.shown]])
            return
        }
        for explanation in explanations {
            for line in plainLines(explanation, indent: "") { say(line) }
        }
    }

    private func whatIf(_ argument: String) {
        let parts = argument.split(separator: "=", maxSplits: 1)
        guard parts.count == 2 else {
            say(pack.texts["session.whatif_usage"], style: .problem)
            return
        }
        let fact = String(parts[0]).trimmingSpaces()
        guard let question = pack.questions.question(for: fact) else {
            let hint = Spelling.suggestion(for: fact, among: pack.questions.questions.map(\.fact)).map { " Did you mean '\($0)'?" } ?? ""
            say(pack.texts["session.invalid", ["message": "'\(fact.shown)' is not an answer of this session.\(hint)"]], style: .problem)
            return
        }
        let answer: Answer
        do {
            answer = try AnswerParser(question: question, now: now).parse(String(parts[1]))
        } catch {
            say(pack.texts["session.invalid", ["message": error.message]], style: .problem)
            return
        }
        let changes: [ConclusionChange]
        do {
            changes = try Engine(ruleBase: pack.ruleBase).whatIf(pack.withClock(answerValues, now: now), setting: fact, to: answer.value, memo: memo)
        } catch {
            say(pack.texts["session.invalid", ["message": error.description]], style: .problem)
            return
        }
        let shown = changes.filter { change in pack.ruleBase.fact(named: change.fact).map { $0.isOutput || $0.isDeclared } ?? false }
        guard !shown.isEmpty else {
            say(pack.texts["session.whatif_none"])
            return
        }
        let unknown = pack.texts["value.unknown"]
        for change in shown {
            say(("  " + pack.texts["session.whatif_change", [
                "fact": change.fact, "before": change.before.map(Session.brief) ?? unknown,
                "after": change.after.map(Session.brief) ?? unknown,
            ]]))
        }
    }

    private func save(to path: String) {
        guard !path.isEmpty else {
            say(pack.texts["session.invalid", ["message": "Say where: :save FILE."]], style: .problem)
            return
        }
        let notice = pack.texts["session.saved", ["file": path]]
        do {
            if options.writesFiles { try PrivateFile.write(savedTranscript(after: notice), to: path) }
            say(notice, style: .notice)
        } catch {
            say(pack.texts["session.invalid", ["message": error.description]], style: .problem)
        }
    }

    /// An explanation as the candidate reads it: what was concluded, the
    /// reason each rule gives, and the answers underneath.
    func plainLines(_ explanation: Explanation, indent: String) -> [String] {
        let texts = pack.texts
        switch explanation {
        case .answer(let fact, let value):
            return [indent + texts["session.how_answer", ["fact": fact, "value": Session.brief(value)]]]
        case .unknown(let fact):
            return [indent + texts["session.how_unknown_fact", ["fact": fact]]]
        case .repeated(let fact, let value), .elided(let fact, let value):
            return [indent + texts["session.how_again", ["fact": fact, "value": Session.brief(value)]]]
        case .derived(let fact, let value, let steps):
            var lines = [indent + texts["session.how_fact", ["fact": fact, "value": Session.brief(value)]]]
            for step in steps {
                let reason = step.firing.because ?? texts["session.how_rule", ["rule": step.firing.rule]]
                lines.append(indent + "  " + texts["session.how_because", ["reason": reason, "rule": step.firing.rule]])
                for premise in step.premises { lines += plainLines(premise, indent: indent + "    ") }
            }
            return lines
        }
    }

    /// A value in a few words: records by their id.
    static func brief(_ value: Value) -> String {
        if let items = value.elements, items.contains(where: { $0.recordID != nil }) {
            return items.map { ($0.recordID ?? $0).description }.joined(separator: ", ")
        }
        return (value.recordID ?? value).description
    }
}
