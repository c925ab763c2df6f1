import Foundation

/// A fresh directory under the system's temporary folder, removed by `remove()`.
public struct TemporaryDirectory: Sendable {
    /// The directory's absolute path.
    public let path: String

    /// Creates `…/eid-test-<label>-<random>`.
    public init(_ label: String = "test") throws {
        let base = ProcessInfo.processInfo.environment["EID_TEST_TMPDIR"] ?? NSTemporaryDirectory()
        let name = "eid-test-\(label)-\(UUID().uuidString.prefix(8))"
        let url = URL(fileURLWithPath: base).appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        self.path = url.path
    }

    /// The path of `name` inside the directory.
    public func file(_ name: String) -> String {
        (path as NSString).appendingPathComponent(name)
    }

    /// Deletes the directory and everything in it.
    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
