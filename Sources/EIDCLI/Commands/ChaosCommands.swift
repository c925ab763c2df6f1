import Dispatch
import EIDNet
import Foundation

/// `eid chaos ...`: tools that make links misbehave on purpose, for tests and benchmarks.
enum ChaosCommands {
    static let group = Command(
        group: "chaos",
        abstract: "Fault-injecting tools for testing links (proxy).",
        subcommands: [proxy])

    static let proxy = Command(
        "proxy",
        abstract: "Forward TCP connections to a target while injecting seeded faults.",
        discussion: """
        Works below TLS: point a node at the proxy instead of central and its TLS
        connection passes through, faults included. The same --seed and the same traffic
        give the same faults at the same byte offsets. SIZE accepts a plain byte count or
        a K/KiB/M/MiB suffix (1 K = 1024 bytes). One line is printed when each connection
        ends, and totals on exit (SIGINT, SIGTERM or --duration). See docs/net.md.
        """,
        options: [
            OptionSpec("listen", value: "PORT", help: "Port to listen on (0 picks a free one, printed on start).", required: true),
            OptionSpec("listen-host", value: "ADDR", help: "IPv4 address to listen on.", default: "127.0.0.1"),
            OptionSpec("to", value: "HOST:PORT", help: "Where to forward connections.", required: true),
            OptionSpec("seed", value: "N", help: "Seed for every random choice.", default: "1"),
            OptionSpec("drop-rate", value: "P", help: "Probability (0-1) that a new connection is reset at once.", default: "0"),
            OptionSpec("cut-every", value: "SIZE", help: "Cut (reset) connections after SIZE bytes on average (both directions)."),
            OptionSpec("truncate-after", value: "SIZE", help: "Close each connection cleanly after SIZE bytes in --truncate-direction."),
            OptionSpec("truncate-direction", value: "up|down", help: "Direction counted by --truncate-after.", default: "down"),
            OptionSpec("flip-every", value: "SIZE", help: "Flip one bit every SIZE bytes on average."),
            OptionSpec("stall-every", value: "SIZE", help: "Stall every SIZE bytes on average."),
            OptionSpec("stall-ms", value: "MS", help: "Length of each stall.", default: "1000"),
            OptionSpec("delay-ms", value: "MS", help: "Latency added to every forwarded piece.", default: "0"),
            OptionSpec("bandwidth", value: "SIZE", help: "Limit each direction of each connection to SIZE bytes per second (2G: 2K-5K)."),
            OptionSpec("direction", value: "both|up|down", help: "Directions that get flips, stalls, delay and the bandwidth limit.",
                       default: "both"),
            OptionSpec("duration", value: "SECONDS", help: "Stop after this long (default: run until SIGINT/SIGTERM)."),
        ],
        flags: [FlagSpec("json", help: "Print the totals as one JSON object on exit.")],
        run: { args in try runProxy(args) })

    private static func runProxy(_ args: ParsedArguments) throws {
        let listenPort = try args.int("listen", in: 0...65535) ?? 0
        let (host, port) = try target(args)
        let plan = try faultPlan(args)
        let duration = try args.double("duration", in: 0.1...31_536_000)
        let json = args.flag("json")
        let printLine: @Sendable (String) -> Void = { line in say(line) }
        let log = json ? nil : printLine
        let proxy = try FaultProxy(listenHost: args.string("listen-host") ?? "127.0.0.1", listenPort: UInt16(listenPort),
                                   targetHost: host, targetPort: port, plan: plan, log: log)
        proxy.start()
        say("fault proxy listening on \(proxy.localAddress) -> \(host):\(port) (\(describe(plan)))")
        waitForStop(seconds: duration)
        proxy.stop()
        let totals = proxy.statistics
        say(json ? totalsJSON(totals) : "totals: \(totals)")
    }

    private static func target(_ args: ParsedArguments) throws(UsageError) -> (String, UInt16) {
        let text = try args.requiredString("to")
        guard let colon = text.lastIndex(of: ":"), let port = UInt16(text[text.index(after: colon)...]), port > 0 else {
            throw UsageError("option '--to' expects HOST:PORT, got '\(text)'", commandPath: args.commandPath)
        }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw UsageError("option '--to' has no host: '\(text)'", commandPath: args.commandPath) }
        return (host, port)
    }

    static func faultPlan(_ args: ParsedArguments) throws(UsageError) -> FaultPlan {
        let seedText = args.string("seed") ?? "1"
        guard let seed = UInt64(seedText) else {
            throw UsageError("option '--seed' expects a non-negative integer, got '\(seedText)'", commandPath: args.commandPath)
        }
        var plan = FaultPlan(seed: seed)
        plan.dropRate = try args.double("drop-rate", in: 0...1) ?? 0
        plan.cutEveryBytes = try size(args, "cut-every")
        plan.truncateAfterBytes = try size(args, "truncate-after", allowZero: true)
        plan.truncateDirection = try direction(args, "truncate-direction") ?? .downstream
        plan.flipEveryBytes = try size(args, "flip-every")
        plan.stallEveryBytes = try size(args, "stall-every")
        plan.stallDuration = .milliseconds(try args.int("stall-ms", in: 0...3_600_000) ?? 1000)
        plan.delay = .milliseconds(try args.int("delay-ms", in: 0...600_000) ?? 0)
        plan.bandwidthBytesPerSecond = try size(args, "bandwidth")
        if let only = try direction(args, "direction") { plan.affected = [only] }
        return plan
    }

    private static func direction(_ args: ParsedArguments, _ name: String) throws(UsageError) -> FaultDirection? {
        switch args.string(name) {
        case nil, "both": return nil
        case "up", "upstream": return .upstream
        case "down", "downstream": return .downstream
        case let other?:
            throw UsageError("option '--\(name)' expects up, down\(name == "direction" ? " or both" : ""), got '\(other)'",
                             commandPath: args.commandPath)
        }
    }

    /// "1500", "64K", "64KiB", "2M", "2MiB" (K = 1024).
    static func size(_ args: ParsedArguments, _ name: String, allowZero: Bool = false) throws(UsageError) -> Int? {
        guard let text = args.string(name) else { return nil }
        let units: [(String, Int)] = [("KiB", 1024), ("MiB", 1 << 20), ("K", 1024), ("M", 1 << 20), ("k", 1024), ("B", 1)]
        var digits = Substring(text)
        var multiplier = 1
        for (suffix, value) in units where digits.hasSuffix(suffix) {
            digits = digits.dropLast(suffix.count)
            multiplier = value
            break
        }
        guard let number = Int(digits), number >= (allowZero ? 0 : 1), number <= Int(Int32.max) / multiplier else {
            throw UsageError("option '--\(name)' expects a size such as 1500, 64K or 2M, got '\(text)'", commandPath: args.commandPath)
        }
        return number * multiplier
    }

    private static func describe(_ plan: FaultPlan) -> String {
        var parts = ["seed \(plan.seed)"]
        if plan.dropRate > 0 { parts.append("drop rate \(plan.dropRate)") }
        if let cut = plan.cutEveryBytes { parts.append("cut every \(cut) B") }
        if let truncate = plan.truncateAfterBytes { parts.append("truncate \(plan.truncateDirection) after \(truncate) B") }
        if let flip = plan.flipEveryBytes { parts.append("flip a bit every \(flip) B") }
        if let stall = plan.stallEveryBytes { parts.append("stall \(plan.stallDuration) every \(stall) B") }
        if plan.delay > .zero { parts.append("delay \(plan.delay)") }
        if let rate = plan.bandwidthBytesPerSecond { parts.append("\(rate) B/s") }
        if plan.affected.count == 1, let only = plan.affected.first { parts.append("only \(only)") }
        return parts.count == 1 ? parts[0] + ", no faults" : parts.joined(separator: ", ")
    }

    private static func totalsJSON(_ totals: FaultProxyStatistics) -> String {
        let fields: [(String, Int)] = [
            ("connections_accepted", totals.connectionsAccepted), ("connections_dropped", totals.connectionsDropped),
            ("connections_cut", totals.connectionsCut), ("connections_truncated", totals.connectionsTruncated),
            ("upstream_failures", totals.upstreamFailures),
            ("upstream_bytes_received", totals.upstreamBytesReceived), ("upstream_bytes_forwarded", totals.upstreamBytesForwarded),
            ("downstream_bytes_received", totals.downstreamBytesReceived),
            ("downstream_bytes_forwarded", totals.downstreamBytesForwarded),
            ("bits_flipped", totals.bitsFlipped), ("stalls", totals.stalls),
        ]
        return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }

    /// Blocks until SIGINT or SIGTERM (or `seconds`, if given).
    private static func waitForStop(seconds: Double?) {
        StopSignal().wait(seconds: seconds)
    }
}
