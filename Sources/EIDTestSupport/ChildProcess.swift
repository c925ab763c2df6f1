import Foundation
import Synchronization

/// A real child process with its standard output read line by line, for tests
/// that kill processes at chosen moments.
public final class ChildProcess: Sendable {
    private let process: Process
    private let lines = Locked(LineBuffer())
    private let stderrText = Locked("")
    /// Signalled once standard error has been read to its end.
    private let stderrRead = DispatchSemaphore(value: 0)
    private let available = DispatchSemaphore(value: 0)

    private struct LineBuffer: Sendable {
        var pending = ""
        var complete: [String] = []
        var consumed = 0
        var ended = false
    }

    /// Starts `executable` with `arguments`.
    public init(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                currentDirectory: String? = nil) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        self.process = process
        try process.run()

        let lines = self.lines
        let available = self.available
        Thread.detachNewThread {
            let handle = out.fileHandleForReading
            while true {
                let data = handle.availableData
                if data.isEmpty { break }
                lines.withLock { buffer in
                    buffer.pending += String(decoding: data, as: UTF8.self)
                    while let newline = buffer.pending.firstIndex(of: "\n") {
                        buffer.complete.append(String(buffer.pending[..<newline]))
                        buffer.pending = String(buffer.pending[buffer.pending.index(after: newline)...])
                        available.signal()
                    }
                }
            }
            lines.withLock { $0.ended = true }
            available.signal()
        }
        let stderrText = self.stderrText, stderrRead = self.stderrRead
        Thread.detachNewThread {
            let data = err.fileHandleForReading.readDataToEndOfFile()
            stderrText.withLock { $0 = String(decoding: data, as: UTF8.self) }
            stderrRead.signal()
        }
    }

    /// The process id.
    public var pid: Int32 { process.processIdentifier }

    /// The next line of standard output, or nil at end of output or after `timeout` seconds.
    public func nextLine(timeout: Double = 30) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let next: String?? = lines.withLock { buffer in
                if buffer.consumed < buffer.complete.count {
                    buffer.consumed += 1
                    return .some(buffer.complete[buffer.consumed - 1])
                }
                return buffer.ended ? .some(nil) : nil
            }
            if let next { return next }
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { return nil }
            _ = available.wait(timeout: .now() + remaining)
        }
    }

    /// Every line of standard output read so far (consumed or not).
    public var outputLines: [String] { lines.withLock { $0.complete } }

    /// Standard error: complete once `waitForExit()` has returned.
    public var standardError: String { stderrText.withLock { $0 } }

    /// Sends `signal` (SIGKILL by default) to the process.
    public func kill(_ signal: Int32 = 9) {
        Foundation.kill(process.processIdentifier, signal)
    }

    /// Waits for the process to exit and returns its status (a signal number for a killed process).
    @discardableResult
    public func waitForExit() -> Int32 {
        process.waitUntilExit()
        // The reader thread may still be draining the pipe (at most a few seconds unless a child
        // of the process keeps it open); signal again so that later calls do not wait.
        if stderrRead.wait(timeout: .now() + 10) == .success { stderrRead.signal() }
        return process.terminationStatus
    }

    /// Whether it exited because of a signal.
    public var wasKilledBySignal: Bool {
        process.terminationReason == .uncaughtSignal
    }
}

/// A value behind a mutex, shareable with reader threads.
public final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    public init(_ value: Value) { mutex = Mutex(value) }

    public func withLock<R: Sendable>(_ body: (inout sending Value) throws -> sending R) rethrows -> R {
        try mutex.withLock(body)
    }
}
