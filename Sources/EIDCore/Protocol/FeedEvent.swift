/// One event central addresses to the node that enrolled the application it is
/// about: a decision, a lock or unlock of the account, a revocation.
public struct FeedEvent: Sendable, Equatable {
    /// What happened. The raw value is the byte on the wire.
    public enum Kind: UInt8, Sendable, CaseIterable, CustomStringConvertible {
        /// The account was issued.
        case issued = 1
        /// The application was rejected (`reason` says why).
        case rejected = 2
        /// The application went to manual review.
        case manualReview = 3
        /// The account was locked (Decree 59 art. 19; `reason` says why).
        case locked = 4
        /// The account was unlocked.
        case unlocked = 5
        /// An issued account was revoked.
        case revoked = 6

        /// The name used in JSON, in the stores and on screen.
        public var name: String {
            switch self {
            case .issued: return "issued"
            case .rejected: return "rejected"
            case .manualReview: return "manual_review"
            case .locked: return "locked"
            case .unlocked: return "unlocked"
            case .revoked: return "revoked"
            }
        }

        public init?(name: String) {
            guard let kind = Self.allCases.first(where: { $0.name == name }) else { return nil }
            self = kind
        }

        public var description: String { name }
    }

    /// Position in the node's feed: 1, 2, 3, ... with no gaps.
    public var sequence: UInt64
    public var kind: Kind
    /// The application's receipt number at the node.
    public var receiptNumber: String
    public var occurredAtMilliseconds: Int64
    /// Why (for rejections and locks); may be empty.
    public var reason: String

    public static let maxReasonBytes = 1024

    public init(sequence: UInt64, kind: Kind, receiptNumber: String, occurredAtMilliseconds: Int64, reason: String = "") {
        self.sequence = sequence
        self.kind = kind
        self.receiptNumber = receiptNumber
        self.occurredAtMilliseconds = occurredAtMilliseconds
        self.reason = reason
    }
}
