import CFFmpeg
import DenshoDomain
import DenshoMedia
import Foundation

/// Turns a training clip into what every PC and phone plays, in one decode pass:
/// an H.264/AAC MP4 (720 on the short side, rotation applied, HDR tone-mapped, variable frame
/// rate kept), a poster, storyboard sprites with WebVTT, scene changes as suggested chapters, and a
/// manifest. Outputs are written under temporary names and renamed into place only when complete.
///
/// One processor handles one clip on one thread; libav objects never leave it.
public final class ClipProcessor {
    public static let videoName = "clip.mp4"
    public static let posterName = "poster.jpg"
    public static let vttName = "storyboard.vtt"
    public static let manifestName = ClipManifest.fileName

    let inputPath: String
    let outputDirectory: String
    let options: ProcessingOptions
    let progress: ((Double) -> Void)?

    // Set up on the first decoded video frame, when the real pixel format is known.
    var graph: FilterGraph?
    var videoEncoder: CodecContext?
    var audioEncoder: CodecContext?
    var output: OutputFile?
    var videoStreamOut: Int32 = 0
    var audioStreamOut: Int32 = 0
    var pendingAudio: [Frame] = []

    // Results gathered while frames flow.
    var probe: MediaProbe!
    var duration = 0.0
    var startTime: Double?
    var videoEnd = 0.0
    /// Duration of the latest video frame in the encoder's time base.
    var frameTicks: Int64 = 1
    var previousPts: Int64?
    var lastPts: Int64 = 0
    /// Frame durations by presentation time, until their packet leaves the encoder.
    var frameDurations: [Int64: Int64] = [:]
    var heldPacket: Packet?
    var audioEnd = 0.0
    var posterTime = 0.0
    var poster: Frame?
    var lastFrame: Frame?
    var tiles: [Frame] = []
    var tileTimes: [Double] = []
    var sceneChanges: [ClipManifest.SceneChange] = []
    var warnings: [String] = []
    var outputSize = (width: 0, height: 0)
    var tileSize = (width: 0, height: 0)
    var interval = 1.0
    var hasAudio = false

    let filtered = Frame()
    let encoded = Packet()

    init(input: String, outputDirectory: String, options: ProcessingOptions, progress: ((Double) -> Void)?) {
        self.inputPath = input
        self.outputDirectory = outputDirectory
        self.options = options
        self.progress = progress
    }

    /// Processes `input` into `outputDirectory` (created if needed) and returns the manifest.
    /// - Throws: `MediaError` with a reason a person can read; no partial output is left behind.
    public static func process(
        input: String, outputDirectory: String, options: ProcessingOptions = ProcessingOptions(),
        progress: ((Double) -> Void)? = nil
    ) throws -> ClipManifest {
        let processor = ClipProcessor(input: input, outputDirectory: outputDirectory, options: options, progress: progress)
        do {
            return try processor.run()
        } catch {
            processor.removeTemporaryFiles()
            throw MediaError.classify(error)
        }
    }

    func temporary(_ name: String) -> String { outputDirectory + "/." + name + ".partial" }
    func final(_ name: String) -> String { outputDirectory + "/" + name }

    func removeTemporaryFiles() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: outputDirectory) else { return }
        for name in names where name.hasPrefix(".") && name.hasSuffix(".partial") {
            try? FileManager.default.removeItem(atPath: outputDirectory + "/" + name)
        }
    }

    func run() throws -> ClipManifest {
        LibAVLog.quiet()
        probe = try Prober.probe(inputPath)
        guard let video = probe.video else {
            throw MediaError(.noVideo, probe.audio != nil ? "the file has sound but no picture (audio only)" : "the file has no video stream")
        }
        try FileManager.default.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)
        removeTemporaryFiles()
        let input = try InputFile(path: inputPath)
        guard let videoIndex = input.bestStream(AVMEDIA_TYPE_VIDEO) else {
            throw MediaError(.unsupportedCodec, "the video codec \(video.codec) cannot be decoded")
        }
        let large = video.width * video.height > options.sliceThreadingAbove
        let videoDecoder = try CodecContext.decoder(
            for: input.stream(videoIndex), threads: Int32(options.decoderThreads), sliceThreads: options.sliceThreading || large)
        var audioIndex = input.bestStream(AVMEDIA_TYPE_AUDIO)
        var audioDecoder: CodecContext?
        if let index = audioIndex {
            do { audioDecoder = try CodecContext.decoder(for: input.stream(index), threads: 1) } catch {
                warnings.append("the sound could not be decoded and was left out: \(error)")
                audioIndex = nil
            }
        }
        hasAudio = audioDecoder != nil
        duration = probe.duration ?? 0
        posterTime = duration > 0 ? min(max(duration * 0.1, 0.5), 5) : 0
        interval = RenditionPlan.tileInterval(duration: duration, maxTiles: options.maxTiles)

        let videoTimeBase = input.stream(videoIndex).pointee.time_base
        let audioTimeBase = audioIndex.map { input.stream($0).pointee.time_base }
        let packet = Packet()
        let frame = Frame()
        var framesDecoded = 0
        var damagedPackets = 0

        func handleVideo(_ frame: Frame) throws {
            frame.pointer.pointee.pts = frame.pointer.pointee.best_effort_timestamp
            if graph == nil { try setUp(firstFrame: frame, timeBase: videoTimeBase, audio: audioDecoder, audioTimeBase: audioTimeBase) }
            framesDecoded += 1
            try graph!.push(frame, to: "vin")
            try drainAll()
        }
        func handleAudio(_ frame: Frame) throws {
            frame.pointer.pointee.pts = frame.pointer.pointee.best_effort_timestamp
            guard let graph else {
                if let copy = frame.clone(), pendingAudio.count < 2_000 { pendingAudio.append(copy) }
                return
            }
            try graph.push(frame, to: "ain")
            try drainAll()
        }

        while true {
            do {
                guard try input.read(into: packet) else { break }
            } catch {
                if framesDecoded == 0 { throw MediaError(.corrupt, "the file is damaged: \(error)") }
                warnings.append("the file ends early (truncated?): \(error)")
                break
            }
            let index = Int(packet.pointer.pointee.stream_index)
            if index == videoIndex {
                if !(try videoDecoder.decode(packet, into: frame, handleVideo)) { damagedPackets += 1 }
            } else if index == audioIndex, let audioDecoder {
                _ = try audioDecoder.decode(packet, into: frame, handleAudio)
            }
            packet.unref()
        }
        _ = try videoDecoder.decode(nil, into: frame, handleVideo)
        if let audioDecoder { _ = try audioDecoder.decode(nil, into: frame, handleAudio) }
        guard let graph, framesDecoded > 0 else {
            throw MediaError(.corrupt, "no picture could be decoded from the file (damaged or truncated)")
        }
        if damagedPackets > 0 { warnings.append("\(damagedPackets) damaged video packets were skipped") }
        try graph.push(nil, to: "vin")
        if hasAudio { try graph.push(nil, to: "ain") }
        try drainAll()
        try videoEncoder!.encode(nil, into: encoded, writeVideo)
        try finishVideo()
        if let audioEncoder { try audioEncoder.encode(nil, into: encoded) { try output!.write($0, stream: audioStreamOut) } }
        if output!.droppedPackets > 0 {
            warnings.append("\(output!.droppedPackets) packets with timestamps going backwards were left out")
        }
        try output!.finish()
        output = nil
        return try finishOutputs()
    }
}
