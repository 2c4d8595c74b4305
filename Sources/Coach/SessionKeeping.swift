import RuleEngine

/// Keeping the answers: the session's file, saved after every answer and
/// removed when none is left; what the session says when input ends; and
/// the transcript `:save` writes.
extension Session {
    func endOfInput() -> Outcome {
        persist()
        for (line, recorded) in closingLines() { say(line, style: .closing, wrapped: false, recorded: recorded) }
        return .endOfInput
    }

    /// What the session says when input ends, as shown and as a transcript
    /// keeps it: the folder differs from one machine to the next, so a
    /// transcript keeps a wildcard in its place.
    func closingLines() -> [(shown: String, recorded: String)] {
        // As wide as the terminal; a transcript keeps them as at 80 columns.
        func line(_ text: String) -> (shown: String, recorded: String) {
            (Page.wrap(text, width: width), Page.wrap(text, width: Session.recordedWidth))
        }
        guard !answers.isEmpty else { return [line(pack.texts["session.ended_empty"])] }
        let ended = line(pack.texts["session.ended", ["answers": Session.count(answers.count, "answer")]])
        guard let store, kept else { return [ended] }
        // The file's path stays whole on its line, however long.
        return [ended,
                (pack.texts["session.kept", ["file": store.path(of: saved)]], pack.texts["session.kept", ["file": "[..]"]]),
                line(pack.texts["session.resume_hint"])]
    }

    /// Keeps the answers as they stand: the first answer creates the file
    /// (under a lock this process holds from then on), and going back past
    /// the last one removes it.
    func persist() {
        saved.answers = answers.map {
            SavedSession.Entry(fact: $0.fact, answer: $0.answer.canonical, timePending: $0.fact == timePending ? true : nil)
        }
        guard let store else { return }
        guard !answers.isEmpty else {
            if kept {
                store.remove(saved)
                options.keptChanged?(false)
            }
            kept = false
            return
        }
        do {
            if !claimed {
                let claim = try store.claim(saved.id)
                (saved.id, lock, claimed) = (claim.id, claim.lock, true)
            } else if lock == nil {
                lock = try store.lock(saved.id)
            }
            try store.save(saved)
            if !kept { options.keptChanged?(true) }
            kept = true
        } catch {
            guard !warnedUnsaved else { return }
            warnedUnsaved = true
            say(pack.texts["session.not_saved", ["reason": error.description]], style: .problem)
        }
    }

    func markComplete() {
        saved.complete = true
        persist()
    }

    /// Where the answers are kept, when they are.
    public var savedPath: String? { kept ? store.map { $0.path(of: saved) } : nil }

    /// The session as kept, for a plan shown again.
    public var savedSession: SavedSession { saved }

    /// The session so far as a transcript that replays: what `:save` writes.
    /// It ends as the session would if input ended here.
    func savedTranscript(after notice: String) -> String {
        var log = transcript
        log.output(Page.wrap(notice, width: Session.recordedWidth))
        for (_, recorded) in closingLines() { log.output(recorded) }
        // The session's id tells a later `:save` of the same session, after
        // a resume too, that it may replace the file.
        var saved = log.transcript(exit: Outcome.endOfInput.exitStatus)
        saved.header.append((key: Transcript.sessionKey, value: self.saved.id))
        return saved.text
    }
}

extension SessionStore {
    /// A session's file name: when it started, sortable.
    static func identifier(for now: Moment) -> String {
        now.description.replacing(":", with: "-")
    }
}
