enum SyncBench {
    static let section = BenchSection(name: "sync", summary: "replication goodput, backlog drain, bytes sent per byte delivered through faults") {
        print("  (not measured yet)")
    }
}
