import Testing
import EIDCrypto

/// docs/PROTOCOL.md 1.11: SHA-256 over the records' SHA-256 hashes, in order.
@Suite struct LogDigesterTests {
    static let records: [[UInt8]] = [Array("first".utf8), Array("second".utf8), Array("third".utf8)]

    static func entries(_ records: [[UInt8]]) -> [LogDigester.Entry] {
        records.enumerated().map { (UInt64($0.offset + 1), SHA256.hash($0.element), $0.element) }
    }

    @Test func digestIsSHA256OverTheRecordHashesInOrder() throws {
        let entries = Self.entries(Self.records)
        let digest = try LogDigester.digest(through: 3, pageSize: 2) { range in
            Array(entries[Int(range.lowerBound - 1)...Int(range.upperBound - 1)])
        }
        #expect(digest == SHA256.hash(Self.records.flatMap { SHA256.hash($0) }))
        #expect(try LogDigester.digest(through: 0) { _ in [] } == SHA256.hash([UInt8]()))
        #expect(Hex.encode(SHA256.hash([UInt8]())).hasPrefix("e3b0c442"))
    }

    @Test func aStoredHashThatIsNotTheBytesHashIsNamed() {
        var entries = Self.entries(Self.records)
        entries[1].storedHash[0] ^= 1
        let error = #expect(throws: LogDigesterError.self) { try LogDigester.digest(through: 3) { _ in entries } }
        #expect(error?.sequence == 2)
        #expect(error?.description.contains("stored hash is not the SHA-256") == true)
    }

    @Test func aMissingRecordIsNamed() {
        let entries = Self.entries(Self.records)
        let error = #expect(throws: LogDigesterError.self) { try LogDigester.digest(through: 3) { _ in [entries[0], entries[2]] } }
        #expect(error?.sequence == 2)
        let short = #expect(throws: LogDigesterError.self) { try LogDigester.digest(through: 3) { _ in Array(entries.prefix(2)) } }
        #expect(short?.sequence == 3)
    }
}
