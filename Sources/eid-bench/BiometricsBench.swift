enum BiometricsBench {
    static let section = BenchSection(name: "bio", summary: "fingerprint 1:1, face 1:N, de-duplication, memory") {
        print("  (not measured yet)")
    }
}
