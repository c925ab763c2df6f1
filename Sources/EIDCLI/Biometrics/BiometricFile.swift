import Foundation
import EIDBiometrics

/// A fingerprint file given on the command line: an ISO/IEC 19794-2:2005 or ANSI/INCITS 378-2004
/// minutiae record, or a match-ready template written by this software ("EFT\0").
enum FingerprintFile {
    case record(MinutiaeTemplate, bytes: Int)
    case template(FingerprintTemplate, bytes: Int)

    /// Reads and decodes `path`; every problem becomes a `BiometricFileError` naming the file.
    static func load(_ path: String) throws(BiometricFileError) -> FingerprintFile {
        let bytes: [UInt8]
        do {
            bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw BiometricFileError(path: path, problem: "cannot read: \((error as NSError).localizedDescription)")
        }
        if bytes.starts(with: [0x45, 0x46, 0x54, 0x00]) {
            do { return .template(try FingerprintTemplate(serialized: bytes), bytes: bytes.count) } catch {
                throw BiometricFileError(path: path, problem: error.description)
            }
        }
        do { return .record(try MinutiaeRecordDecoder().decode(bytes), bytes: bytes.count) } catch {
            throw BiometricFileError(path: path, problem: "not a valid finger minutiae record: \(error.description)")
        }
    }

    /// The match-ready template of view `view` (0-based); records are preprocessed here.
    func matchTemplate(view: Int, path: String) throws(BiometricFileError) -> FingerprintTemplate {
        switch self {
        case let .template(template, _):
            guard view == 0 else {
                throw BiometricFileError(path: path, problem: "a match-ready template has one view, not view \(view)")
            }
            return template
        case let .record(record, _):
            guard view < record.views.count else {
                throw BiometricFileError(path: path, problem: "has \(record.views.count) view(s); there is no view \(view)")
            }
            return FingerprintTemplate.templates(of: record)[view]
        }
    }
}

/// A biometric file that cannot be used, and why.
struct BiometricFileError: Error, CustomStringConvertible {
    let path: String
    let problem: String

    var description: String { "\(path): \(problem)" }
}
