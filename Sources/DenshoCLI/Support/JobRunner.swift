#if canImport(Glibc)
import Glibc
#endif
import DenshoDomain
import DenshoMedia
import Foundation

/// Runs one claimed job in a child process and records the outcome. The child is
/// `densho-media process`; if it crashes, hangs or exceeds its memory, only it
/// dies: the job is retried, or fails with a reason once attempts run out.
struct JobRunner {
    struct Settings {
        var leaseSeconds = 30.0
        var timeoutSeconds = 1800.0
        var memoryMegabytes = 3072
        var backoffBase = 10.0
    }

    let store: any DenshoRepository
    let library: MediaLibrary
    let worker: String
    let settings: Settings
    let log: (String) -> Void

    func run(_ job: Job, clip: Clip) async throws {
        let input = library.absolute(clip.originalPath)
        let output = library.absolute(clip.renditionDirectory)
        let process = MediaTool.process(["process", input, output, "--memory-mb", String(settings.memoryMegabytes)])
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        let report = WorkerProtocol.Report()
        pipe.fileHandleForReading.readabilityHandler = { handle in report.consume(handle.availableData) }
        try process.run()
        log("job \(job.id): clip #\(clip.id) \(clip.title) (attempt \(job.attempts)/\(job.maxAttempts), pid \(process.processIdentifier))")
        let started = Date()
        var lastBeat = Date()
        var timedOut = false
        while process.isRunning {
            try await Task.sleep(for: .milliseconds(200))
            if Date().timeIntervalSince(started) > settings.timeoutSeconds {
                timedOut = true
                kill(process.processIdentifier, SIGKILL)
                break
            }
            if Date().timeIntervalSince(lastBeat) >= settings.leaseSeconds / 3 {
                lastBeat = Date()
                let progress = report.current.progress
                let kept = try await store.heartbeat(job.id, worker: worker, progress: progress, leaseSeconds: settings.leaseSeconds,
                                                     now: Date().timeIntervalSince1970)
                if !kept {
                    log("job \(job.id): lease lost; stopping the child")
                    kill(process.processIdentifier, SIGKILL)
                }
            }
        }
        process.waitUntilExit()
        pipe.fileHandleForReading.readabilityHandler = nil
        report.consume(pipe.fileHandleForReading.readDataToEndOfFile())
        let outcome = report.current
        let now = Date().timeIntervalSince1970
        if process.terminationReason == .exit && process.terminationStatus == 0 && outcome.done {
            let manifest = try JSONDecoder().decode(
                ClipManifest.self, from: Data(contentsOf: URL(fileURLWithPath: output + "/" + ClipManifest.fileName)))
            do {
                try await store.completeJob(job.id, worker: worker, probe: manifest.source, manifest: manifest)
            } catch {
                // The clip was deleted meanwhile (its job went with it; the sweep removes what was
                // written) or another worker took the job over: nothing left to record.
                log("job \(job.id): finished, but the job is gone (\(error))")
                return
            }
            log("job \(job.id): ready (\(String(format: "%.1f", manifest.duration)) s, \(manifest.width)×\(manifest.height))")
            return
        }
        let reason: String
        var final = false
        if let failure = outcome.failure {
            reason = failure.message
            final = WorkerProtocol.isFinal(failure.kind)
        } else if timedOut {
            reason = "処理が\(Int(settings.timeoutSeconds))秒以内に終わりませんでした (processing took longer than \(Int(settings.timeoutSeconds)) s)"
        } else if process.terminationReason == .uncaughtSignal {
            reason = "処理中にプロセスが異常終了しました (the media process died with signal \(process.terminationStatus))"
        } else {
            reason = "処理中にプロセスが異常終了しました (the media process exited with status \(process.terminationStatus))"
        }
        try await store.failJob(job.id, worker: worker, reason: reason, final: final, backoffBase: settings.backoffBase, now: now)
        log("job \(job.id): \(final ? "failed" : "will retry"): \(reason)")
    }
}
