import RuleEngine

/// Runs a transcript's answers through a session again, in-process, with
/// its pinned clock, and compares the whole output with the transcript.
public struct Replay: Sendable {
    public let transcript: Transcript
    /// The transcript as the session now produces it.
    public let actual: Transcript
    /// Where the outputs first part: an index into `transcript.entries`
    /// (its count when only the exit code differs); nil when they match.
    public let firstDifference: Int?
    /// Every rule the session's inferences fired.
    public let firedRules: Set<String>

    /// Why a transcript cannot be replayed at all.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public let line: Int
        public let message: String
        public var description: String { "line \(line): \(message)" }
    }

    public var matches: Bool { firstDifference == nil }

    /// Replays `transcript` on `pack`. When `recording`, the transcript's
    /// answers are all that counts: its output and exit line (which it may
    /// lack) are to be written anew (``updated``).
    /// Replays `transcript` with `pack`; without one, with the pack of the
    /// exam its header names (`--exam`), or asking which exam, as a
    /// session started without one does, among `exams`.
    public init(_ transcript: Transcript, pack: CoachPack?, exams: ExamCatalog? = nil,
                recording: Bool = false) throws(Problem) {
        self.transcript = transcript
        if !recording && transcript.exit == nil {
            throw Problem(line: transcript.exitLine,
                          message: "the transcript ends without an [exit N] line; record its output with replay --update")
        }
        guard let nowText = transcript.now, let now = Moment(parsing: nowText) else {
            throw Problem(line: 1, message: "the header needs 'now: YYYY-MM-DDTHH:MM', the clock the session ran at")
        }
        var options = Session.Options()
        options.arguments = transcript.arguments
        options.writesFiles = false
        var arguments = transcript.arguments[...]
        var examPack: CoachPack?
        while let argument = arguments.popFirst() {
            switch argument {
            case "--exam":
                guard let name = arguments.popFirst() else {
                    throw Problem(line: 1, message: "'--exam' takes the name of an exam")
                }
                // A pack given to the replay is the one under test; the
                // exam named only means the session asks none.
                guard pack == nil else { continue }
                guard let entry = exams?.entry(name) else {
                    let known = exams?.ids.joined(separator: ", ") ?? "none"
                    throw Problem(line: 1, message: "'--exam' takes the name of an exam the coach knows (\(known))")
                }
                do {
                    examPack = try CoachPack.open(directory: entry.folder)
                } catch {
                    throw Problem(line: 1, message: "the \(entry.exam.code) pack could not be opened")
                }
            case "--strict": options.strict = true
            case "--explain-rules": options.explainRules = true
            case "--no-history": break
            case "--color":
                guard let value = arguments.popFirst(), ["auto", "always", "never"].contains(value) else {
                    throw Problem(line: 1, message: "'--color' takes auto, always or never")
                }
            default:
                throw Problem(line: 1, message: "'\(argument.shown)' cannot be replayed; args may hold --exam, --strict, --explain-rules, --color and --no-history")
            }
        }
        guard let chosen = pack ?? examPack ?? exams?.entries.first.flatMap({ try? CoachPack.open(directory: $0.folder) }) else {
            throw Problem(line: 1, message: "no rule pack to replay with")
        }
        if pack == nil, examPack == nil { options.exams = exams }
        let console = ReplayConsole(transcript.answers)
        let session = Session(pack: chosen, console: console, now: now, store: ReplayStore(), options: options)
        let exit = session.run().exitStatus
        let answerLines = transcript.entries.compactMap { if case .answer = $0 { $0.line } else { nil } }
        if !console.unread.isEmpty {
            let first = answerLines[answerLines.count - console.unread.count]
            throw Problem(line: first, message: "the session ended with \(console.unread.count) answer\(console.unread.count == 1 ? "" : "s") left over, from this line on")
        }
        if console.ranOut && transcript.exit != 3 && !recording {
            throw Problem(line: answerLines.last ?? transcript.exitLine,
                          message: "the session asked for more answers than the transcript has (it ends with [exit \(transcript.exit ?? 0)], not [exit 3])")
        }
        actual = session.transcript(exit: exit)
        firedRules = session.firedRules
        firstDifference = Replay.firstDifference(expected: transcript, actual: actual)
    }

    private static func firstDifference(expected: Transcript, actual: Transcript) -> Int? {
        let wanted = expected.entries.enumerated().filter { if case .comment = $0.element { false } else { true } }
        let got = actual.entries
        for (position, (index, entry)) in wanted.enumerated() {
            guard position < got.count else { return index }
            switch (entry, got[position]) {
            case let (.output(e, _), .output(a, _)) where Transcript.matches(a, e): continue
            case let (.answer(e, _), .answer(a, _)) where e == a: continue
            default: return index
            }
        }
        if got.count > wanted.count { return expected.entries.count }
        return expected.exit == actual.exit ? nil : expected.entries.count
    }

    /// Names where the output first parts, as a reader of the diff wants it.
    public var differenceSummary: String? {
        guard let index = firstDifference else { return nil }
        let before = transcript.entries[..<index].compactMap { entry -> (String, Int)? in
            if case .answer(let text, let line) = entry { (text, line) } else { nil }
        }
        guard let last = before.last else { return "the output differs before the first answer" }
        return "the output differs after answer \(before.count) (> \(Transcript.escaped(last.0).shown), line \(last.1))"
    }

    /// The transcript with the session's output in place of the old one,
    /// keeping the header, the comments where they stood, and wildcard
    /// lines that still match.
    public var updated: Transcript {
        // Split both bodies at the answers; segment k holds what came
        // before answer k (the last one, what came after the last answer).
        func segments(_ entries: [Transcript.Entry]) -> [[Transcript.Entry]] {
            var result: [[Transcript.Entry]] = [[]]
            for entry in entries {
                if case .answer = entry { result.append([]) } else { result[result.count - 1].append(entry) }
            }
            return result
        }
        let old = segments(transcript.entries), new = segments(actual.entries)
        let answers = actual.entries.filter { if case .answer = $0 { true } else { false } }
        var entries: [Transcript.Entry] = []
        for (index, segment) in new.enumerated() {
            let previous = index < old.count ? old[index] : []
            let expectedOutput = previous.filter { if case .output = $0 { true } else { false } }
            var merged: [Transcript.Entry] = []
            for (position, entry) in segment.enumerated() {
                if case .output(let text, let line) = entry, position < expectedOutput.count,
                   case .output(let pattern, _) = expectedOutput[position], pattern.contains("[..]"),
                   Transcript.matches(text, pattern) {
                    merged.append(.output(pattern, line: line))
                } else {
                    merged.append(entry)
                }
            }
            // Comments go back where they were among the output lines.
            var outputsSeen = 0
            var withComments: [Transcript.Entry] = []
            var comments = previous.enumerated().compactMap { offset, entry -> (Int, Transcript.Entry)? in
                guard case .comment = entry else { return nil }
                return (previous[..<offset].filter { if case .output = $0 { true } else { false } }.count, entry)
            }[...]
            for entry in merged {
                while let next = comments.first, next.0 <= outputsSeen {
                    withComments.append(next.1)
                    comments.removeFirst()
                }
                withComments.append(entry)
                outputsSeen += 1
            }
            withComments += comments.map(\.1)
            entries += withComments
            if index < answers.count { entries.append(answers[index]) }
        }
        return Transcript(header: transcript.header, entries: entries, exit: actual.exit)
    }
}

/// Answers from a transcript; the end of them is the end of input.
final class ReplayConsole: Console {
    private var answers: [String]
    private(set) var ranOut = false

    init(_ answers: [String]) {
        self.answers = answers
    }

    var unread: [String] { answers }

    func write(_ text: String, style: OutputStyle) {}

    func read(prompt: String, completions: Completions) -> ConsoleInput {
        guard !answers.isEmpty else {
            ranOut = true
            return .endOfInput
        }
        return .line(answers.removeFirst())
    }
}

/// Keeps a replayed session's answers nowhere: a replay changes no file.
final class ReplayStore: AnswerStore {
    func save(_ session: SavedSession) throws(SessionStore.StoreError) {}
    func path(of session: SavedSession) -> String { "(replay)" }
    func remove(_ session: SavedSession) {}
    func claim(_ base: String) throws(SessionStore.StoreError) -> (id: String, lock: SessionLock?) { (base, nil) }
    func lock(_ id: String) throws(SessionStore.StoreError) -> SessionLock? { nil }
}
