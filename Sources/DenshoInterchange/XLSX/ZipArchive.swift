import CZlib
import Foundation

/// Reads the members of a zip archive (an xlsx file is one): the central directory at the end
/// names each member with its sizes, and members are stored or deflated. Enough for office files;
/// no encryption, no zip64 (a 力量表 stays far below 4 GiB).
struct ZipArchive {
    struct Entry {
        var name: String
        var method: UInt16
        var compressedSize: Int
        var size: Int
        var localHeaderOffset: Int
    }

    let data: Data
    let entries: [String: Entry]
    /// The most a member may inflate to: a 1,000-person × 300-skill 力量表's sheet is about 15 MB,
    /// and the cap keeps a crafted file (a few KB that inflate to gigabytes) from exhausting memory.
    static let maximumMemberSize = 100 << 20

    init(_ data: Data) throws(WorkbookError) {
        self.data = data
        let bytes = [UInt8](data)
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        guard bytes.count >= 22 else { throw .unreadable("not an xlsx file (too short to be a zip archive)") }
        var end = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        while end >= lowest && u32(end) != 0x0605_4B50 { end -= 1 }
        guard end >= lowest else { throw .unreadable("not an xlsx file (no zip directory)") }
        let count = u16(end + 10)
        var offset = u32(end + 16)
        var entries: [String: Entry] = [:]
        for _ in 0..<count {
            guard offset + 46 <= bytes.count, u32(offset) == 0x0201_4B50 else { throw .unreadable("damaged zip directory") }
            let nameLength = u16(offset + 28), extraLength = u16(offset + 30), commentLength = u16(offset + 32)
            guard offset + 46 + nameLength <= bytes.count else { throw .unreadable("damaged zip directory") }
            let name = String(decoding: bytes[(offset + 46)..<(offset + 46 + nameLength)], as: UTF8.self)
            entries[name] = Entry(name: name, method: UInt16(u16(offset + 10)), compressedSize: u32(offset + 20), size: u32(offset + 24),
                                  localHeaderOffset: u32(offset + 42))
            offset += 46 + nameLength + extraLength + commentLength
        }
        self.entries = entries
    }

    /// The bytes of member `name`, or nil when there is no such member.
    func member(_ name: String) throws(WorkbookError) -> Data? {
        guard let entry = entries[name] else { return nil }
        let header = entry.localHeaderOffset
        guard header + 30 <= data.count else { throw .unreadable("damaged member \(name)") }
        let bytes = data.subdata(in: header..<(header + 30))
        guard bytes[0] == 0x50, bytes[1] == 0x4B, bytes[2] == 0x03, bytes[3] == 0x04 else { throw .unreadable("damaged member \(name)") }
        let start = header + 30 + (Int(bytes[26]) | Int(bytes[27]) << 8) + (Int(bytes[28]) | Int(bytes[29]) << 8)
        guard start + entry.compressedSize <= data.count, entry.size <= Self.maximumMemberSize else {
            throw .unreadable("damaged or oversized member \(name)")
        }
        let compressed = data.subdata(in: start..<(start + entry.compressedSize))
        switch entry.method {
        case 0: return compressed
        case 8: return try Self.inflate(compressed, size: entry.size, name: name)
        default: throw .unreadable("member \(name) uses compression method \(entry.method)")
        }
    }

    /// Raw deflate (no zlib header), as zip stores it.
    static func inflate(_ input: Data, size: Int, name: String) throws(WorkbookError) -> Data {
        var output = Data(count: max(1, size))
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .unreadable("zlib failed to start")
        }
        defer { inflateEnd(&stream) }
        let status: Int32 = input.withUnsafeBytes { source in
            output.withUnsafeMutableBytes { target in
                stream.next_in = UnsafeMutablePointer(mutating: source.bindMemory(to: Bytef.self).baseAddress)
                stream.avail_in = uInt(source.count)
                stream.next_out = target.bindMemory(to: Bytef.self).baseAddress
                stream.avail_out = uInt(target.count)
                return CZlib.inflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END, Int(stream.total_out) == size else { throw .unreadable("member \(name) does not inflate") }
        return output.prefix(size)
    }
}
