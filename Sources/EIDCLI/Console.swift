import Foundation

/// Writes text to one of the process's standard streams, unbuffered, so that
/// a line printed before a crash or a SIGKILL is really out.
public struct Console: Sendable {
    let descriptor: Int32

    public static let standardOutput = Console(descriptor: STDOUT_FILENO)
    public static let standardError = Console(descriptor: STDERR_FILENO)

    /// Writes all of `text`, retrying on EINTR and short writes.
    public func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
        bytes.removeAll()
    }

    /// Writes `text` and a newline.
    public func line(_ text: String = "") {
        write(text + "\n")
    }
}

/// Prints a line to standard output.
func say(_ text: String = "") {
    Console.standardOutput.line(text)
}
