public import Foundation

/// Time as central sees it, in milliseconds since the Unix epoch (the unit of every
/// time column and of the receipts). Injected so tests can fix it.
public struct CentralClock: Sendable {
    public var milliseconds: @Sendable () -> Int64

    public init(milliseconds: @escaping @Sendable () -> Int64 = { Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) }) {
        self.milliseconds = milliseconds
    }
}
