import CFFmpeg
import DenshoDomain
import DenshoMedia

/// Takes stills from a video file at given times: seeks to the keyframe before each time and
/// decodes forward to it, converting the frame to the print module's `RasterImage`.
///
/// Times are visited in order, so steps close together are reached by decoding on rather than
/// seeking again; frames before the target are decoded without the non-reference ones, which
/// nothing later needs.
final class FrameGrabber {
    private let input: InputFile
    private let streamIndex: Int
    private let decoder: CodecContext
    private let timeBase: AVRational
    private let packet = Packet()
    private let frame = Frame()
    /// The last picture decoded, with its time: the answer for a time past the end of the video.
    private var last: (time: Double, frame: Frame)?
    private var finished = false

    init(path: String, threads: Int32 = 1) throws {
        input = try InputFile(path: path)
        guard let index = input.bestStream(AVMEDIA_TYPE_VIDEO) else { throw MediaError(.noVideo, "no video stream") }
        streamIndex = index
        let stream = input.stream(index)
        timeBase = stream.pointee.time_base
        decoder = try CodecContext.decoder(for: stream, threads: threads)
    }

    /// Stills at `times` (seconds), each at most `maxWidth` wide, in the order asked.
    func stills(at times: [Double], maxWidth: Int) -> [Still] {
        var result = [Still](repeating: .missing(reason: "フレームを取得できません"), count: times.count)
        for index in times.indices.sorted(by: { times[$0] < times[$1] }) {
            do {
                if let picture = try frame(at: max(0, times[index])) {
                    result[index] = .image(try Self.raster(picture, maxWidth: maxWidth))
                }
            } catch {
                result[index] = .missing(reason: "フレームを取得できません")
            }
        }
        return result
    }

    /// The first frame at or after `time` (within half a frame), or the last frame of the video.
    private func frame(at time: Double) throws -> Frame? {
        let frameDuration = 1 / max(1, av_q2d(decoder.pointer.pointee.framerate))
        let target = time - frameDuration / 2
        if let last, last.time >= target {
            // Behind us (or this very frame): seek back unless it is the frame we hold.
            if last.time - target < frameDuration { return last.frame }
            try seek(to: time)
        } else if let last, time - last.time > 1.0 {
            try seek(to: time)  // a later keyframe is nearer than decoding on
        } else if last == nil {
            try seek(to: time)
        }
        var found: Frame?
        while found == nil {
            decoder.pointer.pointee.skip_frame = AVDISCARD_DEFAULT
            if finished { break }
            guard try input.read(into: packet) else {
                finished = true
                _ = try decoder.decode(nil, into: frame) { picture in found = found ?? keep(picture, target: target) }
                break
            }
            defer { packet.unref() }
            guard Int(packet.pointer.pointee.stream_index) == streamIndex else { continue }
            // Before the target, frames nothing refers to need not be decoded at all.
            if let seconds = packetSeconds, seconds < target - frameDuration { decoder.pointer.pointee.skip_frame = AVDISCARD_NONREF }
            _ = try decoder.decode(packet, into: frame) { picture in found = found ?? keep(picture, target: target) }
        }
        return found ?? last?.frame
    }

    private var packetSeconds: Double? {
        let pts = packet.pointer.pointee.pts
        return pts == densho_nopts() ? nil : Double(pts) * av_q2d(timeBase)
    }

    /// Remembers `picture` as the last frame; returns it when it reaches the target.
    private func keep(_ picture: Frame, target: Double) -> Frame? {
        let time = picture.pointer.pointee.best_effort_timestamp == densho_nopts()
            ? (last?.time ?? 0) : Double(picture.pointer.pointee.best_effort_timestamp) * av_q2d(timeBase)
        guard let copy = picture.clone() else { return nil }
        last = (time, copy)
        return time >= target ? copy : nil
    }

    private func seek(to time: Double) throws {
        let timestamp = Int64(time / av_q2d(timeBase))
        let result = av_seek_frame(input.context, Int32(streamIndex), timestamp, AVSEEK_FLAG_BACKWARD)
        if result < 0 { throw MediaError.av(.corrupt, "seek failed", result) }
        avcodec_flush_buffers(decoder.pointer)
        last = nil
        finished = false
    }

    /// Scales `frame` to at most `maxWidth` and converts it to 32-bit BGRx.
    static func raster(_ frame: Frame, maxWidth: Int) throws -> RasterImage {
        let source = frame.pointer.pointee
        let sourceWidth = Int(source.width), sourceHeight = Int(source.height)
        guard sourceWidth > 0, sourceHeight > 0 else { throw MediaError(.corrupt, "empty frame") }
        let width = min(sourceWidth, maxWidth)
        let height = max(1, Int((Double(sourceHeight) * Double(width) / Double(sourceWidth)).rounded()))
        guard let context = sws_getContext(
            source.width, source.height, AVPixelFormat(rawValue: source.format), Int32(width), Int32(height),
            AV_PIX_FMT_BGR0, SWS_BICUBIC, nil, nil, nil)
        else { throw MediaError(.internalError, "cannot convert the frame") }
        defer { sws_freeContext(context) }
        let stride = width * 4
        var pixels = [UInt8](repeating: 0, count: stride * height)
        pixels.withUnsafeMutableBufferPointer { buffer in
            var planes: [UnsafeMutablePointer<UInt8>?] = [buffer.baseAddress, nil, nil, nil]
            var strides: [Int32] = [Int32(stride), 0, 0, 0]
            withUnsafePointer(to: source.data) { data in
                data.withMemoryRebound(to: UnsafePointer<UInt8>?.self, capacity: 8) { sourcePlanes in
                    withUnsafePointer(to: source.linesize) { lines in
                        lines.withMemoryRebound(to: Int32.self, capacity: 8) { sourceStrides in
                            _ = sws_scale(context, sourcePlanes, sourceStrides, 0, source.height, &planes, &strides)
                        }
                    }
                }
            }
        }
        // The same picture as JPEG: a PDF embeds it as it is, where raw pixels would be compressed anew.
        let jpeg = try? JPEGWriter.encode(frame, width: Int32(width), height: Int32(height), qscale: 4)
        return RasterImage(width: width, height: height, bytesPerRow: stride, pixels: pixels, jpeg: jpeg.map { [UInt8]($0) })
    }
}

/// Stills from any video file (`densho-media stills`, which `densho media stills` and printed sheets run).
public enum Stills {
    /// One still per entry of `times`, at most `maxWidth` wide. Two grabbers, one for the earlier
    /// half of the times and one for the later, use both cores of an office PC without decoding
    /// the same stretch twice.
    public static func take(from path: String, at times: [Double], maxWidth: Int) async -> [Still] {
        LibAVLog.quiet()
        let order = times.indices.sorted { times[$0] < times[$1] }
        let halves = [Array(order.prefix((order.count + 1) / 2)), Array(order.dropFirst((order.count + 1) / 2))]
        return await withTaskGroup(of: [(Int, Still)].self) { group in
            for half in halves where !half.isEmpty {
                group.addTask {
                    guard let grabber = try? FrameGrabber(path: path) else {
                        return half.map { ($0, .missing(reason: "動画ファイルを読めません")) }
                    }
                    return Array(zip(half, grabber.stills(at: half.map { times[$0] }, maxWidth: maxWidth)))
                }
            }
            var result = [Still](repeating: .missing(reason: "フレームを取得できません"), count: times.count)
            for await pairs in group { for (index, still) in pairs { result[index] = still } }
            return result
        }
    }
}
