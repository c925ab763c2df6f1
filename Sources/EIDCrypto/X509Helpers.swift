import COpenSSL
import Glibc
import Foundation

// Small readers shared by Certificate and CertificateRevocationList.

/// UTF-8 text of the first entry with `nid` in an X509_NAME, e.g. the common name.
func nameEntry(_ name: OpaquePointer?, nid: Int32) -> String? {
    guard let name else { return nil }
    let index = X509_NAME_get_index_by_NID(name, nid, -1)
    guard index >= 0, let entry = X509_NAME_get_entry(name, index),
          let data = X509_NAME_ENTRY_get_data(entry) else { return nil }
    var utf8: UnsafeMutablePointer<UInt8>? = nil
    let length = ASN1_STRING_to_UTF8(&utf8, data)
    guard length >= 0, let utf8 else { ERR_clear_error(); return nil }
    defer { COpenSSL_OPENSSL_free(utf8) }
    return String(decoding: UnsafeBufferPointer(start: utf8, count: Int(length)), as: UTF8.self)
}

/// The one-line form of an X509_NAME as OpenSSL prints it with `-nameopt oneline`-like
/// slashes, e.g. "/O=Vietnam e-ID Authority/CN=node-hn-01".
func nameOneLine(_ name: OpaquePointer?) -> String {
    guard let name, let text = X509_NAME_oneline(name, nil, 0) else { return "" }
    defer { COpenSSL_OPENSSL_free(text) }
    return String(cString: text)
}

/// Bytes of an ASN1_STRING (or ASN1_INTEGER / ASN1_OCTET_STRING).
func asn1Bytes(_ string: UnsafePointer<ASN1_STRING>?) -> [UInt8] {
    guard let string, let data = ASN1_STRING_get0_data(string) else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: Int(ASN1_STRING_length(string))))
}

/// Uppercase hex of an ASN1_INTEGER's magnitude: what `openssl x509 -serial` prints.
func serialHex(_ integer: UnsafePointer<ASN1_STRING>?) -> String {
    let bytes = asn1Bytes(integer)
    return bytes.isEmpty ? "00" : Hex.encode(bytes).uppercased()
}

/// An ASN1_TIME as a Date (seconds precision, UTC).
func asn1Date(_ time: UnsafePointer<ASN1_STRING>?, field: String) throws -> Date {
    guard let time else { throw OpenSSLError(function: "X509 \(field)", messages: ["missing"]) }
    var parts = tm()
    try openSSLCall("ASN1_TIME_to_tm(\(field))") { ASN1_TIME_to_tm(time, &parts) }
    return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
}

/// A new ASN1_TIME for `date`; the caller frees it with ASN1_TIME_free.
/// UTCTime before 2050, GeneralizedTime after, as RFC 5280 requires.
func makeASN1Time(_ date: Date) throws -> UnsafeMutablePointer<ASN1_STRING> {
    try openSSLCall("ASN1_TIME_set") { ASN1_TIME_set(nil, time_t(date.timeIntervalSince1970.rounded(.down))) }
}

/// A new ASN1_INTEGER holding the non-negative big-endian magnitude `bytes`
/// (leading zero bytes stripped); the caller frees it with ASN1_INTEGER_free.
func makeASN1Integer(magnitude bytes: [UInt8]) throws -> UnsafeMutablePointer<ASN1_STRING> {
    var magnitude = Array(bytes.drop { $0 == 0 })
    if magnitude.isEmpty { magnitude = [0] }
    let integer = try openSSLCall("ASN1_INTEGER_new") { ASN1_INTEGER_new() }
    do {
        try openSSLCall("ASN1_STRING_set") { ASN1_STRING_set(integer, magnitude, Int32(magnitude.count)) }
    } catch {
        ASN1_INTEGER_free(integer)
        throw error
    }
    return integer
}

/// Text of an IP address in a certificate (4 or 16 bytes) via inet_ntop.
func ipAddressString(_ bytes: [UInt8]) -> String? {
    let family: Int32
    switch bytes.count {
    case 4: family = AF_INET
    case 16: family = AF_INET6
    default: return nil
    }
    var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
    let ok = bytes.withUnsafeBytes { inet_ntop(family, $0.baseAddress, &buffer, socklen_t(buffer.count)) }
    guard ok != nil else { return nil }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// A DNS name that may appear as a certificate's CN / dNSName: ASCII letters,
/// digits and hyphens in dot-separated labels of 1-63 characters, at most 253 in all.
/// No wildcards, no trailing dot.
func isValidDNSName(_ name: String) -> Bool {
    guard !name.isEmpty, name.utf8.count <= 253 else { return false }
    for label in name.split(separator: ".", omittingEmptySubsequences: false) {
        guard (1...63).contains(label.utf8.count), label.first != "-", label.last != "-" else { return false }
        guard label.utf8.allSatisfy({ c in
            (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
                || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "-")
        }) else { return false }
    }
    return true
}
