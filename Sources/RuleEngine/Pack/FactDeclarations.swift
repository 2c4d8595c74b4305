/// The `facts:` section of a pack: each fact's name, type and flags.
///
/// ```yaml
/// facts:
///   attempt: {type: integer, min: 1, max: 5, doc: Which attempt failed}
///   exam_pace: {type: choice, values: [rushed, sluggish, fine]}
///   pattern: {type: choice, values: [reader, generalist], derived: true, settle: true}
/// ```
extension PackBuilder {
    mutating func declareFacts(_ section: DataNode) {
        guard let pairs = section.mapping else {
            if !section.isNull { error(section, "'facts' should map each fact's name to its declaration, found \(section.kindName)") }
            return
        }
        facts.reserveCapacity(facts.count + pairs.count)
        factIndex.reserveCapacity(factIndex.count + pairs.count)
        for (key, spec) in pairs {
            guard let name = checkName(key, "fact") else { continue }
            if let existing = factIndex[name], let first = facts[existing].location {
                error(key, "fact '\(name)' is declared twice; first at \(first)")
                continue
            }
            guard let type = factType(spec, name: name) else { continue }
            let derived = spec["derived"]?.scalarValue == .bool(true)
            let output = spec["output"]?.scalarValue == .bool(true)
            let settles = spec["settle"]?.scalarValue == .bool(true)
            if settles && !derived, let node = spec["settle"] {
                error(node, "'settle' is for conclusions; an answer is settled once it is given")
            }
            factIndex[name] = facts.count
            facts.append(FactDraft(name: name, type: type, declared: true, role: derived ? .derived : .input,
                                   isOutput: output, settles: settles, summary: spec["doc"]?.string,
                                   location: key.location))
        }
    }

    static let flagKeys = ["derived", "output", "settle"]
    static let declarationKeys = ["type", "min", "max", "values", "of", "or", "derived", "output", "settle", "doc"]

    static let typeNames = ["number", "integer", "percent", "bool", "text", "choice", "set", "list",
                            "date", "datetime", "duration", "record", "any"]

    /// Reads `{type: integer, min: 1, max: 5}` and its kin.
    private mutating func factType(_ spec: DataNode, name: String) -> FactType? {
        guard checkKeys(spec, allowed: PackBuilder.declarationKeys, required: ["type"],
                        in: "the declaration of '\(name)'") else { return nil }
        guard let base = baseType(spec, name: name) else { return nil }
        guard let orNode = spec["or"] else { return base }
        guard let words = orNode.sequence?.compactMap(\.string), words.count == orNode.sequence?.count, !words.isEmpty else {
            error(orNode, "'or' should list the words allowed besides the type, as in 'or: [none]'")
            return base
        }
        return .either([base, .text(values: words)])
    }

    private mutating func baseType(_ spec: DataNode, name: String) -> FactType? {
        guard let typeNode = spec["type"], let typeName = typeNode.string else { return nil }
        func bound(_ key: String) -> Double? {
            guard let node = spec[key] else { return nil }
            guard case .number(let x)? = node.scalarValue else { error(node, "'\(key)' should be a number"); return nil }
            return x
        }
        func values() -> [String]? {
            guard let node = spec["values"] else { return nil }
            guard let items = node.sequence else { error(node, "'values' should be a list of names"); return nil }
            var seen = Set<String>()
            var result: [String] = []
            for item in items {
                guard let text = item.string, !item.isNull else { error(item, "each value should be a name"); continue }
                if !seen.insert(text).inserted { error(item, "'\(text)' is listed twice") }
                result.append(text)
            }
            return result
        }
        for flag in PackBuilder.flagKeys {
            if let node = spec[flag], !node.isBool {
                error(node, "'\(flag)' should be true or false")
            }
        }
        switch typeName {
        case "number", "integer":
            let (lo, hi) = (bound("min"), bound("max"))
            if let lo, let hi, lo > hi { error(spec, "'min' (\(Value.format(lo))) is above 'max' (\(Value.format(hi)))") }
            return .number(min: lo, max: hi, integer: typeName == "integer")
        case "percent": return .percent
        case "bool": return .bool
        case "text": return .text(values: values())
        case "choice":
            guard let values = values() else { error(spec, "a choice needs 'values', the names it can take"); return nil }
            return .text(values: values)
        case "set", "list":
            let element: FactType = values().map { .text(values: $0) } ?? elementType(spec["of"])
            return typeName == "set" ? .set(of: element) : .list(of: element)
        case "date": return .date(time: false)
        case "datetime": return .date(time: true)
        case "duration": return .duration
        case "record": return .record(fields: nil)
        case "any": return .any
        default:
            let hint = Spelling.suggestion(for: typeName, among: PackBuilder.typeNames).map { "did you mean '\($0)'? " } ?? ""
            error(typeNode, "unknown type '\(typeName)'; \(hint)expected one of: \(PackBuilder.typeNames.joined(separator: ", "))")
            return nil
        }
    }

    private mutating func elementType(_ node: DataNode?) -> FactType {
        guard let node else { return .any }
        switch node.string {
        case "number", "integer": return .number(min: nil, max: nil, integer: node.string == "integer")
        case "text": return .text(values: nil)
        case "date": return .date(time: true)
        case "record": return .record(fields: nil)
        case "any": return .any
        default:
            error(node, "'of' should be number, integer, text, date, record or any")
            return .any
        }
    }
}
