import Glibc

/// A failed file operation: the system call, the path and `errno` as text.
public struct FileError: Error, Sendable, CustomStringConvertible {
    public let call: String
    public let path: String
    public let code: Int32

    public var message: String { String(cString: strerror(code)) }
    public var description: String { "\(call)(\(path)) failed: \(message) (errno \(code))" }
}

/// Writes and reads PEM files (keys, certificates, CRLs) atomically with fixed modes.
///
/// A file is written to a temporary file in the same directory created with
/// `O_CREAT|O_EXCL` and the final mode (0600 for private keys, 0644 otherwise;
/// `fchmod` makes the mode independent of the umask), `fsync`ed, then moved into
/// place: `link` when overwriting is not allowed (fails atomically with EEXIST),
/// `rename` when it is. The directory is `fsync`ed afterwards. Readers never see
/// a partial file and a private key is never readable by others, even briefly.
///
/// Never log the contents passed to ``writePrivate(_:to:overwrite:)``.
public enum PEMFile {
    public static let privateMode: UInt32 = 0o600
    public static let publicMode: UInt32 = 0o644

    /// Writes secret PEM (a private key) with mode 0600. By default refuses to
    /// replace an existing file, so a CA or node key is never clobbered by accident.
    public static func writePrivate(_ pem: String, to path: String, overwrite: Bool = false) throws {
        try write(Array(pem.utf8), to: path, mode: privateMode, overwrite: overwrite)
    }

    /// Writes public PEM (certificate, CRL, public key) with mode 0644.
    public static func writePublic(_ pem: String, to path: String, overwrite: Bool = true) throws {
        try write(Array(pem.utf8), to: path, mode: publicMode, overwrite: overwrite)
    }

    /// Reads a whole file as UTF-8 text.
    public static func read(_ path: String) throws -> String {
        let fd = try retrying("open", path) { open(path, O_RDONLY | O_CLOEXEC) }
        defer { close(fd) }
        var contents: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = try retrying("read", path) { Int32(Glibc.read(fd, &buffer, buffer.count)) }
            if count == 0 { break }
            contents.append(contentsOf: buffer.prefix(Int(count)))
        }
        return String(decoding: contents, as: UTF8.self)
    }

    /// The permission bits of `path` (e.g. 0o600).
    public static func mode(of path: String) throws -> UInt32 {
        var info = stat()
        _ = try retrying("stat", path) { stat(path, &info) }
        return UInt32(info.st_mode & 0o7777)
    }

    static func write(_ bytes: [UInt8], to path: String, mode: UInt32, overwrite: Bool) throws {
        let directory = parentDirectory(of: path)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let temporary = "\(directory)/.\(name).tmp-\(Hex.encode(SecureRandom.bytes(count: 8)))"

        let fd = try retrying("open", temporary) { open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode_t(mode)) }
        var linked = false
        defer { if !linked { unlink(temporary) } }
        do {
            defer { close(fd) }
            _ = try retrying("fchmod", temporary) { fchmod(fd, mode_t(mode)) }
            var offset = 0
            while offset < bytes.count {
                let written = try bytes.withUnsafeBytes { buffer in
                    try retrying("write", temporary) {
                        Int32(Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset))
                    }
                }
                offset += Int(written)
            }
            _ = try retrying("fsync", temporary) { fsync(fd) }
        }
        if overwrite {
            _ = try retrying("rename", path) { rename(temporary, path) }
            linked = true
        } else {
            _ = try retrying("link", path) { link(temporary, path) }
            unlink(temporary)
            linked = true
        }
        // Make the new directory entry durable.
        let directoryFD = try retrying("open", directory) { open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        defer { close(directoryFD) }
        _ = try retrying("fsync", directory) { fsync(directoryFD) }
    }

    private static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// Runs a system call, retrying on EINTR; a -1 result becomes a ``FileError``.
    @discardableResult
    private static func retrying(_ call: String, _ path: String, _ body: () -> Int32) throws -> Int32 {
        while true {
            let result = body()
            if result >= 0 { return result }
            if errno == EINTR { continue }
            throw FileError(call: call, path: path, code: errno)
        }
    }
}
