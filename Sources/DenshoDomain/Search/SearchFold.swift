import Foundation

/// The one folding behind the search index and every query, so what is indexed and what is typed meet.
///
/// `literal` is `TextFold.key` kept to letters and digits (full-width → half-width, half-width kana → full-width,
/// case, hiragana → katakana, 異体字), written scalar by scalar so that highlighting can say which original
/// character each folded one came from. `sound` goes further for readings: small kana, long vowels and the
/// spellings of one sound (ヂ/ジ, ヲ/オ) become one, so `ようせつ`, `ヨーセツ`, `yosetsu` and `yōsetsu` meet.
/// The original text is always what is shown; folds are for matching only.
public enum SearchFold {
    /// The literal key of `text`: letters, digits and `ー`, folded as `TextFold.key` folds them.
    public static func literal(_ text: String) -> String {
        var scalars: [Unicode.Scalar] = []
        fold(text) { scalar, replacesPrevious in
            if replacesPrevious, !scalars.isEmpty { scalars[scalars.count - 1] = scalar } else { scalars.append(scalar) }
        }
        return String(String.UnicodeScalarView(scalars))
    }

    /// The sound key of a reading (or of any text: kanji and Latin letters pass through as in `literal`).
    public static func sound(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var previousVowel: Character?
        for scalar in literal(text).unicodeScalars {
            if let sound = soundOf(scalar, previousVowel: &previousVowel) { scalars.append(sound) }
        }
        return String(scalars)
    }

    /// `literal(text)` with, for each folded scalar, the offset of the character of `text` it came from.
    public static func literalMap(_ characters: [Character]) -> [(scalar: Unicode.Scalar, origin: Int)] {
        var map: [(scalar: Unicode.Scalar, origin: Int)] = []
        map.reserveCapacity(characters.count)
        for (offset, character) in characters.enumerated() {
            fold(character.unicodeScalars) { scalar, replacesPrevious in
                if replacesPrevious, !map.isEmpty { map[map.count - 1].scalar = scalar } else { map.append((scalar, offset)) }
            }
        }
        return map
    }

    /// `sound` of a literal map, keeping the origins.
    public static func soundMap(_ literal: [(scalar: Unicode.Scalar, origin: Int)]) -> [(scalar: Unicode.Scalar, origin: Int)] {
        var map: [(scalar: Unicode.Scalar, origin: Int)] = []
        map.reserveCapacity(literal.count)
        var previousVowel: Character?
        for entry in literal {
            if let sound = soundOf(entry.scalar, previousVowel: &previousVowel) { map.append((sound, entry.origin)) }
        }
        return map
    }

    /// Whether folded `key` holds `part`, compared as UTF-8 bytes (which for whole scalars is the same as comparing
    /// scalars, and avoids `String.contains`, which goes through Foundation on Linux and is slow in a loop).
    public static func contains(_ key: String, _ part: String) -> Bool {
        guard !part.isEmpty else { return true }
        var key = key
        var part = part
        return key.withUTF8 { haystack in
            part.withUTF8 { needle in
                guard needle.count <= haystack.count else { return false }
                let first = needle[0]
                var start = 0
                while start + needle.count <= haystack.count {
                    if haystack[start] == first, memcmp(haystack.baseAddress! + start, needle.baseAddress!, needle.count) == 0 { return true }
                    start += 1
                }
                return false
            }
        }
    }

    // MARK: - Literal

    private static func fold(_ text: String, _ emit: (Unicode.Scalar, Bool) -> Void) {
        fold(text.unicodeScalars, emit)
    }

    /// Folds scalars one at a time; `emit`'s flag says the scalar replaces the one emitted before it (a voicing mark
    /// joined to its kana).
    private static func fold(_ scalars: some Sequence<Unicode.Scalar>, _ emit: (Unicode.Scalar, Bool) -> Void) {
        var last: Unicode.Scalar?
        func out(_ scalar: Unicode.Scalar) {
            let folded = TextFold.variants[scalar] ?? TextFold.katakana(scalar)
            guard isKept(folded) else { return }
            emit(folded, false)
            last = folded
        }
        for scalar in scalars {
            let value = scalar.value
            switch value {
            case 0x41...0x5A: out(Unicode.Scalar(value + 0x20)!)
            case 0x00...0x7F: out(scalar)
            case 0xFF21...0xFF3A: out(Unicode.Scalar(value - 0xFEE0 + 0x20)!)  // Ａ-Ｚ → a-z
            case 0xFF01...0xFF5E: out(Unicode.Scalar(value - 0xFEE0)!)  // other full-width ASCII
            case 0xFF61...0xFF9D: out(halfWidthKana[Int(value - 0xFF61)])
            case 0xFF9E, 0x3099, 0x309B: voice(&last, by: 1, emit)  // ﾞ and the combining / spacing dakuten
            case 0xFF9F, 0x309A, 0x309C: voice(&last, by: 2, emit)  // ﾟ and the combining / spacing handakuten
            case 0x3041...0x30FF, 0x4E00...0x9FFF, 0x3400...0x4DBF: out(scalar)  // kana and ideographs: the fast path
            default:
                let properties = scalar.properties
                if properties.changesWhenNFKCCaseFolded {
                    for folded in String(scalar).precomposedStringWithCompatibilityMapping.lowercased().unicodeScalars {
                        out(folded)
                    }
                } else {
                    out(scalar)
                }
            }
        }
    }

    /// Joins a voicing mark to the kana before it (`ｶﾞ` → `ガ`, `ﾊﾟ` → `パ`, `ｳﾞ` → `ヴ`); a stray mark is dropped.
    private static func voice(_ last: inout Unicode.Scalar?, by step: UInt32, _ emit: (Unicode.Scalar, Bool) -> Void) {
        guard let previous = last else { return }
        let voiced: Unicode.Scalar?
        if previous == "ウ", step == 1 {
            voiced = "ヴ"
        } else if step == 1, voiceable.contains(previous.value) || semiVoiceable.contains(previous.value) {
            voiced = Unicode.Scalar(previous.value + 1)
        } else if step == 2, semiVoiceable.contains(previous.value) {
            voiced = Unicode.Scalar(previous.value + 2)
        } else {
            voiced = nil
        }
        guard let voiced else { return }
        emit(voiced, true)
        last = voiced
    }

    private static func isKept(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .decimalNumber, .letterNumber, .otherNumber:
            true
        default:
            false
        }
    }

    /// U+FF61…U+FF9D in full width.
    private static let halfWidthKana: [Unicode.Scalar] = Array(
        "。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン".unicodeScalars)
    /// カ…ト (voiced by +1).
    private static let voiceable: Set<UInt32> = [
        0x30AB, 0x30AD, 0x30AF, 0x30B1, 0x30B3, 0x30B5, 0x30B7, 0x30B9, 0x30BB, 0x30BD, 0x30BF, 0x30C1, 0x30C4, 0x30C6, 0x30C8,
    ]
    /// ハ…ホ (voiced by +1, half-voiced by +2).
    private static let semiVoiceable: Set<UInt32> = [0x30CF, 0x30D2, 0x30D5, 0x30D8, 0x30DB]

    // MARK: - Sound

    /// The sound of `scalar` after the ones before it, or nil when it only lengthens them.
    private static func soundOf(_ scalar: Unicode.Scalar, previousVowel: inout Character?) -> Unicode.Scalar? {
        let sound = soundTable[scalar] ?? scalar
        guard let vowel = vowelOf[sound] else {
            previousVowel = nil
            return sound
        }
        if sound == "ー" { return nil }  // a long vowel: yōsetsu, yousetsu and yosetsu meet
        if let previous = previousVowel, let pure = pureVowel[sound], repeats(previous, pure) { return nil }
        previousVowel = vowel
        return sound
    }

    /// A vowel kana that only lengthens the one before it: ア after the a-row, イ after i and e, ウ after u and o,
    /// エ after e, オ after o (`ヨウ`, `ヨオ`, `ヨー` → `ヨ`; `ケイ` → `ケ`).
    private static func repeats(_ previous: Character, _ sound: Character) -> Bool {
        switch (previous, sound) {
        case ("a", "a"), ("i", "i"), ("e", "i"), ("u", "u"), ("o", "u"), ("e", "e"), ("o", "o"): return true
        default: return false
        }
    }

    /// Small kana and old or rare spellings folded to the one sound people type.
    private static let soundTable: [Unicode.Scalar: Unicode.Scalar] = {
        var table: [Unicode.Scalar: Unicode.Scalar] = [:]
        for (small, large) in zip("ァィゥェォッャュョヮヵヶ".unicodeScalars, "アイウエオツヤユヨワカケ".unicodeScalars) { table[small] = large }
        for (rare, common) in zip("ヂヅヲヰヱヴ".unicodeScalars, "ジズオイエブ".unicodeScalars) { table[rare] = common }
        return table
    }()

    /// The vowel each katakana ends in (after `soundTable`), and `ー` marked as lengthening.
    private static let vowelOf: [Unicode.Scalar: Character] = {
        var table: [Unicode.Scalar: Character] = ["ー": "-"]
        let rows: [(Character, String)] = [
            ("a", "アカガサザタダナハバパマヤラワ"), ("i", "イキギシジチニヒビピミリ"), ("u", "ウクグスズツヌフブプムユル"),
            ("e", "エケゲセゼテデネヘベペメレ"), ("o", "オコゴソゾトドノホボポモヨロ"), ("n", "ン"),
        ]
        for (vowel, kana) in rows { for scalar in kana.unicodeScalars { table[scalar] = vowel } }
        return table
    }()

    /// The bare vowel kana, which are the ones that can lengthen.
    private static let pureVowel: [Unicode.Scalar: Character] = ["ア": "a", "イ": "i", "ウ": "u", "エ": "e", "オ": "o"]
}
