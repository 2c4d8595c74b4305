import Coach
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RuleEngine

/// The benchmark driver: times the engine inside one process, so load and
/// inference can be told apart.
///
///     rule-bench infer PACK_DIR [FACTS_FILE [OUTPUT]]   load, infer, count the conclusions
///     rule-bench replay FOLDER RULES_DIR                replay every transcript, time each
///
/// `infer` prints `outputs=` (the conclusions counted as facts: each known
/// derived fact once, a list or set by its items; with OUTPUT, only the fact
/// OUTPUT and the facts named OUTPUT.something), `load_ms=` (reading and
/// compiling the pack and the facts), `match_fire_ms=` (`Engine.prepare`
/// and `Engine.infer`: the facts checked and matched, then the agenda fired,
/// as CLIPS's (reset) and (run)), `infer_ms=` (`Engine.infer` alone, as
/// (run)) and `firings=`.
@main
enum RuleBench {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        switch arguments.first {
        case "infer" where (2...4).contains(arguments.count):
            infer(pack: arguments[1], facts: arguments.count > 2 ? arguments[2] : nil,
                  output: arguments.count > 3 ? arguments[3] : nil)
        case "replay" where arguments.count >= 3:
            replay(folder: arguments[1], rules: arguments[2])
        default:
            fail("usage: rule-bench infer PACK_DIR [FACTS_FILE [OUTPUT]] | rule-bench replay FOLDER RULES_DIR")
        }
    }

    static func fail(_ message: String) -> Never {
        let bytes = Array((message + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
        exit(1)
    }

    static let clock = ContinuousClock()

    static func milliseconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = (clock.now - start).components
        return Double(elapsed.seconds) * 1e3 + Double(elapsed.attoseconds) / 1e15
    }

    /// Milliseconds with three decimals.
    static func shown(_ milliseconds: Double) -> String {
        let thousandths = Int((milliseconds * 1000).rounded())
        let fraction = String(thousandths % 1000)
        return "\(thousandths / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }

    static func infer(pack directory: String, facts: String?, output: String?) {
        let started = clock.now
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
        let sources = files.compactMap { name -> SourceFile? in
            guard let text = try? String(contentsOfFile: directory + "/" + name, encoding: .utf8) else { return nil }
            return SourceFile(name: name, text: text)
        }
        let factsFile = facts.map { path in
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { fail("\(path): unreadable") }
            return SourceFile(name: path, text: text)
        }
        // As `retake-coach run` does: the facts file is read while the pack loads.
        let (pack, document) = Alongside.run({ PackLoader.load(files: sources) }, alongside: { factsFile.map(FactsFile.Document.init) })
        guard let ruleBase = pack.ruleBase else {
            fail(pack.diagnostics.prefix(5).map(pack.renderer.headline).joined(separator: "\n"))
        }
        var answers: [String: Value] = [:]
        if let document {
            do {
                answers = try FactsFile.read(document, for: ruleBase)
            } catch {
                fail(error.diagnostics.prefix(5).map(DiagnosticRenderer().headline).joined(separator: "\n"))
            }
        }
        let engine = Engine(ruleBase: ruleBase)
        // Timed as CLIPS's (reset) and (run) are: the facts are checked and
        // matched (prepare, the counterpart of (reset)), then the agenda
        // fires (infer, the counterpart of (run)).
        func run() -> (Inference, matchFire: Double, inferred: Double) {
            do {
                let start = clock.now
                let prepared = try engine.prepare(answers)
                let matched = clock.now
                let inference = try engine.infer(prepared)
                return (inference, milliseconds(since: start), milliseconds(since: matched))
            } catch {
                fail(error.description)
            }
        }
        let loaded = milliseconds(since: started)
        let (inference, matchFire, inferred) = run()
        // More runs, for a profiler to see inference rather than loading.
        for _ in 1..<max(1, Int(ProcessInfo.processInfo.environment["RULE_BENCH_REPEAT"] ?? "") ?? 1) { _ = run() }
        // Conclusions counted as facts: each known derived fact once, a list
        // or set by its items; with an output named, only that relation.
        let outputs = inference.conclusions.reduce(0) { total, conclusion in
            guard output.map({ conclusion.key == $0 || conclusion.key.hasPrefix($0 + ".") }) ?? true else { return total }
            return total + (conclusion.value.elements?.count ?? 1)
        }
        print("outputs=\(outputs) load_ms=\(shown(loaded)) match_fire_ms=\(shown(matchFire)) infer_ms=\(shown(inferred)) "
              + "firings=\(inference.firedRules.count)")
        // The process ends here, as CLIPS's (exit) does, without taking the
        // rule base apart first.
        exit(0)
    }

    static func replay(folder: String, rules: String) {
        let pack: CoachPack
        do {
            pack = try CoachPack.open(directory: rules)
        } catch {
            fail("the rule pack does not open: \(error)")
        }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".transcript") }.sorted()
        var transcripts: [(String, Transcript)] = []
        for name in names {
            guard let text = try? String(contentsOfFile: folder + "/" + name, encoding: .utf8),
                  let transcript = try? Transcript(parsing: text) else { fail("\(name): unreadable") }
            transcripts.append((name, transcript))
        }
        // One warm-up pass, then the timed ones.
        for (_, transcript) in transcripts { _ = try? Replay(transcript, pack: pack) }
        for (name, transcript) in transcripts {
            var times: [Double] = []
            for _ in 0..<5 {
                let start = clock.now
                guard let replay = try? Replay(transcript, pack: pack), replay.matches else { fail("\(name): does not replay") }
                times.append(milliseconds(since: start))
            }
            print("\(name) replay_ms=\(shown(times.sorted()[2]))")
        }
    }
}
