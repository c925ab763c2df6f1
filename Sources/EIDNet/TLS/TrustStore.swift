import COpenSSL
import EIDCrypto
import Glibc
import Synchronization

/// Owns one `X509_STORE` (the CA certificates and, when configured, the CRL).
/// `@unchecked Sendable`: never modified after it is built; OpenSSL locks the store's
/// internal lookups, so many handshakes may verify against it at once.
final class X509StoreHandle: @unchecked Sendable {
    let pointer: OpaquePointer
    init(taking pointer: OpaquePointer) { self.pointer = pointer }
    deinit { X509_STORE_free(pointer) }
}

/// The store every handshake verifies peers against. Holds the CA certificates loaded
/// once, and the revocation list file, which it re-reads when the file's identity
/// (device, inode, size, modification and change times) differs from the last read.
/// A reload that fails leaves the store refusing every handshake until the file is fixed.
final class TrustStore: Sendable {
    let caPath: String
    let revocationListPath: String?
    private let caCertificates: [Certificate]
    private let state: Mutex<State>

    private struct State: @unchecked Sendable {  // handles are immutable; the mutex serialises swaps
        var fileKey: FileKey?
        var store: X509StoreHandle?
        var failure: TLSError?
        var reloads = 0
    }

    /// Loads the CA file and the CRL; throws if either is missing or unusable.
    init(caPath: String, revocationListPath: String?) throws {
        self.caPath = caPath
        self.revocationListPath = revocationListPath
        let text: String
        do { text = try PEMFile.read(caPath) } catch {
            throw TLSError(operation: "load CA", reason: .configuration("cannot read \(caPath): \(error)"))
        }
        let certificates = (try? Certificate.certificates(fromPEM: text)) ?? []
        guard !certificates.isEmpty, certificates.allSatisfy(\.isCertificateAuthority) else {
            throw TLSError(operation: "load CA", reason: .configuration("\(caPath) must hold one or more PEM CA certificates (basicConstraints CA:TRUE)"))
        }
        caCertificates = certificates
        state = Mutex(State())
        let initial = try TrustStore.build(caCertificates: certificates, revocationListPath: revocationListPath)
        state.withLock { state in
            state.fileKey = initial.key
            state.store = initial.store
        }
    }

    /// How many times the revocation list has been re-read after it changed.
    var reloadCount: Int { state.withLock { $0.reloads } }

    /// The store to verify the next handshake against (re-reading the CRL if it changed).
    func current() throws -> X509StoreHandle {
        try state.withLock { state throws -> X509StoreHandle in
            if let path = revocationListPath {
                let key = FileKey(path: path)
                if key != state.fileKey {
                    state.fileKey = key
                    state.reloads += 1
                    do {
                        let rebuilt = try TrustStore.build(caCertificates: caCertificates, revocationListPath: path)
                        state.store = rebuilt.store
                        state.failure = nil
                    } catch let error as TLSError {
                        state.store = nil
                        state.failure = error
                    }
                }
            }
            if let failure = state.failure { throw failure }
            return state.store!
        }
    }

    private static func build(caCertificates: [Certificate], revocationListPath: String?) throws
        -> (store: X509StoreHandle, key: FileKey?) {
        let store = X509StoreHandle(taking: try OpenSSLErrorQueue.check("X509_STORE_new") { X509_STORE_new() })
        for certificate in caCertificates {
            let x509 = try decodeCertificate(certificate.derRepresentation)
            defer { X509_free(x509) }
            try OpenSSLErrorQueue.check("X509_STORE_add_cert") { X509_STORE_add_cert(store.pointer, x509) }
        }
        var flags = UInt(X509_V_FLAG_X509_STRICT)
        var key: FileKey? = nil
        if let path = revocationListPath {
            key = FileKey(path: path)
            let crl = try loadRevocationList(path, caCertificates: caCertificates)
            let handle = try crl.derRepresentation.withUnsafeBytes { buffer in
                var cursor: UnsafePointer<UInt8>? = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self)
                return try OpenSSLErrorQueue.check("d2i_X509_CRL") { d2i_X509_CRL(nil, &cursor, buffer.count) }
            }
            defer { X509_CRL_free(handle) }
            try OpenSSLErrorQueue.check("X509_STORE_add_crl") { X509_STORE_add_crl(store.pointer, handle) }
            flags |= UInt(X509_V_FLAG_CRL_CHECK)
        }
        try OpenSSLErrorQueue.check("X509_STORE_set_flags") { X509_STORE_set_flags(store.pointer, flags) }
        return (store, key)
    }

    private static func loadRevocationList(_ path: String, caCertificates: [Certificate]) throws -> CertificateRevocationList {
        let crl: CertificateRevocationList
        do {
            crl = try CertificateRevocationList(pemRepresentation: try PEMFile.read(path))
        } catch {
            throw TLSError(operation: "load revocation list", reason: .configuration("cannot read a PEM CRL from \(path): \(error)"))
        }
        guard caCertificates.contains(where: { crl.isSigned(by: $0) }) else {
            throw TLSError(operation: "load revocation list",
                           reason: .configuration("\(path) is not signed by the trusted CA (\(crl.issuerCommonName ?? "unknown issuer"))"))
        }
        return crl
    }

    static func decodeCertificate(_ der: [UInt8]) throws -> OpaquePointer {
        try der.withUnsafeBytes { buffer in
            var cursor: UnsafePointer<UInt8>? = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self)
            return try OpenSSLErrorQueue.check("d2i_X509") { d2i_X509(nil, &cursor, buffer.count) }
        }
    }
}

/// What identifies one version of a file on disk; an atomic rename changes the inode.
struct FileKey: Equatable, Sendable {
    let device: UInt64, inode: UInt64, size: Int64
    let modified: Int64, modifiedNanoseconds: Int
    let changed: Int64, changedNanoseconds: Int

    /// nil when the file cannot be stat'ed (missing).
    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        modified = Int64(info.st_mtim.tv_sec)
        modifiedNanoseconds = Int(info.st_mtim.tv_nsec)
        changed = Int64(info.st_ctim.tv_sec)
        changedNanoseconds = Int(info.st_ctim.tv_nsec)
    }
}
