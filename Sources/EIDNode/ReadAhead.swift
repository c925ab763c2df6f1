import Foundation
import Synchronization

/// Computes `produce(0)`, `produce(1)`, ... on a thread of its own, at most `capacity`
/// ahead of the consumer, and hands the results over in order. Lets a bulk import read
/// and check the next applications while the current group waits for its fsync.
final class ReadAhead<Element: Sendable>: Sendable {
    private let ready = Mutex<[Element]>([])
    private let cancelled = Mutex(false)
    private let filled = DispatchSemaphore(value: 0)
    private let free: DispatchSemaphore
    private let capacity: Int
    let count: Int

    init(count: Int, capacity: Int, produce: @escaping @Sendable (Int) -> Element) {
        self.count = count
        self.capacity = max(1, capacity)
        // Start at 0 and signal up to the capacity: libdispatch traps when a semaphore is
        // deallocated with a value below the one it was created with (here: after the
        // consumer stopped early), so the creation value must be 0.
        free = DispatchSemaphore(value: 0)
        for _ in 0..<self.capacity { free.signal() }
        Thread.detachNewThread { [self] in
            for index in 0..<count {
                free.wait()
                if cancelled.withLock({ $0 }) { return }
                let element = produce(index)
                ready.withLock { $0.append(element) }
                filled.signal()
            }
        }
    }

    /// The next result, waiting for it if need be. Call at most `count` times.
    func next() -> Element {
        filled.wait()
        let element = ready.withLock { $0.removeFirst() }
        free.signal()
        return element
    }

    /// Stops the producer after the element it is working on (for a consumer that gives up early).
    func cancel() {
        cancelled.withLock { $0 = true }
        for _ in 0..<capacity { free.signal() }
    }
}
