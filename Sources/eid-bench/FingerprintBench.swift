import Foundation
import EIDBiometrics

enum FingerprintBench {
    static let section = BenchSection(name: "fingerprint", summary: "fingerprint 1:1 comparisons per second per core, pre-filter speed") {
        let fingers = Int(ProcessInfo.processInfo.environment["FP_FINGERS"] ?? "300") ?? 300
        var first: [FingerprintTemplate] = [], second: [FingerprintTemplate] = []
        for index in 0 ..< fingers {
            let finger = SyntheticFingerprint(seed: UInt64(index) &* 7919 &+ 17)
            for (seed, list) in [(UInt64(index) * 2 + 1, 0), (UInt64(index) * 2 + 2, 1)] {
                let bytes = try finger.template(seed: seed &* 104_729).isoRecord()
                let template = FingerprintTemplate.templates(of: try MinutiaeTemplate(decoding: bytes))[0]
                if list == 0 { first.append(template) } else { second.append(template) }
            }
        }
        var genuine: [Double] = [], impostor: [Double] = []
        let time = measureSeconds {
            for index in 0 ..< fingers {
                let matcher = FingerprintMatcher(probe: first[index])
                genuine.append(matcher.match(second[index]))
                for other in 0 ..< fingers where other != index {
                    impostor.append(matcher.match(second[other]))
                }
            }
        }
        let total = Double(genuine.count + impostor.count)
        report("comparisons", total / time, "/s")
        impostor.sort()
        genuine.sort()
        for q in [0.5, 0.9, 0.99, 0.999, 0.9999] { report("impostor raw q\(q)", quantile(impostor, q), "") }
        for q in [0.001, 0.01, 0.05, 0.1, 0.5] { report("genuine raw q\(q)", quantile(genuine, q), "") }
        let t4 = quantile(impostor, 0.9999), t3 = quantile(impostor, 0.999)
        report("FNMR at FMR 1e-3", Double(genuine.filter { $0 <= t3 }.count) / Double(genuine.count), "")
        report("FNMR at FMR 1e-4", Double(genuine.filter { $0 <= t4 }.count) / Double(genuine.count), "")
    }
}
