import Dispatch

/// Work done on a second core while this one goes on: reading a facts file
/// while its pack loads, or a pack's files side by side.
public enum Alongside {
    /// `main()` here and `other()` on another thread; both results, once
    /// both are done.
    public static func run<Main, Other: Sendable>(_ main: () throws -> Main,
                                                  alongside other: @escaping @Sendable () -> Other) rethrows -> (Main, Other) {
        let result = Slot<Other>()
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            result.value = other()
            done.signal()
        }
        let first: Main
        do {
            first = try main()
        } catch {
            // Waited for all the same, so nothing outlives the call.
            done.wait()
            throw error
        }
        done.wait()
        return (first, result.value!)
    }

    /// `transform` over every item, spread over the cores; in order.
    static func map<Item: Sendable, Result: Sendable>(_ items: [Item], _ transform: @Sendable (Item) -> Result) -> [Result] {
        guard items.count > 1 else { return items.map(transform) }
        let results = (0..<items.count).map { _ in Slot<Result>() }
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            results[index].value = transform(items[index])
        }
        return results.map { $0.value! }
    }
}

/// A result written by one thread and read by another after it signals.
private final class Slot<Value>: @unchecked Sendable {
    var value: Value?
}
