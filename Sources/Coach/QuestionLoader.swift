import RuleEngine

/// Reads the `questions:` sections of a pack and checks each question
/// against the fact it fills, so a question can never accept an answer the
/// rules would refuse.
struct QuestionLoader {
    let ruleBase: RuleBase
    private(set) var diagnostics: [Diagnostic] = []

    static let keys = ["fact", "phase", "type", "prompt", "hint", "help", "choices", "optional", "past", "ask_time", "ask_if", "or", "refuse", "choices_from", "default"]

    init(ruleBase: RuleBase) {
        self.ruleBase = ruleBase
    }

    mutating func load(_ sections: [DataNode]) -> QuestionSet {
        var questions: [Question] = []
        var asked: [String: SourceLocation] = [:]
        // A fact may have several questions, each with its own `ask_if`
        // (one per outline of the exam, say); between them they offer
        // every value of the fact.
        var shared: [String: Int] = [:]
        for section in sections {
            for node in section.sequence ?? [] {
                if let fact = node["fact"]?.string { shared[fact, default: 0] += 1 }
            }
        }
        sharedFacts = Set(shared.filter { $0.value > 1 }.keys)
        for section in sections {
            guard let items = section.sequence else {
                error(section, "'questions' should be a list of questions, found \(section.kindName)")
                continue
            }
            for node in items {
                guard let question = question(node) else { continue }
                if let first = asked[question.fact] {
                    // Several questions for one fact each say when they apply.
                    guard question.askIf != nil, questions.contains(where: { $0.fact == question.fact && $0.askIf != nil }) else {
                        error(node, "'\(question.fact)' is already asked at \(first); give each question for it an 'ask_if'")
                        continue
                    }
                    questions.append(question)
                    continue
                }
                asked[question.fact] = question.location
                questions.append(question)
            }
        }
        // A pack without questions is used through facts files alone.
        for fact in ruleBase.facts where !questions.isEmpty && fact.role == .input
            && fact.name != CoachPack.clockFact && asked[fact.name] == nil {
            if let location = fact.location {
                diagnostics.append(.warning(at: location, "no question asks for '\(fact.name)', so a session never learns it"))
            }
        }
        checkSharedChoices(questions)
        for (node, question) in choicesWithinChecks {
            checkChoicesWithin(node, for: question, among: questions)
        }
        return QuestionSet(questions: questions)
    }

    /// Facts asked by several questions.
    private var sharedFacts = Set<String>()

    /// The constants and collections the questions' expressions name.
    private(set) var usedNames = Set<String>()

    /// `choices_from` checks, made once every question is read.
    private var choicesWithinChecks: [(node: DataNode, question: Question)] = []

    /// Between them, the questions for a fact offer every value of it.
    private mutating func checkSharedChoices(_ questions: [Question]) {
        for fact in sharedFacts.sorted() {
            let asking = questions.filter { $0.fact == fact }
            guard let first = asking.first, !first.choices.isEmpty,
                  let info = ruleBase.fact(named: fact) else { continue }
            let values: [String]
            switch QuestionLoader.split(info.type).0 {
            case .text(let v?), .set(.text(let v?)): values = v
            default: continue
            }
            let offered = Set(asking.flatMap { $0.choices.map(\.id) })
            let absent = values.filter { !offered.contains($0) }
            if !absent.isEmpty {
                diagnostics.append(.error(at: first.location,
                    "no question for '\(fact)' offers \(absent.joined(separator: ", ")); between them its questions should offer every value"))
            }
        }
    }

    private mutating func error(_ node: DataNode, _ message: String) {
        diagnostics.append(.error(at: node.location, message))
    }

    private mutating func question(_ node: DataNode) -> Question? {
        guard let pairs = node.mapping else {
            error(node, "a question should be a mapping (fact, phase, type, prompt…), found \(node.kindName)")
            return nil
        }
        for (key, _) in pairs {
            guard let name = key.string, !QuestionLoader.keys.contains(name) else { continue }
            let hint = Spelling.suggestion(for: name, among: QuestionLoader.keys).map { "did you mean '\($0)'? " } ?? ""
            error(key, "unknown key '\(name)' in a question; \(hint)expected one of: \(QuestionLoader.keys.joined(separator: ", "))")
        }
        var missing = false
        for key in ["fact", "phase", "type", "prompt"] where node[key]?.string == nil {
            error(node, "a question needs '\(key)'")
            missing = true
        }
        guard !missing, let factNode = node["fact"], let name = factNode.string, let typeNode = node["type"],
              let typeName = typeNode.string else { return nil }
        guard let fact = ruleBase.fact(named: name) else {
            let hint = ruleBase.inputSuggestion(for: name).map { "; did you mean '\($0)'?" } ?? ""
            error(factNode, "unknown fact '\(name)'\(hint)")
            return nil
        }
        guard fact.role == .input else {
            error(factNode, "'\(name)' is concluded by the rules; a question can only ask for an answer")
            return nil
        }
        guard let kind = Question.Kind(rawValue: typeName) else {
            let names = Question.Kind.allCases.map(\.rawValue)
            let hint = Spelling.suggestion(for: typeName, among: names).map { "did you mean '\($0)'? " } ?? ""
            error(typeNode, "unknown question type '\(typeName)'; \(hint)expected one of: \(names.joined(separator: ", "))")
            return nil
        }
        let choices = (node["choices"]?.mapping ?? []).compactMap { key, value -> (id: String, label: String)? in
            guard let id = key.string, let label = value.string else { return nil }
            return (id, label)
        }
        if let choicesNode = node["choices"], choicesNode.mapping == nil {
            error(choicesNode, "'choices' should map each value to the words shown for it")
        }
        let words = node["or"]?.sequence?.compactMap(\.string) ?? []
        let (base, allowedWords) = QuestionLoader.split(fact.type)
        if words != allowedWords {
            error(node["or"] ?? typeNode, allowedWords.isEmpty
                  ? "'\(name)' takes no words besides its type; drop 'or'"
                  : "'\(name)' also takes \(allowedWords.joined(separator: ", ")); say so with 'or: [\(allowedWords.joined(separator: ", "))]'")
        }
        checkKind(kind, base, fact: name, choices: choices, at: typeNode, choicesNode: node["choices"],
                  shared: sharedFacts.contains(name))
        var askIf: HostCondition?
        if let condition = node["ask_if"] {
            switch ruleBase.condition(condition) {
            case .success(let compiled):
                askIf = compiled
                usedNames.formUnion(compiled.names)
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            }
        }
        var minimum: Double?, maximum: Double?
        if case .number(let low, let high, _) = base { (minimum, maximum) = (low, high) }
        var question = Question(
            fact: name, phase: node["phase"]?.string ?? "", kind: kind, prompt: node["prompt"]?.string ?? "",
            hint: node["hint"]?.string, help: node["help"]?.string, choices: choices,
            minimum: minimum, maximum: maximum, words: words,
            isOptional: node["optional"]?.scalarValue == .bool(true), isPast: node["past"]?.scalarValue == .bool(true),
            askIf: askIf, location: node.location)
        question.refusals = refusals(node["refuse"])
        if let within = node["choices_from"] {
            choicesWithinChecks.append((within, question))
            question.choicesWithin = within.string
        }
        if let given = node["default"] {
            switch ruleBase.expression(given) {
            case .success(let compiled):
                question.defaultAnswer = compiled
                usedNames.formUnion(compiled.names)
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            }
        }
        if let flag = node["ask_time"] {
            if kind != .datetime { error(flag, "'ask_time' is for questions of type datetime") }
            question.asksTime = flag.scalarValue == .bool(true)
        }
        return question
    }

    /// The `refuse:` list: `- if: CONDITION` with `say: REASON` each.
    private mutating func refusals(_ node: DataNode?) -> [Question.Refusal] {
        guard let node else { return [] }
        guard let items = node.sequence else {
            error(node, "'refuse' should be a list of '- if: CONDITION' with 'say: REASON'")
            return []
        }
        var refusals: [Question.Refusal] = []
        for item in items {
            guard let condition = item["if"], let message = item["say"]?.string else {
                error(item, "a refusal needs 'if' (when the answer is refused) and 'say' (why)")
                continue
            }
            for (key, _) in item.mapping ?? [] where !["if", "say"].contains(key.string ?? "") {
                error(key, "unknown key '\(key.string ?? "")' in a refusal; expected if, say")
            }
            for name in Question.placeholders(in: message) where ruleBase.fact(named: name) == nil {
                error(item["say"] ?? item, "'{\(name)}' is not a fact of this pack")
            }
            switch ruleBase.condition(condition) {
            case .success(let compiled):
                refusals.append(Question.Refusal(condition: compiled, message: message))
                usedNames.formUnion(compiled.names)
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            }
        }
        return refusals
    }

    /// `choices_from` names a multi-choice answer asked before, whose values
    /// are among this question's choices (or, when several questions ask
    /// for this fact, among theirs: each offers what its own source does).
    private mutating func checkChoicesWithin(_ node: DataNode, for question: Question, among questions: [Question]) {
        guard question.kind == .choice else {
            error(node, "'choices_from' is for questions of type choice")
            return
        }
        guard let name = node.string, let fact = ruleBase.fact(named: name),
              case .set(.text(let values?)) = QuestionLoader.split(fact.type).0 else {
            error(node, "'choices_from' should name a multi-choice answer")
            return
        }
        let ids = Set(questions.filter { $0.fact == question.fact }.flatMap { $0.choices.map(\.id) })
        let missing = values.filter { !ids.contains($0) }
        if !missing.isEmpty {
            error(node, "'\(name)' can be \(missing.joined(separator: ", ")), which are not choices here")
        }
    }

    /// A fact's type without the extra words an `or:` allows.
    static func split(_ type: FactType) -> (FactType, [String]) {
        guard case .either(let types) = type, let base = types.first else { return (type, []) }
        let words = types.dropFirst().flatMap { type -> [String] in
            if case .text(let values?) = type { return values }
            return []
        }
        return (base, words)
    }

    /// The question's type must read answers the fact's declaration accepts,
    /// and its choices must be exactly the fact's values (some of them, for
    /// a fact several questions share).
    private mutating func checkKind(_ kind: Question.Kind, _ type: FactType, fact: String,
                                    choices: [(id: String, label: String)], at node: DataNode, choicesNode: DataNode?,
                                    shared: Bool) {
        var values: [String]?
        let fits: Bool
        switch (kind, type) {
        case (.choice, .text(let v?)): fits = true; values = v
        case (.multi, .set(.text(let v?))): fits = true; values = v
        case (.yesNo, .bool), (.text, .text(nil)), (.date, .date(time: false)), (.datetime, .date(time: true)):
            fits = true
        case (.integer, .number(_, _, true)): fits = true
        case (.percent, .number(let low, let high, _)): fits = low == 0 && high == 100
        default: fits = false
        }
        guard fits else {
            error(node, "a '\(kind.rawValue)' question cannot fill '\(fact)', which is \(type)")
            return
        }
        guard let values else {
            if let choicesNode { error(choicesNode, "only choice and multi questions have choices") }
            return
        }
        let ids = choices.map(\.id)
        let absent = shared ? [] : values.filter { !ids.contains($0) }
        let extra = ids.filter { !values.contains($0) }
        if !absent.isEmpty || !extra.isEmpty {
            var parts: [String] = []
            if !absent.isEmpty { parts.append("missing \(absent.joined(separator: ", "))") }
            if !extra.isEmpty { parts.append("not values of '\(fact)': \(extra.joined(separator: ", "))") }
            error(choicesNode ?? node, "the choices should be exactly the values of '\(fact)': " + parts.joined(separator: "; "))
        }
    }
}
