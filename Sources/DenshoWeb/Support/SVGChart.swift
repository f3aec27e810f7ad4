import Foundation

/// Small charts drawn on the server as SVG (no JavaScript chart library): bars for counts, a line
/// for rates. Every label is escaped; the SVG goes into the page as markup.
struct SVGChart {
    struct Series {
        var name: String
        var values: [Double]
        /// A CSS colour.
        var color: String
    }

    var title: String
    var labels: [String]
    var series: [Series]
    /// Values are fractions shown as percentages (0–100 %), else counts.
    var percent = false
    var width = 560.0
    var height = 220.0

    private let left = 44.0, right = 12.0, top = 28.0, bottom = 36.0

    private var maximum: Double {
        if percent { return 1 }
        // Counts: four gridline steps of 1, 2 or 5 × 10ⁿ, so every label is a whole number.
        let peak = series.flatMap(\.values).max() ?? 0
        guard peak > 0 else { return 4 }
        let rough = peak / 4
        let magnitude = max(1, pow(10, floor(log10(rough))))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? rough
        return step * 4
    }

    private func format(_ value: Double) -> String {
        percent ? "\(Int((value * 100).rounded()))%" : (value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value))
    }

    private var plotWidth: Double { width - left - right }
    private var plotHeight: Double { height - top - bottom }
    private func y(_ value: Double) -> Double { top + plotHeight * (1 - min(1, value / maximum)) }

    private func frame(_ body: String) -> String {
        var svg = #"<svg class="chart" viewBox="0 0 \#(Int(width)) \#(Int(height))" role="img" aria-label="\#(HTML.escape(title))" xmlns="http://www.w3.org/2000/svg">"#
        svg += "<title>\(HTML.escape(title))</title>"
        svg += #"<text x="\#(left)" y="16" class="chart-title">\#(HTML.escape(title))</text>"#
        for step in 0...4 {
            let value = maximum * Double(step) / 4
            let yy = y(value)
            svg += #"<line x1="\#(left)" x2="\#(width - right)" y1="\#(yy)" y2="\#(yy)" class="grid"/>"#
            svg += #"<text x="\#(left - 6)" y="\#(yy + 4)" text-anchor="end" class="axis">\#(format(value))</text>"#
        }
        svg += body
        if series.count > 1 {
            var x = left
            for s in series {
                svg += #"<rect x="\#(x)" y="\#(height - 12)" width="10" height="10" fill="\#(s.color)"/>"#
                svg += #"<text x="\#(x + 14)" y="\#(height - 3)" class="axis">\#(HTML.escape(s.name))</text>"#
                x += 24 + Double(s.name.count) * 12
            }
        }
        return svg + "</svg>"
    }

    private func xLabels(center: (Int) -> Double) -> String {
        let every = max(1, labels.count / 12)
        return labels.enumerated().filter { $0.offset % every == 0 }.map { index, label in
            #"<text x="\#(center(index))" y="\#(top + plotHeight + 16)" text-anchor="middle" class="axis">\#(HTML.escape(label))</text>"#
        }.joined()
    }

    /// Grouped bars, one group per label.
    func bars() -> String {
        let group = plotWidth / Double(max(1, labels.count))
        let barWidth = group * 0.7 / Double(max(1, series.count))
        var body = ""
        for (index, _) in labels.enumerated() {
            for (k, s) in series.enumerated() where index < s.values.count {
                let value = s.values[index]
                let x = left + group * Double(index) + group * 0.15 + barWidth * Double(k)
                body += #"<rect x="\#(x)" y="\#(y(value))" width="\#(barWidth)" height="\#(top + plotHeight - y(value))" fill="\#(s.color)"><title>\#(HTML.escape("\(labels[index]) \(s.name): \(format(value))"))</title></rect>"#
            }
        }
        return frame(body + xLabels { left + group * (Double($0) + 0.5) })
    }

    /// A line with points, one per label.
    func line() -> String {
        let step = plotWidth / Double(max(1, labels.count - 1))
        func x(_ i: Int) -> Double { labels.count == 1 ? left + plotWidth / 2 : left + step * Double(i) }
        var body = ""
        for s in series {
            let points = s.values.enumerated().map { "\(x($0.offset)),\(y($0.element))" }.joined(separator: " ")
            body += #"<polyline points="\#(points)" fill="none" stroke="\#(s.color)" stroke-width="2.5"/>"#
            for (i, value) in s.values.enumerated() {
                body += #"<circle cx="\#(x(i))" cy="\#(y(value))" r="3.5" fill="\#(s.color)"><title>\#(HTML.escape("\(labels[i]) \(s.name): \(format(value))"))</title></circle>"#
            }
        }
        return frame(body + xLabels(center: x))
    }
}
