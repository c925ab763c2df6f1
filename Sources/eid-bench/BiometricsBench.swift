enum BiometricsBench {
    static let section = BenchSection(name: "bio", summary: "face 1:N top-10, full de-duplication against 1M, memory per person") {
        print("  (not measured yet)")
    }
}
