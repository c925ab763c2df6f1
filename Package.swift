// swift-tools-version:6.0
import Foundation
import PackageDescription

// No Swift package dependencies: Foundation, Dispatch, and two system
// libraries (SQLite 3 and OpenSSL 3) wrapped as system-library targets.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

// Release builds of the biometric engine are compiled for Haswell's instruction set (AVX2, POPCNT,
// BMI2, FMA: every x86 server CPU since 2013): the 1:N scans are popcount and int8 dot-product loops
// that baseline x86-64 cannot do in one instruction. EID_TARGET_CPU names another LLVM CPU
// (`nehalem` for POPCNT alone, `skylake-avx512`) or `baseline` (none) for older machines; debug
// builds (the tests) never use it. See docs/biometrics.md.
let biometricsTuning: [SwiftSetting] = {
    #if arch(x86_64)
    let cpu = ProcessInfo.processInfo.environment["EID_TARGET_CPU"] ?? "haswell"
    guard cpu != "baseline" else { return [] }
    return [.unsafeFlags(["-target-cpu", cpu], .when(configuration: .release))]
    #else
    return []
    #endif
}()

let package = Package(
    name: "eid",
    products: [
        .executable(name: "eid", targets: ["eid"]),
        .executable(name: "eid-bench", targets: ["eid-bench"]),
    ],
    targets: [
        // C modules: only EIDStorage, EIDCrypto and EIDNet import these.
        .systemLibrary(name: "CSQLite3", path: "Sources/CSQLite3",
                       pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "COpenSSL", path: "Sources/COpenSSL",
                       pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),

        // Pure domain: no I/O, no C.
        .target(name: "EIDCore", swiftSettings: strict),
        // Thin, safe wrappers over the C libraries.
        .target(name: "EIDStorage", dependencies: ["CSQLite3"], swiftSettings: strict),
        .target(name: "EIDCrypto", dependencies: ["COpenSSL"], swiftSettings: strict),
        // Biometric templates, quality gate, matchers (pure Swift).
        .target(name: "EIDBiometrics", dependencies: ["EIDCore"], swiftSettings: strict + biometricsTuning),
        // Sockets, TLS 1.3 on OpenSSL, HTTP/1.1: the transport for nodes and operators.
        .target(name: "EIDNet", dependencies: ["COpenSSL", "EIDCrypto"], swiftSettings: strict),
        // Synthetic applicants (no real personal or biometric data may be used).
        .target(name: "EIDSynthetic", dependencies: ["EIDCore", "EIDBiometrics"], swiftSettings: strict),
        // The provincial node: enrollment intake, sealed append-only log, signed batches.
        .target(name: "EIDNode",
                dependencies: ["EIDCore", "EIDStorage", "EIDCrypto", "EIDBiometrics", "EIDNet"],
                swiftSettings: strict),
        // The central authority: batch acceptance (exactly once), receipts, accounts, events.
        .target(name: "EIDCentral",
                dependencies: ["EIDCore", "EIDStorage", "EIDCrypto", "EIDBiometrics", "EIDNet"],
                swiftSettings: strict),
        // Command line: commands are structs parsed then run.
        .target(name: "EIDCLI",
                dependencies: ["EIDCore", "EIDStorage", "EIDCrypto", "EIDBiometrics", "EIDNet", "EIDNode",
                               "EIDCentral", "EIDSynthetic"],
                swiftSettings: strict),
        .executableTarget(name: "eid", dependencies: ["EIDCLI"], swiftSettings: strict),
        // Benchmarks (scripts/bench builds and runs them in release mode).
        .executableTarget(name: "eid-bench",
                          dependencies: ["EIDCore", "EIDStorage", "EIDCrypto", "EIDBiometrics", "EIDNet", "EIDNode",
                                         "EIDCentral", "EIDSynthetic", "EIDTestSupport"],
                          swiftSettings: strict),

        // Test helpers: temporary directories, child processes, the built `eid` binary, forged batches, raw TLS.
        .target(name: "EIDTestSupport", dependencies: ["EIDCore", "EIDCrypto", "EIDNet"], swiftSettings: strict),

        .testTarget(name: "EIDCoreTests", dependencies: ["EIDCore", "EIDTestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "EIDStorageTests", dependencies: ["EIDStorage", "EIDTestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "EIDCryptoTests", dependencies: ["EIDCrypto", "EIDTestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "EIDBiometricsTests", dependencies: ["EIDBiometrics", "EIDTestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "EIDNetTests", dependencies: ["EIDNet", "EIDCrypto", "EIDTestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "EIDNodeTests",
                    dependencies: ["EIDNode", "EIDCore", "EIDStorage", "EIDCrypto", "EIDBiometrics", "EIDSynthetic",
                                   "EIDTestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "EIDCentralTests",
                    dependencies: ["EIDCentral", "EIDNode", "EIDCore", "EIDStorage", "EIDCrypto", "EIDSynthetic",
                                   "EIDTestSupport"],
                    swiftSettings: strict),
        .testTarget(name: "EIDIntegrationTests",
                    dependencies: ["eid", "EIDCore", "EIDStorage", "EIDCrypto", "EIDNet", "EIDBiometrics", "EIDSynthetic",
                                   "EIDTestSupport"],
                    swiftSettings: strict),
    ]
)
