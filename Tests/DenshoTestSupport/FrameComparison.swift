import Foundation

/// Pictures compared by numbers: single frames decoded by the `ffmpeg` CLI (the reference
/// decoder) as 8-bit luma, and their PSNR.
public enum FrameComparison {
    /// The first frame of `path` at or after `time` seconds, scaled to `width`×`height`, as 8-bit
    /// luma (one byte a pixel, rows top to bottom). With `autorotate`, ffmpeg first turns the
    /// picture as the stream's display matrix asks, as players do; without it, only the pixels count.
    public static func grayFrame(_ path: String, at time: Double, width: Int, height: Int, autorotate: Bool) throws -> [UInt8] {
        let output = MediaFixtures.directory.appendingPathComponent("frame-\(UUID().uuidString).gray").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        try MediaFixtures.run(
            "/usr/bin/ffmpeg",
            ["-hide_banner", "-loglevel", "error", "-y"] + (autorotate ? [] : ["-noautorotate"])
                + ["-i", path, "-vf", "select='gte(t\\,\(time))',scale=\(width):\(height)", "-frames:v", "1",
                   "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", "gray", output])
        let data = try Data(contentsOf: URL(fileURLWithPath: output))
        guard data.count == width * height else {
            throw FixtureError(message: "\(path) at \(time) s: \(data.count) bytes of luma, expected \(width)×\(height)")
        }
        return [UInt8](data)
    }

    /// Peak signal-to-noise ratio of two 8-bit pictures of the same size, in dB; infinite when they
    /// are identical. A faithful x264 rendition scores above 40 dB; the same picture upside down,
    /// about 6 dB.
    public static func psnr(_ a: [UInt8], _ b: [UInt8]) throws -> Double {
        guard a.count == b.count, !a.isEmpty else {
            throw FixtureError(message: "pictures of \(a.count) and \(b.count) pixels cannot be compared")
        }
        var squares: Int64 = 0
        for index in a.indices {
            let difference = Int64(a[index]) - Int64(b[index])
            squares += difference * difference
        }
        guard squares > 0 else { return .infinity }
        let meanSquare = Double(squares) / Double(a.count)
        return 10 * log10(255 * 255 / meanSquare)
    }
}
