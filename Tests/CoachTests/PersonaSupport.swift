import Foundation
import RuleEngine
import RulePacks
import Testing

@testable import Coach

/// The shipped AI-102 pack, opened once for all the coach tests.
enum AI102 {
    static let pack: CoachPack = {
        do {
            return try CoachPack.open(directory: RulePacks.ai102)
        } catch {
            fatalError("the shipped pack does not open: \(error)")
        }
    }()

    /// The folder of this target's fixtures.
    static var fixtures: URL {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures")
    }

    static func text(of fixture: String) throws -> String {
        try String(contentsOf: fixtures.appendingPathComponent(fixture), encoding: .utf8)
    }

    /// The answers of `personas/NAME.yaml`.
    static func answers(_ persona: String) throws -> [String: Value] {
        let name = "personas/\(persona).yaml"
        return try pack.facts(from: SourceFile(name: name, text: try text(of: name)))
    }

    /// A persona assessed at `now`.
    static func assess(_ persona: String, now: String = "2023-12-02T18:00") throws -> Assessment {
        try pack.assess(try answers(persona), now: Moment(parsing: now)!)
    }
}

extension Moment: ExpressibleByStringLiteral {
    public init(stringLiteral text: String) {
        self = Moment(parsing: text)!
    }
}
