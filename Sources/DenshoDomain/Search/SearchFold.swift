import Foundation

/// The one folding behind the search index and every query, so what is indexed and what is typed meet.
///
/// `literal` is `TextFold.key` kept to letters and digits (full-width → half-width, half-width kana → full-width,
/// case, hiragana → katakana, 異体字), written scalar by scalar so that highlighting can say which original
/// scalars each folded one came from. `sound` goes further for readings: small kana, long vowels and the
/// spellings of one sound (ヂ/ジ, ヲ/オ) become one, so `ようせつ`, `ヨーセツ`, `yosetsu` and `yōsetsu` meet.
/// The original text is always what is shown; folds are for matching only.
///
/// Every search folds its candidates' titles and its hits' snippets, so the common scripts (ASCII, kana, kanji,
/// full- and half-width forms) take table look-ups; only other scalars ask Unicode's properties or Foundation.
public enum SearchFold {
    /// One folded scalar and the original scalars it came from (`from..<to`: two for `ｶﾞ` → `ガ`).
    public struct Folded: Sendable {
        public var scalar: Unicode.Scalar
        public var from: Int
        public var to: Int
    }

    /// The literal key of `text`: letters, digits and `ー`, folded as `TextFold.key` folds them.
    public static func literal(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var last: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            fold(scalar, after: last) { folded, replacesPrevious in
                if replacesPrevious { scalars.removeLast() }
                scalars.append(folded)
                last = folded
            }
        }
        return String(scalars)
    }

    /// The sound key of a reading (or of any text: kanji and Latin letters pass through as in `literal`).
    public static func sound(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var previousVowel: UInt8 = 0
        for scalar in literal(text).unicodeScalars {
            if let sound = soundOf(scalar, previousVowel: &previousVowel) { scalars.append(sound) }
        }
        return String(scalars)
    }

    /// `literal` of `scalars`, each folded scalar with the original scalars it came from.
    public static func literalMap(_ scalars: [Unicode.Scalar]) -> [Folded] {
        var map: [Folded] = []
        map.reserveCapacity(scalars.count)
        for (offset, scalar) in scalars.enumerated() {
            fold(scalar, after: map.last?.scalar) { folded, replacesPrevious in
                if replacesPrevious {
                    map[map.count - 1].scalar = folded
                    map[map.count - 1].to = offset + 1
                } else {
                    map.append(Folded(scalar: folded, from: offset, to: offset + 1))
                }
            }
        }
        return map
    }

    /// `sound` of a literal map, keeping the origins.
    public static func soundMap(_ literal: [Folded]) -> [Folded] {
        var map: [Folded] = []
        map.reserveCapacity(literal.count)
        var previousVowel: UInt8 = 0
        for entry in literal {
            if let sound = soundOf(entry.scalar, previousVowel: &previousVowel) {
                map.append(Folded(scalar: sound, from: entry.from, to: entry.to))
            } else if !map.isEmpty {
                map[map.count - 1].to = entry.to  // a lengthening kana belongs to the sound before it
            }
        }
        return map
    }

    /// Whether folded `key` holds `part`, compared as UTF-8 bytes (which for whole scalars is the same as comparing
    /// scalars, and avoids `String.contains`, which goes through Foundation on Linux and is slow in a loop).
    public static func contains(_ key: String, _ part: String) -> Bool {
        guard !part.isEmpty else { return true }
        var key = key
        var part = part
        return key.withUTF8 { haystack in part.withUTF8 { needle in contains(haystack, needle) } }
    }

    /// `contains` on bytes: for text read in place (a stored glossary) without making strings of it.
    ///
    /// Candidates are found by memchr on the needle's last byte: in Japanese text most lead bytes are alike (E3 for
    /// every kana), while a last byte is one of 64, so few places are compared whole.
    public static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !needle.isEmpty else { return true }
        guard needle.count <= haystack.count, let base = haystack.baseAddress, let pattern = needle.baseAddress else { return false }
        let last = Int32(needle[needle.count - 1])
        var end = needle.count - 1  // where the needle's last byte may be
        while end < haystack.count {
            guard let found = memchr(base + end, last, haystack.count - end) else { return false }
            end = UnsafeRawPointer(found) - UnsafeRawPointer(base)
            if memcmp(base + end - (needle.count - 1), pattern, needle.count) == 0 { return true }
            end += 1
        }
        return false
    }

    // MARK: - Literal

    /// Folds one scalar (`last` is the folded scalar before it, which a voicing mark joins); `emit`'s flag says the
    /// scalar replaces the one emitted before it (`ｶ` + `ﾞ` → `ガ`).
    @inline(__always)
    private static func fold(
        _ scalar: Unicode.Scalar, after last: Unicode.Scalar?, normalizing: Bool = true, _ emit: (Unicode.Scalar, Bool) -> Void
    ) {
        let value = scalar.value
        switch value {
        case 0x61...0x7A, 0x30...0x39: emit(scalar, false)
        case 0x41...0x5A: emit(Unicode.Scalar(value + 0x20)!, false)
        case 0x00...0x7F: return  // ASCII spaces and symbols
        case 0x3041...0x3096, 0x309D...0x309E: emit(TextFold.katakana(scalar), false)
        case 0x30A1...0x30FA, 0x30FC...0x30FF: emit(scalar, false)  // katakana, ー, ヽヾ
        case 0x3099, 0x309B, 0xFF9E: voice(last, by: 1, emit)  // the combining, spacing and half-width dakuten
        case 0x309A, 0x309C, 0xFF9F: voice(last, by: 2, emit)  // and handakuten
        case 0x3005...0x3007: emit(scalar, false)  // 々 〆 〇
        case 0x3000...0x30A0, 0x30FB: return  // ideographic space, punctuation, ・
        case 0x4E00...0x9FFF, 0x3400...0x4DBF: emit(variant(scalar), false)
        case 0xFF10...0xFF19, 0xFF41...0xFF5A: emit(Unicode.Scalar(value - 0xFEE0)!, false)  // ０-９, ａ-ｚ
        case 0xFF21...0xFF3A: emit(Unicode.Scalar(value - 0xFEE0 + 0x20)!, false)  // Ａ-Ｚ → a-z
        case 0xFF01...0xFF65: return  // other full-width ASCII and half-width punctuation
        case 0xFF66...0xFF9D: emit(halfWidthKana[Int(value - 0xFF66)], false)
        default:
            let properties = scalar.properties
            if normalizing, properties.changesWhenNFKCCaseFolded {
                // What NFKC and lowercasing make is folded once more by the tables, never normalized again.
                for folded in String(scalar).precomposedStringWithCompatibilityMapping.lowercased().unicodeScalars {
                    fold(folded, after: last, normalizing: false, emit)
                }
            } else if isLetterOrNumber(properties.generalCategory) {
                emit(variant(scalar), false)
            }
        }
    }

    /// Joins a voicing mark to the kana before it (`ｶﾞ` → `ガ`, `ﾊﾟ` → `パ`, `ｳﾞ` → `ヴ`); a stray mark is dropped.
    private static func voice(_ last: Unicode.Scalar?, by step: UInt32, _ emit: (Unicode.Scalar, Bool) -> Void) {
        guard let previous = last else { return }
        let value = previous.value
        if previous == "ウ", step == 1 {
            emit("ヴ", true)
        } else if step == 1, voiceable.contains(value) || halfVoiceable.contains(value) {
            emit(Unicode.Scalar(value + 1)!, true)
        } else if step == 2, halfVoiceable.contains(value) {
            emit(Unicode.Scalar(value + 2)!, true)
        }
    }

    /// カ…ト (voiced by +1) and ハ…ホ (voiced by +1, half-voiced by +2).
    private static let voiceable: Set<UInt32> = [
        0x30AB, 0x30AD, 0x30AF, 0x30B1, 0x30B3, 0x30B5, 0x30B7, 0x30B9, 0x30BB, 0x30BD, 0x30BF, 0x30C1, 0x30C4, 0x30C6, 0x30C8,
    ]
    private static let halfVoiceable: Set<UInt32> = [0x30CF, 0x30D2, 0x30D5, 0x30D8, 0x30DB]

    private static func isLetterOrNumber(_ category: Unicode.GeneralCategory) -> Bool {
        switch category {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .decimalNumber, .letterNumber, .otherNumber:
            true
        default:
            false
        }
    }

    /// `TextFold.variants` as sorted arrays: a binary search is cheaper than hashing every kanji of every snippet.
    private static let variantKeys: [UInt32] = TextFold.variants.keys.map(\.value).sorted()
    private static let variantValues: [Unicode.Scalar] = variantKeys.map { TextFold.variants[Unicode.Scalar($0)!]! }

    @inline(__always)
    private static func variant(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let value = scalar.value
        var low = 0
        var high = variantKeys.count
        while low < high {
            let middle = (low + high) / 2
            if variantKeys[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low < variantKeys.count && variantKeys[low] == value ? variantValues[low] : scalar
    }

    /// U+FF66…U+FF9D in full width.
    private static let halfWidthKana: [Unicode.Scalar] = Array(
        "ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン".unicodeScalars)

    // MARK: - Sound

    /// The sound of `scalar` after the ones before it, or nil when it only lengthens them.
    @inline(__always)
    private static func soundOf(_ scalar: Unicode.Scalar, previousVowel: inout UInt8) -> Unicode.Scalar? {
        let value = scalar.value
        guard (0x30A0...0x30FF).contains(value) else {
            previousVowel = 0
            return scalar
        }
        let index = Int(value - 0x30A0)
        let sound = katakanaSound[index]
        let vowel = katakanaVowel[Int(sound.value - 0x30A0)]
        if vowel == longMark { return nil }  // a long vowel: yōsetsu, yousetsu and yosetsu meet
        if previousVowel != 0, let pure = pureVowel(sound), lengthens(previousVowel, pure) { return nil }
        previousVowel = vowel
        return sound
    }

    private static let (a, i, u, e, o, n, longMark): (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (1, 2, 3, 4, 5, 6, 7)

    /// A vowel kana that only lengthens the one before it: ア after the a-row, イ after i and e, ウ after u and o,
    /// エ after e, オ after o (`ヨウ`, `ヨオ`, `ヨー` → `ヨ`; `ケイ` → `ケ`).
    private static func lengthens(_ previous: UInt8, _ vowel: UInt8) -> Bool {
        switch (previous, vowel) {
        case (a, a), (i, i), (e, i), (u, u), (o, u), (e, e), (o, o): true
        default: false
        }
    }

    private static func pureVowel(_ scalar: Unicode.Scalar) -> UInt8? {
        switch scalar {
        case "ア": a
        case "イ": i
        case "ウ": u
        case "エ": e
        case "オ": o
        default: nil
        }
    }

    /// Katakana U+30A0…U+30FF with small kana and old or rare spellings folded to the one sound people type.
    private static let katakanaSound: [Unicode.Scalar] = {
        var table = (0x30A0...0x30FF).map { Unicode.Scalar($0)! }
        let pairs = zip("ァィゥェォッャュョヮヵヶヂヅヲヰヱヴ".unicodeScalars, "アイウエオツヤユヨワカケジズオイエブ".unicodeScalars)
        for (from, to) in pairs { table[Int(from.value - 0x30A0)] = to }
        return table
    }()

    /// The vowel each katakana (after `katakanaSound`) ends in; `ー` is the long mark, others 0.
    private static let katakanaVowel: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 0x60)
        let rows: [(UInt8, String)] = [
            (a, "アカガサザタダナハバパマヤラワ"), (i, "イキギシジチニヒビピミリ"), (u, "ウクグスズツヌフブプムユル"),
            (e, "エケゲセゼテデネヘベペメレ"), (o, "オコゴソゾトドノホボポモヨロ"), (n, "ン"), (longMark, "ー"),
        ]
        for (vowel, kana) in rows { for scalar in kana.unicodeScalars { table[Int(scalar.value - 0x30A0)] = vowel } }
        return table
    }()
}
