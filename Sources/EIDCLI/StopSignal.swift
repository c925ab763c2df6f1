import Foundation
import Dispatch
import Synchronization

/// Lets a long-running command stop cleanly on SIGINT or SIGTERM: the signals are
/// caught on a private dispatch queue, ``isStopped`` turns true and every
/// ``wait(seconds:)`` returns early.
final class StopSignal: @unchecked Sendable {
    // Safe: `sources` is written only in init and read only in deinit; `stopped` is a Mutex.
    private let stopped = Mutex(false)
    private let semaphore = DispatchSemaphore(value: 0)
    private let queue = DispatchQueue(label: "eid.stop-signals")
    private var sources: [any DispatchSourceSignal] = []

    init(signals: [Int32] = [SIGINT, SIGTERM]) {
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [weak self] in self?.trigger() }
            source.resume()
            sources.append(source)
        }
    }

    deinit { sources.forEach { $0.cancel() } }

    /// Asks for a stop, as a signal would.
    func trigger() {
        stopped.withLock { $0 = true }
        semaphore.signal()
    }

    var isStopped: Bool { stopped.withLock { $0 } }

    /// Waits up to `seconds` (for ever when nil); returns true when a stop was asked.
    @discardableResult
    func wait(seconds: Double?) -> Bool {
        if isStopped { return true }
        if let seconds {
            _ = semaphore.wait(timeout: .now() + max(0, seconds))
        } else {
            semaphore.wait()
        }
        guard isStopped else { return false }
        semaphore.signal()   // later waiters return at once too
        return true
    }
}
