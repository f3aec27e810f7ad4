import ArgumentParser
import DenshoDomain
import DenshoMedia
import Foundation

struct MediaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "media", abstract: "Inspect and process video files directly (without the clip library).",
        discussion: "The decoding runs in `densho-media`, a child process beside `densho`.",
        subcommands: [Probe.self, Process.self, StillsCommand.self])

    struct StillsCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stills", abstract: "Save JPEG stills of a video at given times (as printed on a 作業標準書).")
        @Argument(help: "Video file.", completion: .file()) var file: String
        @Option(help: "Times, comma-separated (12.5, 1:05 …).") var at: String
        @Option(name: .customLong("out"), help: "Folder for still-N.jpg.") var out: String = "."
        @Option(help: "Largest width in pixels.") var width: Int = 480

        func run() async throws {
            let times = try at.split(separator: ",").map { text -> Double in
                guard let seconds = ClipTime.seconds(String(text).trimmingCharacters(in: .whitespaces)) else {
                    throw ValidationError("'\(text)' is not a time")
                }
                return seconds
            }
            let start = ContinuousClock.now
            let stills = await WorkerFrameSource.stills(from: file, at: times, maxWidth: width)
            let elapsed = ContinuousClock.now - start
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            for (index, still) in stills.enumerated() {
                switch still {
                case .image(let image):
                    guard let jpeg = image.jpeg else { continue }
                    try Data(jpeg).write(to: URL(fileURLWithPath: "\(out)/still-\(index + 1).jpg"))
                case .missing(let reason):
                    Terminal.note("warning: \(ClipTime.clock(times[index])): \(reason)")
                }
            }
            Terminal.note("\(stills.filter { $0.image != nil }.count) of \(times.count) stills in \(elapsed)")
        }
    }

    struct Probe: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a video's container, codecs, size, rotation, frame rate, HDR and audio.")
        @Option(help: "Output format: table or json.") var format: OutputFormat = .table
        @Argument(help: "Video file.", completion: .file()) var file: String

        func run() async throws {
            let probe = try JSONDecoder().decode(MediaProbe.self, from: try await MediaTool.run(["probe", file]))
            if format == .json { return Output(format: .json).printJSON(probe) }
            var table = DataTable([("property", "項目"), ("value", "値")])
            table.append(["container", .text(probe.container)])
            table.append(["duration", Cell(probe.duration.map { String(format: "%.3f s", $0) })])
            if let v = probe.video {
                table.append(["video", .text("\(v.codec) \(v.width)×\(v.height) \(v.pixelFormat) (\(v.bitDepth)-bit)")])
                table.append(["rotation", .text("\(v.rotation)° → shown as \(v.displayWidth)×\(v.displayHeight)")])
                table.append(["frame rate", .text((v.frameRate.map { String(format: "%.3f fps", $0) } ?? "?")
                    + (v.variableFrameRate ? " (variable)" : " (constant)"))])
                table.append(["HDR", .text(v.hdrTransfer ?? "no (SDR)")])
            } else {
                table.append(["video", "none"])
            }
            table.append(["audio", .text(probe.audio.map { "\($0.codec) \($0.sampleRate) Hz, \($0.channels) ch" } ?? "none")])
            table.append(["recorded", Cell(probe.creationTime)])
            Output(format: .table).print(table)
        }
    }

    struct Process: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Transcode a clip in one pass: MP4 for every device, poster, storyboard, suggested chapters, manifest.")
        @Argument(help: "Input video.", completion: .file()) var input: String
        @Argument(help: "Output directory.", completion: .directory) var outputDirectory: String
        @Option(name: .customLong("chapter-spacing"), help: "Minimum seconds between suggested chapters.") var chapterSpacing: Double = 5
        @Option(name: .customLong("short-side"), help: "Pixels on the short side (never upscaled).") var shortSide: Int = 720
        @Option(name: .customLong("decoder-threads"), help: .hidden) var decoderThreads: Int?
        @Flag(name: .customLong("slice-threads"), help: .hidden) var sliceThreads = false
        @Option(name: .customLong("filter-threads"), help: .hidden) var filterThreads: Int?

        func run() async throws {
            var arguments = ["process", input, outputDirectory, "--chapter-spacing", String(chapterSpacing), "--short-side", String(shortSide)]
            if let decoderThreads { arguments += ["--decoder-threads", String(decoderThreads)] }
            if let filterThreads { arguments += ["--filter-threads", String(filterThreads)] }
            if sliceThreads { arguments.append("--slice-threads") }
            let bar = ProgressBar("processing", total: 1000)
            do {
                _ = try await MediaTool.run(arguments) { bar.update(Int($0 * 1000)) }
            } catch let error as MediaError {
                bar.abandon()
                throw MediaError(error.kind, "\(input): \(error.message)")
            }
            let manifest = try JSONDecoder().decode(
                ClipManifest.self, from: Data(contentsOf: URL(fileURLWithPath: outputDirectory + "/" + ClipManifest.fileName)))
            bar.finish()
            print(String(format: "%@ → %@/%@: %d×%d, %.2f s%@, %d storyboard tiles, %d scene changes, chapters at %@",
                         input, outputDirectory, manifest.video, manifest.width, manifest.height, manifest.duration,
                         manifest.hasAudio ? " with sound" : " (no sound)", manifest.storyboard.tiles, manifest.sceneChanges.count,
                         manifest.suggestedChapters.map { String(format: "%.1f s", $0) }.joined(separator: ", ")))
            for warning in manifest.warnings { Terminal.note("warning: \(warning)") }
        }
    }
}
