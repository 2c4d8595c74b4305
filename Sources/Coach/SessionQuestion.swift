import RuleEngine

/// Asking one question: the prompt and its choices, meta-commands typed in
/// its place, the answer read and recorded, and for a date given without a
/// time, the time of day.
extension Session {
    /// Asks until the question is answered (nil) or the session ends.
    func ask(_ question: Question, _ inference: Inference) -> Outcome? {
        let parser = AnswerParser(question: question, now: now)
        var prompt = question.prompt
        if let hint = question.hint { prompt += " (\(hint))" }
        blank()
        say(prompt, style: .question)
        for (index, choice) in question.choices.enumerated() {
            say("  \(index + 1). \(choice.label)", style: .question)
        }
        let completions = Completions(words: parser.words, isList: question.kind == .multi, commands: SessionCommand.names,
                                      arguments: argumentCompletions(inference))
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
                do {
                    var answer = try parser.parse(text)
                    if question.asksTime, case .date(let day)? = answer.value, !day.hasTime {
                        switch askTime(question, day: answer, inference) {
                        case .answer(let timed): answer = timed
                        case .again: return nil
                        case .end(let outcome): return outcome
                        }
                    }
                    record(question.fact, answer)
                    return nil
                } catch {
                    say(pack.texts["session.invalid", ["message": error.message]], style: .problem)
                    if options.strict {
                        say(pack.texts["session.strict"], style: .problem)
                        return .invalidAnswer
                    }
                }
            }
        }
    }

    private enum TimeAnswer {
        /// The day with the time given, or as it was when skipped.
        case answer(Answer)
        /// Ask the question itself again.
        case again
        case end(Outcome)
    }

    /// Asks the time of day for a date given without one: the phase of the
    /// first 48 hours and the earliest retake turn on it. A skip keeps the
    /// day alone, which the pack reads as some time that day.
    private func askTime(_ question: Question, day: Answer, _ inference: Inference) -> TimeAnswer {
        let parser = AnswerParser(question: question, now: now)
        blank()
        say(pack.texts["session.ask_time", ["day": day.canonical]], style: .question)
        let completions = Completions(words: ["skip"], commands: SessionCommand.names, arguments: argumentCompletions(inference))
        while true {
            switch console.read(prompt: "> ", completions: completions) {
            case .endOfInput:
                // The day is kept, as a skip would keep it.
                record(question.fact, day)
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
                    switch perform(trimmed, question: question, inference: inference) {
                    case .stay: continue
                    case .reask: return .again
                    case .end(let outcome):
                        record(question.fact, day)
                        return .end(outcome)
                    }
                }
                if trimmed.isEmpty || trimmed.lowercased() == "skip" { return .answer(day) }
                guard AnswerParser.time(trimmed) != nil else {
                    say(pack.texts["session.invalid", ["message": pack.texts["session.ask_time_invalid", ["answer": String(trimmed.prefix(40))]]]],
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
