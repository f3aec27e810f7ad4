import DenshoDomain
import DenshoMedia
import Foundation
import Logging
import ServiceLifecycle

/// Runs `MediaSweep` beside the web server: once at start, then every `interval` seconds, until
/// shutdown. A sweep that fails is logged and tried again at the next turn.
public struct MediaSweepService: Service {
    public let store: any DenshoRepository
    public let library: MediaLibrary
    public let sweep: MediaSweep
    public let interval: Double
    public let logger: Logger

    /// - Parameters:
    ///   - store: The records the sweep reads and removes.
    ///   - library: The data directory's files.
    ///   - sweep: What counts as abandoned or unreferenced.
    ///   - interval: Seconds between sweeps.
    ///   - logger: Where removals and failures are reported.
    public init(store: any DenshoRepository, library: MediaLibrary, sweep: MediaSweep, interval: Double, logger: Logger) {
        self.store = store
        self.library = library
        self.sweep = sweep
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            do {
                let report = try await sweep.run(store: store, library: library)
                if !report.isEmpty {
                    logger.info("sweep removed \(report.uploads.count) abandoned upload(s) and \(report.files.count) unreferenced file(s)",
                                metadata: ["files": "\(report.files)"])
                }
            } catch {
                logger.error("sweep failed: \(error)")
            }
            // Sleeps until the next turn, or returns at once when the server shuts down.
            let pause = max(interval, 1)
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(pause)) }
        }
    }
}
