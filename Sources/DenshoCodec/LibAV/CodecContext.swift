import CFFmpeg
import DenshoMedia

/// Owns an `AVCodecContext`: a decoder or an encoder.
final class CodecContext {
    let pointer: UnsafeMutablePointer<AVCodecContext>

    private init(codec: UnsafePointer<AVCodec>) throws {
        guard let context = avcodec_alloc_context3(codec) else { throw MediaError(.internalError, "cannot allocate a codec context") }
        pointer = context
    }

    /// A decoder for `stream`, opened with `threads` threads (0: automatic).
    static func decoder(for stream: UnsafeMutablePointer<AVStream>, threads: Int32 = 0, sliceThreads: Bool = false) throws -> CodecContext {
        let parameters = stream.pointee.codecpar!
        guard let codec = avcodec_find_decoder(parameters.pointee.codec_id) else {
            throw MediaError(.unsupportedCodec, "no decoder for \(String(cString: avcodec_get_name(parameters.pointee.codec_id)))")
        }
        let context = try CodecContext(codec: codec)
        try check(avcodec_parameters_to_context(context.pointer, parameters), .internalError, "decoder parameters")
        context.pointer.pointee.pkt_timebase = stream.pointee.time_base
        context.pointer.pointee.thread_count = threads
        if sliceThreads { context.pointer.pointee.thread_type = FF_THREAD_SLICE }
        if parameters.pointee.codec_type == AVMEDIA_TYPE_VIDEO {
            context.pointer.pointee.framerate = av_guess_frame_rate(nil, stream, nil)
        }
        try check(avcodec_open2(context.pointer, codec, nil), .unsupportedCodec,
                  "cannot open the \(String(cString: codec.pointee.name)) decoder")
        return context
    }

    /// An encoder by name, configured by `configure` before it is opened with `options`.
    static func encoder(
        named name: String, options: [String: String] = [:], configure: (UnsafeMutablePointer<AVCodecContext>) -> Void
    ) throws -> CodecContext {
        guard let codec = avcodec_find_encoder_by_name(name) else {
            throw MediaError(.internalError, "the \(name) encoder is missing from this FFmpeg build")
        }
        let context = try CodecContext(codec: codec)
        configure(context.pointer)
        var dictionary: OpaquePointer? = nil
        for (key, value) in options { av_dict_set(&dictionary, key, value, 0) }
        defer { av_dict_free(&dictionary) }
        try check(avcodec_open2(context.pointer, codec, &dictionary), .internalError, "cannot open the \(name) encoder")
        return context
    }

    /// Sends a packet (nil to flush) and hands every frame that comes out to `body`.
    /// - Returns: false when the decoder rejected the packet as invalid data (counted by the caller).
    func decode(_ packet: Packet?, into frame: Frame, _ body: (Frame) throws -> Void) throws -> Bool {
        let sent = avcodec_send_packet(pointer, packet?.pointer)
        var accepted = true
        if sent < 0 && sent != densho_averror_eof() {
            if sent == densho_averror_eagain() { /* drain below, then the packet is lost: rare */ } else { accepted = false }
        }
        while true {
            let received = avcodec_receive_frame(pointer, frame.pointer)
            if received == densho_averror_eagain() || received == densho_averror_eof() { break }
            if received < 0 { accepted = false; break }
            try body(frame)
            frame.unref()
        }
        return accepted
    }

    /// Sends a frame (nil to flush) and hands every packet that comes out to `body`.
    func encode(_ frame: Frame?, into packet: Packet, _ body: (Packet) throws -> Void) throws {
        let sent = avcodec_send_frame(pointer, frame?.pointer)
        if sent < 0 && sent != densho_averror_eof() { throw MediaError.av(.internalError, "encoding failed", sent) }
        while true {
            let received = avcodec_receive_packet(pointer, packet.pointer)
            if received == densho_averror_eagain() || received == densho_averror_eof() { break }
            try check(received, .internalError, "encoding failed")
            try body(packet)
            packet.unref()
        }
    }

    deinit {
        var context: UnsafeMutablePointer<AVCodecContext>? = pointer
        avcodec_free_context(&context)
    }
}
