import CFFmpeg
import DenshoDomain
import DenshoMedia

/// Reads a clip's properties: container, streams, rotation, HDR, and whether the frame rate varies
/// (from the timestamps of the first video packets, without decoding).
public enum Prober {
    public static func probe(_ path: String) throws -> MediaProbe {
        LibAVLog.quiet()
        let input = try InputFile(path: path)
        return try probe(input)
    }

    static func probe(_ input: InputFile) throws -> MediaProbe {
        var video: MediaProbe.Video?
        if let index = input.bestStream(AVMEDIA_TYPE_VIDEO) ?? input.anyStream(AVMEDIA_TYPE_VIDEO) {
            let stream = input.stream(index)
            let p = stream.pointee.codecpar.pointee
            let format = AVPixelFormat(rawValue: p.format)
            let descriptor = av_pix_fmt_desc_get(format)
            let rate = stream.pointee.avg_frame_rate
            video = MediaProbe.Video(
                codec: String(cString: avcodec_get_name(p.codec_id)), width: Int(p.width), height: Int(p.height),
                rotation: rotation(of: stream), frameRate: rate.den > 0 && rate.num > 0 ? av_q2d(rate) : nil,
                variableFrameRate: try isVariableFrameRate(input, stream: Int32(index)),
                pixelFormat: av_get_pix_fmt_name(format).map { String(cString: $0) } ?? "unknown",
                bitDepth: descriptor.map { Int($0.pointee.comp.0.depth) } ?? 8,
                hdrTransfer: p.color_trc == AVCOL_TRC_SMPTE2084 ? "pq" : p.color_trc == AVCOL_TRC_ARIB_STD_B67 ? "hlg" : nil)
        }
        var audio: MediaProbe.Audio?
        if let index = input.bestStream(AVMEDIA_TYPE_AUDIO) ?? input.anyStream(AVMEDIA_TYPE_AUDIO) {
            let p = input.stream(index).pointee.codecpar.pointee
            audio = MediaProbe.Audio(
                codec: String(cString: avcodec_get_name(p.codec_id)), sampleRate: Int(p.sample_rate),
                channels: Int(p.ch_layout.nb_channels))
        }
        return MediaProbe(
            container: String(cString: input.context.pointee.iformat.pointee.name), duration: input.duration,
            video: video, audio: audio, creationTime: input.metadata("creation_time"))
    }

    /// Clockwise degrees the picture must turn, as FFmpeg's own tools derive it from the display matrix.
    static func rotation(of stream: UnsafeMutablePointer<AVStream>) -> Int {
        rotation(displayDegrees: densho_stream_rotation(stream))
    }

    /// Quarter turns from the matrix's counter-clockwise angle; a damaged matrix (NaN, absurd or
    /// oblique angles) counts as no rotation rather than a crash.
    public static func rotation(displayDegrees degrees: Double) -> Int {
        guard degrees.isFinite, abs(degrees) <= 360 else { return 0 }
        var theta = -degrees.rounded()
        theta -= 360 * (theta / 360 + 0.9 / 360).rounded(.down)
        let whole = Int(theta) % 360
        let quarter = (whole + 45) / 90 * 90 % 360
        return abs(whole - quarter) <= 1 ? quarter : 0
    }

    /// Variable when the durations between the first video frames differ by more than 10%.
    static func isVariableFrameRate(_ input: InputFile, stream: Int32) throws -> Bool {
        let packet = Packet()
        var stamps: [Int64] = []
        var reads = 0
        while stamps.count < 120, reads < 2_000, (try? input.read(into: packet)) == true {
            reads += 1
            if packet.pointer.pointee.stream_index == stream && packet.pointer.pointee.pts != densho_nopts() {
                stamps.append(packet.pointer.pointee.pts)
            }
            packet.unref()
        }
        av_seek_frame(input.context, -1, 0, AVSEEK_FLAG_BACKWARD)
        // Packets come in decode order: B-frames shown later may be missing from the window's end,
        // so the last few timestamps are left out.
        let sorted = stamps.sorted().dropLast(8)
        let deltas = zip(sorted.dropFirst(), sorted).map { $0 - $1 }.filter { $0 > 0 }.sorted()
        guard deltas.count >= 4 else { return false }
        let median = Double(deltas[deltas.count / 2])
        return Double(deltas.last! - deltas.first!) / median > 0.1
    }
}
