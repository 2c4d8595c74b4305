import Testing
@testable import RuleEngine

/// What one run keeps between firings: join indexes shared by rules,
/// comprehensions indexed and kept, members hashed for `in`, collections
/// recomputed record by record, and rules matched for their new or changed
/// items alone. None of it may change what a run concludes, the order of
/// its firings or what each firing read; and the work of a run grows with
/// its facts, not with their square.
@Suite struct PersistentMatchingTests {
    // MARK: The same run, kept or not

    /// Runs a pack both ways and checks the firings (rule and binding, in
    /// order), the conclusions, what each firing read and the rules left
    /// waiting are the same.
    private func expectSameRun(_ yaml: String, _ answers: [String: Value] = [:],
                               sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        var plain = try EnginePack.engine(yaml, sourceLocation: sourceLocation)
        let kept = try plain.infer(answers, deciding: false)
        plain.keepsWork = false
        let whole = try plain.infer(answers, deciding: false)
        func firings(_ inference: Inference) -> [String] {
            inference.trace.map { record in
                record.rule + " " + record.binding.map { "\($0.variable)=\($0.value.literal)" }.joined(separator: ",")
                    + " read " + record.reads.map { "\($0.fact)=\($0.value.literal)" }.joined(separator: ",")
            }
        }
        #expect(firings(kept) == firings(whole), sourceLocation: sourceLocation)
        #expect(kept.conclusions == whole.conclusions, sourceLocation: sourceLocation)
        #expect(kept.undecidedRules.map { "\($0.rule): \($0.waitingFor)" } == whole.undecidedRules.map { "\($0.rule): \($0.waitingFor)" },
                sourceLocation: sourceLocation)
    }

    /// A generator of small packs that exercise every kind of kept work:
    /// computed fields over derived facts, rules over a growing list, a
    /// join on a growing list, an indexed comprehension, `not in` over a
    /// derived list, and a closure over a relation.
    private struct PackGenerator: RandomNumberGenerator {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        mutating func pack() -> (yaml: String, answers: [String: Value]) {
            let records = Int.random(in: 3...9, using: &self)
            var yaml = "facts:\n"
            // The closure into a set (kept in order, without repeats) or a list.
            if Bool.random(using: &self) { yaml += "  reach: {type: set, of: record, derived: true}\n" }
            var answers: [String: Value] = [:]
            for k in 0..<4 {
                yaml += "  x\(k): {type: number}\n"
                if Bool.random(using: &self) { answers["x\(k)"] = .number(Double(Int.random(in: 0...9, using: &self))) }
            }
            yaml += "collections:\n  cs:\n"
            for k in 0..<records {
                yaml += "    - {id: c\(k), g: \(Int.random(in: 0...2, using: &self)), w: = w\(k)}\n"
            }
            yaml += "  edges:\n"
            for k in 0..<records where Bool.random(using: &self) {
                yaml += "    - {from: c\(k), to: c\(Int.random(in: 0..<records, using: &self))}\n"
            }
            yaml += "    - {from: c0, to: c1}\n"
            yaml += "  ts:\n"
            for k in 0..<4 { yaml += "    - {id: t\(k), n: \(Int.random(in: 0...3, using: &self))}\n" }
            yaml += "rules:\n"
            func salience() -> Int { Int.random(in: -3...3, using: &self) }
            for k in 0..<records {
                let x = Int.random(in: 0...3, using: &self), t = Int.random(in: 0...9, using: &self)
                yaml += "  - {id: w\(k), salience: \(salience()), when: x\(x) >= \(t), then: [{set: w\(k), to: \(Int.random(in: 0...3, using: &self))}]}\n"
            }
            yaml += """
                  - id: flag
                    salience: \(salience())
                    for: c in cs
                    when: c.w > \(Int.random(in: 0...8, using: &self))
                    then: [{append: flagged, item: = c.id}]
                  - id: chosen
                    salience: \(salience())
                    for: [f in flagged, c in cs]
                    when: c.id == f and c.g == \(Int.random(in: 0...2, using: &self))
                    then: [{append: chosen, item: = c.id}]
                  - id: top
                    salience: \(salience())
                    for: c in cs
                    when: count([d for d in cs where d.g == c.g and d.w > c.w]) == 0
                    then: [{append: tops, item: = c.id}]
                  - id: unflagged
                    salience: \(salience())
                    for: c in cs
                    when: c.id not in [f for f in flagged] and c.g != 1
                    then: [{append: unflagged, item: = c.id}]
                  - id: reach_seed
                    salience: \(salience())
                    for: e in edges
                    when: e.from in flagged
                    then: [{append: reach, item: {from: = e.from, to: = e.to}}]
                  - id: reach
                    salience: \(salience())
                    for: [p in reach, e in edges]
                    when: p.to == e.from
                    then: [{append: reach, item: {from: = p.from, to: = e.to}}]
                  - id: onward
                    salience: \(salience())
                    for: [e in edges, p in reach]
                    when: e.from == p.to and e.to != p.from
                    then: [{append: onward, item: = e.to}]
                  - id: pair
                    salience: \(salience())
                    for: [c in cs, t in ts]
                    when: c.w == t.n
                    then: [{append: pairs, item: = t.id}]
                  - id: last
                    salience: \(salience())
                    for: r in reach
                    then: [{set: last_reached, to: = r.to}]
                \((0..<3).map { k in
                    "  - {id: rebump\(k), salience: \(salience()), when: count(pairs) > \(k), "
                        + "then: [{set: w\(Int.random(in: 0..<records, using: &self)), to: \(Int.random(in: 0...3, using: &self))}]}\n"
                }.joined())settings:
                  max_firings: 5000

                """
            return (yaml, answers)
        }
    }

    @Test func keptWorkChangesNothingARunShows() throws {
        var generator = PackGenerator(state: 14)
        for _ in 0..<150 {
            let (yaml, answers) = generator.pack()
            try expectSameRun(yaml, answers)
        }
    }

    /// A record whose computed field changes while its rule still has a
    /// binding waiting is matched whole: the changed record, which comes
    /// first in the collection, fires before the waiting one, as it would
    /// if every rule were matched whole after every firing.
    @Test func aRecordChangedWhileABindingWaitsTakesItsPlaceInOrder() throws {
        let yaml = """
            collections:
              cs: [{id: a, w: = wa}, {id: b, w: = wb}, {id: c, w: = wc}]
            rules:
              - {id: set_b, salience: 9, then: [{set: wb, to: 1}]}
              - {id: set_c, salience: 9, then: [{set: wc, to: 1}]}
              - {id: bump, salience: 9, when: '"b" in order', then: [{set: wa, to: 1}]}
              - id: each
                for: c in cs
                when: c.w > 0
                then: [{append: order, item: = c.id}]
            """
        try expectSameRun(yaml)
        #expect(try EnginePack.infer(yaml).value(of: "order") == EV.texts("b", "a", "c"))
    }

    /// A record that changes while a binding of it waits: the waiting
    /// binding no longer holds, and does not fire.
    @Test func aBindingOfARecordThatChangedIsNotFiredStale() throws {
        let yaml = """
            collections:
              cs: [{id: a, w: = wa}]
              ts: [{id: t1, n: 1}, {id: t2, n: 1}, {id: t3, n: 2}]
            rules:
              - {id: start, salience: 9, then: [{set: wa, to: 1}]}
              - {id: bump, salience: 9, when: '"t1" in out', then: [{set: wa, to: 2}]}
              - id: pair
                for: [c in cs, t in ts]
                when: c.w == t.n
                then: [{append: out, item: = t.id}]
            """
        try expectSameRun(yaml)
        #expect(try EnginePack.infer(yaml).value(of: "out") == EV.texts("t1", "t3"))
    }

    // MARK: Rules guarded on a fact's value

    /// A state machine of rules each wanting its own value of `phase`,
    /// and with `modes`, a second fact they want a value of too, with
    /// readers guarded on it, readers guarded after another condition and
    /// readers that read `phase` before asking for a value of it.
    private func stateMachine(_ n: Int, modes: Bool = false) -> String {
        var yaml = """
            facts:
              go: {type: bool}
              phase: {type: number, derived: true}
              mode: {type: text, derived: true, output: true}
              trail: {type: list, of: number, derived: true, output: true}
              seen: {type: number, derived: true, output: true}
            rules:
              - {id: start, when: go, then: [{set: phase, to: 0}, {set: mode, to: even}]}

            """
        for k in 0..<n {
            var conditions = [k % 3 == 0 ? "\(k) == phase" : "phase == \(k)"]
            if modes { conditions.append("mode == \"\(k % 2 == 0 ? "even" : "odd")\"") }
            yaml += "  - {id: s\(k), when: [\(conditions.joined(separator: ", "))], "
                + "then: [{set: phase, to: \(k + 1)}, {set: mode, to: \(k % 2 == 0 ? "odd" : "even")}, {append: trail, item: \(k)}]}\n"
        }
        guard modes else { return yaml }
        yaml += """
              - {id: count, salience: -5, when: phase >= 0, then: [{add: seen, by: 1}]}
              - {id: late, when: [go, phase == 3], then: [{append: trail, item: -3}]}
              - {id: read-first, when: [phase > 1, phase == 5], then: [{append: trail, item: -5}]}

            """
        for (k, mode) in ["even", "odd", "none", "other"].enumerated() {
            yaml += "  - {id: m\(k), when: mode == \"\(mode)\", then: [{append: trail, item: \(100 + k)}]}\n"
        }
        return yaml
    }

    @Test func rulesGuardedOnAValueRunAsWhenEveryReaderIsMatched() throws {
        try expectSameRun(stateMachine(12, modes: true), ["go": .bool(true)])
        // Never started: every guarded rule is left waiting for phase.
        try expectSameRun(stateMachine(12, modes: true), [:])
        let inference = try EnginePack.infer(stateMachine(12, modes: true), ["go": .bool(true)])
        #expect(inference.value(of: "phase") == .number(12))
        // s0 … s11, then m0 for the last mode: the rules declared after
        // the s rules wait behind them, and each s rule moves the phase
        // and the mode on before they come.
        #expect(inference.value(of: "trail")?.elements == (0..<12).map { .number(Double($0)) } + [.number(100)])
        let ruleBase = try EnginePack.ruleBase(stateMachine(12, modes: true))
        let phase = try #require(ruleBase.factIndex["phase"]), mode = try #require(ruleBase.factIndex["mode"])
        // Guarded on phase: s0 … s11 and late, not read-first; on mode, all but start, count and read-first.
        #expect(ruleBase.valueGuards[phase]?.byValue.values.reduce(0) { $0 + $1.count } == 13)
        #expect(ruleBase.valueGuards[phase]?.unguarded.count == 2)
        #expect(ruleBase.valueGuards[mode]?.byValue.values.reduce(0) { $0 + $1.count } == 16)
    }

    @Test func aStateMachineOfNRulesCostsInProportionToN() throws {
        try expectLinear { n in (stateMachine(n), ["go": .bool(true)]) }
    }

    // MARK: Work in proportion to the facts

    /// The items a run looks at for `n` and for `2 n`: twice the facts may
    /// cost twice the work (a little more for rounding), not four times.
    private func expectLinear(_ make: (Int) -> (yaml: String, answers: [String: Value]),
                              sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        func work(_ n: Int) throws -> Int {
            let (yaml, answers) = make(n)
            return try EnginePack.infer(yaml, answers, sourceLocation: sourceLocation).itemsVisited
        }
        let small = try work(200), large = try work(400)
        #expect(small > 0, sourceLocation: sourceLocation)
        #expect(Double(large) <= 2.2 * Double(small), "\(small) items looked at for 200, \(large) for 400",
                sourceLocation: sourceLocation)
    }

    private func records(_ n: Int, _ fields: (Int) -> String) -> String {
        (0..<n).map { "    - {id: r\($0), \(fields($0))}\n" }.joined()
    }

    /// One rule joined on a counter it advances: a state machine.
    @Test func aStepperLooksUpItsNextStep() throws {
        try expectLinear { n in
            ("collections:\n  steps:\n" + records(n) { "k: \($0)" } + """
                rules:
                  - {id: start, then: [{set: phase, to: 0}]}
                  - id: step
                    for: t in steps
                    when: t.k == phase
                    then: [{set: phase, to: = phase + 1}, {append: done, item: = t.id}]

                """, [:])
        }
    }

    /// "No item refers to this one", as a count and as `not in`.
    @Test func absenceIsALookup() throws {
        for test in ["count([x for x in xs where x.d == d.id]) == 0", "d.id not in [x.d for x in xs]"] {
            try expectLinear { n in
                ("collections:\n  ds:\n" + records(n) { _ in "g: 1" } + "  xs:\n" + records(n) { "d: r\(2 * $0 % n)" } + """
                    rules:
                      - id: orphan
                        for: d in ds
                        when: \(test)
                        then: [{append: orphans, item: = d.id}]

                    """, [:])
            }
        }
    }

    /// Low rules derive facts a collection's fields read; a higher rule
    /// over the collection sees each changed record alone.
    @Test func aHighReaderOfComputedFieldsSeesOnlyTheChangedRecord() throws {
        try expectLinear { n in
            var yaml = "collections:\n  domains:\n" + records(n) { "weak: = weak.r\($0)" } + "rules:\n"
            for k in 0..<n {
                yaml += "  - {id: w\(k), salience: -10, when: score.r\(k) < 50, then: [{set: weak.r\(k), to: true}]}\n"
            }
            yaml += "  - {id: flag, salience: 10, for: d in domains, when: d.weak, then: [{append: flagged, item: = d.id}]}\n"
            var facts = "facts:\n"
            var answers: [String: Value] = [:]
            for k in 0..<n {
                facts += "  score.r\(k): {type: number}\n"
                answers["score.r\(k)"] = .number(Double(k * 37 % 100))
            }
            return (facts + yaml, answers)
        }
    }

    /// Many rules each pick one record of one collection by a constant key:
    /// one index, shared.
    @Test func rulesPickingByAConstantKeyShareOneIndex() throws {
        try expectLinear { n in
            var yaml = "collections:\n  items:\n" + records(n) { "v: \($0 * 37 % 100)" } + "rules:\n"
            for k in 0..<n {
                yaml += "  - {id: p\(k), for: x in items, when: 'x.id == \"r\(k)\" and x.v < 50', then: [{set: picked.r\(k), to: true}]}\n"
            }
            return (yaml, [:])
        }
        let ruleBase = try EnginePack.ruleBase("""
            collections:
              items: [{id: a, v: 1}, {id: b, v: 2}]
            rules:
              - {id: p1, for: x in items, when: x.id == "a", then: [{set: one, to: true}]}
              - {id: p2, for: y in items, when: y.id == "b", then: [{set: two, to: true}]}
            """)
        #expect(ruleBase.cacheCount == 1)
    }

    /// A transitive closure along a chain, into a list and into a set,
    /// with the growing fact bound first or last: each new item is joined
    /// alone, looking its partners up by key.
    @Test(arguments: ["list", "set"], [true, false])
    func aClosureJoinsEachNewItemAlone(kind: String, reachFirst: Bool) throws {
        try expectLinear { n in
            ("facts:\n  reach: {type: \(kind), of: text, derived: true, output: true}\n"
                + "collections:\n  edges:\n" + (0..<n).map { "    - {from: n\($0), to: n\($0 + 1)}\n" }.joined() + """
                rules:
                  - {id: seed, for: e in edges, when: e.from == "n0", then: [{append: reach, item: = e.to}]}
                  - id: step
                    for: \(reachFirst ? "[r in reach, e in edges]" : "[e in edges, r in reach]")
                    when: e.from == r
                    then: [{append: reach, item: = e.to}]

                """, [:])
        }
    }
}
