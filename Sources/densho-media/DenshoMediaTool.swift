import ArgumentParser
import DenshoCodec
import DenshoMedia

/// `densho-media`: the child process that runs libav for `densho` (see `MediaTool`). Its output is
/// for a program to read — progress and failure lines (`WorkerProtocol`), JSON — and people use
/// the same work through `densho media …`.
@main
struct DenshoMediaTool: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "densho-media",
        abstract: "Densho's media worker: probes, transcodes and takes stills with FFmpeg's libraries, for `densho` to run.",
        discussion: "People use `densho media …`, `densho worker` and `densho print manual`, which run this program.",
        subcommands: [ProbeCommand.self, ProcessCommand.self, StillsCommand.self, DemoClipCommand.self])
}

extension MediaError {
    /// Reports the failure on standard output and ends the child with `WorkerProtocol.mediaErrorExit`.
    func reported() -> ExitCode {
        WorkerProtocol.reportFailure(self)
        return ExitCode(WorkerProtocol.mediaErrorExit)
    }
}
