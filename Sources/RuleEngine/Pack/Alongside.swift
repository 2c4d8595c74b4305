import Dispatch

/// Work done on a second core while this one goes on: reading a facts file
/// while its pack loads, or a pack's files side by side.
public enum Alongside {
    /// `main()` and `other()` side by side; both results, once both are
    /// done. They run as the two iterations of one `concurrentPerform`,
    /// which runs on this thread what no other thread takes: nothing waits
    /// for a thread to come free, however busy the others are, and a call
    /// from inside another one is safe.
    public static func run<Main, Other: Sendable, Failure: Error>(_ main: () throws(Failure) -> Main,
                                                                 alongside other: @Sendable () -> Other) throws(Failure) -> (Main, Other) {
        let first = Slot<Result<Main, Failure>>()
        let second = Slot<Other>()
        withoutActuallyEscaping(main) { main in
            let main = Unchecked(main)
            DispatchQueue.concurrentPerform(iterations: 2) { index in
                if index == 0 {
                    first.value = Result { () throws(Failure) -> Main in try main.value() }
                } else {
                    second.value = other()
                }
            }
        }
        return (try first.value!.get(), second.value!)
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

/// A result written by one thread and read by another once the work that
/// writes it is done.
private final class Slot<Value>: @unchecked Sendable {
    var value: Value?
}

/// A closure run on another thread while its caller waits for it: nothing
/// else runs it at the same time.
private struct Unchecked<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
