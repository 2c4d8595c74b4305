import RuleEngine

/// Asking one question: the prompt and its choices, meta-commands typed in
/// its place, the answer read and recorded, and for a date given without a
/// time, the time of day.
extension Session {
    /// Asks until the question is answered (nil) or the session ends.
    func ask(_ question: Question, _ inference: Inference) -> Outcome? {
        let offered = offeredChoices(question)
        var parser = AnswerParser(question: question, now: now,
                                  offered: offered.count < question.choices.count ? Set(offered.map(\.choice.id)) : nil)
        parser.preset = preset(for: question, parser, inference)
        var prompt = question.prompt
        if let hint = question.hint { prompt += " (\(hint))" }
        blank()
        say(prompt, style: .question)
        for (number, choice) in offered {
            say("  \(number). \(choice.label)", style: .question)
        }
        if let preset = parser.preset {
            let shown = offered.first { $0.choice.id == preset }.map { "\($0.number)" } ?? preset
            say(pack.texts["session.default", ["answer": shown]], style: .question)
        }
        // Only the choices offered complete.
        let hidden = Set(question.choices.map(\.id)).subtracting(offered.map(\.choice.id))
        let completions = Completions(words: parser.words.filter { !hidden.contains($0) }, isList: question.kind == .multi,
                                      commands: SessionCommand.names, arguments: argumentWords)
        while true {
            switch console.read(prompt: "> ", completions: completions) {
            case .endOfInput:
                return endOfInput()
            case .cancelled:
                continue
            case .line(let text):
                transcript.answer(text)
                if text.trimmingSpaces().hasPrefix(":") {
                    switch perform(text.trimmingSpaces(), question: question, inference: inference) {
                    case .stay: continue
                    case .reask: return nil
                    case .end(let outcome): return outcome
                    }
                }
                do throws(AnswerError) {
                    var answer = try parser.parse(text)
                    try check(answer, to: question, offered: offered)
                    echoChoices(text, answer, question)
                    if question.asksTime, case .date(let day)? = answer.value, !day.hasTime {
                        // The day itself may be refused before its time is asked.
                        if let refusal = question.refusal(of: answer.value, after: answerValues, in: pack, now: now, memo: memo) {
                            throw AnswerError(message: refusal)
                        }
                        switch askTime(question, day: answer, inference) {
                        case .answer(let timed): answer = timed
                        case .again: return nil
                        case .end(let outcome): return outcome
                        }
                    }
                    if let refusal = question.refusal(of: answer.value, after: answerValues, in: pack, now: now, memo: memo) {
                        throw AnswerError(message: refusal)
                    }
                    record(question.fact, answer)
                    return nil
                } catch {
                    say(pack.texts["session.invalid", ["message": error.message + hint(for: text)]], style: .problem)
                    if options.strict {
                        say(pack.texts["session.strict"], style: .problem)
                        return .invalidAnswer
                    }
                }
            }
        }
    }

    /// What an empty line answers: the question's default over the answers
    /// so far, when it is one the question reads.
    private func preset(for question: Question, _ parser: AnswerParser, _ inference: Inference) -> String? {
        guard let value = question.defaultAnswer?.value(in: inference) else { return nil }
        let text = value.text ?? Question.readable(value)
        guard !text.isEmpty, (try? parser.parse(text)) != nil else { return nil }
        return text
    }

    /// The choices shown for a question, each with its number in the
    /// pack's list: for a choice among an earlier answer's values, only
    /// those chosen there (and the choices that are not its values).
    func offeredChoices(_ question: Question) -> [(number: Int, choice: (id: String, label: String))] {
        let numbered = question.choices.enumerated().map { (number: $0.offset + 1, choice: $0.element) }
        guard let within = question.choicesWithin, let source = self.question(for: within),
              let chosen = answerValues[within]?.elements else { return numbered }
        let values = Set(source.choices.map(\.id))
        let picked = Set(chosen.compactMap(\.text))
        return numbered.filter { !values.contains($0.choice.id) || picked.contains($0.choice.id) }
    }

    /// Refuses a choice that is not among those offered.
    private func check(_ answer: Answer, to question: Question,
                       offered: [(number: Int, choice: (id: String, label: String))]) throws(AnswerError) {
        guard case .string(let id)? = answer.value, offered.count < question.choices.count,
              question.choices.contains(where: { $0.id == id }), !offered.contains(where: { $0.choice.id == id }),
              let within = question.choicesWithin, let source = self.question(for: within) else { return }
        let label = question.choices.first { $0.id == id }?.label ?? id
        let list = offered.map { "\($0.choice.id) (\($0.number))" }.joined(separator: ", ")
        throw AnswerError(message: pack.texts["session.not_offered", [
            "choice": label, "question": source.prompt, "choices": list,
        ]])
    }

    /// Says which choices a number stood for (`4 → Speech`), so a number
    /// typed from the wrong list is noticed at once.
    private func echoChoices(_ text: String, _ answer: Answer, _ question: Question) {
        guard question.kind == .choice || question.kind == .multi else { return }
        let typed = text.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == " " })
        guard typed.contains(where: { Int($0) != nil }) else { return }
        let ids = answer.value?.elements?.compactMap(\.text) ?? answer.value?.text.map { [$0] } ?? []
        let labels = ids.compactMap { id in question.choices.first { $0.id == id }?.label }
        guard !labels.isEmpty else { return }
        say(pack.texts["session.chosen", ["choices": labels.joined(separator: ", ")]], style: .notice)
    }

    /// A hint after an invalid answer that looks like a command typed
    /// without its colon (`quit`, `help`, `?`).
    private func hint(for text: String) -> String {
        let word = text.trimmingSpaces().lowercased()
        let commands = ["quit": ":quit", "exit": ":quit", "q": ":quit", "help": ":help", "?": ":help", "h": ":help",
                        "back": ":back", "undo": ":back"]
        guard let command = commands[word] else { return "" }
        return " " + pack.texts["session.command_hint", ["command": command]]
    }

    enum TimeAnswer {
        /// The day with the time given, or as it was when skipped.
        case answer(Answer)
        /// Ask the question itself again.
        case again
        case end(Outcome)
    }

    /// Asks the time of day for a date given without one: the phase of the
    /// first 48 hours and the earliest retake turn on it. A skip keeps the
    /// day alone, which the pack reads as some time that day.
    /// `recorded`: the day is among the answers already (a resume asks
    /// the time it stopped at).
    func askTime(_ question: Question, day: Answer, _ inference: Inference, recorded: Bool = false) -> TimeAnswer {
        // Kept as it stands when the session stops here, to be asked again.
        func keepDay() {
            timePending = question.fact
            if recorded { persist() } else { record(question.fact, day) }
        }
        let parser = AnswerParser(question: question, now: now)
        blank()
        say(pack.texts["session.ask_time", ["day": day.canonical]], style: .question)
        let completions = Completions(words: ["skip"], commands: SessionCommand.names, arguments: argumentWords)
        while true {
            switch console.read(prompt: "> ", completions: completions) {
            case .endOfInput:
                keepDay()
                return .end(endOfInput())
            case .cancelled:
                continue
            case .line(let text):
                transcript.answer(text)
                let trimmed = text.trimmingSpaces()
                // Back from here is back to the day itself, not to the answer
                // before it.
                if trimmed.lowercased() == ":back" { return .again }
                if trimmed.hasPrefix(":") {
                    // The day is kept before a command that ends the session
                    // says what was kept.
                    let ending = SessionCommand.ending.contains(trimmed.split(separator: " ")[0].lowercased())
                    if ending { keepDay() }
                    switch perform(trimmed, question: question, inference: inference) {
                    case .stay: continue
                    case .reask: return .again
                    case .end(let outcome):
                        if !ending { keepDay() }
                        return .end(outcome)
                    }
                }
                if trimmed.isEmpty || trimmed.lowercased() == "skip" { return .answer(day) }
                guard let minutes = AnswerParser.time(trimmed) else {
                    say(pack.texts["session.invalid", ["message": pack.texts["session.ask_time_invalid", ["answer": String(trimmed.prefix(40))]]]],
                        style: .problem)
                    continue
                }
                if case .date(let date)? = day.value, AnswerParser.isAfter(Moment(minutes: date.minutes + minutes, hasTime: true), now) {
                    say(pack.texts["session.invalid", ["message": pack.texts["session.ask_time_later", ["answer": trimmed]]]],
                        style: .problem)
                    continue
                }
                do {
                    return .answer(try parser.parse(day.canonical + " " + trimmed))
                } catch {
                    say(pack.texts["session.invalid", ["message": error.message]], style: .problem)
                }
            }
        }
    }
}

extension Value {
    /// The text of a text value (a choice's id).
    var text: String? {
        if case .string(let text) = self { return text }
        return nil
    }
}
