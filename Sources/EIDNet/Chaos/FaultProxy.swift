import Foundation
import Glibc
import Synchronization

/// Counters of a ``FaultProxy``, so a benchmark can compare bytes sent with bytes delivered.
public struct FaultProxyStatistics: Sendable, Hashable, CustomStringConvertible {
    public var connectionsAccepted = 0
    /// Reset at accept (``FaultPlan/dropRate``).
    public var connectionsDropped = 0
    /// Cut in the middle (``FaultPlan/cutEveryBytes``), reset both ways.
    public var connectionsCut = 0
    /// Closed early on purpose (``FaultPlan/truncateAfterBytes``).
    public var connectionsTruncated = 0
    /// The target could not be reached.
    public var upstreamFailures = 0
    /// Bytes read from the client / forwarded to the server.
    public var upstreamBytesReceived = 0
    public var upstreamBytesForwarded = 0
    /// Bytes read from the server / forwarded to the client.
    public var downstreamBytesReceived = 0
    public var downstreamBytesForwarded = 0
    public var bitsFlipped = 0
    public var stalls = 0

    public var description: String {
        "connections \(connectionsAccepted) (dropped \(connectionsDropped), cut \(connectionsCut), truncated \(connectionsTruncated), "
            + "upstream failures \(upstreamFailures)); up \(upstreamBytesReceived) received / \(upstreamBytesForwarded) forwarded; "
            + "down \(downstreamBytesReceived) received / \(downstreamBytesForwarded) forwarded; "
            + "bits flipped \(bitsFlipped), stalls \(stalls)"
    }
}

/// A TCP proxy that injects faults according to a seeded ``FaultPlan``: drops, cuts at
/// byte offsets, truncation, bit flips, stalls, delay and a bandwidth limit. It works
/// below TLS (TLS passes through untouched unless a fault hits it), so it exercises
/// exactly what a bad link does to the real client and server.
///
/// Threads: one accept thread and two per connection (one per direction); all blocking.
///
/// ```swift
/// let proxy = try FaultProxy(targetHost: "127.0.0.1", targetPort: server.port,
///                            plan: FaultPlan(seed: 7, cutEveryBytes: 64 * 1024))
/// proxy.start()
/// // point the client at proxy.port; read proxy.statistics afterwards
/// proxy.stop()
/// ```
public final class FaultProxy: Sendable {
    public let targetHost: String
    public let targetPort: UInt16
    private let listener: TCPListener
    private let state: Mutex<State>
    private let log: (@Sendable (String) -> Void)?

    private struct State {
        var plan: FaultPlan
        var statistics = FaultProxyStatistics()
        var nextIndex = 0
        var connections: [Int: ProxiedConnection] = [:]
        var started = false
        var stopping = false
        var acceptRunning = false
    }

    /// Listens on `listenHost:listenPort` (port 0 picks one) and forwards to `targetHost:targetPort`.
    /// `log` receives a line when each connection ends, with what happened to it.
    public init(listenHost: String = "127.0.0.1", listenPort: UInt16 = 0, targetHost: String, targetPort: UInt16,
                plan: FaultPlan = FaultPlan(), log: (@Sendable (String) -> Void)? = nil) throws {
        self.targetHost = targetHost
        self.targetPort = targetPort
        self.listener = try TCPListener(host: listenHost, port: listenPort)
        self.state = Mutex(State(plan: plan))
        self.log = log
    }

    public var port: UInt16 { listener.port }
    public var localAddress: String { listener.localAddress }

    public var statistics: FaultProxyStatistics { state.withLock { $0.statistics } }

    /// The plan for connections accepted from now on (open ones keep theirs).
    public var plan: FaultPlan {
        get { state.withLock { $0.plan } }
        set { state.withLock { $0.plan = newValue } }
    }

    public func start() {
        let first = state.withLock { state -> Bool in
            guard !state.started, !state.stopping else { return false }
            state.started = true
            state.acceptRunning = true
            return true
        }
        guard first else { return }
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "eid-fault-proxy-\(port)"
        thread.start()
    }

    /// Stops accepting and cuts every open connection; waits up to 5 s for the threads.
    public func stop() {
        let open = state.withLock { state -> [ProxiedConnection] in
            state.stopping = true
            return Array(state.connections.values)
        }
        listener.interrupt()
        if !state.withLock({ $0.started }) { listener.close() }
        for connection in open { connection.end(.stopped) }
        let deadline = Deadline(after: .seconds(5), for: "proxy stop")
        while !deadline.hasPassed {
            if state.withLock({ $0.connections.isEmpty && !$0.acceptRunning }) { return }
            usleep(5_000)
        }
    }

    private func acceptLoop() {
        defer { state.withLock { $0.acceptRunning = false } }
        listener.acceptUntilInterrupted(onError: { log?("accept failed: \($0)") }) { client in
            let (index, plan) = state.withLock { state -> (Int, FaultPlan) in
                defer { state.nextIndex += 1 }
                state.statistics.connectionsAccepted += 1
                return (state.nextIndex, state.plan)
            }
            let schedule = plan.schedule(forConnection: index)
            if schedule.dropped {
                state.withLock { $0.statistics.connectionsDropped += 1 }
                client.setResetOnClose()
                client.close()
                log?("connection \(index): dropped at accept")
                return
            }
            let handoff = SocketHandoff(client)
            let thread = Thread { [self] in serve(index: index, plan: plan, schedule: schedule, pending: handoff) }
            thread.name = "eid-fault-proxy-\(index)"
            thread.start()
        }
    }

    private func serve(index: Int, plan: FaultPlan, schedule: FaultSchedule, pending: SocketHandoff) {
        let client = pending.take()
        let server: TCPSocket
        do {
            server = try TCPSocket.connect(host: targetHost, port: targetPort, timeout: .seconds(5))
        } catch {
            state.withLock { $0.statistics.upstreamFailures += 1 }
            log?("connection \(index): cannot reach \(targetHost):\(targetPort): \(error)")
            client.setResetOnClose()
            client.close()
            return
        }
        let connection = ProxiedConnection(index: index, client: client, server: server, plan: plan, schedule: schedule)
        let registered = state.withLock { state -> Bool in
            guard !state.stopping else { return false }
            state.connections[index] = connection
            return true
        }
        guard registered else {
            connection.end(.stopped)
            connection.closeSockets()
            return
        }
        let downstream = Thread { [self] in
            connection.pump(.downstream, statistics: record)
            connection.pumpFinished()
        }
        downstream.name = "eid-fault-proxy-\(index)-down"
        downstream.start()
        connection.pump(.upstream, statistics: record)
        connection.pumpFinished()
        connection.waitForPumps()
        let ending = connection.ending
        state.withLock { state in
            state.connections[index] = nil
            switch ending {
            case .cut: state.statistics.connectionsCut += 1
            case .truncated: state.statistics.connectionsTruncated += 1
            default: break
            }
        }
        connection.closeSockets()
        log?("connection \(index): \(connection.summary)")
    }

    private func record(_ update: (inout FaultProxyStatistics) -> Void) {
        state.withLock { update(&$0.statistics) }
    }
}
