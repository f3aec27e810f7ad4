import CFFmpeg
import DenshoMedia

/// An MP4 being written: streams added from encoders, packets interleaved, `+faststart` so the
/// index (moov) comes before the media data and playback starts before the download ends.
final class OutputFile {
    let context: UnsafeMutablePointer<AVFormatContext>
    private var encoderTimeBases: [AVRational] = []
    private var lastDTS: [Int64] = []
    /// Packets left out because their decode time did not advance (damaged input timestamps).
    private(set) var droppedPackets = 0
    private var opened = false

    init(path: String) throws {
        var context: UnsafeMutablePointer<AVFormatContext>?
        try check(avformat_alloc_output_context2(&context, nil, "mp4", path), .output, "creating \(path)")
        self.context = context!
        try check(avio_open(&self.context.pointee.pb, path, AVIO_FLAG_WRITE), .output, "opening \(path) for writing")
        opened = true
    }

    /// Whether encoders must put codec headers in extradata (MP4 does).
    var wantsGlobalHeader: Bool { (context.pointee.oformat.pointee.flags & AVFMT_GLOBALHEADER) != 0 }

    /// Adds a stream for `encoder`; returns its index.
    func addStream(for encoder: CodecContext) throws -> Int32 {
        guard let stream = avformat_new_stream(context, nil) else { throw MediaError(.output, "cannot add an output stream") }
        try check(avcodec_parameters_from_context(stream.pointee.codecpar, encoder.pointer), .output, "stream parameters")
        stream.pointee.time_base = encoder.pointer.pointee.time_base
        encoderTimeBases.append(encoder.pointer.pointee.time_base)
        lastDTS.append(Int64.min)
        return stream.pointee.index
    }

    func writeHeader() throws {
        var options: OpaquePointer? = nil
        av_dict_set(&options, "movflags", "+faststart", 0)
        defer { av_dict_free(&options) }
        try check(avformat_write_header(context, &options), .output, "writing the MP4 header")
    }

    /// Writes an encoded packet for `stream`, converting from the encoder's time base.
    func write(_ packet: Packet, stream: Int32) throws {
        packet.pointer.pointee.stream_index = stream
        av_packet_rescale_ts(packet.pointer, encoderTimeBases[Int(stream)], context.pointee.streams[Int(stream)]!.pointee.time_base)
        // The MP4 muxer refuses decode times that do not increase; damaged inputs can produce them.
        let dts = packet.pointer.pointee.dts
        if dts != densho_nopts() {
            guard dts > lastDTS[Int(stream)] else {
                droppedPackets += 1
                av_packet_unref(packet.pointer)
                return
            }
            lastDTS[Int(stream)] = dts
        }
        try check(av_interleaved_write_frame(context, packet.pointer), .output, "writing the MP4")
    }

    func finish() throws {
        try check(av_write_trailer(context), .output, "finishing the MP4")
    }

    deinit {
        if opened { avio_closep(&context.pointee.pb) }
        avformat_free_context(context)
    }
}
