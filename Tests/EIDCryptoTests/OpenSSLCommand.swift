import Foundation

/// Result of running the `openssl` command line.
struct CommandResult: CustomStringConvertible {
    var status: Int32
    var stdout: [UInt8]
    var stderr: String

    var output: String { String(decoding: stdout, as: UTF8.self) }
    var succeeded: Bool { status == 0 }
    var description: String { "exit \(status)\nstdout: \(output)\nstderr: \(stderr)" }
}

/// Runs `openssl <arguments>` in `directory` with optional standard input.
/// Output goes to files rather than pipes, so large output cannot deadlock.
@discardableResult
func openssl(_ arguments: [String], stdin: [UInt8]? = nil, in directory: URL) throws -> CommandResult {
    let id = UUID().uuidString
    let inURL = directory.appendingPathComponent(".stdin-\(id)")
    let outURL = directory.appendingPathComponent(".stdout-\(id)")
    let errURL = directory.appendingPathComponent(".stderr-\(id)")
    defer {
        for url in [inURL, outURL, errURL] { try? FileManager.default.removeItem(at: url) }
    }
    try Data(stdin ?? []).write(to: inURL)
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let input = try FileHandle(forReadingFrom: inURL)
    let output = try FileHandle(forWritingTo: outURL)
    let error = try FileHandle(forWritingTo: errURL)
    defer { try? input.close(); try? output.close(); try? error.close() }

    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
    process.arguments = arguments
    process.currentDirectoryURL = directory
    process.standardInput = input
    process.standardOutput = output
    process.standardError = error
    try process.run()
    process.waitUntilExit()
    return CommandResult(
        status: process.terminationStatus,
        stdout: Array(try Data(contentsOf: outURL)),
        stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
}

/// A fresh directory under the system temporary directory, removed afterwards.
func withTemporaryDirectory<R>(_ body: (URL) throws -> R) throws -> R {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("eidcrypto-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(url)
}

extension URL {
    func write(_ text: String, to name: String) throws {
        try Data(text.utf8).write(to: appendingPathComponent(name))
    }
    func write(_ bytes: [UInt8], to name: String) throws {
        try Data(bytes).write(to: appendingPathComponent(name))
    }
    func read(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: appendingPathComponent(name)))
    }
    func readText(_ name: String) throws -> String {
        String(decoding: try read(name), as: UTF8.self)
    }
}
