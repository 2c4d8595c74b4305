import Foundation

/// A seeded mutation fuzzer for the readers: it takes real inputs (a rule
/// pack, a transcript, a facts file) and damages them byte by byte, so the
/// generated inputs stay close enough to the format to reach deep into the
/// readers. The same seed gives the same inputs, run after run.
public struct Mutator {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    /// How many inputs each target tries: a few thousand in `make test`,
    /// as many as `FUZZ_COUNT` says under `make fuzz`.
    public static func count(default value: Int) -> Int {
        Int(ProcessInfo.processInfo.environment["FUZZ_COUNT"] ?? "") ?? value
    }

    /// Runs `body` on inputs until the budget is spent: `count` inputs, or
    /// under `make fuzz` until `FUZZ_SECONDS` have passed (or `FUZZ_COUNT`
    /// inputs were tried). Says how many it tried when fuzzing for long.
    public static func run(_ target: String, count: Int, _ body: (Int) -> Void) {
        let environment = ProcessInfo.processInfo.environment
        let seconds = environment["FUZZ_SECONDS"].flatMap(Double.init)
        let limit = seconds == nil ? Mutator.count(default: count) : Int.max
        let deadline = Date().addingTimeInterval(seconds ?? .infinity)
        var tried = 0
        while tried < limit && (tried % 64 != 0 || Date() < deadline) {
            body(tried)
            tried += 1
        }
        if seconds != nil || environment["FUZZ_COUNT"] != nil { print("fuzz \(target): \(tried) inputs tried") }
    }

    /// SplitMix64.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }

    /// Bytes that matter to the formats: structure, quotes, escapes, digits,
    /// line ends, control characters, and bytes that are not UTF-8.
    static let interesting: [UInt8] = Array(":-|>#[]{}(),.=\"'\\\n\r\t 0123456789{}%$*&!?".utf8) + [0, 1, 0x1B, 0x7F, 0xC3, 0xA9, 0xFF, 0xFE, 0x80]

    /// `seed` damaged by one to eight edits.
    public mutating func mutate(_ seed: [UInt8]) -> [UInt8] {
        var bytes = seed
        for _ in 0..<(1 + below(8)) {
            let at = below(bytes.count + 1)
            switch below(7) {
            case 0 where !bytes.isEmpty:
                bytes.remove(at: min(at, bytes.count - 1))
            case 1:
                bytes.insert(Mutator.interesting[below(Mutator.interesting.count)], at: at)
            case 2 where !bytes.isEmpty:
                bytes[min(at, bytes.count - 1)] = UInt8(truncatingIfNeeded: next())
            case 3 where bytes.count > 2:
                // Repeat a slice: deep nesting, long lines.
                let start = below(bytes.count - 1), length = 1 + below(min(64, bytes.count - start))
                let slice = bytes[start..<start + length]
                bytes.insert(contentsOf: Array(repeating: slice, count: 1 + below(40)).joined(), at: at)
            case 4 where bytes.count > 2:
                // Cut the input short.
                bytes.removeSubrange(at..<bytes.count)
            case 5:
                bytes.insert(contentsOf: Array("99999999999999999999999".utf8), at: at)
            default:
                bytes.insert(contentsOf: Array(repeating: UInt8(ascii: "("), count: below(200)), at: at)
            }
        }
        return bytes
    }

    /// Before each input under `make fuzz`, the input is written where the
    /// run can find it if the process dies on it.
    public static func remember(_ bytes: [UInt8], target: String) {
        guard let folder = ProcessInfo.processInfo.environment["FUZZ_CURRENT_DIR"] else { return }
        _ = FileManager.default.createFile(atPath: folder + "/" + target, contents: Data(bytes))
    }

    /// Inputs that once crashed a reader, kept as regression tests.
    public static func regressions(_ folder: URL) -> [[UInt8]] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().compactMap { FileManager.default.contents(atPath: folder.appendingPathComponent($0).path).map(Array.init) }
    }
}
