import Foundation
import EIDBiometrics

/// `eid bio inspect` output: a finger minutiae record or match-ready template as text or JSON.
enum TemplateReport {
    static func text(_ file: FingerprintFile, path: String) -> String {
        var lines: [String] = []
        switch file {
        case let .record(record, bytes):
            lines.append("file: \(path) (\(bytes) bytes)")
            lines.append("format: \(record.format)")
            if let product = record.productIdentifier {
                lines.append("CBEFF product identifier: owner 0x\(hex16(product.owner)), type 0x\(hex16(product.type))")
            }
            lines.append("capture equipment: compliance \(record.captureEquipment.compliance), id \(record.captureEquipment.identifier)")
            lines.append("image: \(record.imageWidth) x \(record.imageHeight) px, resolution \(record.horizontalResolution) x \(record.verticalResolution) px/cm"
                + " (\(dpi(record.horizontalResolution)) x \(dpi(record.verticalResolution)) dpi)")
            lines.append("views: \(record.views.count)")
            for (index, view) in record.views.enumerated() {
                lines.append("")
                lines.append("view \(index): \(view.position) (code \(view.position.rawValue)), view number \(view.viewNumber), "
                    + "\(view.impressionType), finger quality \(view.fingerQuality), \(view.minutiae.count) minutiae, "
                    + "\(view.extendedDataBlocks.count) extended data block(s)")
                for block in view.extendedDataBlocks {
                    lines.append("  extended data: type 0x\(hex16(block.typeIdentifier)), \(block.data.count) bytes")
                }
                lines.append("     #  type             x      y    angle  quality")
                for (number, minutia) in view.minutiae.enumerated() {
                    lines.append(String(format: "  %4d  ", number) + padded(minutia.type.description)
                        + String(format: "  %5d  %5d  %6.2f°  %7d", Int(minutia.x), Int(minutia.y), minutia.angle.degrees, Int(minutia.quality)))
                }
            }
        case let .template(template, bytes):
            lines.append("file: \(path) (\(bytes) bytes)")
            lines.append("format: match-ready fingerprint template, version 1 (EFT)")
            lines.append("finger: \(template.position) (code \(template.position.rawValue)), \(template.minutiaCount) minutiae, 500 dpi")
            lines.append("     #  type             x      y    angle")
            for (number, minutia) in template.normalisedMinutiae.enumerated() {
                lines.append(String(format: "  %4d  ", number) + padded(minutia.type.description)
                    + String(format: "  %5d  %5d  %6.2f°", Int(minutia.x), Int(minutia.y), minutia.angle.degrees))
            }
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ file: FingerprintFile, path: String) throws -> String {
        var object: [String: Any] = ["file": path]
        switch file {
        case let .record(record, bytes):
            object["bytes"] = bytes
            object["format"] = record.format.rawValue
            object["formatName"] = record.format.description
            if let product = record.productIdentifier { object["productIdentifier"] = ["owner": product.owner, "type": product.type] }
            object["captureEquipment"] = ["compliance": record.captureEquipment.compliance, "identifier": record.captureEquipment.identifier]
            object["image"] = ["width": record.imageWidth, "height": record.imageHeight,
                               "horizontalResolution": record.horizontalResolution, "verticalResolution": record.verticalResolution]
            object["views"] = record.views.map { view -> [String: Any] in
                [
                    "position": view.position.rawValue, "positionName": view.position.description, "viewNumber": view.viewNumber,
                    "impressionType": view.impressionType.rawValue, "impressionTypeName": view.impressionType.description,
                    "fingerQuality": view.fingerQuality,
                    "minutiae": view.minutiae.map { minutia -> [String: Any] in
                        ["type": typeName(minutia.type), "x": minutia.x, "y": minutia.y,
                         "angleDegrees": minutia.angle.degrees, "quality": minutia.quality]
                    },
                    "extendedDataBlocks": view.extendedDataBlocks.map { ["type": $0.typeIdentifier, "length": $0.data.count] },
                ]
            }
        case let .template(template, bytes):
            object["bytes"] = bytes
            object["format"] = "eft1"
            object["formatName"] = "match-ready fingerprint template, version 1"
            object["position"] = template.position.rawValue
            object["positionName"] = template.position.description
            object["minutiae"] = template.normalisedMinutiae.map { minutia -> [String: Any] in
                ["type": typeName(minutia.type), "x": minutia.x, "y": minutia.y, "angleDegrees": minutia.angle.degrees]
            }
        }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    static func padded(_ text: String) -> String { text.padding(toLength: 13, withPad: " ", startingAt: 0) }

    static func typeName(_ type: MinutiaType) -> String {
        switch type {
        case .ridgeEnding: "ridgeEnding"
        case .bifurcation: "bifurcation"
        case .other: "other"
        }
    }

    static func dpi(_ pixelsPerCentimetre: UInt16) -> Int { Int((Double(pixelsPerCentimetre) * 2.54).rounded()) }

    static func hex16(_ value: UInt16) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }
}
