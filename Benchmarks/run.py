#!/usr/bin/env python3
"""The benchmark harness behind `make bench`.

Runs nine generated workload shapes (Benchmarks/generate.py) at N = 1,000,
10,000 and 100,000 on retake-coach's engine and on CLIPS, side by side, and
measures each three ways: the whole process (exec to exit), match and fire
after load (CLIPS's (reset) and (run), timed with (time) inside CLIPS; ours
Engine.prepare and Engine.infer, timed inside rule-bench) and inference
alone ((run); Engine.infer). One more run of each takes the peak resident
memory of the whole process. Both engines must produce the expected number
of output facts. Then the coach itself: start-up to the first prompt,
replaying every shipped transcript, and the peak memory of a whole scripted
session.

    run.py                     the full run; prints the tables and writes docs/performance.md
    run.py --smoke             N = 100 only, output counts checked (part of make test)
    run.py --only S[,S]        only these shapes (and `coach` for the coach's measures)
    run.py --sizes N[,N]       only these sizes
    run.py --timeout SECONDS   how long a run may take before it is stopped (default 120)

A run with --only, --sizes or --timeout prints its tables and bars but leaves
docs/performance.md as it is.
"""
import argparse
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SIZES = [1_000, 10_000, 100_000]
# The first three keep the bars they have always had: both ratios (whole and
# inference) at every size, and linear growth. The others: the whole and
# match + fire ratios at SHAPE_BARS_AT, and linear growth where CLIPS grows
# linearly.
OLD_SHAPES = ["chain", "fanout", "join"]
NEW_SHAPES = ["stepper", "absence", "absence_notin", "reader", "pick", "computed", "gather", "machine"]
SHAPES = OLD_SHAPES + NEW_SHAPES
SHAPE_BARS_AT = 10_000
DEFAULT_TIMEOUT = TIMEOUT = 120
# A warm-up slower than this is followed by one timed run rather than several.
SLOW_RUN = 20
GROWTH = 12.5
READER = ["2023-12-02 15:00", "1", "", "612", "55", "62", "48", "42", "58", "66", "computer_vision", "none", "none",
          "ai900", "no", "docs, video", "3", "rushed", "some", "5", "2023-12-24", "12"]


class TimedOut(Exception):
    pass


def fields(text):
    """`key=value key=value` into a dict."""
    return dict(part.split("=", 1) for part in text.split() if "=" in part)


def execute(command, timeout=None, **kwargs):
    """Runs a command in a session of its own, so that on a timeout the whole
    group goes (/usr/bin/time and the program it runs); the elapsed
    milliseconds and the completed process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True, **kwargs)
    try:
        out, err = process.communicate(timeout=timeout or TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise TimedOut()
    elapsed = (time.perf_counter() - start) * 1000
    if process.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({process.returncode}):\n{out}{err}")
    return elapsed, out, err


def workload(folder):
    with open(os.path.join(folder, "workload.json")) as f:
        return json.load(f)


def ours_command(bench, folder):
    output = workload(folder)["output"]
    return [bench, "infer", os.path.join(folder, "pack"), os.path.join(folder, "facts.yaml")] + ([output] if output else [])


def clips_command(folder):
    return ["clips", "-f2", os.path.join(folder, "run.clp")]


def measure(command):
    """One run: whole, match + fire and inference milliseconds, and the output count."""
    elapsed, out, _ = execute(command)
    line = next(l for l in out.splitlines() if l.startswith("outputs="))
    values = fields(line)
    return elapsed, float(values["match_fire_ms"]), float(values["infer_ms"]), int(values["outputs"])


def peak_kb(command):
    """The peak resident set of one more run, in KiB."""
    _, _, err = execute(["/usr/bin/time", "-f", "%M"] + command)
    return int(err.strip().splitlines()[-1])


def median_runs(commands, runs):
    """After a warm-up of each, the medians of `runs` runs of each command,
    taken in turn (one of each, then the next of each), so that both
    engines see the machine as it is at the same moments; one run when a
    warm-up is slow. A command that times out is left out of the result."""
    warm, results = {}, {}
    for name, command in commands.items():
        try:
            warm[name] = measure(command)
        except TimedOut:
            results[name] = None
    live = [name for name in commands if name in warm]
    if any(warm[name][0] > SLOW_RUN * 1000 for name in live):
        runs = 1
    taken = {name: [] for name in live}
    for _ in range(runs):
        for name in list(live):
            try:
                taken[name].append(measure(commands[name]))
            except TimedOut:
                live.remove(name)
                results[name] = None
    for name in live:
        counts = {r[3] for r in taken[name]}
        if len(counts) != 1:
            sys.exit(f"{' '.join(commands[name])}: the output count changed between runs: {sorted(counts)}")
        results[name] = tuple(statistics.median(r[i] for r in taken[name]) for i in range(3)) + (counts.pop(),)
    return results


def generate(work, n, shapes):
    subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks", "generate.py"), work, str(n), ",".join(shapes)],
                   check=True)


def smoke(bench, shapes):
    """N = 100: every shape gives the expected count, on CLIPS too when it is installed."""
    work = tempfile.mkdtemp(prefix="bench-smoke-")
    try:
        generate(work, 100, shapes)
        failed = 0
        for shape in shapes:
            folder = os.path.join(work, f"{shape}-100")
            expected = workload(folder)["expected"]
            counts = {"ours": measure(ours_command(bench, folder))[3]}
            if shutil.which("clips"):
                counts["clips"] = measure(clips_command(folder))[3]
            ok = all(count == expected for count in counts.values())
            failed += 0 if ok else 1
            shown = ", ".join(f"{name} {count}" for name, count in counts.items())
            print(f"bench smoke {shape}: expected {expected}, {shown}: {'ok' if ok else 'DIFFERENT'}", flush=True)
        if failed:
            sys.exit(f"bench smoke: {failed} shape(s) gave different output counts")
    except TimedOut:
        sys.exit(f"bench smoke: a run took over {TIMEOUT:g} s")
    finally:
        shutil.rmtree(work)


def coach_measures(coach, bench):
    state = tempfile.mkdtemp(prefix="bench-state-")
    environment = dict(os.environ, XDG_STATE_HOME=state)
    try:
        # Start-up: the newest exam's pack loaded, the first prompt (which
        # exam was sat) written; stdin is at its end, so the process stops
        # right after.
        startups = []
        for _ in range(21):
            start = time.perf_counter()
            subprocess.run([coach, "--now", "2026-11-28T18:00"], stdin=subprocess.DEVNULL, capture_output=True,
                           env=environment)
            startups.append((time.perf_counter() - start) * 1000)
        _, out, _ = execute([bench, "replay", os.path.join(ROOT, "transcripts"), os.path.join(ROOT, "rules", "ai102")])
        replays = [float(fields(line)["replay_ms"]) for line in out.splitlines()]
        # A whole AI-102 session, from the day of the failure to the report.
        result = subprocess.run(["/usr/bin/time", "-f", "%M", coach, "--exam", "ai102", "--now", "2023-12-02T18:00"],
                                input="\n".join(READER) + "\n", capture_output=True, text=True, env=environment,
                                timeout=TIMEOUT)
        if result.returncode != 0 or "Your timeline" not in result.stdout:
            sys.exit(f"the scripted session did not finish with its report ({result.returncode}):\n"
                     f"{result.stdout[-2000:]}{result.stderr}")
        peak = int(result.stderr.strip().splitlines()[-1])
        return statistics.median(startups[1:]), replays, peak
    finally:
        shutil.rmtree(state)


def machine():
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")),
               platform.processor())
    memory = next((l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal")), "?")
    swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    clips_version = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "clips"], capture_output=True,
                                   text=True).stdout
    return f"{os.cpu_count()} cores, {cpu}, {int(memory) // 1024 // 1024} GiB; {swift}; CLIPS {clips_version} (Debian)"


def bin_path(*arguments):
    return subprocess.run(["swift", "build", *arguments, "--show-bin-path"], capture_output=True, text=True,
                          cwd=ROOT).stdout.strip()


class Result:
    """One engine on one workload: the medians, the output count and the peak
    memory (None when its run timed out); or a timeout."""

    def __init__(self, whole=None, match_fire=None, infer=None, count=None, peak=None, timed_out=False):
        self.whole, self.match_fire, self.infer, self.count, self.peak = whole, match_fire, infer, count, peak
        self.timed_out = timed_out

    def get(self, measure):
        return None if self.timed_out else getattr(self, measure)


def run_engines(commands, n):
    """Each engine's Result, its runs taken in turn with the others'."""
    timings = median_runs(commands, 3 if n >= 100_000 else 5)
    results = {}
    for name, command in commands.items():
        if timings[name] is None:
            results[name] = Result(timed_out=True)
            continue
        try:
            peak = peak_kb(command)
        except TimedOut:
            peak = None
        results[name] = Result(*timings[name], peak)
    return results


def ms(value):
    return f">{TIMEOUT:g} s" if value is None else f"{value:.1f}" if value >= 10 else f"{value:.2f}"


def ratio(a, b):
    return "—" if a is None or b is None else f"{a / b:.2f}"


def ratio_bar(name, o, c):
    """A bar: ours / CLIPS ≤ 1.0. A timeout of ours misses it; one of CLIPS's
    alone meets it, since ours finished within the time CLIPS did not."""
    if o is None:
        return (name, False, f"ours >{TIMEOUT:g} s" + ("" if c is None else f", CLIPS {ms(c)} ms"))
    if c is None:
        return (name, True, f"ours {ms(o)} ms, CLIPS >{TIMEOUT:g} s")
    return (name, o / c <= 1.0, f"{o / c:.2f}")


def growth_bar(name, small, large):
    """A bar: 100k ≤ ~12.5× 10k; a timeout at either size misses it."""
    if small is None:
        return (name, False, f">{TIMEOUT:g} s at 10,000")
    if large is None:
        return (name, False, f">{TIMEOUT:g} s at 100,000 ({ms(small)} ms at 10,000)")
    return (name, large / small <= GROWTH, f"{large / small:.1f}×")


def main():
    global TIMEOUT
    parser = argparse.ArgumentParser(description="retake-coach's benchmarks against CLIPS")
    parser.add_argument("--smoke", action="store_true", help="N = 100, output counts only (make test)")
    parser.add_argument("--only", help="comma-separated shapes, and `coach` for the coach's measures")
    parser.add_argument("--sizes", help="comma-separated sizes (default 1000,10000,100000)")
    parser.add_argument("--timeout", type=float, default=TIMEOUT, help=f"seconds a run may take (default {TIMEOUT:g})")
    options = parser.parse_args()
    TIMEOUT = options.timeout
    selected = options.only.split(",") if options.only else SHAPES + ["coach"]
    unknown = [name for name in selected if name not in SHAPES + ["coach"]]
    if unknown:
        sys.exit(f"unknown shape(s): {', '.join(unknown)}; the shapes are {', '.join(SHAPES)} (and coach)")
    shapes = [shape for shape in SHAPES if shape in selected]
    sizes = sorted({int(size.replace("_", "")) for size in options.sizes.split(",")}) if options.sizes else SIZES

    if options.smoke:
        smoke(os.path.join(bin_path(), "rule-bench"), shapes)
        return
    # `make release` builds the driver as a static executable, in its own folder.
    bench = os.path.join(bin_path("-c", "release", "--scratch-path", os.path.join(ROOT, ".build-static")), "rule-bench")
    coach = os.path.join(bin_path("-c", "release"), "retake-coach")
    if not os.path.exists(bench):
        sys.exit(f"{bench} is not built (make release builds it)")
    partial = bool(options.only or options.sizes or options.timeout != DEFAULT_TIMEOUT)
    if "coach" in selected and not os.path.exists(coach):
        if not partial:
            sys.exit(f"{coach} is not built (make release builds it)")
        print(f"The coach's measures are left out: {coach} is not built (make release builds it).")
        selected.remove("coach")
    if not shutil.which("clips"):
        sys.exit("CLIPS is not installed (make bench installs the Debian package 'clips')")

    work = tempfile.mkdtemp(prefix="bench-")
    results = {}
    # The size at which an engine timed out on a shape: not run again above it.
    timed_out = {}
    try:
        for n in sizes:
            if not shapes:
                break
            generate(work, n, shapes)
            for shape in shapes:
                folder = os.path.join(work, f"{shape}-{n}")
                described = workload(folder)
                expected = described["expected"]
                commands = {"ours": ours_command(bench, folder), "clips": clips_command(folder)}
                pair = {engine: Result(timed_out=True) for engine in commands if (engine, shape) in timed_out}
                pair.update(run_engines({engine: command for engine, command in commands.items() if engine not in pair}, n))
                for engine, result in pair.items():
                    if result.timed_out:
                        timed_out.setdefault((engine, shape), n)
                counts = {engine: r.count for engine, r in pair.items() if not r.timed_out}
                if any(count != expected for count in counts.values()):
                    sys.exit(f"{shape} N={n}: output counts differ: "
                             + ", ".join(f"{engine} {count}" for engine, count in counts.items())
                             + f", expected {expected}")
                results[(shape, n)] = dict(pair, rules=described["rules"])
                o, c = pair["ours"], pair["clips"]
                print(f"{shape:13} {n:>7}  outputs {expected:>6}  whole {ms(o.get('whole')):>9} / {ms(c.get('whole')):>9} ms  "
                      f"match+fire {ms(o.get('match_fire')):>9} / {ms(c.get('match_fire')):>9} ms  "
                      f"infer {ms(o.get('infer')):>9} / {ms(c.get('infer')):>9} ms  "
                      f"peak {kb_mb(o.get('peak'))} / {kb_mb(c.get('peak'))} MB", flush=True)
                shutil.rmtree(folder)
        coach_results = coach_measures(coach, bench) if "coach" in selected else None
    finally:
        shutil.rmtree(work, ignore_errors=True)

    times, memory, bars = tables(results, shapes, sizes)
    if coach_results:
        startup, replays, session_kb = coach_results
        bars.append(("start-up to the first prompt < 15 ms", startup < 15, f"{startup:.1f} ms"))
        bars.append(("replay < 2 ms per transcript", max(replays) < 2,
                     f"median {statistics.median(replays):.2f} ms, max {max(replays):.2f} ms"))
        bars.append(("a session's peak memory < 30 MB", session_kb < 30 * 1024, f"{session_kb / 1024:.1f} MB"))

    print()
    print("\n".join(times))
    print()
    print("\n".join(memory))
    print()
    for name, met, value in bars:
        print(f"{'n/a ' if met is None else 'met ' if met else 'MISSED'}  {name}: {value}")
    judged = [b for b in bars if b[1] is not None]
    print(f"\n{sum(1 for b in judged if b[1])} of {len(judged)} bars met")
    if partial:
        print("(a partial run: docs/performance.md is left as it is)")
        return
    write_docs(times, memory, bars)


def per_rule_kb(kb, rules):
    if kb is None:
        return "—"
    return f"{kb / rules:.1f}" if kb / rules < 100 else f"{kb / rules:,.0f}"


def kb_mb(kb):
    return "—" if kb is None else f"{kb / 1024:.1f}"


def tables(results, shapes, sizes):
    times = ["| shape | N | outputs | whole: ours ms | whole: CLIPS ms | ratio "
             "| match + fire: ours ms | match + fire: CLIPS ms | ratio "
             "| inference: ours ms | inference: CLIPS ms | ratio |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    memory = ["| shape | N | rules | peak: ours MB | peak: CLIPS MB | ratio | per rule: ours KB | per rule: CLIPS KB |",
              "|---|---:|---:|---:|---:|---:|---:|---:|"]
    bars = []
    rules = {shape: None for shape in shapes}
    for n in sizes:
        for shape in shapes:
            if (shape, n) not in results:
                continue
            o, c = results[(shape, n)]["ours"], results[(shape, n)]["clips"]
            count = o.count if o.count is not None else c.count
            row = [shape, f"{n:,}", "—" if count is None else f"{count:,}"]
            for measure in ("whole", "match_fire", "infer"):
                row += [ms(o.get(measure)), ms(c.get(measure)), ratio(o.get(measure), c.get(measure))]
            times.append("| " + " | ".join(row) + " |")
            rule_count = results[(shape, n)]["rules"]
            per_rule = [per_rule_kb(r.get("peak"), rule_count) for r in (o, c)]
            memory.append(f"| {shape} | {n:,} | {rule_count:,} | {kb_mb(o.get('peak'))} | {kb_mb(c.get('peak'))} "
                          f"| {ratio(o.get('peak'), c.get('peak'))} | {per_rule[0]} | {per_rule[1]} |")
            if shape in OLD_SHAPES:
                bars.append(ratio_bar(f"{shape} N={n:,} whole process ratio ≤ 1.0", o.get("whole"), c.get("whole")))
                bars.append(ratio_bar(f"{shape} N={n:,} inference ratio ≤ 1.0", o.get("infer"), c.get("infer")))
            elif n == SHAPE_BARS_AT:
                bars.append(ratio_bar(f"{shape} N={n:,} whole process ratio ≤ 1.0", o.get("whole"), c.get("whole")))
                bars.append(ratio_bar(f"{shape} N={n:,} match + fire ratio ≤ 1.0", o.get("match_fire"),
                                      c.get("match_fire")))
    if 10_000 in sizes and 100_000 in sizes:
        for shape in shapes:
            if (shape, 10_000) not in results or (shape, 100_000) not in results:
                continue
            small, large = results[(shape, 10_000)], results[(shape, 100_000)]
            if shape in OLD_SHAPES:
                for label, measure in (("whole process", "whole"), ("inference", "infer")):
                    bars.append(growth_bar(f"{shape} {label} grows linearly (100k ≤ ~12× 10k)",
                                           small["ours"].get(measure), large["ours"].get(measure)))
                continue
            for label, measure in (("whole process", "whole"), ("match + fire", "match_fire")):
                name = f"{shape} {label} grows linearly (100k ≤ ~12× 10k) where CLIPS does"
                c_small, c_large = small["clips"].get(measure), large["clips"].get(measure)
                if c_small is None or c_large is None:
                    bars.append((name, None, f"CLIPS >{TIMEOUT:g} s"))
                elif c_large / c_small > GROWTH:
                    bars.append((name, None, f"CLIPS grows {c_large / c_small:.1f}×"))
                else:
                    bars.append(growth_bar(name, small["ours"].get(measure), large["ours"].get(measure)))
    return times, memory, bars


def write_docs(times, memory, bars):
    with open(os.path.join(ROOT, "docs", "performance.md"), "w") as f:
        f.write("# Performance\n\n")
        f.write("The latest `make bench` run, on one machine in one run. Reproduce it with\n\n"
                "```sh\nmake bench\n```\n\n"
                "which builds in release mode, installs CLIPS (Debian package `clips`) when it is\n"
                "missing, generates the workloads (`Benchmarks/generate.py`) and runs\n"
                "`Benchmarks/run.py`, which rewrites this file. `run.py --only SHAPE[,SHAPE]` and\n"
                "`--sizes N[,N]` run part of it (and leave this file as it is).\n\n")
        f.write(f"Machine: {machine()}. Run on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.\n\n")
        f.write("## The shapes\n\n"
                "Each shape is written for both engines as each would naturally say it, and both must\n"
                "produce the number of output facts the generator works out, checked on every run.\n\n"
                "- **chain**: N rules; rule i fires on fact i and concludes fact i+1 (ours `f<i>: true`,\n"
                "  CLIPS `(f i)`): N firings in a row from one fact.\n"
                "- **fanout**: N scores (ours the answers `score.d<k>`, CLIPS `(score (domain d<k>) (value V))`\n"
                "  facts) and N rules, rule k concluding `weak.d<k>` / `(weak d<k>)` when score k is under 50.\n"
                "- **join**: N domains, every even one weak, and N services spread over them; one rule\n"
                "  with two bindings (ours `for: [s in services, d in domains]`, `s.domain == d.id`, a hash\n"
                "  join) or two patterns (CLIPS) concludes a study item for each service of a weak domain.\n"
                "- **stepper**: N steps `{id: s<i>, k: <i>}` and a phase from 0 (ours a `start` rule sets\n"
                "  `phase`; CLIPS a `(phase 0)` fact); one rule fires on the step whose k is the phase, moves\n"
                "  the phase on (ours `set: phase, to: = phase + 1`; CLIPS retracts and asserts `(phase)`) and\n"
                "  records the step: N firings, each enabled by the one before.\n"
                "- **absence**: N domains and N references to the even ones only, so half the domains have\n"
                "  none; one rule concludes the orphans: ours `count([x for x in xs where x.d == d.id]) == 0`,\n"
                "  CLIPS `(d (id ?id)) (not (x (d ?id)))`.\n"
                "- **absence_notin**: the same data and CLIPS rule; ours `d.id not in [x.d for x in xs]`.\n"
                "- **reader**: N scores and N rules at salience -10 concluding `weak.d<k>` as in fanout, and\n"
                "  one rule at salience 10 over a collection of N domains whose field `weak: = weak.d<k>` reads\n"
                "  those conclusions (CLIPS `(weak ?d)` at salience 10): a high-salience reader of what\n"
                "  low-salience rules conclude.\n"
                "- **pick**: N items `{id: i<k>, v: V}` in one collection and N rules, rule k wanting item i<k>\n"
                "  with v under 50 (ours `for: x in items`, `x.id == \"i<k>\" and x.v < 50`; CLIPS\n"
                "  `(item (id i<k>) (v ?v&:(< ?v 50)))`).\n"
                "- **computed**: N answers and N rows whose `v` is computed from an answer (ours\n"
                "  `{id: r<i>, v: = a<i>}` over answers `a<i>`; CLIPS, which has no computed fields, has N\n"
                "  `(answer (name a<i>) (value V))` facts and N `(row (id r<i>) (answer a<i>))` facts, and its\n"
                "  rule joins each row to its answer); one rule concludes each row with v under 50.\n"
                "- **gather**: 4N/3 items `{id: i<j>, v: v<(j*7919) mod N>}`, a third of the values twice;\n"
                "  one rule gathers the values into a set (ours `append: seen` on a set; CLIPS asserts\n"
                "  `(seen ?v)`, a fact asserted twice being one fact): a set grown in no order.\n"
                "- **machine**: N rules, rule k wanting phase k (ours `when: phase == k`; CLIPS\n"
                "  `(phase k)`), recording k and moving the phase to k + 1: every rule reads a fact that\n"
                "  changes on every firing.\n\n"
                "Scores and values are `(k*37) mod 100`, so half are under 50.\n\n")
        f.write("## Measures\n\n"
                "Medians of 5 runs after a warm-up (3 runs at N = 100,000; 1 when the warm-up took over\n"
                f"{SLOW_RUN} s), the two engines' runs taken in turn, so that both meet the machine's load at\n"
                f"the same moments. A run that takes over {TIMEOUT:g} s is stopped and shown as \">{TIMEOUT:g} s\"; the\n"
                "engine is not run on that shape at larger sizes, which show the same.\n\n"
                "- *Whole* is the process from exec to exit: load, parse, match, fire, count, exit.\n"
                "- *Match + fire* is the work after loading: CLIPS's `(reset)` (asserting the deffacts and\n"
                "  matching them) and `(run)`, timed with `(time)` inside CLIPS, against ours timed inside\n"
                "  `rule-bench`: `Engine.prepare` (the answers checked and every rule matched) and\n"
                "  `Engine.infer`.\n"
                "- *Inference* is the agenda firing to its fixed point: CLIPS's `(run)` against our\n"
                "  `Engine.infer`.\n"
                "- *Peak* is the maximum resident set of the whole process (`/usr/bin/time -f %M`), from one\n"
                "  more run of each engine; *per rule* is that peak divided by the number of rules in the\n"
                "  shape (so it includes the facts and the program itself, and for a shape with one or two\n"
                "  rules it is the whole peak shared among them).\n\n"
                "Ours is `rule-bench` (`Benchmarks/RuleBench`), which `make release` links as a static\n"
                "executable; CLIPS is the Debian binary.\n\n")
        f.write("\n".join(times) + "\n\n")
        f.write("\n".join(memory) + "\n\n")
        f.write("## Bars\n\n"
                "chain, fanout and join: both ratios (whole and inference) at most 1.0 at every size, and\n"
                "ours growing linearly. The other shapes: the whole and match + fire ratios at most 1.0 at\n"
                f"N = {SHAPE_BARS_AT:,}, and ours growing linearly in both wherever CLIPS's own growth in that\n"
                "measure is linear (\"n/a\" where it is not). A growth bar counts \"~12×\" as at most 12.5×.\n\n")
        f.write("| bar | met | measured |\n|---|---|---|\n")
        for name, met, value in bars:
            f.write(f"| {name} | {'n/a' if met is None else 'yes' if met else '**no**'} | {value} |\n")
        f.write("\nStart-up is the release binary from exec to exit with standard input at its end\n"
                "(the newest exam's pack loaded, the first question, which exam was sat, written, the end\n"
                "of input reported), median of 20.\n"
                "Replay is every AI-102 transcript (the top folder of `transcripts/`) replayed in-process\n"
                "by `rule-bench replay`, median of 5 each.\n"
                "Peak memory of a session is the maximum resident set of a whole scripted AI-102 session\n"
                "(`--exam ai102`, failed on 2023-12-02), from the first question to the report.\n\n"
                "## What the numbers rest on\n\n"
                "- Rule files are read from libyaml's events straight into nodes; collections written\n"
                "  as data become values without compiling each field.\n"
                "- A firing marks the rules that read what it changed; each is matched again only when\n"
                "  it could fire before the best activation waiting (`Engine`, `matchRulesAhead`), so a\n"
                "  rule below a run of firings is matched once, after them.\n"
                "- Joins go through a hash index on the equality (`Matcher`). The index is kept for the\n"
                "  run in a cache slot named by its source and key (`CacheSlots`), so rules that look up\n"
                "  one collection by one key share it (pick), a constant key is one lookup, and a join on\n"
                "  a counter that changes every firing is one lookup per firing (stepper). An item\n"
                "  appended to a list goes into the indexes over it.\n"
                "- A comprehension whose filter holds such an equality looks at the matching items only\n"
                "  (absence); one that reads no variable is kept until a fact it reads changes, and `in`\n"
                "  hashes its items once (absence_notin).\n"
                "- A changed fact recomputes only the collection records whose computed fields read it;\n"
                "  a rule that reads the fact only through its binding's source is matched for the\n"
                "  changed or new items alone (reader, and closures over a growing list or set), when\n"
                "  that queues its bindings where matching it whole would (`InferenceRun`).\n"
                "- A rule that reads no fact is matched once and its bindings told apart as they are\n"
                "  queued.\n"
                "- The agenda keeps one queue per rule, in the order bindings were found, and a bitset of\n"
                "  the rules waiting by firing rank: the next activation is found in a few word operations.\n"
                "- Action values worked out while matching are kept for the firing.\n"
                "- Rules guarded on a value of a fact (`phase == k`, CLIPS's `(phase k)`) are told apart\n"
                "  by that value: a change from one value to another matches again only the rules wanting\n"
                "  either (`RuleBase.valueGuards`), as an alpha network's hashed tests do (machine).\n"
                "- Items rules add to a set wait and are sorted in together when the set is next read\n"
                "  (`WorkingMemory`), so a set grown in no order is not moved item by item (gather).\n"
                "- Loading uses both cores: a pack's files, and the top-level sections of a large file,\n"
                "  are read side by side, the facts file while the pack loads, and the rule base is\n"
                "  indexed while the lint reads the rules (`Alongside`).\n"
                "- A session keeps a `MatchMemo`: a rule whose facts have the values they had at an\n"
                "  earlier answer reuses that match (the replay figure).\n")


if __name__ == "__main__":
    main()
