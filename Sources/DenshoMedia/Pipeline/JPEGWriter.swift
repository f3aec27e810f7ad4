import CFFmpeg
import Foundation

/// Encodes single pictures as JPEG with libavcodec's MJPEG encoder (poster, storyboard sprites).
enum JPEGWriter {
    /// `FF_QP2LAMBDA` from libavutil: the scale between quantiser and lambda.
    static let qp2lambda: Int32 = 118

    /// Writes `frame` (any pixel format) to `path` as a full-range JPEG of quality `qscale` (2 best … 31).
    static func write(_ frame: Frame, to path: String, qscale: Int32 = 3) throws {
        let source = frame.pointer.pointee
        let converted = Frame()
        converted.pointer.pointee.format = AV_PIX_FMT_YUVJ420P.rawValue
        converted.pointer.pointee.width = source.width
        converted.pointer.pointee.height = source.height
        if source.format != AV_PIX_FMT_YUVJ420P.rawValue {
            guard let sws = sws_getContext(source.width, source.height, AVPixelFormat(rawValue: source.format),
                                           source.width, source.height, AV_PIX_FMT_YUVJ420P, SWS_BICUBIC, nil, nil, nil)
            else { throw MediaError(.internalError, "cannot convert the picture for JPEG") }
            defer { sws_freeContext(sws) }
            try check(sws_scale_frame(sws, converted.pointer, frame.pointer), .internalError, "converting the picture for JPEG")
        } else {
            try check(av_frame_ref(converted.pointer, frame.pointer), .internalError, "referencing the picture")
        }
        converted.pointer.pointee.pts = 0
        let encoder = try CodecContext.encoder(named: "mjpeg") { c in
            c.pointee.width = source.width
            c.pointee.height = source.height
            c.pointee.pix_fmt = AV_PIX_FMT_YUVJ420P
            c.pointee.time_base = AVRational(num: 1, den: 25)
            c.pointee.flags |= AV_CODEC_FLAG_QSCALE
            c.pointee.global_quality = qscale * qp2lambda
        }
        converted.pointer.pointee.quality = qscale * qp2lambda
        var data = Data()
        let packet = Packet()
        for input in [converted, nil] as [Frame?] {
            try encoder.encode(input, into: packet) { p in
                data.append(UnsafeBufferPointer(start: p.pointer.pointee.data, count: Int(p.pointer.pointee.size)))
            }
        }
        guard FileManager.default.createFile(atPath: path, contents: data) else {
            throw MediaError(.output, "cannot write \(path)")
        }
    }
}
