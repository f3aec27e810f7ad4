import CFFmpeg
import DenshoMedia

/// Owns an `AVFrame`. Frames move between decoder, filter graph and encoder; one owner frees them.
final class Frame {
    let pointer: UnsafeMutablePointer<AVFrame>

    init() {
        guard let frame = av_frame_alloc() else { fatalError("out of memory allocating an AVFrame") }
        pointer = frame
    }

    /// A new reference to the same picture or samples (no copy of the data).
    func clone() -> Frame? {
        guard let copy = av_frame_clone(pointer) else { return nil }
        return Frame(adopting: copy)
    }

    private init(adopting frame: UnsafeMutablePointer<AVFrame>) { pointer = frame }

    func unref() { av_frame_unref(pointer) }

    /// Presentation time in seconds for `timeBase`, or nil without a timestamp.
    func seconds(in timeBase: AVRational) -> Double? {
        pointer.pointee.pts == densho_nopts() ? nil : Double(pointer.pointee.pts) * av_q2d(timeBase)
    }

    /// A metadata entry set by a filter (`lavfi.scd.time`).
    func metadata(_ key: String) -> String? {
        CStrings.value(pointer.pointee.metadata, key)
    }

    deinit {
        var frame: UnsafeMutablePointer<AVFrame>? = pointer
        av_frame_free(&frame)
    }
}

/// Owns an `AVPacket`.
final class Packet {
    let pointer: UnsafeMutablePointer<AVPacket>

    init() {
        guard let packet = av_packet_alloc() else { fatalError("out of memory allocating an AVPacket") }
        pointer = packet
    }

    func unref() { av_packet_unref(pointer) }

    deinit {
        var packet: UnsafeMutablePointer<AVPacket>? = pointer
        av_packet_free(&packet)
    }
}
