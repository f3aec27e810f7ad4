import CFFmpeg
import DenshoMedia
import Foundation

/// Encodes single pictures as JPEG with libavcodec's MJPEG encoder (poster, storyboard sprites).
enum JPEGWriter {
    /// `FF_QP2LAMBDA` from libavutil: the scale between quantiser and lambda.
    static let qp2lambda: Int32 = 118

    /// Writes `frame` (any pixel format) to `path` as a full-range JPEG of quality `qscale` (2 best … 31).
    static func write(_ frame: Frame, to path: String, qscale: Int32 = 3) throws {
        guard FileManager.default.createFile(atPath: path, contents: try encode(frame, qscale: qscale)) else {
            throw MediaError(.output, "cannot write \(path)")
        }
    }

    /// `frame` as JPEG bytes, scaled to `width` × `height` when given.
    static func encode(_ frame: Frame, width: Int32? = nil, height: Int32? = nil, qscale: Int32 = 3) throws -> Data {
        let source = frame.pointer.pointee
        let outWidth = width ?? source.width, outHeight = height ?? source.height
        let converted = Frame()
        converted.pointer.pointee.format = AV_PIX_FMT_YUVJ420P.rawValue
        converted.pointer.pointee.width = outWidth
        converted.pointer.pointee.height = outHeight
        if source.format != AV_PIX_FMT_YUVJ420P.rawValue || outWidth != source.width || outHeight != source.height {
            guard let sws = sws_getContext(source.width, source.height, AVPixelFormat(rawValue: source.format),
                                           outWidth, outHeight, AV_PIX_FMT_YUVJ420P, SWS_BICUBIC, nil, nil, nil)
            else { throw MediaError(.internalError, "cannot convert the picture for JPEG") }
            defer { sws_freeContext(sws) }
            try check(sws_scale_frame(sws, converted.pointer, frame.pointer), .internalError, "converting the picture for JPEG")
        } else {
            try check(av_frame_ref(converted.pointer, frame.pointer), .internalError, "referencing the picture")
        }
        converted.pointer.pointee.pts = 0
        let encoder = try CodecContext.encoder(named: "mjpeg") { c in
            c.pointee.width = outWidth
            c.pointee.height = outHeight
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
        return data
    }
}
