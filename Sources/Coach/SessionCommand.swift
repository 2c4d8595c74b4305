import RuleEngine

/// The meta-commands a candidate can type at any prompt.
enum SessionCommand {
    static let names = [":help", ":back", ":why", ":how", ":whatif", ":status", ":save", ":save!", ":quit"]
    /// The commands that end the session.
    static let ending: Set<String> = [":quit", ":q", ":exit"]

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
    /// parts it explains, `:whatif` an answer's name with `=`, and after
    /// `:whatif NAME=` that answer's words. The same for the whole session.
    static func argumentWords(for pack: CoachPack, now: Moment) -> [String: [String]] {
        var arguments = [":how": Session.topics.map(\.rawValue)]
        arguments[":whatif"] = pack.questions.questions.map { $0.fact + "=" }
        for question in pack.questions.questions {
            arguments[":whatif \(question.fact)="] = AnswerParser(question: question, now: now).words
        }
        return arguments
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
            let prompt = self.question(for: last.fact)?.prompt ?? last.fact
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
        case ":save", ":save!":
            save(to: argument, replacing: command == ":save!")
        case _ where SessionCommand.ending.contains(command):
            persist()
            say(texts[kept ? "session.quit" : "session.quit_empty"], style: .closing)
            return .end(.quit)
        default:
            say(texts["session.unknown_command", ["command": command.shown]], style: .problem)
        }
        return .stay
    }

    /// `:save FILE` writes the session so far as a transcript; it replaces
    /// only an earlier save of this same session, unless it is `:save!`.
    private func save(to typed: String, replacing: Bool) {
        guard !typed.isEmpty else {
            say(pack.texts["session.invalid", ["message": pack.texts["session.save_where"]]], style: .problem)
            return
        }
        let path = PrivateFile.expandingTilde(typed)
        if options.writesFiles, PrivateFile.isFolder(path) {
            say(pack.texts["session.invalid", ["message": pack.texts["session.save_folder", ["file": typed]]]], style: .problem)
            return
        }
        if options.writesFiles, !replacing, PrivateFile.exists(path), !isEarlierSave(path) {
            say(pack.texts["session.invalid", ["message": pack.texts["session.save_exists", ["file": typed]]]], style: .problem)
            return
        }
        let notice = pack.texts["session.saved", ["file": typed]]
        do {
            if options.writesFiles { try PrivateFile.write(savedTranscript(after: notice), to: path) }
            say(notice, style: .notice)
        } catch {
            say(pack.texts["session.invalid", ["message": error.description]], style: .problem)
        }
    }

    /// Whether the file at `path` is a transcript this session saved
    /// before: its header names this session.
    private func isEarlierSave(_ path: String) -> Bool {
        guard let text = PrivateFile.text(at: path), let saved = try? Transcript(parsing: text) else { return false }
        return saved.header.contains { $0.key == Transcript.sessionKey && $0.value == self.saved.id }
    }

    /// An explanation as the candidate reads it: what was concluded, the
    /// reason each rule gives, and the answers underneath.
    func plainLines(_ explanation: Explanation, indent: String) -> [String] {
        let texts = pack.texts
        switch explanation {
        case .answer(let fact, let value):
            return [indent + texts["session.how_rule_answer", ["fact": fact, "value": Session.brief(value)]]]
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
