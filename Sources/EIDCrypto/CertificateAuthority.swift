public import Foundation
import COpenSSL

/// The private certificate authority that issues every node's TLS certificate
/// and the revocation list: a self-signed ECDSA P-256 root signing with SHA-256.
///
/// Profiles (all X.509 v3, signature ecdsa-with-SHA256):
/// - root: subject/issuer CN (+ optional O, C); basicConstraints critical CA:TRUE;
///   keyUsage critical keyCertSign, cRLSign; subjectKeyIdentifier; authorityKeyIdentifier.
/// - node: subject CN = node id (+ CA's O); SAN DNS:<node id>, extra DNS names, IP addresses;
///   basicConstraints critical CA:FALSE; keyUsage critical digitalSignature;
///   extendedKeyUsage serverAuth, clientAuth; subjectKeyIdentifier; authorityKeyIdentifier.
/// - every certificate: random positive 16-byte serial; notBefore backdated 5 minutes by
///   default to tolerate clock skew.
public struct CertificateAuthority: Sendable {
    public let certificate: Certificate
    public let privateKey: P256PrivateKey

    /// Default backdating of notBefore / thisUpdate.
    public static let clockSkewAllowance: TimeInterval = 300

    /// Pairs an existing CA certificate with its key (e.g. loaded from ca.pem and ca.key).
    /// Throws if the key does not match or the certificate is not a CA.
    public init(certificate: Certificate, privateKey: P256PrivateKey) throws {
        guard certificate.matches(privateKey) else { throw CryptoError.keyDoesNotMatchCertificate }
        guard certificate.isCertificateAuthority else {
            throw CryptoError.invalidCertificateField(
                field: "CA certificate", value: certificate.subject, reason: "basicConstraints CA:TRUE missing")
        }
        self.certificate = certificate
        self.privateKey = privateKey
    }

    /// Creates a self-signed root, e.g. `createRoot(commonName: "Vietnam e-ID Authority Root CA")`.
    /// A new P-256 key is generated unless `privateKey` is given.
    public static func createRoot(
        commonName: String, organization: String? = nil, country: String? = nil,
        validityYears: Int = 10, notBefore: Date? = nil, privateKey: P256PrivateKey? = nil
    ) throws -> CertificateAuthority {
        guard !commonName.isEmpty else {
            throw CryptoError.invalidCertificateField(field: "common name", value: commonName, reason: "empty")
        }
        guard validityYears > 0 else {
            throw CryptoError.invalidCertificateField(
                field: "validity", value: "\(validityYears) years", reason: "must be positive")
        }
        let key = try privateKey ?? P256PrivateKey.generate()
        let start = notBefore ?? Date().addingTimeInterval(-clockSkewAllowance)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let end = calendar.date(byAdding: .year, value: validityYears, to: start) else {
            throw CryptoError.invalidCertificateField(field: "validity", value: "\(validityYears) years", reason: "out of range")
        }
        let builder = try CertificateBuilder()
        try builder.setSubject(commonName: commonName, organization: organization, country: country)
        try builder.setIssuerToSubject()
        try builder.setValidity(notBefore: start, notAfter: end)
        try builder.setPublicKey(key.key)
        try builder.addExtension(NID_basic_constraints, "critical,CA:TRUE", issuer: nil)
        try builder.addExtension(NID_key_usage, "critical,keyCertSign,cRLSign", issuer: nil)
        try builder.addExtension(NID_subject_key_identifier, "hash", issuer: nil)
        try builder.addExtension(NID_authority_key_identifier, "keyid:always", issuer: nil)
        let certificate = try builder.sign(with: key.key)
        return try CertificateAuthority(certificate: certificate, privateKey: key)
    }

    /// Issues a TLS certificate (server and client auth) for `nodeID` over `publicKey`.
    ///
    /// `nodeID` becomes the subject CN and the first DNS SAN, so it must be a DNS name
    /// (letters, digits, hyphens, dots). `dnsNames` and `ipAddresses` ("127.0.0.1", "::1")
    /// are appended to the SAN; the validity ends `validityDays` after `notBefore`.
    public func issueNodeCertificate(
        nodeID: String, publicKey: P256PublicKey, dnsNames: [String] = [], ipAddresses: [String] = [],
        validityDays: Int = 397, notBefore: Date? = nil
    ) throws -> Certificate {
        for name in [nodeID] + dnsNames where !isValidDNSName(name) {
            throw CryptoError.invalidCertificateField(
                field: name == nodeID ? "node id" : "DNS name", value: name,
                reason: "must be a DNS name: letters, digits, hyphens and dots")
        }
        guard validityDays > 0 else {
            throw CryptoError.invalidCertificateField(field: "validity", value: "\(validityDays) days", reason: "must be positive")
        }
        let start = notBefore ?? Date().addingTimeInterval(-Self.clockSkewAllowance)
        let end = start.addingTimeInterval(TimeInterval(validityDays) * 86_400)
        let organization = nameEntry(X509_get_subject_name(certificate.pointer), nid: NID_organizationName)

        let builder = try CertificateBuilder()
        try builder.setSubject(commonName: nodeID, organization: organization, country: nil)
        try builder.setIssuer(certificate)
        try builder.setValidity(notBefore: start, notAfter: end)
        try builder.setPublicKey(publicKey.key)
        try builder.addExtension(NID_basic_constraints, "critical,CA:FALSE", issuer: certificate)
        try builder.addExtension(NID_key_usage, "critical,digitalSignature", issuer: certificate)
        try builder.addExtension(NID_ext_key_usage, "serverAuth,clientAuth", issuer: certificate)
        try builder.addExtension(NID_subject_key_identifier, "hash", issuer: certificate)
        try builder.addExtension(NID_authority_key_identifier, "keyid:always", issuer: certificate)
        var names = [nodeID] + dnsNames
        var seen = Set<String>()
        names = names.filter { seen.insert($0.lowercased()).inserted }
        try builder.addSubjectAlternativeNames(dnsNames: names, ipAddresses: ipAddresses)
        return try builder.sign(with: privateKey.key)
    }

    /// Signs a CRL (v2, with authorityKeyIdentifier and cRLNumber) listing `revoked`,
    /// valid from `thisUpdate` for `validityDays`.
    public func issueRevocationList(
        revoked: [RevokedCertificate], crlNumber: UInt64 = 1, thisUpdate: Date? = nil, validityDays: Int = 7
    ) throws -> CertificateRevocationList {
        let start = thisUpdate ?? Date().addingTimeInterval(-Self.clockSkewAllowance)
        let end = start.addingTimeInterval(TimeInterval(validityDays) * 86_400)
        let crl = try openSSLCall("X509_CRL_new") { X509_CRL_new() }
        defer { X509_CRL_free(crl) }
        try openSSLCall("X509_CRL_set_version") { X509_CRL_set_version(crl, 1) }  // 1 = v2
        try openSSLCall("X509_CRL_set_issuer_name") {
            X509_CRL_set_issuer_name(crl, X509_get_subject_name(certificate.pointer))
        }
        let last = try makeASN1Time(start)
        defer { ASN1_TIME_free(last) }
        try openSSLCall("X509_CRL_set1_lastUpdate") { X509_CRL_set1_lastUpdate(crl, last) }
        let next = try makeASN1Time(end)
        defer { ASN1_TIME_free(next) }
        try openSSLCall("X509_CRL_set1_nextUpdate") { X509_CRL_set1_nextUpdate(crl, next) }

        for entry in revoked {
            let padded = entry.serialNumber.utf8.count % 2 == 1 ? "0" + entry.serialNumber : entry.serialNumber
            guard let magnitude = try? Hex.decode(padded), !magnitude.isEmpty else {
                throw CryptoError.invalidHex(entry.serialNumber)
            }
            let serial = try makeASN1Integer(magnitude: magnitude)
            defer { ASN1_INTEGER_free(serial) }
            let date = try makeASN1Time(entry.revocationDate)
            defer { ASN1_TIME_free(date) }
            let item = try openSSLCall("X509_REVOKED_new") { X509_REVOKED_new() }
            do {
                try openSSLCall("X509_REVOKED_set_serialNumber") { X509_REVOKED_set_serialNumber(item, serial) }
                try openSSLCall("X509_REVOKED_set_revocationDate") { X509_REVOKED_set_revocationDate(item, date) }
                try openSSLCall("X509_CRL_add0_revoked") { X509_CRL_add0_revoked(crl, item) }  // takes ownership
            } catch {
                X509_REVOKED_free(item)
                throw error
            }
        }
        try openSSLCall("X509_CRL_sort") { X509_CRL_sort(crl) }

        var context = X509V3_CTX()
        X509V3_set_ctx(&context, certificate.pointer, nil, nil, crl, 0)
        let aki = try openSSLCall("X509V3_EXT_nconf_nid(authorityKeyIdentifier)") {
            X509V3_EXT_nconf_nid(nil, &context, NID_authority_key_identifier, "keyid:always")
        }
        defer { X509_EXTENSION_free(aki) }
        try openSSLCall("X509_CRL_add_ext") { X509_CRL_add_ext(crl, aki, -1) }
        let number = try makeASN1Integer(magnitude: withUnsafeBytes(of: crlNumber.bigEndian) { Array($0) })
        defer { ASN1_INTEGER_free(number) }
        try openSSLCall("X509_CRL_add1_ext_i2d(cRLNumber)") {
            X509_CRL_add1_ext_i2d(crl, NID_crl_number, UnsafeMutableRawPointer(number), 0, 0)
        }
        try openSSLCall("X509_CRL_sign") { X509_CRL_sign(crl, privateKey.key.pointer, EVP_sha256()) }

        // Re-read from DER so the value is exactly what a relying party decodes.
        let length = try openSSLCall("i2d_X509_CRL") { i2d_X509_CRL(crl, nil) }
        var der = [UInt8](repeating: 0, count: Int(length))
        try der.withUnsafeMutableBytes { buffer in
            var cursor: UnsafeMutablePointer<UInt8>? = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
            try openSSLCall("i2d_X509_CRL") { i2d_X509_CRL(crl, &cursor) }
        }
        return try CertificateRevocationList(derRepresentation: der)
    }
}

/// Owns an `X509` under construction; frees it in `deinit`.
final class CertificateBuilder {
    let pointer: OpaquePointer

    init() throws {
        pointer = try openSSLCall("X509_new") { X509_new() }
        let pointer = self.pointer
        try openSSLCall("X509_set_version") { X509_set_version(pointer, 2) }  // 2 = v3
        var serial = SecureRandom.bytes(count: 16)
        serial[0] = (serial[0] & 0x7f) | 0x40  // positive, exactly 16 octets in DER
        let integer = try makeASN1Integer(magnitude: serial)
        defer { ASN1_INTEGER_free(integer) }
        try openSSLCall("X509_set_serialNumber") { X509_set_serialNumber(pointer, integer) }
    }

    deinit { X509_free(pointer) }

    func setSubject(commonName: String, organization: String?, country: String?) throws {
        let name = try openSSLCall("X509_NAME_new") { X509_NAME_new() }
        defer { X509_NAME_free(name) }
        for (field, value) in [("C", country), ("O", organization), ("CN", commonName)] {
            guard let value else { continue }
            try openSSLCall("X509_NAME_add_entry_by_txt(\(field))") {
                X509_NAME_add_entry_by_txt(name, field, COpenSSL_MBSTRING_UTF8(), value, -1, -1, 0)
            }
        }
        try openSSLCall("X509_set_subject_name") { X509_set_subject_name(pointer, name) }
    }

    func setIssuerToSubject() throws {
        try openSSLCall("X509_set_issuer_name") { X509_set_issuer_name(pointer, X509_get_subject_name(pointer)) }
    }

    func setIssuer(_ issuer: Certificate) throws {
        try openSSLCall("X509_set_issuer_name") { X509_set_issuer_name(pointer, X509_get_subject_name(issuer.pointer)) }
    }

    func setValidity(notBefore: Date, notAfter: Date) throws {
        let start = try makeASN1Time(notBefore)
        defer { ASN1_TIME_free(start) }
        let end = try makeASN1Time(notAfter)
        defer { ASN1_TIME_free(end) }
        try openSSLCall("X509_set1_notBefore") { X509_set1_notBefore(pointer, start) }
        try openSSLCall("X509_set1_notAfter") { X509_set1_notAfter(pointer, end) }
    }

    func setPublicKey(_ key: EVPKey) throws {
        try openSSLCall("X509_set_pubkey") { X509_set_pubkey(pointer, key.pointer) }
    }

    /// Adds an extension from OpenSSL's config syntax (fixed strings only, never user input).
    /// `issuer` nil means self-signed.
    func addExtension(_ nid: Int32, _ value: String, issuer: Certificate?) throws {
        var context = X509V3_CTX()
        X509V3_set_ctx(&context, issuer?.pointer ?? pointer, pointer, nil, nil, 0)
        let name = OBJ_nid2sn(nid).map { String(cString: $0) } ?? "\(nid)"
        let ext = try openSSLCall("X509V3_EXT_nconf_nid(\(name))") { X509V3_EXT_nconf_nid(nil, &context, nid, value) }
        defer { X509_EXTENSION_free(ext) }
        try openSSLCall("X509_add_ext(\(name))") { X509_add_ext(pointer, ext, -1) }
    }

    /// subjectAltName built as GENERAL_NAMEs (not config text, so names cannot inject syntax).
    func addSubjectAlternativeNames(dnsNames: [String], ipAddresses: [String]) throws {
        let names = try openSSLCall("OPENSSL_sk_new_null") { OPENSSL_sk_new_null() }
        defer { GENERAL_NAMES_free(names) }  // frees the pushed GENERAL_NAMEs too
        func push(type: Int32, value: UnsafeMutablePointer<ASN1_STRING>) throws {
            guard let general = GENERAL_NAME_new() else {
                ASN1_STRING_free(value)
                throw OpenSSLError.drain("GENERAL_NAME_new")
            }
            GENERAL_NAME_set0_value(general, type, UnsafeMutableRawPointer(value))
            guard OPENSSL_sk_push(names, UnsafeRawPointer(general)) > 0 else {
                GENERAL_NAME_free(general)
                throw OpenSSLError.drain("OPENSSL_sk_push")
            }
        }
        for dns in dnsNames {
            let ia5 = try openSSLCall("ASN1_IA5STRING_new") { ASN1_IA5STRING_new() }
            do {
                try openSSLCall("ASN1_STRING_set") { ASN1_STRING_set(ia5, dns, Int32(dns.utf8.count)) }
            } catch {
                ASN1_STRING_free(ia5)
                throw error
            }
            try push(type: GEN_DNS, value: ia5)
        }
        for address in ipAddresses {
            ERR_clear_error()
            guard let octets = a2i_IPADDRESS(address) else {
                ERR_clear_error()
                throw CryptoError.invalidCertificateField(
                    field: "IP address", value: address, reason: "not an IPv4 or IPv6 address")
            }
            try push(type: GEN_IPADD, value: octets)
        }
        try openSSLCall("X509_add1_ext_i2d(subjectAltName)") {
            X509_add1_ext_i2d(pointer, NID_subject_alt_name, UnsafeMutableRawPointer(names), 0, 0)
        }
    }

    /// Signs with ECDSA-SHA256 and returns the certificate re-read from its DER.
    func sign(with key: EVPKey) throws -> Certificate {
        try openSSLCall("X509_sign") { X509_sign(pointer, key.pointer, EVP_sha256()) }
        let length = try openSSLCall("i2d_X509") { i2d_X509(pointer, nil) }
        var der = [UInt8](repeating: 0, count: Int(length))
        try der.withUnsafeMutableBytes { buffer in
            var cursor: UnsafeMutablePointer<UInt8>? = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
            try openSSLCall("i2d_X509") { i2d_X509(pointer, &cursor) }
        }
        return try Certificate(derRepresentation: der)
    }
}
