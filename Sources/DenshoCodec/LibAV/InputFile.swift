import CFFmpeg
import DenshoMedia

/// An opened media file (`AVFormatContext` for input) with its stream information read.
final class InputFile {
    let context: UnsafeMutablePointer<AVFormatContext>
    let path: String

    init(path: String) throws {
        var context: UnsafeMutablePointer<AVFormatContext>?
        // Local files only: a crafted upload (an HLS playlist or a concat list inside a container)
        // must not make the demuxer open other files or network addresses.
        var options: OpaquePointer?
        av_dict_set(&options, "protocol_whitelist", "file", 0)
        defer { av_dict_free(&options) }
        let opened = avformat_open_input(&context, path, nil, &options)
        guard opened >= 0, let context else {
            throw MediaError(.unreadable, "not a readable media file: \(averrorText(opened))")
        }
        self.context = context
        self.path = path
        let found = avformat_find_stream_info(context, nil)
        if found < 0 {
            throw MediaError(.unreadable, "no stream information could be read: \(averrorText(found))")
        }
    }

    var streamCount: Int { Int(context.pointee.nb_streams) }

    func stream(_ index: Int) -> UnsafeMutablePointer<AVStream> { context.pointee.streams[index]! }

    /// The best stream of a type with a decoder this build has, or nil.
    func bestStream(_ type: AVMediaType) -> Int? {
        let index = av_find_best_stream(context, type, -1, -1, nil, 0)
        guard index >= 0 else { return nil }
        return avcodec_find_decoder(stream(Int(index)).pointee.codecpar.pointee.codec_id) == nil ? nil : Int(index)
    }

    /// Any stream of a type, decodable or not (to tell "no video" from "video we cannot decode").
    func anyStream(_ type: AVMediaType) -> Int? {
        (0..<streamCount).first { stream($0).pointee.codecpar.pointee.codec_type == type }
    }

    /// Duration in seconds from the container, when known.
    var duration: Double? {
        context.pointee.duration > 0 ? Double(context.pointee.duration) / Double(AV_TIME_BASE) : nil
    }

    /// Reads the next packet; false at the end of the file. A read error past the start is
    /// reported as the end (a truncated file), with the error kept for the manifest's warnings.
    func read(into packet: Packet) throws -> Bool {
        let result = av_read_frame(context, packet.pointer)
        if result == densho_averror_eof() { return false }
        if result < 0 { throw MediaError.av(.corrupt, "reading the file failed", result) }
        return true
    }

    func metadata(_ key: String) -> String? {
        CStrings.value(context.pointee.metadata, key)
    }

    deinit {
        var context: UnsafeMutablePointer<AVFormatContext>? = context
        avformat_close_input(&context)
    }
}
