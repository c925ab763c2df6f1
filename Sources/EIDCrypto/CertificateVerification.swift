public import Foundation
import COpenSSL

/// Why a certificate chain was refused: OpenSSL's `X509_V_ERR_*` code, its text
/// (`X509_verify_cert_error_string`), and where in the chain it happened.
public struct CertificateVerificationError: Error, Sendable, CustomStringConvertible {
    /// Broad classes callers act on (the TLS layer logs revoked/expired distinctly).
    public enum Kind: Sendable, Equatable {
        case expired, notYetValid, revoked
        /// No trusted root issued this chain (unknown CA, self-signed leaf, ...).
        case untrustedIssuer
        case badSignature
        /// CRL checking was requested but no CRL from the issuer was supplied.
        case revocationListUnavailable
        /// The CRL's nextUpdate has passed (or its thisUpdate is in the future).
        case revocationListOutOfDate
        case other
    }

    /// The `X509_V_ERR_*` value from `X509_STORE_CTX_get_error`.
    public let code: Int32
    /// `X509_verify_cert_error_string(code)`, e.g. "certificate has expired".
    public let reason: String
    /// Position in the chain where verification failed: 0 is the leaf.
    public let depth: Int
    /// Subject of the certificate at `depth`, when OpenSSL reports one.
    public let certificateSubject: String?

    public var kind: Kind {
        switch code {
        case X509_V_ERR_CERT_HAS_EXPIRED: return .expired
        case X509_V_ERR_CERT_NOT_YET_VALID: return .notYetValid
        case X509_V_ERR_CERT_REVOKED: return .revoked
        case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
             X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN,
             X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE, X509_V_ERR_CERT_UNTRUSTED:
            return .untrustedIssuer
        case X509_V_ERR_CERT_SIGNATURE_FAILURE, X509_V_ERR_CRL_SIGNATURE_FAILURE: return .badSignature
        case X509_V_ERR_UNABLE_TO_GET_CRL: return .revocationListUnavailable
        case X509_V_ERR_CRL_HAS_EXPIRED, X509_V_ERR_CRL_NOT_YET_VALID: return .revocationListOutOfDate
        default: return .other
        }
    }

    public var description: String {
        var text = "certificate verification failed at depth \(depth)"
        if let certificateSubject { text += " (\(certificateSubject))" }
        return text + ": \(reason) [X509_V_ERR \(code)]"
    }
}

extension Certificate {
    /// Verifies this certificate against `trustedRoots` with OpenSSL's chain builder
    /// (X509_STORE / X509_STORE_CTX / X509_verify_cert) as of `date`.
    ///
    /// - `intermediates` are untrusted certificates that may be used to build the chain.
    /// - If `revocationLists` is non-empty, the leaf is checked against its issuer's CRL
    ///   (`X509_V_FLAG_CRL_CHECK`): a CRL from that issuer must be present, current at `date`,
    ///   and correctly signed.
    /// - RFC 5280 strictness is on (`X509_V_FLAG_X509_STRICT`).
    ///
    /// Throws ``CertificateVerificationError`` when the chain is refused, ``OpenSSLError``
    /// if OpenSSL itself fails.
    public func verify(
        trusting trustedRoots: [Certificate], intermediates: [Certificate] = [],
        revocationLists: [CertificateRevocationList] = [], at date: Date = Date()
    ) throws {
        let store = try openSSLCall("X509_STORE_new") { X509_STORE_new() }
        defer { X509_STORE_free(store) }
        for root in trustedRoots {
            try openSSLCall("X509_STORE_add_cert") { X509_STORE_add_cert(store, root.pointer) }
        }
        for crl in revocationLists {
            try openSSLCall("X509_STORE_add_crl") { X509_STORE_add_crl(store, crl.pointer) }
        }
        // The stack borrows the X509 pointers; OPENSSL_sk_free frees only the stack.
        let untrusted = try openSSLCall("OPENSSL_sk_new_null") { OPENSSL_sk_new_null() }
        defer { OPENSSL_sk_free(untrusted) }
        for certificate in intermediates {
            try openSSLCall("OPENSSL_sk_push") { OPENSSL_sk_push(untrusted, UnsafeRawPointer(certificate.pointer)) }
        }
        let context = try openSSLCall("X509_STORE_CTX_new") { X509_STORE_CTX_new() }
        defer { X509_STORE_CTX_free(context) }
        try openSSLCall("X509_STORE_CTX_init") { X509_STORE_CTX_init(context, store, pointer, untrusted) }
        X509_STORE_CTX_set_time(context, 0, time_t(date.timeIntervalSince1970.rounded(.down)))
        var flags = UInt(X509_V_FLAG_X509_STRICT)
        if !revocationLists.isEmpty { flags |= UInt(X509_V_FLAG_CRL_CHECK) }
        X509_STORE_CTX_set_flags(context, flags)

        ERR_clear_error()
        let result = X509_verify_cert(context)
        if result == 1 { return }
        let code = X509_STORE_CTX_get_error(context)
        guard code != X509_V_OK else { throw OpenSSLError.drain("X509_verify_cert") }
        ERR_clear_error()
        let failing = X509_STORE_CTX_get_current_cert(context)
        throw CertificateVerificationError(
            code: code,
            reason: X509_verify_cert_error_string(Int(code)).map { String(cString: $0) } ?? "unknown error",
            depth: Int(X509_STORE_CTX_get_error_depth(context)),
            certificateSubject: failing.map { nameOneLine(X509_get_subject_name($0)) })
    }
}
