import Foundation

/// Romaji typed into a search box, read as katakana.
///
/// Readings are stored in katakana, but foreign staff search by sound in Latin letters (`takahashi`, `senban`,
/// `yōsetsu`), spelt the way they learnt: Hepburn, Kunrei, passport (`ohno`) or keyboard (`xtu`, `nn`). Search
/// turns such a query into katakana and compares it as a reading, so `takahasi` finds `タカハシ`. A query that is
/// not romaji (`nc`, `mig2`) gives nil and is searched only as typed.
public enum Romaji {
    /// The katakana of `text` read as romaji, or nil when `text` is not romaji (contains digits, symbols
    /// other than an apostrophe/hyphen, or letters left over that no syllable takes, e.g. "nc", "tig", "xyz").
    ///
    /// Any case. `ā` / `â` (every vowel) and a hyphen after a vowel are the long-vowel mark (`yōsetsu` → `ヨーセツ`,
    /// `ro-ra-` → `ローラー`); `ou` and `oo` stay as spelt (`yousetsu` → `ヨウセツ`); `oh` before a consonant or
    /// at the end is `オー` (`ohno` → `オーノ`). `n` before a consonant, an apostrophe or the end is `ン`, as is
    /// `m` before b/m/p (`shimbun`); a doubled consonant or `tch` is `ッ` (`kitte`, `matcha`).
    public static func katakana(_ text: String) -> String? {
        guard let letters = bytes(text), !letters.isEmpty else { return nil }
        let count = letters.count
        func at(_ j: Int) -> UInt8 { j < count ? letters[j] : 0 }
        var kana = ""
        kana.reserveCapacity(count * 3)
        var i = 0
        while i < count {
            let c = letters[i], next = at(i + 1)
            if c == Byte.dash {
                // The long-vowel mark: after a vowel (or another mark), never before an apostrophe.
                guard i > 0, isVowel(letters[i - 1]) || letters[i - 1] == Byte.dash, next != Byte.apostrophe else { return nil }
                kana += "ー"
                i += 1
                continue
            }
            if c == Byte.n && !isVowel(next) && next != Byte.y {
                // Syllabic n. `n'` and `nn` before a consonant or the end are one ン; `nna` is ンナ.
                kana += "ン"
                if next == Byte.apostrophe || (next == Byte.n && !isVowel(at(i + 2)) && at(i + 2) != Byte.y) {
                    i += 2
                } else {
                    i += 1
                }
                continue
            }
            if c == Byte.m && (next == Byte.b || next == Byte.m || next == Byte.p) {
                kana += "ン"
                i += 1
                continue
            }
            if (c == next && isConsonant(c)) || (c == Byte.t && next == Byte.c && at(i + 2) == Byte.h) {
                kana += "ッ"
                i += 1
                continue
            }
            // Greedy longest match: the key of length L is the top L bytes of the longest window.
            let window = min(longestKey, count - i)
            var packed: UInt32 = 0
            for j in i..<(i + window) { packed = packed << 8 | UInt32(letters[j]) }
            var length = window
            var syllable: String?
            while length > 0 {
                if let found = table[packed >> (8 * UInt32(window - length))] {
                    syllable = found
                    break
                }
                length -= 1
            }
            guard let syllable else { return nil }
            kana += syllable
            i += length
            // Passport Hepburn writes ō as "oh" when the h starts no syllable: "ohno", "satoh".
            if letters[i - 1] == Byte.o && at(i) == Byte.h && (i + 1 == count || isConsonant(letters[i + 1])) {
                kana += "ー"
                i += 1
            }
        }
        return kana
    }

    /// Every syllable as typed, each spelling listed: Hepburn, Nihon/Kunrei-shiki and keyboard (wāpuro) input.
    /// Keys are 1–4 lowercase letters; syllabic ン, ッ and the long-vowel mark are handled in `katakana`.
    static let syllables: [String: String] = [
        "a": "ア", "i": "イ", "u": "ウ", "e": "エ", "o": "オ",
        // K, G
        "ka": "カ", "ki": "キ", "ku": "ク", "ke": "ケ", "ko": "コ", "kya": "キャ", "kyu": "キュ", "kyo": "キョ",
        "ga": "ガ", "gi": "ギ", "gu": "グ", "ge": "ゲ", "go": "ゴ", "gya": "ギャ", "gyu": "ギュ", "gyo": "ギョ",
        // S, Z
        "sa": "サ", "shi": "シ", "si": "シ", "su": "ス", "se": "セ", "so": "ソ",
        "sha": "シャ", "sya": "シャ", "shu": "シュ", "syu": "シュ", "sho": "ショ", "syo": "ショ", "she": "シェ", "sye": "シェ",
        "za": "ザ", "ji": "ジ", "zi": "ジ", "zu": "ズ", "ze": "ゼ", "zo": "ゾ",
        "ja": "ジャ", "zya": "ジャ", "jya": "ジャ", "ju": "ジュ", "zyu": "ジュ", "jyu": "ジュ",
        "jo": "ジョ", "zyo": "ジョ", "jyo": "ジョ", "je": "ジェ", "zye": "ジェ", "jye": "ジェ",
        // T, D (Kunrei ti/di are チ/ヂ; ティ/ディ are thi/dhi)
        "ta": "タ", "chi": "チ", "ti": "チ", "tsu": "ツ", "tu": "ツ", "te": "テ", "to": "ト",
        "cha": "チャ", "tya": "チャ", "cya": "チャ", "chu": "チュ", "tyu": "チュ", "cyu": "チュ",
        "cho": "チョ", "tyo": "チョ", "cyo": "チョ", "che": "チェ", "tye": "チェ",
        "tsa": "ツァ", "tsi": "ツィ", "tse": "ツェ", "tso": "ツォ", "thi": "ティ", "thu": "テュ",
        "da": "ダ", "di": "ヂ", "du": "ヅ", "de": "デ", "do": "ド", "dya": "ヂャ", "dyu": "ヂュ", "dyo": "ヂョ",
        "dhi": "ディ", "dhu": "デュ",
        // N (syllabic ン is not in the table)
        "na": "ナ", "ni": "ニ", "nu": "ヌ", "ne": "ネ", "no": "ノ", "nya": "ニャ", "nyu": "ニュ", "nyo": "ニョ",
        // H, F, B, P
        "ha": "ハ", "hi": "ヒ", "fu": "フ", "hu": "フ", "he": "ヘ", "ho": "ホ", "hya": "ヒャ", "hyu": "ヒュ", "hyo": "ヒョ",
        "fa": "ファ", "fi": "フィ", "fe": "フェ", "fo": "フォ", "fyu": "フュ",
        "ba": "バ", "bi": "ビ", "bu": "ブ", "be": "ベ", "bo": "ボ", "bya": "ビャ", "byu": "ビュ", "byo": "ビョ",
        "pa": "パ", "pi": "ピ", "pu": "プ", "pe": "ペ", "po": "ポ", "pya": "ピャ", "pyu": "ピュ", "pyo": "ピョ",
        // M, Y, R, W, V
        "ma": "マ", "mi": "ミ", "mu": "ム", "me": "メ", "mo": "モ", "mya": "ミャ", "myu": "ミュ", "myo": "ミョ",
        "ya": "ヤ", "yu": "ユ", "yo": "ヨ", "ye": "イェ",
        "ra": "ラ", "ri": "リ", "ru": "ル", "re": "レ", "ro": "ロ", "rya": "リャ", "ryu": "リュ", "ryo": "リョ",
        "wa": "ワ", "wi": "ウィ", "we": "ウェ", "wo": "ヲ",
        "va": "ヴァ", "vi": "ヴィ", "vu": "ヴ", "ve": "ヴェ", "vo": "ヴォ",
        // Small kana, typed with x or l
        "xa": "ァ", "xi": "ィ", "xu": "ゥ", "xe": "ェ", "xo": "ォ", "la": "ァ", "li": "ィ", "lu": "ゥ", "le": "ェ", "lo": "ォ",
        "xya": "ャ", "xyu": "ュ", "xyo": "ョ", "lya": "ャ", "lyu": "ュ", "lyo": "ョ",
        "xtu": "ッ", "xtsu": "ッ", "ltu": "ッ", "ltsu": "ッ", "xwa": "ヮ", "lwa": "ヮ",
        "xka": "ヵ", "xke": "ヶ", "lka": "ヵ", "lke": "ヶ",
    ]

    /// `syllables` keyed by the key's bytes packed into a UInt32, first letter highest: no String per lookup.
    private static let table: [UInt32: String] = Dictionary(
        uniqueKeysWithValues: syllables.map { key, kana in (pack(key), kana) }
    )
    private static func pack(_ key: String) -> UInt32 { key.utf8.reduce(UInt32(0)) { $0 << 8 | UInt32($1) } }
    private static let longestKey = 4

    /// Vowels with a macron or circumflex, either case, as the plain vowel (a long-vowel mark follows it).
    private static let longVowels: [Unicode.Scalar: UInt8] = [
        "ā": Byte.a, "ī": Byte.i, "ū": Byte.u, "ē": Byte.e, "ō": Byte.o,
        "Ā": Byte.a, "Ī": Byte.i, "Ū": Byte.u, "Ē": Byte.e, "Ō": Byte.o,
        "â": Byte.a, "î": Byte.i, "û": Byte.u, "ê": Byte.e, "ô": Byte.o,
        "Â": Byte.a, "Î": Byte.i, "Û": Byte.u, "Ê": Byte.e, "Ô": Byte.o,
    ]

    /// `text` as lowercase ASCII bytes, a long vowel as its vowel and `-`, or nil at any other character.
    /// The typographic apostrophe `’` (what phones and macOS type for `'`) and the Unicode hyphens count too.
    private static func bytes(_ text: String) -> [UInt8]? {
        // NFC, so a vowel followed by a combining macron (U+0304) or circumflex (U+0302) is one scalar.
        let source = text.utf8.allSatisfy { $0 < 0x80 } ? text : text.precomposedStringWithCanonicalMapping
        var letters: [UInt8] = []
        letters.reserveCapacity(source.utf8.count)
        for scalar in source.unicodeScalars {
            switch scalar {
            case "a"..."z": letters.append(UInt8(scalar.value))
            case "A"..."Z": letters.append(UInt8(scalar.value) + 32)
            case "'", "\u{2019}": letters.append(Byte.apostrophe)
            case "-", "\u{2010}", "\u{2011}": letters.append(Byte.dash)
            default:
                guard let vowel = longVowels[scalar] else { return nil }
                letters.append(vowel)
                letters.append(Byte.dash)
            }
        }
        return letters
    }

    private static func isVowel(_ byte: UInt8) -> Bool {
        byte == Byte.a || byte == Byte.i || byte == Byte.u || byte == Byte.e || byte == Byte.o
    }

    private static func isConsonant(_ byte: UInt8) -> Bool {
        (Byte.a...Byte.z).contains(byte) && !isVowel(byte)
    }

    private enum Byte {
        static let a = UInt8(ascii: "a"), i = UInt8(ascii: "i"), u = UInt8(ascii: "u"), e = UInt8(ascii: "e")
        static let o = UInt8(ascii: "o"), z = UInt8(ascii: "z"), b = UInt8(ascii: "b"), c = UInt8(ascii: "c")
        static let h = UInt8(ascii: "h"), m = UInt8(ascii: "m"), n = UInt8(ascii: "n"), p = UInt8(ascii: "p")
        static let t = UInt8(ascii: "t"), y = UInt8(ascii: "y")
        static let apostrophe = UInt8(ascii: "'"), dash = UInt8(ascii: "-")
    }
}
