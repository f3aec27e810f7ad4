import Foundation

/// Test clips made with the `ffmpeg` CLI (a test-only tool; the product links libav instead).
/// Small sizes keep the suite fast; each clip is made once per test run and shared, and the
/// directory (with what tests wrote beside the clips) is removed when the test process exits.
public enum MediaFixtures {
    public static let directory: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("densho-media-fixtures-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        TemporaryFiles.removeAtExit(url.path)
        return url
    }()

    private static let lock = NSLock()

    /// Runs ffmpeg with `arguments` to make `name` unless it exists; returns its path.
    public static func make(_ name: String, _ arguments: [String]) throws -> String {
        lock.lock()
        defer { lock.unlock() }
        let path = directory.appendingPathComponent(name).path
        if FileManager.default.fileExists(atPath: path) { return path }
        try run("/usr/bin/ffmpeg", ["-hide_banner", "-loglevel", "error", "-y"] + arguments + [path + ".tmp.\(name.split(separator: ".").last!)"])
        try FileManager.default.moveItem(atPath: path + ".tmp.\(name.split(separator: ".").last!)", toPath: path)
        return path
    }

    public static func run(_ tool: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw FixtureError(message: "\(tool) failed: \(text)") }
    }

    public static let sine = ["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000"]

    /// 4 s landscape 640×360 H.264 + AAC.
    public static func landscape() throws -> String {
        try make("landscape.mp4", ["-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30"] + sine
            + ["-t", "4", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest"])
    }

    /// A phone held upright: 1280×720 coded, with a display matrix turning it 90° (shown 720×1280).
    public static func portrait() throws -> String {
        let coded = try make("portrait-coded.mp4", ["-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30"] + sine
            + ["-t", "3", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest"])
        return try make("portrait.mp4", ["-i", coded, "-c", "copy", "-metadata:s:v:0", "rotate=90"])
    }

    /// A phone's clip as stored, with its display matrix asking players to turn it: the `rotate`
    /// tag (90, 180 or 270) is FFmpeg 5.1's way to write that matrix on a stream copy. 640×360
    /// coded, 2 s, no sound. The picture is testsrc2 (no symmetry: a picture upside down or
    /// mirrored no longer matches) held for 0.2 s at a time, so comparisons at a given time do not
    /// hang on one frame's timestamp.
    public static func rotated(_ rotate: Int) throws -> String {
        let coded = try make("rotated-coded.mp4", ["-f", "lavfi", "-i", "testsrc2=size=640x360:rate=5,fps=30", "-t", "2",
                                                   "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"])
        return try make("rotated-\(rotate).mp4", ["-i", coded, "-c", "copy", "-metadata:s:v:0", "rotate=\(rotate)"])
    }

    /// Variable frame rate: 2 s at 30 fps, then 3 s at 10 fps, with 5 s of sound.
    public static func variableFrameRate() throws -> String {
        try make("vfr.mp4", ["-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30:duration=5"] + sine
            + ["-filter_complex", "[0:v]select='lt(t,2)+not(mod(n,3))',setpts=PTS-STARTPTS[v]", "-map", "[v]", "-map", "1:a",
               "-fps_mode", "passthrough", "-t", "5", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac"])
    }

    /// HEVC Main 10 tagged as HDR (PQ, BT.2020), as recent iPhones record, without sound.
    public static func hevc10HDR() throws -> String {
        try make("hevc10.mp4", ["-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30", "-t", "2", "-c:v", "libx265",
                                "-preset", "ultrafast", "-x265-params", "log-level=error", "-pix_fmt", "yuv420p10le",
                                "-color_primaries", "bt2020", "-color_trc", "smpte2084", "-colorspace", "bt2020nc", "-tag:v", "hvc1"])
    }

    /// 20 s of 1280×720 with sound: long enough to be stopped mid-transcode.
    public static func long() throws -> String {
        try make("long.mp4", ["-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30"] + sine
            + ["-t", "20", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest"])
    }

    /// Hard cuts at 3 s and 7 s between unlike pictures; 10 s, no sound.
    public static func hardCuts() throws -> String {
        try make("cuts.mp4", ["-filter_complex",
            "color=c=0x2040a0:s=640x360:r=30:d=3,format=yuv420p[a];smptebars=s=640x360:r=30:d=4,format=yuv420p[b];"
            + "testsrc2=s=640x360:r=30:d=3,format=yuv420p[c];[a][b][c]concat=n=3:v=1[v]",
            "-map", "[v]", "-c:v", "libx264", "-preset", "ultrafast"])
    }

    public static func audioOnly() throws -> String {
        try make("audio.m4a", sine + ["-t", "2", "-c:a", "aac"])
    }

    public static func singleFrame() throws -> String {
        try make("single.mp4", ["-f", "lavfi", "-i", "testsrc2=size=320x240:rate=30", "-frames:v", "1", "-c:v", "libx264"])
    }

    public static func short() throws -> String {
        try make("short.mp4", ["-f", "lavfi", "-i", "testsrc2=size=320x240:rate=30"] + sine
            + ["-t", "0.4", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-shortest"])
    }

    /// A file with bytes written by hand (empty, random, cut short).
    /// Written atomically: tests running at once share these files, and one may hash a file while
    /// another writes it again (with the same bytes: every fixture is deterministic).
    public static func raw(_ name: String, _ data: Data) throws -> String {
        let path = directory.appendingPathComponent(name).path
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        return path
    }

    public static func truncated() throws -> String {
        let whole = try Data(contentsOf: URL(fileURLWithPath: try landscape()))
        return try raw("truncated.mp4", whole.prefix(whole.count * 6 / 10))
    }

    /// 200 kB of noise, the same bytes every time (a fixed linear congruential sequence), so a test
    /// that checks originals are never modified cannot be fooled by another test writing the file.
    public static func randomBytes() throws -> String {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let bytes = (0..<200_000).map { _ -> UInt8 in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        return try raw("random.mp4", Data(bytes))
    }
}

public struct FixtureError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// Per-stream facts of an output, read by ffprobe (an independent reader).
public struct StreamFacts: Decodable {
    public struct Stream: Decodable {
        public var codec_type: String
        public var codec_name: String
        public var profile: String?
        public var width: Int?
        public var height: Int?
        public var duration: String?
        public var sample_rate: String?
        public var channels: Int?
        public var pix_fmt: String?
    }
    public var streams: [Stream]

    public static func read(_ path: String) throws -> StreamFacts {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ffprobe")
        process.arguments = ["-v", "error", "-show_streams", "-of", "json", path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return try JSONDecoder().decode(StreamFacts.self, from: data)
    }

    public var video: Stream? { streams.first { $0.codec_type == "video" } }
    public var audio: Stream? { streams.first { $0.codec_type == "audio" } }
}

/// Top-level MP4 box types in file order (to check that `moov` precedes `mdat`).
public func topLevelBoxes(_ path: String) throws -> [String] {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    var boxes: [String] = []
    var offset = 0
    while offset + 8 <= data.count {
        let bytes = [UInt8](data[offset..<offset + 8])
        var size = Int(bytes[0]) << 24 | Int(bytes[1]) << 16 | Int(bytes[2]) << 8 | Int(bytes[3])
        boxes.append(String(decoding: bytes[4..<8], as: UTF8.self))
        if size == 1, offset + 16 <= data.count {
            size = data[offset + 8..<offset + 16].reduce(0) { $0 << 8 | Int($1) }
        }
        guard size >= 8 else { break }
        offset += size
    }
    return boxes
}
