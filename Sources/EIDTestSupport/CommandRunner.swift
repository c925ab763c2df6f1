import Foundation

/// What a finished command printed and returned.
public struct CommandResult: Sendable {
    public let status: Int32
    public let standardOutput: String
    public let standardError: String
}

/// Runs commands to completion: the built `eid` tool, `openssl`, `curl`.
public enum CommandRunner {
    /// Runs `executable` (a path, or a name looked up in PATH) and waits for it.
    public static func run(_ executable: String, _ arguments: [String], input: [UInt8]? = nil,
                           environment: [String: String]? = nil,
                           currentDirectory: String? = nil) throws -> CommandResult {
        let process = Process()
        if executable.contains("/") {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [executable] + arguments
        }
        if let environment {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input == nil ? FileHandle.nullDevice : inPipe
        try process.run()
        if let input {
            let writer = inPipe.fileHandleForWriting
            Thread.detachNewThread {
                writer.write(Data(input))
                try? writer.close()
            }
        }
        // Read both pipes concurrently so neither fills up and blocks the child.
        let errData = ErrBox()
        let group = DispatchGroup()
        group.enter()
        Thread.detachNewThread {
            errData.set(err.fileHandleForReading.readDataToEndOfFile())
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return CommandResult(status: process.terminationStatus,
                             standardOutput: String(decoding: outData, as: UTF8.self),
                             standardError: String(decoding: errData.get(), as: UTF8.self))
    }

    /// Runs the built `eid` tool.
    public static func eid(_ arguments: [String], input: [UInt8]? = nil,
                           environment: [String: String]? = nil) throws -> CommandResult {
        try run(EIDExecutable.path, arguments, input: input, environment: environment)
    }
}

private final class ErrBox: @unchecked Sendable {
    // Safe: written once by the reader thread before `group.leave()`, read after `group.wait()`.
    private var data = Data()
    func set(_ value: Data) { data = value }
    func get() -> Data { data }
}

/// Where the built `eid` executable is.
public enum EIDExecutable {
    /// `$EID_BINARY`, or `eid` beside the running test bundle.
    public static var path: String {
        if let explicit = ProcessInfo.processInfo.environment["EID_BINARY"] { return explicit }
        let bundle = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        var directory = bundle.deletingLastPathComponent()
        // The test bundle may be a directory (…/eidPackageTests.xctest/…) on some layouts.
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("eid").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            .appendingPathComponent(".build/debug/eid").path
    }
}
