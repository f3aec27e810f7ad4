import Foundation
import Synchronization

/// Request counters and latency histograms, exposed at `/metrics` in the Prometheus text format.
/// Routes are recorded by their pattern (`/clips/{id}`), never by raw path, so ids do not explode
/// the label space.
final class Metrics: Sendable {
    static let buckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    struct Series: Hashable { var method: String; var route: String; var status: Int }
    struct Histogram { var counts = [Int](repeating: 0, count: Metrics.buckets.count); var sum = 0.0; var count = 0 }
    struct State { var requests: [Series: Int] = [:]; var durations: [String: Histogram] = [:] }

    let state = Mutex(State())
    let started = Date()

    func record(method: String, route: String, status: Int, seconds: Double) {
        state.withLock { state in
            state.requests[Series(method: method, route: route, status: status), default: 0] += 1
            var histogram = state.durations[route] ?? Histogram()
            for (index, bound) in Self.buckets.enumerated() where seconds <= bound { histogram.counts[index] += 1 }
            histogram.sum += seconds
            histogram.count += 1
            state.durations[route] = histogram
        }
    }

    /// The exposition text; `extra` adds gauges read at scrape time (jobs by state …).
    func exposition(extra: [(name: String, help: String, samples: [(labels: String, value: Double)])]) -> String {
        let snapshot = state.withLock { $0 }
        var out = "# HELP densho_http_requests_total HTTP requests by method, route and status.\n"
        out += "# TYPE densho_http_requests_total counter\n"
        for (series, count) in snapshot.requests.sorted(by: { ($0.key.route, $0.key.method, $0.key.status) < ($1.key.route, $1.key.method, $1.key.status) }) {
            out += "densho_http_requests_total{method=\"\(series.method)\",route=\"\(Self.escape(series.route))\",status=\"\(series.status)\"} \(count)\n"
        }
        out += "# HELP densho_http_request_duration_seconds Time to produce a response.\n"
        out += "# TYPE densho_http_request_duration_seconds histogram\n"
        for (route, histogram) in snapshot.durations.sorted(by: { $0.key < $1.key }) {
            let label = "route=\"\(Self.escape(route))\""
            for (index, bound) in Self.buckets.enumerated() {
                out += "densho_http_request_duration_seconds_bucket{\(label),le=\"\(bound)\"} \(histogram.counts[index])\n"
            }
            out += "densho_http_request_duration_seconds_bucket{\(label),le=\"+Inf\"} \(histogram.count)\n"
            out += "densho_http_request_duration_seconds_sum{\(label)} \(histogram.sum)\n"
            out += "densho_http_request_duration_seconds_count{\(label)} \(histogram.count)\n"
        }
        out += "# HELP densho_uptime_seconds Seconds since the server started.\n# TYPE densho_uptime_seconds gauge\n"
        out += "densho_uptime_seconds \(Date().timeIntervalSince(started))\n"
        for gauge in extra {
            out += "# HELP \(gauge.name) \(gauge.help)\n# TYPE \(gauge.name) gauge\n"
            for sample in gauge.samples {
                out += gauge.name + (sample.labels.isEmpty ? "" : "{\(sample.labels)}") + " \(sample.value)\n"
            }
        }
        return out
    }

    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
