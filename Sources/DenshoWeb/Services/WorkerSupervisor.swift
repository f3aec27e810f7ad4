import Foundation
import Logging
import ServiceLifecycle

/// Keeps N media workers (`densho worker`, child processes) running beside the web server and
/// restarts any that exits, waiting longer after each quick death. On shutdown the workers get
/// SIGTERM; a job they held is reclaimed by the lease like any crash.
public struct WorkerSupervisor: Service {
    public let executable: String
    public let arguments: [String]
    public let count: Int
    public let logger: Logger

    public init(executable: String, arguments: [String], count: Int, logger: Logger) {
        self.executable = executable
        self.arguments = arguments
        self.count = count
        self.logger = logger
    }

    public func run() async throws {
        // A service that returns early stops the whole server: with no workers, wait for shutdown.
        guard count > 0 else {
            try? await gracefulShutdown()
            return
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for slot in 0..<count { group.addTask { await supervise(slot: slot) } }
            try await group.waitForAll()
        }
    }

    func supervise(slot: Int) async {
        var delay = 1.0
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            let started = Date()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            do {
                try process.run()
            } catch {
                logger.error("cannot start worker \(slot): \(error)")
                try? await Task.sleep(for: .seconds(delay))
                delay = min(delay * 2, 60)
                continue
            }
            logger.info("worker \(slot) started", metadata: ["pid": "\(process.processIdentifier)"])
            await withGracefulShutdownHandler {
                while process.isRunning, !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(200))
                }
            } onGracefulShutdown: {
                if process.isRunning { kill(process.processIdentifier, SIGTERM) }
            }
            if Task.isCancelled, process.isRunning { kill(process.processIdentifier, SIGTERM) }
            process.waitUntilExit()
            if Task.isCancelled || Task.isShuttingDownGracefully { break }
            logger.warning("worker \(slot) exited with status \(process.terminationStatus); restarting")
            delay = Date().timeIntervalSince(started) > 60 ? 1 : min(delay * 2, 60)
            try? await Task.sleep(for: .seconds(delay))
        }
    }
}
