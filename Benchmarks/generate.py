#!/usr/bin/env python3
"""Writes the benchmark workloads at a given N, as a rule pack for
retake-coach's engine and as a CLIPS program, with the number of output
facts each must produce.

    generate.py OUT_DIR N [SHAPE,...]   writes OUT_DIR/SHAPE-N/ for every shape (or those named):
        pack/pack.yaml, facts.yaml   ours: the pack and its answers
        program.clp, run.clp         CLIPS: the program, and the script that loads, times and counts it
        expected                     the number of output facts both must produce
        workload.json                expected, the number of rules, the output ours counts

chain:    N rules; rule i fires on fact i and asserts fact i+1 (N firings from one fact).
fanout:   N facts score(dK, V) with V = (K*37) mod 100; rule K asserts weak(dK) when V < 50.
join:     N domains (every even one weak) and N services, service J in domain (J*7919) mod N;
          one rule asserts study(s) for every service of a weak domain.
stepper:  N steps sK with K = 0..N-1 and a phase from 0; one rule fires on the step of the
          current phase, moves the phase on and records the step (N firings, one at a time).
absence:  N domains and N references, reference J to domain 2*((J*7919) mod N/2): the odd
          domains have none; one rule asserts orphan(d) for a domain no reference names
          (ours counts the references in a comprehension).
absence_notin: the same data; ours tests `d.id not in [x.d for x in xs]`.
reader:   N scores as in fanout, N rules at salience -10 assert weak(dK), and one rule at
          salience 10 over a collection whose field reads weak.dK asserts flagged(dK).
pick:     N items iK with v = (K*37) mod 100; rule K picks item iK when its v < 50
          (N rules over one collection, each wanting one item).
computed: N answers aI = (I*37) mod 100, N rows rI whose v is computed from aI (for CLIPS,
          which has no computed fields, N answer facts and N rows naming their answer, joined
          by the rule); one rule asserts low(r) for a row with v < 50.
"""
import json
import os
import sys


def value(k):
    return (k * 37) % 100


def chain(n):
    pack = ["facts:", "  f0: {type: bool}", "rules:"]
    clips = ["(deffacts start (f 0))"]
    for i in range(n):
        pack.append(f"  - {{id: r{i}, when: f{i}, then: [{{set: f{i + 1}, to: true}}]}}")
        clips.append(f"(defrule r{i} (f {i}) => (assert (f {i + 1})))")
    facts = ["f0: true"]
    # Ours counts every derived fact: f1 .. fN.
    return dict(pack=pack, facts=facts, clips=clips, expected=n, relation="f", seeds=1, output=None, rules=n)


def fanout(n):
    pack = ["facts:"]
    for k in range(n):
        pack.append(f"  score.d{k}: {{type: number}}")
    pack.append("rules:")
    clips = ["(deftemplate score (slot domain) (slot value))", "(deffacts scores"]
    facts = []
    for k in range(n):
        facts.append(f"score.d{k}: {value(k)}")
        clips.append(f"  (score (domain d{k}) (value {value(k)}))")
    clips.append(")")
    for k in range(n):
        pack.append(f"  - {{id: r{k}, when: score.d{k} < 50, then: [{{set: weak.d{k}, to: true}}]}}")
        clips.append(f"(defrule r{k} (score (domain d{k}) (value ?v&:(< ?v 50))) => (assert (weak d{k})))")
    expected = sum(1 for k in range(n) if value(k) < 50)
    return dict(pack=pack, facts=facts, clips=clips, expected=expected, relation="weak", seeds=0, output="weak", rules=n)


def join(n):
    pack = ["collections:", "  domains:"]
    clips = ["(deftemplate domain (slot id) (slot weak))", "(deftemplate service (slot id) (slot domain))",
             "(deffacts world"]
    for k in range(n):
        weak = "true" if k % 2 == 0 else "false"
        pack.append(f"    - {{id: d{k}, weak: {weak}}}")
        clips.append(f"  (domain (id d{k}) (weak {'yes' if k % 2 == 0 else 'no'}))")
    pack.append("  services:")
    expected = 0
    for j in range(n):
        d = (j * 7919) % n
        pack.append(f"    - {{id: s{j}, domain: d{d}}}")
        clips.append(f"  (service (id s{j}) (domain d{d}))")
        expected += 1 if d % 2 == 0 else 0
    clips.append(")")
    pack += ["rules:",
             "  - id: study",
             "    for: [s in services, d in domains]",
             "    when: s.domain == d.id and d.weak",
             "    then: [{append: study, item: = s.id}]"]
    clips.append("(defrule study (domain (id ?d) (weak yes)) (service (id ?s) (domain ?d)) => (assert (study ?s)))")
    return dict(pack=pack, facts=[], clips=clips, expected=expected, relation="study", seeds=0, output="study", rules=1)


def stepper(n):
    pack = ["facts:",
            "  done: {type: list, of: text, derived: true, output: true}",
            "collections:", "  steps:"]
    clips = ["(deftemplate step (slot id) (slot k))", "(deffacts world", "  (phase 0)"]
    for i in range(n):
        pack.append(f"    - {{id: s{i}, k: {i}}}")
        clips.append(f"  (step (id s{i}) (k {i}))")
    clips.append(")")
    pack += ["rules:",
             "  - id: start",
             "    then: [{set: phase, to: 0}]",
             "  - id: step",
             "    for: t in steps",
             "    when: t.k == phase",
             "    then: [{set: phase, to: = phase + 1}, {append: done, item: = t.id}]"]
    clips.append("(defrule step ?p <- (phase ?k) (step (id ?id) (k ?k)) "
                 "=> (retract ?p) (assert (phase (+ ?k 1))) (assert (done ?id)))")
    return dict(pack=pack, facts=[], clips=clips, expected=n, relation="done", seeds=0, output="done", rules=2)


def absence_data(n):
    """N domains, N references; reference J names domain 2*((J*7919) mod N/2),
    so every even domain is named (twice when N is even) and no odd one is."""
    half = max(1, n // 2)
    refs = [2 * ((j * 7919) % half) for j in range(n)]
    named = set(refs)
    expected = sum(1 for i in range(n) if i not in named)
    pack = ["facts:",
            "  orphans: {type: list, of: text, derived: true, output: true}",
            "collections:", "  ds:"]
    pack += [f"    - {{id: d{i}}}" for i in range(n)]
    pack.append("  xs:")
    pack += [f"    - {{id: x{j}, d: d{d}}}" for j, d in enumerate(refs)]
    clips = ["(deftemplate d (slot id))", "(deftemplate x (slot id) (slot d))", "(deffacts world"]
    clips += [f"  (d (id d{i}))" for i in range(n)]
    clips += [f"  (x (id x{j}) (d d{d}))" for j, d in enumerate(refs)]
    clips.append(")")
    clips.append("(defrule orphan (d (id ?id)) (not (x (d ?id))) => (assert (orphan ?id)))")
    return pack, clips, expected


def absence_rule(n, test):
    """The absence data with one rule: a d that `test` finds nothing refers to is an orphan."""
    pack, clips, expected = absence_data(n)
    pack += ["rules:",
             "  - id: orphan",
             "    for: d in ds",
             f"    when: {test}",
             "    then: [{append: orphans, item: = d.id}]"]
    return dict(pack=pack, facts=[], clips=clips, expected=expected, relation="orphan", seeds=0, output="orphans", rules=1)


def absence(n):
    return absence_rule(n, "count([x for x in xs where x.d == d.id]) == 0")


def absence_notin(n):
    return absence_rule(n, "d.id not in [x.d for x in xs]")


def reader(n):
    pack = ["facts:", "  flagged: {type: list, of: text, derived: true, output: true}"]
    pack += [f"  score.d{k}: {{type: number}}" for k in range(n)]
    pack += ["collections:", "  domains:"]
    pack += [f"    - {{id: d{k}, weak: = weak.d{k}}}" for k in range(n)]
    pack.append("rules:")
    pack += [f"  - {{id: r{k}, salience: -10, when: score.d{k} < 50, then: [{{set: weak.d{k}, to: true}}]}}"
             for k in range(n)]
    pack += ["  - id: flag",
             "    salience: 10",
             "    for: d in domains",
             "    when: d.weak",
             "    then: [{append: flagged, item: = d.id}]"]
    facts = [f"score.d{k}: {value(k)}" for k in range(n)]
    clips = ["(deftemplate score (slot domain) (slot value))", "(deffacts scores"]
    clips += [f"  (score (domain d{k}) (value {value(k)}))" for k in range(n)]
    clips.append(")")
    clips += [f"(defrule r{k} (declare (salience -10)) (score (domain d{k}) (value ?v&:(< ?v 50))) => (assert (weak d{k})))"
              for k in range(n)]
    clips.append("(defrule flag (declare (salience 10)) (weak ?d) => (assert (flagged ?d)))")
    expected = sum(1 for k in range(n) if value(k) < 50)
    return dict(pack=pack, facts=facts, clips=clips, expected=expected, relation="flagged", seeds=0, output="flagged",
                rules=n + 1)


def pick(n):
    pack = ["collections:", "  items:"]
    pack += [f"    - {{id: i{k}, v: {value(k)}}}" for k in range(n)]
    pack.append("rules:")
    pack += [f"  - {{id: p{k}, for: x in items, when: x.id == \"i{k}\" and x.v < 50, then: [{{set: picked.i{k}, to: true}}]}}"
             for k in range(n)]
    clips = ["(deftemplate item (slot id) (slot v))", "(deffacts items"]
    clips += [f"  (item (id i{k}) (v {value(k)}))" for k in range(n)]
    clips.append(")")
    clips += [f"(defrule p{k} (item (id i{k}) (v ?v&:(< ?v 50))) => (assert (picked i{k})))" for k in range(n)]
    expected = sum(1 for k in range(n) if value(k) < 50)
    return dict(pack=pack, facts=[], clips=clips, expected=expected, relation="picked", seeds=0, output="picked", rules=n)


def computed(n):
    pack = ["facts:", "  low: {type: list, of: text, derived: true, output: true}"]
    pack += [f"  a{i}: {{type: number}}" for i in range(n)]
    pack += ["collections:", "  rows:"]
    pack += [f"    - {{id: r{i}, v: = a{i}}}" for i in range(n)]
    pack += ["rules:",
             "  - id: low",
             "    for: r in rows",
             "    when: r.v < 50",
             "    then: [{append: low, item: = r.id}]"]
    facts = [f"a{i}: {value(i)}" for i in range(n)]
    # CLIPS has no computed fields: the same inputs are N answers and N rows
    # that each name their answer, and the rule joins a row to its answer.
    clips = ["(deftemplate answer (slot name) (slot value))", "(deftemplate row (slot id) (slot answer))",
             "(deffacts world"]
    clips += [f"  (answer (name a{i}) (value {value(i)}))" for i in range(n)]
    clips += [f"  (row (id r{i}) (answer a{i}))" for i in range(n)]
    clips.append(")")
    clips.append("(defrule low (row (id ?id) (answer ?a)) (answer (name ?a) (value ?v&:(< ?v 50))) => (assert (low ?id)))")
    expected = sum(1 for i in range(n) if value(i) < 50)
    return dict(pack=pack, facts=facts, clips=clips, expected=expected, relation="low", seeds=0, output="low", rules=1)


def gather(n):
    """N items in a scrambled order, a third of their values repeated; one rule gathers the
    values into a set, which grows by one item at most each firing, in no order."""
    values = [(k * 7919) % n for k in range(n)] + [(k * 7919) % n for k in range(0, n, 3)]
    pack = ["facts:", "  seen: {type: set, of: text, derived: true, output: true}", "collections:", "  xs:"]
    pack += [f"    - {{id: i{j}, v: v{v}}}" for j, v in enumerate(values)]
    pack += ["rules:",
             "  - id: gather",
             "    for: x in xs",
             "    then: [{append: seen, item: = x.v}]"]
    clips = ["(deftemplate x (slot id) (slot v))", "(deffacts items"]
    clips += [f"  (x (id i{j}) (v v{v}))" for j, v in enumerate(values)]
    clips.append(")")
    clips.append("(defrule gather (x (v ?v)) => (assert (seen ?v)))")
    return dict(pack=pack, facts=[], clips=clips, expected=len(set(values)), relation="seen", seeds=0,
                output="seen", rules=1)


def machine(n):
    """A state machine of N rules, rule k wanting phase k: it records k and moves the phase to
    k + 1. Every rule reads the phase, which changes on every firing."""
    pack = ["facts:", "  go: {type: bool}", "  phase: {type: number, derived: true}",
            "  trail: {type: list, of: number, derived: true, output: true}", "rules:",
            "  - {id: start, when: go, then: [{set: phase, to: 0}]}"]
    pack += [f"  - {{id: s{k}, when: phase == {k}, then: [{{set: phase, to: {k + 1}}}, {{append: trail, item: {k}}}]}}"
             for k in range(n)]
    clips = ["(deffacts start (phase 0))"]
    clips += [f"(defrule s{k} ?f <- (phase {k}) => (retract ?f) (assert (phase {k + 1})) (assert (trail {k})))"
              for k in range(n)]
    return dict(pack=pack, facts=["go: true"], clips=clips, expected=n, relation="trail", seeds=0, output="trail",
                rules=n)


SHAPES = {"chain": chain, "fanout": fanout, "join": join, "stepper": stepper, "absence": absence,
          "absence_notin": absence_notin, "reader": reader, "pick": pick, "computed": computed,
          "gather": gather, "machine": machine}


def write(folder, shape):
    os.makedirs(os.path.join(folder, "pack"), exist_ok=True)
    with open(os.path.join(folder, "pack", "pack.yaml"), "w") as f:
        f.write("\n".join(shape["pack"]) + "\n")
    with open(os.path.join(folder, "facts.yaml"), "w") as f:
        f.write("".join(line + "\n" for line in shape["facts"]))
    with open(os.path.join(folder, "program.clp"), "w") as f:
        f.write("\n".join(shape["clips"]) + "\n")
    # The script times (reset) + (run), the counterpart of our prepare +
    # infer, and (run) alone; counts the output facts, less the `seeds`
    # (facts of the output relation that are given, not derived); exits.
    with open(os.path.join(folder, "run.clp"), "w") as f:
        f.write("(defglobal ?*start* = 0.0 ?*matched* = 0.0 ?*end* = 0.0)\n"
                f'(load "{os.path.join(folder, "program.clp")}")\n'
                "(bind ?*start* (time))\n"
                "(reset)\n"
                "(bind ?*matched* (time))\n"
                "(run)\n"
                "(bind ?*end* (time))\n"
                f"(printout t \"outputs=\" (- (length$ (find-all-facts ((?x {shape['relation']})) TRUE)) {shape['seeds']})"
                " \" match_fire_ms=\" (* 1000 (- ?*end* ?*start*))"
                " \" infer_ms=\" (* 1000 (- ?*end* ?*matched*)) crlf)\n"
                "(exit)\n")
    with open(os.path.join(folder, "expected"), "w") as f:
        f.write(f"{shape['expected']}\n")
    with open(os.path.join(folder, "workload.json"), "w") as f:
        json.dump({"expected": shape["expected"], "rules": shape["rules"], "output": shape["output"]}, f)
        f.write("\n")


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit("usage: generate.py OUT_DIR N [SHAPE,...]")
    out, n = sys.argv[1], int(sys.argv[2])
    names = sys.argv[3].split(",") if len(sys.argv) > 3 else list(SHAPES)
    unknown = [name for name in names if name not in SHAPES]
    if unknown:
        sys.exit(f"unknown shape(s): {', '.join(unknown)}; the shapes are {', '.join(SHAPES)}")
    for name in names:
        write(os.path.join(out, f"{name}-{n}"), SHAPES[name](n))


if __name__ == "__main__":
    main()
