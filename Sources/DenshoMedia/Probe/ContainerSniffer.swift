import DenshoDomain
import Foundation

/// Recognises a video container by its first bytes ("magic"), without handing the file to libav:
/// the web server's cheap check that a finished upload is a video at all before it becomes an
/// original, so that a web page, an archive or a script is refused at once. Whether the video
/// inside can be decoded is the worker's question, asked in a child process; a video that fails
/// there keeps its original.
public enum ContainerSniffer {
    public enum Container: String, Sendable, CaseIterable {
        /// ISO base media and QuickTime: MP4, MOV, M4V, 3GP (phones and most cameras).
        case isoMedia
        /// Matroska and WebM.
        case matroska
        case avi
        /// MPEG transport stream (188-byte packets) and its 192-byte Blu-ray/AVCHD form (M2TS/MTS).
        case mpegTS
        /// MPEG program stream (MPG, VOB).
        case mpegPS
        case flv
        /// ASF: WMV.
        case asf
        case ogg
        case mxf

        /// The extension an original of this container is stored with when its name has none of `videoExtensions`.
        public var defaultExtension: String {
            switch self {
            case .isoMedia: "mp4"
            case .matroska: "mkv"
            case .avi: "avi"
            case .mpegTS: "ts"
            case .mpegPS: "mpg"
            case .flv: "flv"
            case .asf: "wmv"
            case .ogg: "ogv"
            case .mxf: "mxf"
            }
        }
    }

    /// Extensions an original keeps from its uploaded name (anything else gets the container's).
    public static let videoExtensions: Set<String> = [
        "mp4", "m4v", "mov", "qt", "3gp", "3g2", "mkv", "webm", "avi", "ts", "mts", "m2ts", "mpg", "mpeg", "vob", "flv", "wmv",
        "asf", "ogv", "ogg", "mxf",
    ]

    /// How many bytes from the start `container(of:)` needs at most.
    public static let headerLength = 1024

    /// The container the bytes at the start of a file announce, or nil for anything else.
    public static func container(of header: [UInt8]) -> Container? {
        func matches(_ magic: [UInt8], at offset: Int = 0) -> Bool {
            header.count >= offset + magic.count && Array(header[offset..<offset + magic.count]) == magic
        }
        func ascii(_ text: String) -> [UInt8] { Array(text.utf8) }

        // ISO base media: a box whose size is 0 (to the end), 1 (64-bit size follows) or at least
        // its own 8 bytes, of a type a file starts with: `ftyp`, or for old QuickTime files the
        // movie, data, free-space and preview atoms.
        if header.count >= 8 {
            let size = header[0..<4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            let boxes = ["ftyp", "moov", "mdat", "wide", "free", "skip", "pnot"].map(ascii)
            if size == 0 || size == 1 || size >= 8, boxes.contains(where: { matches($0, at: 4) }) { return .isoMedia }
        }
        if matches([0x1A, 0x45, 0xDF, 0xA3]) { return .matroska }
        if matches(ascii("RIFF")), matches(ascii("AVI "), at: 8) { return .avi }
        // Transport streams: the sync byte at the start of three packets in a row.
        if [0, 188, 376].allSatisfy({ header.count > $0 && header[$0] == 0x47 }) { return .mpegTS }
        if [4, 196, 388].allSatisfy({ header.count > $0 && header[$0] == 0x47 }) { return .mpegTS }
        if matches([0x00, 0x00, 0x01, 0xBA]) { return .mpegPS }
        if matches(ascii("FLV") + [0x01]) { return .flv }
        if matches([0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11, 0xA6, 0xD9, 0x00, 0xAA, 0x00, 0x62, 0xCE, 0x6C]) { return .asf }
        if matches(ascii("OggS")) { return .ogg }
        if matches([0x06, 0x0E, 0x2B, 0x34, 0x02, 0x05, 0x01, 0x01, 0x0D, 0x01, 0x02]) { return .mxf }
        return nil
    }

    /// The container of the file at `path` (its first `headerLength` bytes), or nil if it is none
    /// or cannot be read.
    public static func container(ofFile path: String) -> Container? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: headerLength) else { return nil }
        return container(of: [UInt8](data))
    }

    /// The name to store an original of `container` under: the uploaded name if its extension is
    /// a video's, else one with the container's extension (a video named `evil.html` is kept as
    /// `.mp4`, never with an extension a browser would render).
    public static func storedName(_ fileName: String, container: Container) -> String {
        videoExtensions.contains(MediaPaths.safeExtension(of: fileName)) ? fileName : "clip." + container.defaultExtension
    }
}
