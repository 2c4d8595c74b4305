/// What TAB may complete at a prompt: an answer's words, the meta-commands
/// after `:`, and each command's argument.
///
/// ```
/// > :ho⇥                    commands
/// > :whatif hands_on=tut⇥    arguments[":whatif hands_on="]
/// > docs, vi⇥                words, one of several (isList)
/// ```
public struct Completions: Sendable, Equatable {
    /// The words an answer can be (`AnswerParser.words`): the choices'
    /// ids, the words the question takes besides its type, `today` and
    /// `yesterday` for a date, `skip`.
    public var words: [String]
    /// Whether an answer names several words, separated by commas.
    public var isList: Bool
    /// The meta-commands, completed only after a `:`.
    public var commands: [String]
    /// The words a command's argument can take, by what comes before the
    /// argument: a command (`:how`), or a command and a name with `=`
    /// (`:whatif attempt=`).
    public var arguments: [String: [String]]

    public init(words: [String] = [], isList: Bool = false, commands: [String] = [], arguments: [String: [String]] = [:]) {
        self.words = words
        self.isList = isList
        self.commands = commands
        self.arguments = arguments
    }
}

extension Completions {
    /// What TAB completes at the end of `line`: the word being typed and
    /// the candidates that start with it, ignoring case.
    public struct Candidates: Sendable, Equatable {
        public let word: String
        public let matches: [String]
        /// What follows a word completed whole.
        public let ending: String

        /// What TAB types: the rest of the one match and its ending, or
        /// what all the matches share beyond the word; empty when that is
        /// nothing (then the matches are listed).
        public var addition: String {
            guard var common = matches.first else { return "" }
            for match in matches.dropFirst() {
                common = String(zip(common, match).prefix { $0.lowercased() == $1.lowercased() }.map(\.0))
            }
            if matches.count == 1 { common += ending }
            return String(common.dropFirst(word.count))
        }
    }

    /// The candidates for the last word of `line`: a command after `:`,
    /// then its argument; otherwise the answer's words.
    public func candidates(after line: String) -> Candidates {
        let text = line.drop { $0 == " " }
        guard text.hasPrefix(":") else {
            // NB: a completed word of a list is followed by nothing, not a
            // space: the comma the candidate types next belongs to it.
            return Candidates(words, completing: Completions.lastWord(of: text), ending: isList ? "" : " ")
        }
        guard let space = text.firstIndex(of: " ") else {
            return Candidates(commands, completing: String(text), ending: " ")
        }
        let command = text[..<space].lowercased()
        let argument = text[space...].drop { $0 == " " }
        if let equals = argument.firstIndex(of: "=") {
            let name = String(argument[..<equals]).trimmingSpaces()
            return Candidates(arguments["\(command) \(name)="] ?? [],
                              completing: Completions.lastWord(of: argument[argument.index(after: equals)...]), ending: "")
        }
        return Candidates(arguments[command] ?? [], completing: Completions.lastWord(of: argument), ending: "")
    }

    private static func lastWord(of text: Substring) -> String {
        String(text.reversed().prefix { $0 != " " && $0 != "," }.reversed())
    }
}

extension Completions.Candidates {
    init(_ candidates: [String], completing word: String, ending: String) {
        self.word = word
        matches = candidates.filter { $0.lowercased().hasPrefix(word.lowercased()) }
        self.ending = ending
    }
}
