import Testing
@testable import RuleEngine

/// Rules that add items to what they iterate over: a closure over finite
/// data runs to its fixed point, and growth without end stops at the firing
/// bound.
@Suite struct GrowingCycleTests {
    /// Which places reach which along `edges`: `seed` copies the edges,
    /// `extend` joins a pair found to an edge that goes on from it.
    static let closure = """
        facts:
          reach: {type: set, of: record, derived: true, output: true}
        collections:
          edges:
            - {from: a, to: b}
            - {from: b, to: c}
            - {from: c, to: d}
            - {from: b, to: e}
        rules:
          - id: seed
            for: e in edges
            then: [{append: reach, item: {from: = e.from, to: = e.to}}]
          - id: extend
            for: [p in reach, e in edges]
            when: p.to == e.from
            then: [{append: reach, item: {from: = p.from, to: = e.to}}]
        """

    private func pairs(_ text: String) -> Value {
        .makeSet(text.split(separator: " ").map { pair in
            EV.record(("from", EV.s(String(pair.first!))), ("to", EV.s(String(pair.last!))))
        })
    }

    @Test func aTransitiveClosureOverADAGGivesEveryPairAndStops() throws {
        let inference = try EnginePack.infer(Self.closure)
        #expect(inference.value(of: "reach") == pairs("ab ac ad ae bc bd be cd"))
        // One firing for each edge, and one for each pair joined to an edge.
        #expect(inference.firedRules.count == 4 + 4)
    }

    @Test func aClosureOverARelationWithACycleStopsOnceNoPairIsNew() throws {
        let circle = Self.closure
            .replacing("    - {from: c, to: d}\n", with: "    - {from: c, to: a}\n")
            .replacing("    - {from: b, to: e}\n", with: "")
        #expect(try EnginePack.infer(circle).value(of: "reach") == pairs("aa ab ac ba bb bc ca cb cc"))
    }

    @Test func aClosureIntoAListBindsEachPairOnce() throws {
        let chain = Self.closure
            .replacing("reach: {type: set, of: record", with: "reach: {type: list, of: record")
            .replacing("    - {from: b, to: e}\n", with: "")
        let reach = try #require(try EnginePack.infer(chain).value(of: "reach")?.elements)
        #expect(Value.makeSet(reach) == pairs("ab ac ad bc bd cd"))
        #expect(reach.count == 6)
    }

    @Test func growingWithoutEndStopsAtTheFiringBoundNamingTheRule() throws {
        let ruleBase = try EnginePack.ruleBase("""
            facts:
              numbers: {type: set, of: number, derived: true, output: true}
            settings: {max_firings: 200}
            rules:
              - {id: zero, then: [{append: numbers, item: 0}]}
              - {id: next, for: n in numbers, then: [{append: numbers, item: = n + 1}]}
            """)
        let error = #expect(throws: InferenceError.self) { try Engine(ruleBase: ruleBase).infer([:]) }
        #expect(error == .cycle(firings: 200, rules: ["next"]))
    }
}
