import Foundation

// `eid-bench [SECTION...]`: the project's benchmarks, run by scripts/bench in a
// release build. Each section lives in its own file and prints numbers and the
// ratios that matter (machines here are 2-core and noisy: compare within one run).
let sections: [BenchSection] = [
    NodeBench.section,
    FingerprintBench.section,
    BiometricsBench.section,
    SyncBench.section,
    NetBench.section,
]

let requested = Array(CommandLine.arguments.dropFirst())
if requested.contains("--help") || requested.contains("-h") {
    print("usage: eid-bench [SECTION...]   (default: all)\nsections:")
    for section in sections { print("  \(section.name.padding(toLength: 12, withPad: " ", startingAt: 0)) \(section.summary)") }
    exit(0)
}
let unknown = requested.filter { name in !sections.contains { $0.name == name } }
guard unknown.isEmpty else {
    FileHandle.standardError.write(Data("error: unknown section(s) \(unknown.joined(separator: ", ")); see --help\n".utf8))
    exit(2)
}
var failed = false
for section in sections where requested.isEmpty || requested.contains(section.name) {
    print("\n=== \(section.name): \(section.summary)")
    do { try section.run() } catch {
        failed = true
        print("error: \(section.name) failed: \(error)")
    }
}
exit(failed ? 1 : 0)
