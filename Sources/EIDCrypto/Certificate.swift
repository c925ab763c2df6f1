public import Foundation
import COpenSSL

/// A subjectAltName entry the module understands.
public enum SubjectAlternativeName: Sendable, Hashable, CustomStringConvertible {
    case dnsName(String)
    /// Textual IPv4 ("127.0.0.1") or IPv6 ("::1") address.
    case ipAddress(String)

    public var description: String {
        switch self {
        case let .dnsName(name): return "DNS:\(name)"
        case let .ipAddress(address): return "IP:\(address)"
        }
    }
}

/// An X.509 certificate. Owns one OpenSSL `X509` and frees it in `deinit`;
/// every field below is decoded once in `init`, so reading them cannot fail.
///
/// `@unchecked Sendable`: the `X509` is never modified after `init`; OpenSSL 3
/// guards its lazily cached extension data with the object's own lock.
public final class Certificate: @unchecked Sendable, Hashable, CustomStringConvertible {
    let pointer: OpaquePointer

    /// DER encoding (what is hashed for the fingerprint).
    public let derRepresentation: [UInt8]
    /// PEM "CERTIFICATE".
    public let pemRepresentation: String
    public let subjectCommonName: String?
    public let issuerCommonName: String?
    /// Subject as OpenSSL's one-line form, e.g. "/O=Vietnam e-ID Authority/CN=node-hn-01".
    public let subject: String
    public let issuer: String
    /// DNS names and IP addresses from the subjectAltName extension, in order.
    public let subjectAlternativeNames: [SubjectAlternativeName]
    /// Uppercase hex of the serial number, as `openssl x509 -noout -serial` prints it.
    public let serialNumber: String
    public let notBefore: Date
    public let notAfter: Date
    /// SHA-256 over the DER encoding (`openssl x509 -noout -fingerprint -sha256`).
    public let fingerprintSHA256: [UInt8]
    /// The subject public key as SubjectPublicKeyInfo PEM ("PUBLIC KEY").
    public let publicKeyPEM: String
    /// basicConstraints CA:TRUE (X509_check_ca).
    public let isCertificateAuthority: Bool

    // Ownership on failure: every throwing call below happens before the last stored
    // property is set, so a throw never runs `deinit` and the `catch` frees the handle
    // exactly once. Keep it that way: nothing may throw after the last assignment.
    /// Takes ownership of an `X509*`, freeing it if decoding fails.
    init(taking pointer: OpaquePointer) throws {
        self.pointer = pointer
        do {
            let length = try openSSLCall("i2d_X509") { i2d_X509(pointer, nil) }
            var der = [UInt8](repeating: 0, count: Int(length))
            try der.withUnsafeMutableBytes { buffer in
                var cursor: UnsafeMutablePointer<UInt8>? = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
                try openSSLCall("i2d_X509") { i2d_X509(pointer, &cursor) }
            }
            derRepresentation = der
            let bio = try MemoryBIO()
            try openSSLCall("PEM_write_bio_X509") { PEM_write_bio_X509(bio.pointer, pointer) }
            pemRepresentation = bio.string

            subjectCommonName = nameEntry(X509_get_subject_name(pointer), nid: NID_commonName)
            issuerCommonName = nameEntry(X509_get_issuer_name(pointer), nid: NID_commonName)
            subject = nameOneLine(X509_get_subject_name(pointer))
            issuer = nameOneLine(X509_get_issuer_name(pointer))
            subjectAlternativeNames = Certificate.readSubjectAlternativeNames(pointer)
            serialNumber = serialHex(X509_get0_serialNumber(pointer))
            notBefore = try asn1Date(X509_get0_notBefore(pointer), field: "notBefore")
            notAfter = try asn1Date(X509_get0_notAfter(pointer), field: "notAfter")
            fingerprintSHA256 = SHA256.hash(der)
            let publicKey = try openSSLCall("X509_get0_pubkey") { X509_get0_pubkey(pointer) }
            let keyBIO = try MemoryBIO()
            try openSSLCall("PEM_write_bio_PUBKEY") { PEM_write_bio_PUBKEY(keyBIO.pointer, publicKey) }
            publicKeyPEM = keyBIO.string
            isCertificateAuthority = X509_check_ca(pointer) > 0
            ERR_clear_error()
        } catch {
            X509_free(pointer)
            throw error
        }
    }

    deinit { X509_free(pointer) }

    /// Parses one PEM "CERTIFICATE" (the first, if the text holds several).
    public convenience init(pemRepresentation pem: String) throws {
        let bio = try MemoryBIO(string: pem)
        let x509 = try openSSLCall("PEM_read_bio_X509") { PEM_read_bio_X509(bio.pointer, nil, nil, nil) }
        try self.init(taking: x509)
    }

    public convenience init(derRepresentation der: [UInt8]) throws {
        let x509 = try der.withUnsafeBytes { buffer in
            var cursor: UnsafePointer<UInt8>? = buffer.uint8
            return try openSSLCall("d2i_X509") { d2i_X509(nil, &cursor, buffer.count) }
        }
        try self.init(taking: x509)
    }

    /// Every certificate in a PEM bundle, in order (e.g. a chain file).
    public static func certificates(fromPEM pem: String) throws -> [Certificate] {
        var result: [Certificate] = []
        var remaining = Substring(pem)
        let endMarker = "-----END CERTIFICATE-----"
        while let end = remaining.range(of: endMarker) {
            result.append(try Certificate(pemRepresentation: String(remaining[..<end.upperBound])))
            remaining = remaining[end.upperBound...]
        }
        return result
    }

    /// The subject public key as a P-256 key (throws `wrongKeyType` for other algorithms).
    public var p256PublicKey: P256PublicKey {
        get throws { try P256PublicKey(pemRepresentation: publicKeyPEM) }
    }

    /// True if `privateKey` is the private half of this certificate's public key (X509_check_private_key).
    public func matches(_ privateKey: P256PrivateKey) -> Bool {
        defer { ERR_clear_error() }
        return X509_check_private_key(pointer, privateKey.key.pointer) == 1
    }

    public var description: String {
        "Certificate(subject: \(subject), issuer: \(issuer), serial: \(serialNumber), "
            + "notAfter: \(notAfter), SAN: \(subjectAlternativeNames.map(\.description).joined(separator: ",")))"
    }

    public static func == (lhs: Certificate, rhs: Certificate) -> Bool { lhs.derRepresentation == rhs.derRepresentation }
    public func hash(into hasher: inout Hasher) { hasher.combine(derRepresentation) }

    private static func readSubjectAlternativeNames(_ x509: OpaquePointer) -> [SubjectAlternativeName] {
        ERR_clear_error()
        guard let raw = X509_get_ext_d2i(x509, NID_subject_alt_name, nil, nil) else { return [] }
        let names = OpaquePointer(raw)
        defer { GENERAL_NAMES_free(names) }
        var result: [SubjectAlternativeName] = []
        for index in 0..<OPENSSL_sk_num(names) {
            guard let element = OPENSSL_sk_value(names, index) else { continue }
            var type: Int32 = 0
            let value = GENERAL_NAME_get0_value(element.assumingMemoryBound(to: GENERAL_NAME.self), &type)
            let bytes = asn1Bytes(value?.assumingMemoryBound(to: ASN1_STRING.self))
            switch type {
            case GEN_DNS: result.append(.dnsName(String(decoding: bytes, as: UTF8.self)))
            case GEN_IPADD: if let ip = ipAddressString(bytes) { result.append(.ipAddress(ip)) }
            default: continue
            }
        }
        return result
    }
}
