import Testing
@testable import RuleEngine

/// A set rules grow item by item: the items wait to be sorted in until the
/// set is read, and whoever reads it, a rule in the middle of the run or the
/// conclusions at its end, finds every item once, in order.
@Suite struct GrowingSetTests {
    /// `count` ids in a scrambled order, the same on every run, a third
    /// of them twice.
    static func ids(_ count: Int) -> [Int] {
        let ids = (0..<count).map { $0 } + (0..<count / 3).map { $0 * 2 }
        // A fixed permutation: position k takes the item at k·7919 mod n.
        return ids.indices.map { ids[($0 * 7919) % ids.count] }
    }

    static func pack(_ ids: [Int], probes: [Int]) -> String {
        """
        facts:
          seen: {type: set, of: text, derived: true, output: true}
          found: {type: list, of: text, derived: true, output: true}
          total: {type: number, derived: true, output: true}
        collections:
          xs:
        \(ids.enumerated().map { "    - {id: i\($0.offset), v: x\(String(format: "%05d", $0.element))}" }.joined(separator: "\n"))
          probes:
        \(probes.map { "    - {id: x\(String(format: "%05d", $0))}" }.joined(separator: "\n"))
        rules:
          - id: gather
            salience: 10
            for: x in xs
            then: [{append: seen, item: = x.v}]
          - id: probe
            salience: 5
            for: p in probes
            when: p.id in seen
            then: [{append: found, item: = p.id}]
          - id: total
            when: count(seen) > 0
            then: [{set: total, to: = count(seen)}]
        """
    }

    @Test func aSetGrownInAnyOrderIsReadWholeSortedAndOnce() throws {
        let ids = Self.ids(600)
        let probes = [5, 601, 0, 599, 300, 1000]
        let inference = try EnginePack.infer(Self.pack(ids, probes: probes))
        let expected = Set(ids).sorted().map { Value.string("x" + String(format: "%05d", $0)) }
        #expect(inference.value(of: "seen") == .set(expected))
        #expect(inference.value(of: "total") == .number(600))
        // Read in the middle of the run, by a rule of lower salience.
        #expect(inference.value(of: "found") == .list(["x00005", "x00000", "x00599", "x00300"].map(Value.string)))
        // Each new item is one change, a repeated one none.
        #expect(inference.firedRules.filter { $0 == "gather" }.count == ids.count)
        #expect(inference.log.changes.filter { $0.id == inference.ruleBase.factIndex["seen"]! }.count == 600)
    }

    @Test func aSetReadAfterEveryItemGivesEachItemOnce() throws {
        // A rule of higher salience than the gathering one binds each item
        // of the set as it comes, reading the set between every two items.
        let ids = Self.ids(200)
        let yaml = Self.pack(ids, probes: [7]).replacing("          total: {type: number", with: """
                      echoed: {type: list, of: text, derived: true, output: true}
                      total: {type: number
            """) + """

              - id: echo
                salience: 20
                for: s in seen
                then: [{append: echoed, item: = s}]
            """
        let inference = try EnginePack.infer(yaml)
        let expected = Set(ids).sorted().map { Value.string("x" + String(format: "%05d", $0)) }
        #expect(inference.value(of: "seen") == .set(expected))
        let echoed = try #require(inference.value(of: "echoed")?.elements)
        #expect(echoed.count == expected.count)
        #expect(Set(echoed) == Set(expected))
    }
}
