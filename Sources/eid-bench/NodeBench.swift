enum NodeBench {
    static let section = BenchSection(name: "node", summary: "node enroll throughput and commit latency") {
        print("  (not measured yet)")
    }
}
