/// Collects the sections of a pack's files, declares its facts, constants
/// and collections, and compiles its rules. Every problem becomes a
/// diagnostic; building goes on so one run reports them all.
struct PackBuilder: NameResolving {
    let hostSections: Set<String>
    var diagnostics: [Diagnostic] = []
    var hostNodes: [String: [DataNode]] = [:]

    var facts: [FactDraft] = []
    var factIndex: [String: Int] = [:]
    var constants: [String: Value] = [:]
    var constantLocations: [String: SourceLocation] = [:]
    var collectionDrafts: [(name: String, node: DataNode)] = []
    var collections: [CollectionInfo] = []
    var collectionIndex: [String: Int] = [:]
    var ruleNodes: [DataNode] = []
    var maximumFirings = 1_000_000
    /// Constants and collections some expression names.
    var usedNames: Set<String> = []
    /// The names (`a`, `a.b`) written in expressions that did not compile,
    /// which may be meant to read what they name.
    var namesInFailedExpressions: Set<String> = []
    /// What the compiled expressions keep between evaluations.
    let cacheSlots: CacheSlots? = CacheSlots()

    struct FactDraft {
        var name: String
        var type: FactType
        var declared: Bool
        var role: FactInfo.Role
        var isOutput: Bool
        var settles = false
        var summary: String?
        var location: SourceLocation?
    }

    init(hostSections: Set<String>) {
        self.hostSections = hostSections
    }

    // MARK: NameResolving

    func fact(named name: String) -> (id: Int, type: FactType)? {
        factIndex[name].map { ($0, facts[$0].type) }
    }

    func constant(named name: String) -> Value? { constants[name] }

    func collection(named name: String) -> (index: Int, type: FactType, reads: Set<Int>, literal: Value?)? {
        collectionIndex[name].map {
            (index: $0, type: .list(of: collections[$0].elementType), reads: collections[$0].reads, literal: collections[$0].literal)
        }
    }

    var allNames: [String] { facts.map(\.name) + constants.keys.sorted() + collectionIndex.keys.sorted() }

    // MARK: Diagnostics

    mutating func error(_ node: DataNode, _ message: String) {
        diagnostics.append(.error(at: node.location, message))
    }

    mutating func warning(_ node: DataNode, _ message: String) {
        diagnostics.append(.warning(at: node.location, message))
    }

    /// Reports keys of `node` that are not in `allowed`, and `required` keys
    /// that are missing. Returns false when `node` is not a mapping.
    @discardableResult
    mutating func checkKeys(_ node: DataNode, allowed: [String], required: [String] = [], in what: @autoclosure () -> String) -> Bool {
        guard let pairs = node.mapping else {
            error(node, "\(what()) should be a mapping (key: value lines), found \(node.kindName)")
            return false
        }
        for (key, _) in pairs {
            guard let name = key.string else { error(key, "keys must be plain names"); continue }
            if !allowed.contains(name) {
                let hint = Spelling.suggestion(for: name, among: allowed).map { "did you mean '\($0)'? " } ?? ""
                error(key, "unknown key '\(name)' in \(what()); \(hint)expected one of: \(allowed.joined(separator: ", "))")
            }
        }
        for name in required where node[name] == nil {
            error(node, "\(what()) needs '\(name)'")
        }
        return true
    }

    // MARK: Sections

    mutating func addFile(_ root: DataNode) {
        guard let pairs = root.mapping else {
            error(root, "a rule file should be a mapping of sections (\(PackLoader.engineSections.joined(separator: ", "))), found \(root.kindName)")
            return
        }
        for (key, value) in pairs {
            guard let section = key.string else { error(key, "section names must be plain names"); continue }
            switch section {
            case "facts": declareFacts(value)
            case "constants": declareConstants(value)
            case "collections": declareCollections(value)
            case "rules":
                if let rules = value.sequence { ruleNodes += rules } else if !value.isNull {
                    error(value, "'rules' should be a list of rules (lines starting with '- '), found \(value.kindName)")
                }
            case "settings": readSettings(value)
            default:
                if hostSections.contains(section) {
                    hostNodes[section, default: []].append(value)
                } else {
                    let known = PackLoader.engineSections + hostSections.sorted()
                    let hint = Spelling.suggestion(for: section, among: known).map { "did you mean '\($0)'? " } ?? ""
                    error(key, "unknown section '\(section)'; \(hint)expected one of: \(known.joined(separator: ", "))")
                }
            }
        }
    }

    static let reservedWords: Set<String> = Set(Keyword.allCases.map(\.rawValue))
        .union(TimeUnit.allCases.flatMap { [$0.rawValue, String($0.rawValue.dropLast())] })

    /// Checks a fact, constant or collection name: dotted words of letters,
    /// digits and underscores, none of them a keyword.
    mutating func checkName(_ node: DataNode, _ what: String) -> String? {
        guard let name = node.string, !name.isEmpty else { error(node, "a \(what) needs a name"); return nil }
        // The commonest name, one word, is checked without splitting it.
        if let first = name.utf8.first, first.isIdentifierStart, name.utf8.allSatisfy(\.isIdentifierPart),
           !PackBuilder.reservedWords.contains(name) {
            return name
        }
        for segment in name.split(separator: ".", omittingEmptySubsequences: false) {
            let bytes = Array(segment.utf8)
            guard let first = bytes.first, first.isIdentifierStart, bytes.allSatisfy(\.isIdentifierPart) else {
                error(node, "'\(name)' is not a valid \(what) name: use letters, digits and '_', in parts joined by '.'")
                return nil
            }
            if PackBuilder.reservedWords.contains(String(segment)) {
                error(node, "'\(segment)' is a word of the expression language and cannot name a \(what)")
                return nil
            }
        }
        return name
    }

    private mutating func declareConstants(_ section: DataNode) {
        guard let pairs = section.mapping else {
            if !section.isNull { error(section, "'constants' should map names to values, found \(section.kindName)") }
            return
        }
        for (key, valueNode) in pairs {
            guard let name = checkName(key, "constant") else { continue }
            if let first = constantLocations[name] {
                error(key, "constant '\(name)' is declared twice; first at \(first)")
                continue
            }
            var compiler = ExpressionCompiler(names: self)
            let compiled = compileData(valueNode, with: &compiler)
            usedNames.formUnion(compiler.usedNames)
            guard let value = compiled.constant else {
                if compiled.reads.isEmpty == false {
                    error(valueNode, "a constant cannot depend on facts; use a rule to conclude '\(name)'")
                }
                continue
            }
            constants[name] = value
            constantLocations[name] = key.location
        }
    }

    private mutating func readSettings(_ section: DataNode) {
        guard checkKeys(section, allowed: ["max_firings"], in: "'settings'") else { return }
        if let node = section["max_firings"] {
            guard case .number(let x)? = node.scalarValue, x >= 1, x <= 1e9, x == x.rounded() else {
                error(node, "'max_firings' should be a whole number from 1 to 1000000000")
                return
            }
            maximumFirings = Int(x)
        }
    }

    private mutating func declareCollections(_ section: DataNode) {
        guard let pairs = section.mapping else {
            if !section.isNull { error(section, "'collections' should map names to lists of records, found \(section.kindName)") }
            return
        }
        for (key, items) in pairs {
            guard let name = checkName(key, "collection") else { continue }
            if collectionDrafts.contains(where: { $0.name == name }) {
                error(key, "collection '\(name)' is declared twice")
                continue
            }
            // A collection is a list of records, or an expression giving
            // one (`= if outline == "2025" then domains_2025 else ...`).
            guard items.sequence != nil || PackBuilder.isExpression(items) else {
                error(items, "collection '\(name)' should be a list of records or an expression (= ...), found \(items.kindName)")
                continue
            }
            collectionDrafts.append((name, items))
        }
    }

    /// A collection's records and field types when every field of every
    /// record is written as data; nil when any needs compiling (or is not
    /// a record, which compiling reports).
    static func dataRecords(_ node: DataNode) -> ([Value], [String: FactType])? {
        var records: [Value] = []
        var fieldTypes: [(name: String, type: FactType)] = []
        for item in node.sequence ?? [] {
            guard let pairs = item.mapping else { return nil }
            var fields: [(name: String, value: Value)] = []
            fields.reserveCapacity(pairs.count)
            for pair in pairs {
                guard let field = pair.key.string else { continue }
                guard let value = dataValue(pair.value) else { return nil }
                fields.append((field, value))
                // Records have few fields: a list searched in order beats hashing.
                if let known = fieldTypes.firstIndex(where: { $0.name == field }) {
                    if fieldTypes[known].type == .any { fieldTypes[known].type = Compiled.type(of: value) }
                } else {
                    fieldTypes.append((field, Compiled.type(of: value)))
                }
            }
            records.append(.record(Record(fields: fields, provenance: [])))
        }
        return (records, Dictionary(fieldTypes.map { ($0.name, $0.type) }, uniquingKeysWith: { a, _ in a }))
    }

    /// Compiles the collections once every fact is declared: their computed
    /// fields (`score: = scores.nlp`) read facts.
    mutating func compileCollections() {
        // Lists first, then the expressions, which may name any list.
        for (name, node) in collectionDrafts where node.sequence != nil {
            // Most collections are data through and through: their records
            // are read as values, with nothing to compile.
            if let (records, fieldTypes) = PackBuilder.dataRecords(node) {
                collectionIndex[name] = collections.count
                collections.append(CollectionInfo(name: name, location: node.location, elementType: .record(fields: fieldTypes),
                                                  literal: .list(records), reads: [], plan: nil, evaluate: { _ in .list(records) }))
                continue
            }
            var compiler = ExpressionCompiler(names: self)
            // Each record planned once: a field written as data kept as its
            // value, the others compiled, with the facts they read.
            var records: [CollectionPlan.RecordPlan] = []
            records.reserveCapacity(node.sequence?.count ?? 0)
            var fieldTypes: [String: FactType] = [:]
            var reads = Set<Int>(minimumCapacity: node.sequence?.count ?? 0)
            var computed = false
            for item in node.sequence ?? [] {
                guard let pairs = item.mapping else {
                    error(item, "each item of collection '\(name)' should be a record (a mapping), found \(item.kindName)")
                    continue
                }
                var fields: [(name: String, constant: Value?, run: Compiled.Run?)] = []
                fields.reserveCapacity(pairs.count)
                var provenance: [(field: String, sources: [Int])] = []
                for (key, value) in pairs {
                    guard let field = key.string else { continue }
                    let type: FactType
                    if let data = PackBuilder.dataValue(value) {
                        type = Compiled.type(of: data)
                        fields.append((field, data, nil))
                    } else {
                        let compiled = compileData(value, with: &compiler)
                        type = compiled.type
                        if compiled.constant == nil { computed = true }
                        fields.append((field, compiled.constant, compiled.run))
                        if !compiled.reads.isEmpty {
                            reads.formUnion(compiled.reads)
                            provenance.append((field, compiled.reads.sorted()))
                        }
                    }
                    switch fieldTypes[field] {
                    case nil, .any?: fieldTypes[field] = type
                    default: break
                    }
                }
                records.append(CollectionPlan.RecordPlan(fields: fields, provenance: provenance))
            }
            usedNames.formUnion(compiler.usedNames)
            let literal: Value? = computed ? nil : .list(records.map { record in
                .record(Record(fields: record.fields.map { (name: $0.name, value: $0.constant!) }, provenance: []))
            })
            let plan = computed ? CollectionPlan(records: records) : nil
            collectionIndex[name] = collections.count
            collections.append(CollectionInfo(name: name, location: node.location,
                                              elementType: .record(fields: fieldTypes), literal: literal,
                                              reads: reads, plan: plan, evaluate: { plan?.evaluate($0) ?? literal }))
        }
        for (name, node) in collectionDrafts where node.sequence == nil {
            compileCollectionExpression(name, node)
        }
    }

    /// A collection written as an expression: its value is the
    /// expression's, a list of records, unknown while a fact it reads is.
    private mutating func compileCollectionExpression(_ name: String, _ node: DataNode) {
        let errorsBefore = diagnostics.count
        var compiler = ExpressionCompiler(names: self)
        let compiled = compileData(node, with: &compiler)
        usedNames.formUnion(compiler.usedNames)
        guard case .list(of: let element) = compiled.type, case .record = element else {
            // An expression with an error says so already; one whose type
            // cannot be told is refused too, or the collection would go
            // missing without a word.
            if errorsBefore == diagnostics.count {
                error(node, "collection '\(name)' should give a list of records, but its expression gives \(compiled.type)")
            }
            return
        }
        let run = compiled.run
        collectionIndex[name] = collections.count
        collections.append(CollectionInfo(name: name, location: node.location, elementType: element,
                                          literal: compiled.constant, reads: compiled.reads, plan: nil,
                                          evaluate: { context in run(context) }))
    }
}
