public import Foundation
import COpenSSL

/// One entry to put on a CRL.
public struct RevokedCertificate: Sendable, Hashable {
    /// Serial number as hex (either case), e.g. ``Certificate/serialNumber``.
    public var serialNumber: String
    public var revocationDate: Date

    public init(serialNumber: String, revocationDate: Date = Date()) {
        self.serialNumber = serialNumber
        self.revocationDate = revocationDate
    }

    public init(_ certificate: Certificate, revocationDate: Date = Date()) {
        self.init(serialNumber: certificate.serialNumber, revocationDate: revocationDate)
    }
}

/// An X.509 v2 certificate revocation list. Owns one OpenSSL `X509_CRL`.
///
/// `@unchecked Sendable`: never modified after `init`; OpenSSL sorts the revoked
/// entries for lookup under the CRL's own lock.
public final class CertificateRevocationList: @unchecked Sendable, CustomStringConvertible {
    let pointer: OpaquePointer

    public let derRepresentation: [UInt8]
    /// PEM "X509 CRL".
    public let pemRepresentation: String
    public let issuerCommonName: String?
    /// The CRL's issue time (`lastUpdate` in OpenSSL's naming).
    public let thisUpdate: Date
    /// When a newer CRL is due; after this, verification with this CRL fails.
    public let nextUpdate: Date?
    /// Uppercase hex serial numbers, as in ``Certificate/serialNumber``.
    public let revokedSerialNumbers: [String]

    // Ownership on failure: every throwing call below happens before the last stored
    // property is set, so a throw never runs `deinit` and the `catch` frees the handle
    // exactly once. Keep it that way: nothing may throw after the last assignment.
    init(taking pointer: OpaquePointer) throws {
        self.pointer = pointer
        do {
            let length = try openSSLCall("i2d_X509_CRL") { i2d_X509_CRL(pointer, nil) }
            var der = [UInt8](repeating: 0, count: Int(length))
            try der.withUnsafeMutableBytes { buffer in
                var cursor: UnsafeMutablePointer<UInt8>? = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
                try openSSLCall("i2d_X509_CRL") { i2d_X509_CRL(pointer, &cursor) }
            }
            derRepresentation = der
            let bio = try MemoryBIO()
            try openSSLCall("PEM_write_bio_X509_CRL") { PEM_write_bio_X509_CRL(bio.pointer, pointer) }
            pemRepresentation = bio.string
            issuerCommonName = nameEntry(X509_CRL_get_issuer(pointer), nid: NID_commonName)
            thisUpdate = try asn1Date(X509_CRL_get0_lastUpdate(pointer), field: "thisUpdate")
            nextUpdate = try X509_CRL_get0_nextUpdate(pointer).map { try asn1Date($0, field: "nextUpdate") }
            var serials: [String] = []
            if let revoked = X509_CRL_get_REVOKED(pointer) {
                for index in 0..<OPENSSL_sk_num(revoked) {
                    guard let entry = OPENSSL_sk_value(revoked, index) else { continue }
                    serials.append(serialHex(X509_REVOKED_get0_serialNumber(OpaquePointer(entry))))
                }
            }
            revokedSerialNumbers = serials
        } catch {
            X509_CRL_free(pointer)
            throw error
        }
    }

    deinit { X509_CRL_free(pointer) }

    public convenience init(pemRepresentation pem: String) throws {
        let bio = try MemoryBIO(string: pem)
        let crl = try openSSLCall("PEM_read_bio_X509_CRL") { PEM_read_bio_X509_CRL(bio.pointer, nil, nil, nil) }
        try self.init(taking: crl)
    }

    public convenience init(derRepresentation der: [UInt8]) throws {
        let crl = try der.withUnsafeBytes { buffer in
            var cursor: UnsafePointer<UInt8>? = buffer.uint8
            return try openSSLCall("d2i_X509_CRL") { d2i_X509_CRL(nil, &cursor, buffer.count) }
        }
        try self.init(taking: crl)
    }

    /// True if `certificate` is listed (same issuer name and serial; X509_CRL_get0_by_cert).
    /// Does not check the CRL's signature: use ``isSigned(by:)`` or ``Certificate/verify(trusting:intermediates:revocationLists:at:)``.
    public func contains(_ certificate: Certificate) -> Bool {
        var entry: OpaquePointer? = nil
        return X509_CRL_get0_by_cert(pointer, &entry, certificate.pointer) == 1
    }

    /// True if a serial number (hex, either case) is listed.
    public func contains(serialNumber: String) -> Bool {
        let wanted = serialNumber.uppercased().drop { $0 == "0" }
        return revokedSerialNumbers.contains { $0.drop { $0 == "0" } == wanted }
    }

    /// True if `issuer`'s key signed this CRL (X509_CRL_verify).
    public func isSigned(by issuer: Certificate) -> Bool {
        defer { ERR_clear_error() }
        guard let key = X509_get0_pubkey(issuer.pointer) else { return false }
        return X509_CRL_verify(pointer, key) == 1
    }

    public var description: String {
        "CertificateRevocationList(issuer: \(issuerCommonName ?? "?"), thisUpdate: \(thisUpdate), "
            + "revoked: \(revokedSerialNumbers.count))"
    }
}
