import CFFmpeg
import DenshoMedia

/// Reading strings libav hands back: entries of an `AVDictionary`, and NUL-terminated buffers it fills.
enum CStrings {
    /// The value stored under `key` in a libav dictionary (frame or container metadata), if any.
    static func value(_ dictionary: OpaquePointer?, _ key: String) -> String? {
        guard let entry = av_dict_get(dictionary, key, nil, 0), let value = entry.pointee.value else { return nil }
        return String(cString: value)
    }

    /// Calls `fill` with a zeroed buffer of `capacity` bytes and returns what it wrote up to the first NUL.
    static func filled(capacity: Int = 256, _ fill: (UnsafeMutablePointer<CChar>, Int) -> Void) -> String {
        var buffer = [CChar](repeating: 0, count: capacity)
        buffer.withUnsafeMutableBufferPointer { fill($0.baseAddress!, capacity - 1) }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
