import Foundation

/// `media process` against the `ffmpeg` CLI on the same machine and input:
/// - transcode only, with the same encoder settings (target: at most 1.10×), on two inputs: a
///   noisy picture (the encoder's work dominates) and a plain one (our extra outputs show most);
/// - the `ffprobe`/`ffmpeg` command chain that makes the same set of outputs (target: at most 0.75×);
/// - peak memory on a 30 s 4K HEVC 10-bit HDR clip (target: under 300 MB).
enum MediaBench {
    static let ffmpeg = "/usr/bin/ffmpeg", ffprobe = "/usr/bin/ffprobe"

    /// The 60 s 1080p30 H.264 + AAC input (also the print benchmark's clip).
    static let hdArguments = [
        "-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=30,noise=alls=12:allf=t", "-f", "lavfi",
        "-i", "sine=frequency=330:sample_rate=48000", "-t", "60", "-c:v", "libx264", "-preset", "veryfast", "-crf", "20",
        "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "128k", "-shortest",
    ]

    /// The same without noise: cheap to encode, so the work beside the transcode weighs most.
    static let plainArguments = [
        "-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=30", "-f", "lavfi",
        "-i", "sine=frequency=330:sample_rate=48000", "-t", "60", "-c:v", "libx264", "-preset", "veryfast", "-crf", "20",
        "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "128k", "-shortest",
    ]

    static func run(directory: String, densho: String, log: @Sendable (String) -> Void) throws -> [BenchResult] {
        guard FileManager.default.isExecutableFile(atPath: ffmpeg) else { throw BenchError("ffmpeg is missing: run scripts/install-deps.sh") }
        let hd = try fixture(directory + "/media-1080p30-60s.mp4", log: log, hdArguments)
        let plain = try fixture(directory + "/media-1080p30-60s-plain.mp4", log: log, plainArguments)
        let uhd = try fixture(directory + "/media-4k-hevc10-30s.mp4", log: log, [
            "-f", "lavfi", "-i", "testsrc2=size=3840x2160:rate=30", "-t", "30", "-c:v", "libx265", "-preset", "ultrafast",
            "-x265-params", "log-level=error", "-pix_fmt", "yuv420p10le", "-color_primaries", "bt2020", "-color_trc", "smpte2084",
            "-colorspace", "bt2020nc", "-tag:v", "hvc1",
        ])
        let out = directory + "/media-out"
        try? FileManager.default.removeItem(atPath: out)
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)

        // Ours and the reference alternate, three runs each, medians compared: a slow moment of the
        // machine falls on both sides rather than on one.
        log("media: densho media process vs ffmpeg transcode (60 s 1080p30, noisy)…")
        let transcode = transcodeArguments(hd, out + "/ffmpeg.mp4")
        let (ours, reference) = try alternating(runs: 3,
            { try ChildProcess.measure(densho, ["media", "process", hd, out + "/densho"]) },
            { try ChildProcess.measure(ffmpeg, transcode) })
        log("media: the same on the plain picture…")
        let (oursPlain, referencePlain) = try alternating(runs: 3,
            { try ChildProcess.measure(densho, ["media", "process", plain, out + "/densho-plain"]) },
            { try ChildProcess.measure(ffmpeg, transcodeArguments(plain, out + "/ffmpeg-plain.mp4")) })
        log("media: ffprobe/ffmpeg chain…")
        let chain = try best(of: 1) {
            let steps: [(String, [String])] = [
                (ffprobe, ["-v", "error", "-show_streams", "-show_format", "-of", "json", hd]),
                (ffmpeg, transcode),
                (ffmpeg, ["-y", "-ss", "6", "-i", hd, "-frames:v", "1", "-vf", "scale=1280:720", out + "/poster.jpg"]),
                (ffmpeg, ["-y", "-i", hd, "-vf", "fps=1,scale=160:90,tile=10x10", "-frames:v", "1", out + "/storyboard.jpg"]),
                (ffmpeg, ["-y", "-i", hd, "-vf", "scale=160:-2,scdet=threshold=10", "-an", "-f", "null", "-"]),
            ]
            var total = ChildProcess.Measurement(seconds: 0, peakMegabytes: 0)
            for (tool, arguments) in steps {
                let step = try ChildProcess.measure(tool, arguments)
                total.seconds += step.seconds
                total.peakMegabytes = max(total.peakMegabytes, step.peakMegabytes)
            }
            return total
        }
        log("media: peak memory on 30 s 4K HEVC 10-bit HDR…")
        let big = try ChildProcess.measure(densho, ["media", "process", uhd, out + "/densho-4k"])
        let bigReference = try ChildProcess.measure(ffmpeg, transcodeArguments(uhd, out + "/ffmpeg-4k.mp4", hdr: true))
        return [
            BenchResult(name: "media process vs transcode only (60 s 1080p30, noisy; median of 3)", ours: ours.seconds,
                        reference: reference.seconds, referenceName: "ffmpeg, same x264/aac settings", target: "≤ 1.10×",
                        met: ours.seconds <= 1.10 * reference.seconds),
            BenchResult(name: "media process vs transcode only (60 s 1080p30, plain testsrc2; median of 3)", ours: oursPlain.seconds,
                        reference: referencePlain.seconds, referenceName: "ffmpeg, same x264/aac settings", target: "≤ 1.10×",
                        met: oursPlain.seconds <= 1.10 * referencePlain.seconds),
            BenchResult(name: "media process vs the command chain (same outputs)", ours: ours.seconds, reference: chain.seconds,
                        referenceName: "ffprobe + 4 ffmpeg runs", target: "≤ 0.75×", met: ours.seconds <= 0.75 * chain.seconds),
            BenchResult(name: String(format: "4K HEVC 10-bit HDR, 30 s: peak memory %.0f MB (ffmpeg %.0f MB)", big.peakMegabytes,
                                     bigReference.peakMegabytes),
                        ours: big.seconds, reference: bigReference.seconds, referenceName: "ffmpeg transcode + tonemap",
                        target: "< 300 MB", met: big.peakMegabytes < 300),
        ]
    }

    /// The transcode our pipeline performs, as ffmpeg arguments.
    static func transcodeArguments(_ input: String, _ output: String, hdr: Bool = false) -> [String] {
        let tonemap = ",zscale=t=linear:npl=100,format=gbrpf32le,zscale=p=bt709,tonemap=tonemap=hable:desat=0,zscale=t=bt709:m=bt709:r=tv"
        return ["-y", "-threads", "2", "-i", input, "-vf", "scale=-2:720:flags=bicubic" + (hdr ? tonemap : "") + ",format=yuv420p",
                "-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-profile:v", "high", "-maxrate", "3M", "-bufsize", "6M",
                "-g", "60", "-c:a", "aac", "-b:a", "128k", "-ar", "48000", "-ac", "2", "-movflags", "+faststart", output]
    }

    static func fixture(_ path: String, log: @Sendable (String) -> Void, _ arguments: [String]) throws -> String {
        if FileManager.default.fileExists(atPath: path) { return path }
        log("media: generating \((path as NSString).lastPathComponent) (once)…")
        let temporary = path + ".tmp.mp4"
        _ = try ChildProcess.measure(ffmpeg, ["-y", "-hide_banner", "-loglevel", "error"] + arguments + [temporary])
        try FileManager.default.moveItem(atPath: temporary, toPath: path)
        return path
    }

    /// `runs` of each, taking turns; the median of each side.
    static func alternating(
        runs: Int, _ ours: () throws -> ChildProcess.Measurement, _ reference: () throws -> ChildProcess.Measurement
    ) throws -> (ChildProcess.Measurement, ChildProcess.Measurement) {
        var a: [ChildProcess.Measurement] = [], b: [ChildProcess.Measurement] = []
        for _ in 0..<runs {
            a.append(try ours())
            b.append(try reference())
        }
        func median(_ m: [ChildProcess.Measurement]) -> ChildProcess.Measurement { m.sorted { $0.seconds < $1.seconds }[m.count / 2] }
        return (median(a), median(b))
    }

    static func best(of runs: Int, _ body: () throws -> ChildProcess.Measurement) throws -> ChildProcess.Measurement {
        var results: [ChildProcess.Measurement] = []
        for _ in 0..<runs { results.append(try body()) }
        return results.min { $0.seconds < $1.seconds }!
    }
}
