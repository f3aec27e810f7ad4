import Foundation

/// Wall-clock timing with a warm-up run, reported as the median of `runs`.
enum Timing {
    static func median(
        runs: Int, warmUp: Bool = true, isolation: isolated (any Actor)? = #isolation, _ body: () async throws -> Void
    ) async rethrows -> Double {
        if warmUp { try await body() }
        var samples: [Double] = []
        for _ in 0..<runs {
            let start = ContinuousClock.now
            try await body()
            samples.append((ContinuousClock.now - start).seconds)
        }
        return samples.sorted()[samples.count / 2]
    }

    static func once(isolation: isolated (any Actor)? = #isolation, _ body: () async throws -> Void) async rethrows -> Double {
        let start = ContinuousClock.now
        try await body()
        return (ContinuousClock.now - start).seconds
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

/// One line of the report: our time against the reference tool's on the same machine and data.
struct BenchResult {
    var name: String
    var ours: Double
    var reference: Double?
    var referenceName: String
    var target: String
    var met: Bool
    /// How values print: times by default, requests per second for throughput benchmarks.
    var display: (Double) -> String = BenchResult.format

    var ratio: String { reference.map { String(format: "%.2f×", ours / $0) } ?? "—" }

    static func format(_ seconds: Double) -> String {
        seconds < 1 ? String(format: "%.1f ms", seconds * 1000) : String(format: "%.2f s", seconds)
    }

    static func perSecond(_ value: Double) -> String { String(format: "%.0f req/s", value) }
}
