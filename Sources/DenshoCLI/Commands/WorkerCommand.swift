import ArgumentParser
import DenshoDomain
import DenshoMedia
import Foundation

struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Process queued clips, each in its own child process (a crashing decoder takes only the child down).")

    @OptionGroup var options: GlobalOptions
    @Flag(help: "Process one job, then exit.") var once = false
    @Flag(name: .customLong("until-empty"), help: "Process jobs until none is queued or running, then exit.") var untilEmpty = false
    @Option(help: "Seconds a claimed job stays leased without a heartbeat.") var lease: Double = 30
    @Option(help: "Seconds before a child process is killed.") var timeout: Double = 1800
    @Option(name: .customLong("memory-mb"), help: "Address-space limit of a child process, in MiB.") var memoryMegabytes: Int = 3072
    @Option(name: .customLong("backoff"), help: "Seconds before the first retry (doubling after each failure).") var backoff: Double = 10
    @Option(help: "Seconds between looks at an empty queue.") var poll: Double = 2

    func run() async throws {
        let context = try CLIContext(options)
        let name = "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)"
        let runner = JobRunner(
            store: context.store, library: MediaLibrary(root: options.resolvedDataDirectory), worker: name,
            settings: .init(leaseSeconds: lease, timeoutSeconds: timeout, memoryMegabytes: memoryMegabytes, backoffBase: backoff),
            log: { Terminal.note("[worker] \($0)") })
        var processed = 0
        while true {
            guard let job = try await context.store.claimJob(worker: name, leaseSeconds: lease, now: Date().timeIntervalSince1970)
            else {
                // Until empty means nothing queued or running: a job backing off is waited for.
                let next = try await context.store.nextJobTime()
                if once || (untilEmpty && next == nil) { break }
                let wait = min(poll, max(0.05, (next ?? .infinity) - Date().timeIntervalSince1970))
                try await Task.sleep(for: .seconds(wait))
                continue
            }
            guard let clip = try await context.store.clipForJob(job) else { continue }
            try await runner.run(job, clip: clip)
            processed += 1
            if once { break }
        }
        if once || untilEmpty { Terminal.note("[worker] \(processed) job(s) processed") }
    }
}
