import Glibc
import Synchronization

/// One client connection through a ``FaultProxy`` and its connection to the target.
///
/// `@unchecked Sendable`: the two sockets are shared by the two pump threads in a fixed
/// way (the upstream pump reads the client and writes the server, the downstream pump
/// reads the server and writes the client; concurrent read and write on one descriptor
/// are safe), every other piece of shared state is behind the mutex, and the sockets are
/// closed once, after both pumps have finished.
final class ProxiedConnection: @unchecked Sendable {
    enum Ending: Sendable, Equatable { case open, cut, truncated, stopped, failed(String) }

    let index: Int
    private let client: TCPSocket
    private let server: TCPSocket
    private let plan: FaultPlan
    private let schedule: FaultSchedule
    private let shared: Mutex<Shared>

    private struct Shared {
        var ending = Ending.open
        var forwardedTotal = 0
        var forwarded: [FaultDirection: Int] = [.upstream: 0, .downstream: 0]
        var finishedPumps = 0
        var flips = 0
        var stalls = 0
    }

    init(index: Int, client: TCPSocket, server: TCPSocket, plan: FaultPlan, schedule: FaultSchedule) {
        self.index = index
        self.client = client
        self.server = server
        self.plan = plan
        self.schedule = schedule
        self.shared = Mutex(Shared())
    }

    var ending: Ending { shared.withLock { $0.ending } }

    var summary: String {
        shared.withLock { shared in
            let how: String
            switch shared.ending {
            case .open: how = "closed normally"
            case .cut: how = "cut after \(shared.forwardedTotal) bytes"
            case .truncated: how = "truncated after \(shared.forwarded[plan.truncateDirection] ?? 0) \(plan.truncateDirection) bytes"
            case .stopped: how = "stopped with the proxy"
            case .failed(let why): how = "failed: \(why)"
            }
            return "\(how); up \(shared.forwarded[.upstream] ?? 0) B, down \(shared.forwarded[.downstream] ?? 0) B forwarded, "
                + "\(shared.flips) bit(s) flipped, \(shared.stalls) stall(s)"
        }
    }

    /// Ends the connection (first reason wins). A cut resets both sides.
    func end(_ reason: Ending) {
        let first = shared.withLock { shared -> Bool in
            guard shared.ending == .open else { return false }
            shared.ending = reason
            return true
        }
        guard first else { return }
        if reason == .cut || reason == .stopped {
            client.setResetOnClose()
            server.setResetOnClose()
        }
        // Wake both pumps' reads; they then see the ending and stop.
        client.shutdownRead()
        server.shutdownRead()
    }

    private var isEnded: Bool { shared.withLock { $0.ending != .open } }

    func pumpFinished() { shared.withLock { $0.finishedPumps += 1 } }

    func waitForPumps() {
        while shared.withLock({ $0.finishedPumps < 2 }) { usleep(2_000) }
    }

    func closeSockets() {
        client.close()
        server.close()
    }

    /// Forwards one direction until end of stream or the connection ends, applying the plan.
    func pump(_ direction: FaultDirection, statistics: (_ update: (inout FaultProxyStatistics) -> Void) -> Void) {
        let source = direction == .upstream ? client : server
        let destination = direction == .upstream ? server : client
        let affected = plan.affected.contains(direction)
        var stream = schedule.streams[direction]!
        var offset = 0  // bytes of this direction already forwarded
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        var pacing = Pacing(bytesPerSecond: affected ? plan.bandwidthBytesPerSecond : nil)
        while !isEnded {
            let count: Int
            do {
                count = try buffer.withUnsafeMutableBytes {
                    try source.receive(into: $0, deadline: Deadline(after: .milliseconds(100), for: "proxy read"))
                }
            } catch is LinkError {
                continue  // poll slice: re-check whether the connection ended
            } catch {
                end(.failed("\(error)"))
                break
            }
            if count == 0 {
                // End of stream: pass the FIN on; the other direction may still flow.
                if !isEnded { destination.shutdownWrite() }
                break
            }
            statistics {
                if direction == .upstream { $0.upstreamBytesReceived += count } else { $0.downstreamBytesReceived += count }
            }
            var position = 0
            while position < count && !isEnded {
                // The piece ends at the next stall, the truncation point or the cut.
                var end = count
                if let stall = stream.nextStall, stall >= offset, stall < offset + (count - position) {
                    end = min(end, position + (stall - offset))
                }
                var truncateHere = false
                if let limit = plan.truncateAfterBytes, direction == plan.truncateDirection {
                    let room = max(0, limit - offset)
                    if position + room <= end {
                        end = position + room
                        truncateHere = true
                    }
                }
                var wanted = end - position
                let allowed = reserve(wanted)
                let cutHere = allowed < wanted
                wanted = allowed
                if wanted > 0 {
                    // Flip the bits that fall inside this piece.
                    while let flip = stream.nextFlip, flip < offset + wanted {
                        let mask = stream.nextFlipMask
                        _ = stream.takeFlip()
                        buffer[position + (flip - offset)] ^= mask
                        shared.withLock { $0.flips += 1 }
                        statistics { $0.bitsFlipped += 1 }
                    }
                    if affected && plan.delay > .zero { sleepUnlessEnded(plan.delay) }
                    guard forward(buffer, position..<(position + wanted), to: destination, pacing: &pacing) else { break }
                    offset += wanted
                    position += wanted
                    shared.withLock { $0.forwarded[direction] = offset }
                    statistics {
                        if direction == .upstream { $0.upstreamBytesForwarded += wanted } else { $0.downstreamBytesForwarded += wanted }
                    }
                }
                if cutHere {
                    self.end(.cut)
                    break
                }
                if truncateHere {
                    destination.shutdownWrite()
                    self.end(.truncated)
                    break
                }
                if let stall = stream.nextStall, stall == offset {
                    _ = stream.takeStall()
                    shared.withLock { $0.stalls += 1 }
                    statistics { $0.stalls += 1 }
                    sleepUnlessEnded(plan.stallDuration)
                }
            }
        }
    }

    /// Takes up to `count` bytes from the connection's budget before its cut offset.
    private func reserve(_ count: Int) -> Int {
        shared.withLock { shared in
            guard let cut = schedule.cutAfterBytes else {
                shared.forwardedTotal += count
                return count
            }
            let allowed = max(0, min(count, cut - shared.forwardedTotal))
            shared.forwardedTotal += allowed
            return allowed
        }
    }

    /// Sends `range` of `buffer`, paced to the bandwidth limit; false if the connection ended or failed.
    private func forward(_ buffer: [UInt8], _ range: Range<Int>, to destination: TCPSocket, pacing: inout Pacing) -> Bool {
        var position = range.lowerBound
        while position < range.upperBound {
            if isEnded { return false }
            let piece = min(range.upperBound - position, pacing.pieceSize)
            do {
                let sent = try buffer.withUnsafeBytes { raw in
                    try destination.sendSome(UnsafeRawBufferPointer(rebasing: raw[position..<(position + piece)]),
                                             deadline: Deadline(after: .milliseconds(100), for: "proxy write"))
                }
                position += sent
                if sent > 0, let wait = pacing.sent(sent) { sleepUnlessEnded(wait) }
            } catch {
                end(.failed("\(error)"))
                return false
            }
        }
        return true
    }

    private func sleepUnlessEnded(_ duration: Duration) {
        let deadline = Deadline(after: duration, for: "proxy sleep")
        while !deadline.hasPassed && !isEnded {
            let slice = min(deadline.remaining, .milliseconds(20))
            let (seconds, attoseconds) = slice.components
            usleep(UInt32(seconds * 1_000_000 + attoseconds / 1_000_000_000_000))
        }
    }
}

/// Keeps a direction at or below a byte rate: after each send, how long to wait.
struct Pacing {
    let bytesPerSecond: Int?
    private var sentTotal = 0
    private var start: UInt64 = 0

    init(bytesPerSecond: Int?) { self.bytesPerSecond = bytesPerSecond }

    /// Pieces of about a tenth of a second's worth, so the rate is smooth.
    var pieceSize: Int { bytesPerSecond.map { max(1, $0 / 10) } ?? 16 * 1024 }

    mutating func sent(_ count: Int) -> Duration? {
        guard let rate = bytesPerSecond else { return nil }
        if sentTotal == 0 { start = Deadline.now() }
        sentTotal += count
        let due = start + UInt64(Double(sentTotal) / Double(rate) * 1_000_000_000)
        let now = Deadline.now()
        return due > now ? .nanoseconds(Int64(due - now)) : nil
    }
}
