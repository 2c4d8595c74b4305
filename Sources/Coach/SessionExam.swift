import RuleEngine

/// Choosing the exam, when the session was started without one: the first
/// question, asked before any pack's own, since its answer decides which
/// pack asks the rest. It is not an answer of a pack: the session keeps it
/// as its exam.
extension Session {
    enum ExamChoice {
        case chosen(id: String, pack: CoachPack)
        case ended(Outcome)
    }

    /// Asks which exam was sat, newest first, saying which have retired;
    /// Enter alone takes the only one that can be sat today.
    func chooseExam(_ exams: ExamCatalog) -> ExamChoice {
        let texts = pack.texts
        let choices = exams.entries.map { entry -> (id: String, label: String) in
            let exam = entry.exam
            let words = texts["session.exam_choice", ["code": exam.code, "name": exam.name]]
            guard let retires = exam.retires, retires.dateOnly < now.dateOnly else { return (entry.id, words) }
            return (entry.id, words + texts["session.exam_retired", ["date": retires.readable]])
        }
        let question = Question(
            fact: "exam", phase: "", kind: .choice, prompt: texts["session.which_exam"], hint: nil,
            help: texts["session.which_exam_help"], choices: choices, minimum: nil, maximum: nil, words: [],
            isOptional: false, isPast: false, askIf: nil, location: SourceLocation(file: "", line: 0, column: 0))
        var parser = AnswerParser(question: question, now: now)
        let sittable = exams.sittable(on: now)
        if sittable.count == 1 { parser.preset = sittable[0].id }
        say(texts["session.which_exam"], style: .question)
        for (number, choice) in choices.enumerated() {
            say("  \(number + 1). \(choice.label)", style: .question)
        }
        if let preset = parser.preset, let number = choices.firstIndex(where: { $0.id == preset }) {
            say(texts["session.default", ["answer": "\(number + 1)"]], style: .question)
        }
        let completions = Completions(words: parser.words, isList: false, commands: [":help", ":quit"], arguments: [:])
        while true {
            switch console.read(prompt: "> ", completions: completions) {
            case .endOfInput:
                return .ended(endOfInput())
            case .cancelled:
                continue
            case .line(let text):
                transcript.answer(text)
                let typed = text.trimmingSpaces()
                if SessionCommand.ending.contains(typed.lowercased()) {
                    say(texts["session.quit_empty"], style: .closing)
                    return .ended(.quit)
                }
                if typed.hasPrefix(":") {
                    say(typed.lowercased().hasPrefix(":h") || typed == ":?"
                        ? texts["session.which_exam_help"] : texts["session.which_exam_first"])
                    continue
                }
                do throws(AnswerError) {
                    guard case .string(let id)? = try parser.parse(text).value, let entry = exams.entry(id) else { continue }
                    do {
                        let chosen = try CoachPack.open(directory: entry.folder)
                        blank()
                        return .chosen(id: entry.id, pack: chosen)
                    } catch {
                        say(texts["session.invalid", ["message": "The \(entry.exam.code) rules could not be read."]],
                            style: .problem)
                        return .ended(.invalidAnswer)
                    }
                } catch {
                    say(texts["session.invalid", ["message": error.message]], style: .problem)
                    if options.strict {
                        say(texts["session.strict"], style: .problem)
                        return .ended(.invalidAnswer)
                    }
                }
            }
        }
    }
}
