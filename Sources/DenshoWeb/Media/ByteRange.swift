import Foundation
/// A single byte range from a `Range` header (RFC 9110 §14), resolved against a file's size.
enum ByteRange: Equatable {
    /// Serve the whole file (no header, or one we ignore such as several ranges).
    case whole
    case partial(ClosedRange<Int>)
    /// 416: the range starts past the end.
    case unsatisfiable

    init(header: String?, size: Int) {
        guard let header, header.hasPrefix("bytes="), size >= 0 else { self = .whole; return }
        let spec = header.dropFirst(6).trimmingCharacters(in: .whitespaces)
        // Several ranges would need multipart/byteranges; the whole file is a valid answer (§14.2).
        guard !spec.contains(","), let dash = spec.firstIndex(of: "-") else { self = .whole; return }
        let first = spec[..<dash].trimmingCharacters(in: .whitespaces)
        let last = spec[spec.index(after: dash)...].trimmingCharacters(in: .whitespaces)
        if first.isEmpty {
            // Suffix range: the last N bytes.
            guard let count = Int(last), count > 0 else { self = size == 0 ? .unsatisfiable : .whole; return }
            guard size > 0 else { self = .unsatisfiable; return }
            self = .partial(max(0, size - count)...(size - 1))
            return
        }
        guard let start = Int(first), start >= 0 else { self = .whole; return }
        guard start < size else { self = .unsatisfiable; return }
        if last.isEmpty { self = .partial(start...(size - 1)); return }
        guard let end = Int(last), end >= start else { self = .whole; return }
        self = .partial(start...min(end, size - 1))
    }
}
