internal import Dispatch
internal import Synchronization

/// Splits CPU-bound work over Dispatch's worker threads (never Swift's cooperative pool) and returns
/// the parts' results in order. The caller's thread waits; use it from synchronous code.
enum ParallelWork {
    static func map<T: Sendable>(parts: Int, _ body: (Int) -> T) -> [T] {
        precondition(parts > 0)
        if parts == 1 { return [body(0)] }
        let results = Mutex<[T?]>(Array(repeating: nil, count: parts))
        withoutActuallyEscaping(body) { body in
            let shared = UncheckedSendableBox(body)
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                let value = shared.value(part)
                results.withLock { $0[part] = value }
            }
        }
        return results.withLock { slots in slots.map { $0! } }
    }

    /// `0..<count` cut into `parts` contiguous ranges of nearly equal size.
    static func ranges(count: Int, parts: Int) -> [Range<Int>] {
        let parts = max(1, min(parts, count))
        return (0 ..< parts).map { part in (count * part / parts) ..< (count * (part + 1) / parts) }
    }
}

/// Carries a non-Sendable closure into `concurrentPerform`. Safe here because every closure passed to
/// `ParallelWork.map` only reads shared immutable state (the gallery) and its own part's locals.
private struct UncheckedSendableBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
