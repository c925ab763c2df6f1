internal import Foundation

/// Draws detection error trade-off (DET) curves as an SVG image: FMR across, FNMR up, both on
/// normal-deviate (probit) axes as in NIST's evaluations, so Gaussian-like score distributions give
/// straight lines and the low-FMR end is readable. Pure text; the caller writes the file.
public struct DETPlot: Sendable {
    /// One curve: a name for the legend and its (FMR, FNMR) points.
    public struct Curve: Sendable {
        public var name: String
        public var points: [(fmr: Double, fnmr: Double)]
        /// An operating point to mark (FMR, FNMR), e.g. the chosen threshold.
        public var marker: (fmr: Double, fnmr: Double)?

        public init(name: String, points: [(fmr: Double, fnmr: Double)], marker: (fmr: Double, fnmr: Double)? = nil) {
            self.name = name
            self.points = points
            self.marker = marker
        }
    }

    public var title: String
    public var curves: [Curve]
    /// Smallest rate shown on the FMR axis (points below are drawn at the edge).
    public var minimumFMR: Double = 1e-7
    /// Smallest rate shown on the FNMR axis.
    public var minimumFNMR: Double = 1e-4
    public var width = 720
    public var height = 600

    public init(title: String, curves: [Curve]) {
        self.title = title
        self.curves = curves
    }

    static let colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"]

    /// The SVG document.
    public func svg() -> String {
        let left = 80.0, right = Double(width) - 20, top = 50.0, bottom = Double(height) - 60
        let xLow = probit(minimumFMR), xHigh = probit(0.5), yLow = probit(minimumFNMR), yHigh = probit(0.5)
        func x(_ rate: Double) -> Double {
            left + (probit(min(0.5, max(minimumFMR, rate))) - xLow) / (xHigh - xLow) * (right - left)
        }
        func y(_ rate: Double) -> Double {
            bottom - (probit(min(0.5, max(minimumFNMR, rate))) - yLow) / (yHigh - yLow) * (bottom - top)
        }
        func f(_ value: Double) -> String { String(format: "%.1f", value) }
        var out = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" \
        font-family="sans-serif" font-size="12">
        <rect width="100%" height="100%" fill="white"/>
        <text x="\(f(Double(width) / 2))" y="24" text-anchor="middle" font-size="15">\(escaped(title))</text>

        """
        let ticks = [1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 0.05, 0.2, 0.5]
        for tick in ticks where tick >= minimumFMR {
            out += "<line x1=\"\(f(x(tick)))\" y1=\"\(f(top))\" x2=\"\(f(x(tick)))\" y2=\"\(f(bottom))\" stroke=\"#ddd\"/>\n"
            out += "<text x=\"\(f(x(tick)))\" y=\"\(f(bottom + 16))\" text-anchor=\"middle\">\(label(tick))</text>\n"
        }
        for tick in ticks where tick >= minimumFNMR {
            out += "<line x1=\"\(f(left))\" y1=\"\(f(y(tick)))\" x2=\"\(f(right))\" y2=\"\(f(y(tick)))\" stroke=\"#ddd\"/>\n"
            out += "<text x=\"\(f(left - 6))\" y=\"\(f(y(tick) + 4))\" text-anchor=\"end\">\(label(tick))</text>\n"
        }
        out += "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(right - left))\" height=\"\(f(bottom - top))\" fill=\"none\" stroke=\"black\"/>\n"
        out += "<text x=\"\(f((left + right) / 2))\" y=\"\(f(bottom + 40))\" text-anchor=\"middle\">false match rate (FMR)</text>\n"
        out += "<text x=\"20\" y=\"\(f((top + bottom) / 2))\" text-anchor=\"middle\" transform=\"rotate(-90 20 \(f((top + bottom) / 2)))\">false non-match rate (FNMR)</text>\n"
        for (number, curve) in curves.enumerated() {
            let colour = Self.colours[number % Self.colours.count]
            // A rate of 0 has no place on a probit axis: such points are left out (a curve with no
            // errors at all is named in the legend as such).
            let drawable = curve.points.filter { $0.fmr > 0 && $0.fnmr > 0 }
            if !drawable.isEmpty {
                let path = drawable.map { "\(f(x($0.fmr))),\(f(y($0.fnmr)))" }.joined(separator: " ")
                out += "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\" points=\"\(path)\"/>\n"
            }
            if let marker = curve.marker, marker.fmr > 0, marker.fnmr > 0 {
                out += "<circle cx=\"\(f(x(marker.fmr)))\" cy=\"\(f(y(marker.fnmr)))\" r=\"4\" fill=\"\(colour)\"/>\n"
            }
            let legendY = top + 18 + Double(number) * 18
            out += "<line x1=\"\(f(right - 340))\" y1=\"\(f(legendY - 4))\" x2=\"\(f(right - 315))\" y2=\"\(f(legendY - 4))\" stroke=\"\(colour)\" stroke-width=\"3\"/>\n"
            let note = drawable.isEmpty ? " (no errors in the set)" : ""
            out += "<text x=\"\(f(right - 308))\" y=\"\(f(legendY))\">\(escaped(curve.name + note))</text>\n"
        }
        return out + "</svg>\n"
    }

    private func label(_ rate: Double) -> String {
        rate >= 0.01 ? String(format: "%g%%", rate * 100) : "1e\(Int(log10(rate).rounded()))"
    }

    private func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}

/// The standard normal quantile Φ⁻¹(p) (Acklam's rational approximation with one Halley step,
/// relative error below 10⁻¹⁵), for 0 < p < 1.
func probit(_ p: Double) -> Double {
    precondition(p > 0 && p < 1)
    let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
             -3.066479806614716e+01, 2.506628277459239e+00]
    let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
             -1.328068155288572e+01]
    let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
             4.374664141464968e+00, 2.938163982698783e+00]
    let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
    let low = 0.02425
    var x: Double
    if p < low {
        let q = (-2 * log(p)).squareRoot()
        x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    } else if p <= 1 - low {
        let q = p - 0.5, r = q * q
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
            / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    } else {
        let q = (-2 * log(1 - p)).squareRoot()
        x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    }
    // One Halley refinement step using erfc.
    let e = 0.5 * erfc(-x / 2.0.squareRoot()) - p
    let u = e * (2 * Double.pi).squareRoot() * exp(x * x / 2)
    x -= u / (1 + x * u / 2)
    return x
}
