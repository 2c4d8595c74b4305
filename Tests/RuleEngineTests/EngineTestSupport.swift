import Testing
@testable import RuleEngine

/// Builds rule packs from YAML text for the engine-semantics tests.
///
/// A pack with errors fails the calling test with the diagnostics rendered
/// as `check` would print them, then throws so the test stops there.
enum EnginePack {
    struct HasErrors: Error, CustomStringConvertible {
        let rendered: String
        var description: String { rendered }
    }

    /// The rule base of a one-file pack (`pack.yaml`).
    static func ruleBase(_ yaml: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> RuleBase {
        let pack = PackLoader.load(files: [SourceFile(name: "pack.yaml", text: yaml)])
        let errors = pack.diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty, let ruleBase = pack.ruleBase else {
            let rendered = errors.map(pack.renderer.render).joined(separator: "\n")
            Issue.record("the pack has errors:\n\(rendered)", sourceLocation: sourceLocation)
            throw HasErrors(rendered: rendered)
        }
        return ruleBase
    }

    static func engine(_ yaml: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Engine {
        Engine(ruleBase: try ruleBase(yaml, sourceLocation: sourceLocation))
    }

    /// Loads the pack and runs it over `answers`.
    static func infer(_ yaml: String, _ answers: [String: Value] = [:],
                      sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Inference {
        try engine(yaml, sourceLocation: sourceLocation).infer(answers)
    }

    /// Evaluates each expression in a rule of its own that sets `out0`,
    /// `out1`, …, with `declarations` (YAML sections such as `facts:` and
    /// `constants:`) above them. An unknown result is nil.
    static func evaluate(_ expressions: [String], declarations: String = "", answers: [String: Value] = [:],
                         sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> [Value?] {
        var yaml = declarations + "\nrules:\n"
        for (index, expression) in expressions.enumerated() {
            yaml += "  - id: probe\(index)\n    then:\n"
            yaml += "      - set: out\(index)\n        to: \(quoted("= " + expression))\n"
        }
        let inference = try infer(yaml, answers, sourceLocation: sourceLocation)
        return expressions.indices.map { inference.value(of: "out\($0)") }
    }

    /// One expression, evaluated as ``evaluate(_:declarations:answers:sourceLocation:)`` does.
    static func value(of expression: String, declarations: String = "", answers: [String: Value] = [:],
                      sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Value? {
        try evaluate([expression], declarations: declarations, answers: answers, sourceLocation: sourceLocation)[0]
    }

    /// `text` as a single-quoted YAML scalar.
    static func quoted(_ text: String) -> String {
        "'" + text.replacing("'", with: "''") + "'"
    }
}

/// Short spellings for expected values.
enum EV {
    static func n(_ x: Double) -> Value { .number(x) }
    static func s(_ text: String) -> Value { .string(text) }
    static func b(_ flag: Bool) -> Value { .bool(flag) }
    static func list(_ items: Value...) -> Value { .list(items) }
    static func texts(_ items: String...) -> Value { .list(items.map(Value.string)) }
    static func textSet(_ items: String...) -> Value { .makeSet(items.map(Value.string)) }
    static func numbers(_ items: Double...) -> Value { .list(items.map(Value.number)) }
    static func date(_ text: String) -> Value { .date(Moment(parsing: text)!) }
    static func minutes(_ count: Int) -> Value { .duration(Span(minutes: count)) }
    static func hours(_ count: Int) -> Value { .duration(Span(minutes: count * 60)) }
    static func days(_ count: Int) -> Value { .duration(Span(minutes: count * 1440)) }
    static func record(_ fields: (String, Value)...) -> Value { .record(Record(fields)) }
}

extension Inference {
    /// Each firing as `rule` or `rule(variable=id, …)`, in order.
    var firingsShown: [String] {
        trace.map { record in
            guard !record.binding.isEmpty else { return record.rule }
            let binding = record.binding.map { "\($0.variable)=\(($0.value.recordID ?? $0.value).description)" }
            return record.rule + "(" + binding.joined(separator: ",") + ")"
        }
    }

    /// The undecided rules as `rule: fact, fact`.
    var undecidedShown: [String] {
        undecidedRules.map { "\($0.rule): \($0.waitingFor.joined(separator: ", "))" }
    }
}
