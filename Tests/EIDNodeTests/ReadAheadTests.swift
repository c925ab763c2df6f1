import Foundation
import Testing
@testable import EIDNode

/// The read-ahead thread hands results over in order, never more than its capacity ahead.
@Suite struct ReadAheadTests {
    final class Counter: @unchecked Sendable {
        // Safe: every access holds `lock`.
        private let lock = NSLock()
        private var produced = 0
        func increment() { lock.withLock { produced += 1 } }
        var value: Int { lock.withLock { produced } }
    }

    @Test func resultsComeInOrderAndStayWithinCapacity() {
        for capacity in [1, 3, 50] {
            let counter = Counter()
            let ahead = ReadAhead(count: 40, capacity: capacity) { index -> Int in
                counter.increment()
                return index * index
            }
            var seen: [Int] = []
            for index in 0..<40 {
                if index == 0 { Thread.sleep(forTimeInterval: 0.05) }
                // Produced so far: what was taken, plus at most `capacity` waiting.
                #expect(counter.value <= index + capacity)
                seen.append(ahead.next())
            }
            #expect(seen == (0..<40).map { $0 * $0 })
        }
    }

    @Test func cancelStopsTheProducer() {
        let counter = Counter()
        let ahead = ReadAhead(count: 1_000, capacity: 2) { index -> Int in
            counter.increment()
            return index
        }
        #expect(ahead.next() == 0)
        ahead.cancel()
        Thread.sleep(forTimeInterval: 0.05)
        #expect(counter.value <= 4)
    }
}
