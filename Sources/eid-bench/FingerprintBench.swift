enum FingerprintBench {
    static let section = BenchSection(name: "fingerprint", summary: "fingerprint 1:1 comparisons per second per core, pre-filter speed") {
        print("  (not measured yet)")
    }
}
