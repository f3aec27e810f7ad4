import DenshoCodec
import DenshoDomain
import DenshoMedia
import DenshoTestSupport
import Foundation
import Testing

@Suite("One-pass clip processing (real libav)", .serialized)
struct ClipProcessorTests {
    /// A rendition directory that does not exist yet (callers remove it with `defer`).
    static func output(_ name: String) -> String {
        MediaFixtures.directory.appendingPathComponent("out-\(name)-\(UUID().uuidString.prefix(8))").path
    }

    /// The checks every good rendition must pass.
    static func checkRendition(_ manifest: ClipManifest, in directory: String, source: String) throws {
        let video = directory + "/" + manifest.video
        let facts = try StreamFacts.read(video)
        #expect(facts.video?.codec_name == "h264")
        #expect(facts.video?.profile == "High")
        #expect(facts.video?.pix_fmt == "yuv420p")
        let boxes = try topLevelBoxes(video)
        #expect(boxes.firstIndex(of: "moov")! < boxes.firstIndex(of: "mdat")!, "moov must precede mdat: \(boxes)")
        let sourceDuration = try Prober.probe(source).duration!
        let videoDuration = Double(facts.video?.duration ?? "0")!
        #expect(abs(videoDuration - sourceDuration) <= 0.1, "video \(videoDuration) s vs source \(sourceDuration) s")
        if let audio = facts.audio {
            #expect(audio.codec_name == "aac" && audio.profile == "LC" && audio.channels == 2 && audio.sample_rate == "48000")
            #expect(abs(Double(audio.duration!)! - videoDuration) <= 0.1, "audio and video must end together")
        }
        #expect(try Prober.probe(video).video?.rotation == 0)
        try checkStoryboard(manifest, in: directory)
        #expect(FileManager.default.fileExists(atPath: directory + "/" + manifest.poster))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".partial") }
        #expect(leftovers.isEmpty)
    }

    /// The VTT has one cue per tile, in order, each pointing inside its sprite.
    static func checkStoryboard(_ manifest: ClipManifest, in directory: String) throws {
        let vtt = try String(contentsOfFile: directory + "/" + manifest.storyboard.vtt, encoding: .utf8)
        #expect(vtt.hasPrefix("WEBVTT\n"))
        let cues = vtt.components(separatedBy: "\n\n").dropFirst()
        #expect(cues.count == manifest.storyboard.tiles)
        #expect(manifest.storyboard.tiles >= 1 && manifest.storyboard.tiles <= 100)
        var previousEnd = 0.0
        for cue in cues {
            let lines = cue.split(separator: "\n")
            let times = lines[0].components(separatedBy: " --> ").map(Self.seconds)
            #expect(times[0] >= previousEnd - 0.001 && times[1] > times[0])
            previousEnd = times[1]
            let target = lines[1].split(separator: "#")
            let sprite = try Prober.probe(directory + "/" + target[0])
            let xywh = target[1].dropFirst("xywh=".count).split(separator: ",").map { Int($0)! }
            #expect(xywh[2] == manifest.storyboard.tileWidth && xywh[3] == manifest.storyboard.tileHeight)
            #expect(xywh[0] + xywh[2] <= sprite.video!.width && xywh[1] + xywh[3] <= sprite.video!.height)
        }
        #expect(previousEnd <= manifest.duration + 0.05)
    }

    static func seconds(_ stamp: String) -> Double {
        let parts = stamp.split(separator: ":").map { Double($0)! }
        return parts[0] * 3600 + parts[1] * 60 + parts[2]
    }

    @Test func landscapeWithSound() throws {
        let source = try MediaFixtures.landscape()
        let directory = Self.output("landscape")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var reports: [Double] = []
        let manifest = try ClipProcessor.process(input: source, outputDirectory: directory) { reports.append($0) }
        try Self.checkRendition(manifest, in: directory, source: source)
        #expect(manifest.width == 640 && manifest.height == 360)  // never upscaled
        #expect(manifest.hasAudio)
        #expect(manifest.storyboard.tiles == 4)
        #expect(reports.last == 1 && reports == reports.sorted())
        let written = try JSONDecoder().decode(ClipManifest.self, from: Data(contentsOf: URL(fileURLWithPath: directory + "/manifest.json")))
        #expect(written == manifest)
    }

    @Test func portraitIsTurnedUpright() throws {
        let source = try MediaFixtures.portrait()
        // FFmpeg's reading of this display matrix: turn 270° clockwise (as `ffmpeg` itself would).
        #expect([90, 270].contains(try Prober.probe(source).video?.rotation ?? 0))
        let directory = Self.output("portrait")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let manifest = try ClipProcessor.process(input: source, outputDirectory: directory)
        try Self.checkRendition(manifest, in: directory, source: source)
        let facts = try StreamFacts.read(directory + "/clip.mp4")
        #expect(facts.video?.width == 720 && facts.video?.height == 1280)
        #expect(manifest.storyboard.tileHeight > manifest.storyboard.tileWidth)
    }

    /// The size alone cannot tell a portrait turned the right way from one turned the wrong way
    /// (`transpose=clock` for `cclock` gives the same size, upside down). So a frame of the rendition,
    /// read without any rotation, is compared with the same moment of the source as `ffmpeg` shows it
    /// (it applies the display matrix itself): upright scores above 40 dB, upside down about 6 dB,
    /// mirrored about 20 dB.
    @Test(arguments: [90, 180, 270])
    func rotatedSourcesLookAsFFmpegShowsThem(rotate: Int) throws {
        let source = try MediaFixtures.rotated(rotate)
        let turn = try Prober.probe(source).video?.rotation ?? 0
        #expect([90, 180, 270].contains(turn), "the fixture must carry a display matrix")
        let directory = Self.output("rotated-\(rotate)")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let manifest = try ClipProcessor.process(input: source, outputDirectory: directory)
        try Self.checkRendition(manifest, in: directory, source: source)
        let rendition = directory + "/" + manifest.video
        let facts = try StreamFacts.read(rendition)
        let width = try #require(facts.video?.width), height = try #require(facts.video?.height)
        let upright = rotate == 180 ? (width: 640, height: 360) : (width: 360, height: 640)
        #expect(width == upright.width && height == upright.height)
        // The fixture holds each picture 0.2 s: frames from 1.0 s to 1.167 s are the same picture.
        let ours = try FrameComparison.grayFrame(rendition, at: 1.05, width: width, height: height, autorotate: false)
        let reference = try FrameComparison.grayFrame(source, at: 1.05, width: width, height: height, autorotate: true)
        let psnr = try FrameComparison.psnr(ours, reference)
        #expect(psnr >= 25, "rotate=\(rotate): \(psnr) dB against ffmpeg's own upright picture")
    }

    @Test func variableFrameRateIsKeptWithoutDrift() throws {
        let source = try MediaFixtures.variableFrameRate()
        #expect(try Prober.probe(source).video?.variableFrameRate == true)
        #expect(try Prober.probe(MediaFixtures.landscape()).video?.variableFrameRate == false)
        let directory = Self.output("vfr")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let manifest = try ClipProcessor.process(input: source, outputDirectory: directory)
        try Self.checkRendition(manifest, in: directory, source: source)
        #expect(try Prober.probe(directory + "/clip.mp4").video?.variableFrameRate == true)
    }

    @Test func hevc10BitHDRBecomes8BitSDR() throws {
        let source = try MediaFixtures.hevc10HDR()
        let probe = try Prober.probe(source)
        #expect(probe.video?.codec == "hevc" && probe.video?.bitDepth == 10 && probe.video?.hdrTransfer == "pq")
        let directory = Self.output("hevc")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let manifest = try ClipProcessor.process(input: source, outputDirectory: directory)
        try Self.checkRendition(manifest, in: directory, source: source)
        #expect(!manifest.hasAudio)
        let out = try Prober.probe(directory + "/clip.mp4")
        #expect(out.video?.bitDepth == 8 && out.video?.hdrTransfer == nil && out.audio == nil)
    }

    @Test func hardCutsBecomeChapters() throws {
        let source = try MediaFixtures.hardCuts()
        var options = ProcessingOptions()
        options.chapterSpacing = 2
        let directory = Self.output("cuts")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let manifest = try ClipProcessor.process(input: source, outputDirectory: directory, options: options)
        try Self.checkRendition(manifest, in: directory, source: source)
        let cuts = manifest.sceneChanges.map(\.time)
        for expected in [3.0, 7.0] {
            #expect(cuts.contains { abs($0 - expected) <= 0.5 }, "cut at \(expected) s not found in \(cuts)")
        }
        #expect(cuts.count <= 4, "only real cuts: \(cuts)")
        #expect(manifest.suggestedChapters.count == 3 && manifest.suggestedChapters[0] == 0)
    }

    @Test func tinyClipsAreReady() throws {
        for source in [try MediaFixtures.singleFrame(), try MediaFixtures.short()] {
            let directory = Self.output("tiny")
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let manifest = try ClipProcessor.process(input: source, outputDirectory: directory)
            #expect(FileManager.default.fileExists(atPath: directory + "/clip.mp4"))
            #expect(manifest.storyboard.tiles == 1)
            try Self.checkStoryboard(manifest, in: directory)
        }
    }

    @Test(arguments: ["empty", "random", "audio", "truncated", "renamed"])
    func badInputEndsWithAClearReasonAndLeavesNothing(kind: String) throws {
        let source: String
        switch kind {
        case "empty": source = try MediaFixtures.raw("empty.mp4", Data())
        case "random": source = try MediaFixtures.randomBytes()
        case "audio": source = try MediaFixtures.audioOnly()
        case "truncated": source = try MediaFixtures.truncated()
        default: source = try MediaFixtures.raw("renamed.mp4", Data("社員番号,氏名\n1001,佐藤\n".utf8))
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: source))
        let directory = Self.output(kind)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            let manifest = try ClipProcessor.process(input: source, outputDirectory: directory)
            // A truncated file may still hold a playable beginning: then it must say so.
            #expect(kind == "truncated")
            #expect(!manifest.warnings.isEmpty)
        } catch let error as MediaError {
            #expect(!error.message.isEmpty)
            if kind == "audio" { #expect(error.kind == .noVideo) }
            if kind == "empty" || kind == "random" || kind == "renamed" { #expect(error.kind == .unreadable) }
            let left = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            #expect(left.isEmpty, "nothing may be left behind: \(left)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: source)) == before, "the original is never modified")
    }
}

@Suite("Rendition rules")
struct RenditionPlanTests {
    @Test func sizeKeepsShortSideAt720WithoutUpscaling() {
        #expect(RenditionPlan.size(width: 1920, height: 1080) == (1280, 720))
        #expect(RenditionPlan.size(width: 1080, height: 1920) == (720, 1280))
        #expect(RenditionPlan.size(width: 3840, height: 2160) == (1280, 720))
        #expect(RenditionPlan.size(width: 640, height: 360) == (640, 360))
        #expect(RenditionPlan.size(width: 1440, height: 1080) == (960, 720))
        #expect(RenditionPlan.size(width: 1080, height: 1350) == (720, 900))
        #expect(RenditionPlan.size(width: 321, height: 241) == (320, 240))  // even sides
    }

    @Test func tileIntervalCapsTilesAtAbout100() {
        #expect(RenditionPlan.tileInterval(duration: 4) == 1)
        #expect(RenditionPlan.tileInterval(duration: 100) == 1)
        #expect(RenditionPlan.tileInterval(duration: 101) == 2)
        #expect(RenditionPlan.tileInterval(duration: 3600) == 36)
    }

    @Test func chaptersRespectSpacing() {
        #expect(RenditionPlan.chapters(from: [1, 12, 15, 30, 58], duration: 60, spacing: 10) == [0, 12, 30])
        #expect(RenditionPlan.chapters(from: [], duration: 5, spacing: 10) == [0])
    }

    @Test func vttCuesPointIntoSprites() {
        let vtt = RenditionPlan.storyboardVTT(tileTimes: [0, 2, 4], duration: 5.5, sprites: ["s-1.jpg"], columns: 2, rows: 2,
                                              tileWidth: 160, tileHeight: 90)
        #expect(vtt == """
            WEBVTT

            00:00:00.000 --> 00:00:02.000
            s-1.jpg#xywh=0,0,160,90

            00:00:02.000 --> 00:00:04.000
            s-1.jpg#xywh=160,0,160,90

            00:00:04.000 --> 00:00:05.500
            s-1.jpg#xywh=0,90,160,90

            """)
    }
}
