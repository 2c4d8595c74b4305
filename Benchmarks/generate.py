#!/usr/bin/env python3
"""Writes the benchmark workloads at a given N, as a rule pack for
retake-coach's engine and as a CLIPS program, with the number of output
facts each must produce.

    generate.py OUT_DIR N        writes OUT_DIR/{chain,fanout,join}-N/{pack.yaml,facts.yaml,program.clp,expected}

chain:  N rules; rule i fires on fact i and asserts fact i+1 (N firings from one fact).
fanout: N facts score(dK, V) with V = (K*37) mod 100; rule K asserts weak(dK) when V < 50.
join:   N domains (every even one weak) and N services, service J in domain (J*7919) mod N;
        one rule asserts study(s) for every service of a weak domain.
"""
import os
import sys


def chain(n):
    pack = ["facts:", "  f0: {type: bool}", "rules:"]
    clips = ["(deffacts start (f 0))"]
    for i in range(n):
        pack.append(f"  - {{id: r{i}, when: f{i}, then: [{{set: f{i + 1}, to: true}}]}}")
        clips.append(f"(defrule r{i} (f {i}) => (assert (f {i + 1})))")
    facts = "f0: true\n"
    return "\n".join(pack) + "\n", facts, "\n".join(clips) + "\n", n, "f", 1


def fanout(n):
    pack = ["facts:"]
    for k in range(n):
        pack.append(f"  score.d{k}: {{type: number}}")
    pack.append("rules:")
    clips = ["(deftemplate score (slot domain) (slot value))", "(deffacts scores"]
    facts = []
    for k in range(n):
        value = (k * 37) % 100
        facts.append(f"score.d{k}: {value}")
        clips.append(f"  (score (domain d{k}) (value {value}))")
    clips.append(")")
    for k in range(n):
        pack.append(f"  - {{id: r{k}, when: score.d{k} < 50, then: [{{set: weak.d{k}, to: true}}]}}")
        clips.append(f"(defrule r{k} (score (domain d{k}) (value ?v&:(< ?v 50))) => (assert (weak d{k})))")
    expected = sum(1 for k in range(n) if (k * 37) % 100 < 50)
    return "\n".join(pack) + "\n", "\n".join(facts) + "\n", "\n".join(clips) + "\n", expected, "weak", 0


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
    return "\n".join(pack) + "\n", "", "\n".join(clips) + "\n", expected, "study", 0


def main():
    out, n = sys.argv[1], int(sys.argv[2])
    for name, make in (("chain", chain), ("fanout", fanout), ("join", join)):
        # `seeds`: facts of the output relation that are given, not derived.
        pack, facts, clips, expected, relation, seeds = make(n)
        folder = os.path.join(out, f"{name}-{n}")
        os.makedirs(os.path.join(folder, "pack"), exist_ok=True)
        with open(os.path.join(folder, "pack", "pack.yaml"), "w") as f:
            f.write(pack)
        with open(os.path.join(folder, "facts.yaml"), "w") as f:
            f.write(facts)
        # The program times (run) itself, counts its output facts and exits.
        with open(os.path.join(folder, "program.clp"), "w") as f:
            f.write(clips)
        with open(os.path.join(folder, "run.clp"), "w") as f:
            f.write("(defglobal ?*start* = 0.0 ?*elapsed* = 0.0)\n"
                    f'(load "{os.path.join(folder, "program.clp")}")\n'
                    "(reset)\n"
                    "(bind ?*start* (time))\n"
                    "(run)\n"
                    "(bind ?*elapsed* (- (time) ?*start*))\n"
                    f"(printout t \"outputs=\" (- (length$ (find-all-facts ((?x {relation})) TRUE)) {seeds}) "
                    "\" infer_ms=\" (* 1000 ?*elapsed*) crlf)\n"
                    "(exit)\n")
        with open(os.path.join(folder, "expected"), "w") as f:
            f.write(f"{expected}\n")


if __name__ == "__main__":
    main()
