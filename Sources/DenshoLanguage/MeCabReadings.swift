import CMeCab
import DenshoDomain
import Foundation

/// Readings from MeCab with the IPAdic dictionary Debian ships (`mecab-ipadic-utf8`).
///
/// The dictionary is loaded once per process (`shared`) and memory-mapped, so every connection and thread shares
/// it; each analysis borrows a tagger and lattice from a small pool, as MeCab's taggers are not thread-safe but
/// its model is. Names written with 異体字 (`髙橋`) are analysed in their everyday form so the dictionary knows
/// them, and reported with their surface as written.
public final class MeCabReadings: ReadingAnalyzer, @unchecked Sendable {
    /// The analyser of this process, or nil when no dictionary is installed.
    public static let shared: MeCabReadings? = try? MeCabReadings()

    /// MeCab where installed, otherwise readings of kana only.
    public static var analyzer: any ReadingAnalyzer { shared ?? KanaReadings() }

    private let model: OpaquePointer
    private let lock = NSLock()
    private var idle: [(tagger: OpaquePointer, lattice: OpaquePointer)] = []

    /// Loads the dictionary named by `/etc/mecabrc` (or by `arguments`, MeCab's own options such as `-d DIR`).
    public init(arguments: String = "") throws(LanguageError) {
        guard let model = mecab_model_new2(arguments) else {
            throw .dictionaryMissing(String(cString: mecab_strerror(nil)))
        }
        self.model = model
    }

    deinit {
        for pair in idle {
            mecab_lattice_destroy(pair.lattice)
            mecab_destroy(pair.tagger)
        }
        mecab_model_destroy(model)
    }

    public func segments(of text: String) -> [ReadingSegment] {
        guard !text.isEmpty else { return [] }
        let original = Array(text.utf8)
        let everyday = Array(String(String.UnicodeScalarView(text.unicodeScalars.map { TextFold.variants[$0] ?? $0 })).utf8)
        // Every 異体字 pair is three UTF-8 bytes on both sides, so byte offsets agree; if not, analyse as written.
        let analysed = everyday.count == original.count ? everyday : original
        var segments: [ReadingSegment] = []
        // One line at a time keeps lattices small however long a manual is.
        var lineStart = 0
        while lineStart < analysed.count {
            var lineEnd = analysed[lineStart...].firstIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? analysed.count
            lineEnd = min(lineEnd, lineStart + Self.maxLineBytes)
            while lineEnd < analysed.count, lineEnd > lineStart, analysed[lineEnd] & 0xC0 == 0x80 { lineEnd -= 1 }
            analyse(analysed, original: original, range: lineStart..<lineEnd, into: &segments)
            lineStart = lineEnd
        }
        return segments
    }

    /// MeCab's lattice grows with its input: longer lines are analysed in pieces.
    static let maxLineBytes = 16_384

    private func analyse(_ bytes: [UInt8], original: [UInt8], range: Range<Int>, into segments: inout [ReadingSegment]) {
        func text(_ range: Range<Int>) -> String { String(decoding: original[range], as: UTF8.self) }
        let pair = borrow()
        defer { giveBack(pair) }
        var position = range.lowerBound
        bytes.withUnsafeBufferPointer { buffer in
            let base = UnsafeRawPointer(buffer.baseAddress!)
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { characters in
                mecab_lattice_set_sentence2(pair.lattice, characters + range.lowerBound, range.count)
            }
            guard mecab_parse_lattice(pair.tagger, pair.lattice) != 0 else { return }
            var node = mecab_lattice_get_bos_node(pair.lattice)
            while let current = node {
                defer { node = current.pointee.next }
                let stat = Int32(current.pointee.stat)
                guard stat != MECAB_BOS_NODE, stat != MECAB_EOS_NODE, current.pointee.length > 0,
                    let surface = current.pointee.surface
                else { continue }
                let start = UnsafeRawPointer(surface) - base
                let end = start + Int(current.pointee.length)
                guard start >= position, end <= range.upperBound else { continue }
                if start > position {  // spaces MeCab stepped over
                    let gap = text(position..<start)
                    segments.append(ReadingSegment(surface: gap, reading: gap))
                }
                let word = text(start..<end)
                segments.append(ReadingSegment(surface: word, reading: Self.reading(current.pointee.feature) ?? word))
                position = end
            }
        }
        if position < range.upperBound {
            let rest = text(position..<range.upperBound)
            segments.append(ReadingSegment(surface: rest, reading: rest))
        }
    }

    /// The eighth field of an IPAdic feature (`名詞,一般,*,*,*,*,旋盤,センバン,センバン` → `センバン`); unknown words have none.
    private static func reading(_ feature: UnsafePointer<CChar>?) -> String? {
        guard var cursor = feature else { return nil }
        var commas = 0
        while commas < 7 {
            guard cursor.pointee != 0 else { return nil }
            if cursor.pointee == 0x2C { commas += 1 }
            cursor += 1
        }
        var end = cursor
        while end.pointee != 0, end.pointee != 0x2C { end += 1 }
        guard end > cursor, !(end - cursor == 1 && cursor.pointee == 0x2A) else { return nil }  // "*": no reading
        return String(decoding: UnsafeRawBufferPointer(start: cursor, count: end - cursor), as: UTF8.self)
    }

    private func borrow() -> (tagger: OpaquePointer, lattice: OpaquePointer) {
        lock.lock()
        if let pair = idle.popLast() {
            lock.unlock()
            return pair
        }
        lock.unlock()
        return (mecab_model_new_tagger(model), mecab_model_new_lattice(model))
    }

    private func giveBack(_ pair: (tagger: OpaquePointer, lattice: OpaquePointer)) {
        lock.lock()
        idle.append(pair)
        lock.unlock()
    }
}

/// Why readings cannot be had.
public enum LanguageError: Error, CustomStringConvertible {
    case dictionaryMissing(String)

    public var description: String {
        switch self {
        case .dictionaryMissing(let why):
            "MeCab could not load its dictionary (\(why)): install mecab-ipadic-utf8 (scripts/install-deps.sh)"
        }
    }
}
