import Foundation

/// Results written by index from several threads.
final class IndexedResults<Value: Sendable>: @unchecked Sendable {
    // Safe: every access holds `lock`.
    private let lock = NSLock()
    private var storage: [Value?]

    init(count: Int) {
        storage = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ value: Value) {
        lock.lock()
        storage[index] = value
        lock.unlock()
    }

    /// All values; every index must have been set.
    func values() -> [Value] {
        lock.lock()
        defer { lock.unlock() }
        return storage.map { $0! }
    }
}
