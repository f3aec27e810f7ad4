import Foundation

/// One folding for comparing names, readings and skill names the way people type them.
///
/// The same person is `髙橋　一郎` in the payroll export, `高橋一郎` in a search box and `ﾀｶﾊｼ` or `たかはし` as a
/// reading; a skill is `ＮＣ旋盤` in one file and `nc旋盤` in another. Lookups, "did you mean …?" suggestions,
/// search and CSV headers compare `key`s, never the raw text, so every place agrees on what counts as the same.
/// A key is for comparing only: it is never shown or stored.
public enum TextFold {
    /// The comparison key of `text`, built in this order:
    ///
    /// 1. NFKC: full-width ASCII becomes half-width (`ＮＣ１` → `NC1`), half-width katakana becomes full-width with
    ///    its voicing mark combined (`ｶﾞｯｺｳ` → `ガッコウ`), `㈱` → `(株)`, compatibility ideographs (`祐`) → standard.
    /// 2. Lowercase (`NC` → `nc`).
    /// 3. All whitespace removed, the ideographic space U+3000 included (`佐藤　太郎` → `佐藤太郎`).
    /// 4. Hiragana folded to katakana (`さとう` → `サトウ`), so readings match however the IME left them.
    /// 5. A dash after kana, and followed by kana or the end of the text, becomes the long-vowel mark `ー`
    ///    (`ロ-ラ-` and `ロ—ラ―` → `ローラー`). Dashes elsewhere stay, so codes such as `M-01` keep their hyphen.
    /// 6. Common 異体字 in family names folded to the everyday form (`髙` → `高`, `﨑` → `崎`): see `variants`.
    public static func key(_ text: String) -> String {
        let normalized = text.utf8.allSatisfy { $0 < 0x80 } ? text : text.precomposedStringWithCompatibilityMapping
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(normalized.unicodeScalars.count)
        for scalar in normalized.lowercased().unicodeScalars where !scalar.properties.isWhitespace {
            scalars.append(variants[scalar] ?? katakana(scalar))
        }
        for i in scalars.indices where dashes.contains(scalars[i]) && i > 0 && isKana(scalars[i - 1]) {
            if i + 1 == scalars.count || isKana(scalars[i + 1]) || dashes.contains(scalars[i + 1]) {
                scalars[i] = longVowel
            }
        }
        return String(String.UnicodeScalarView(scalars))
    }

    /// The key of a reading (フリガナ / ふりがな / ﾌﾘｶﾞﾅ): the same folding as `key`, named for the call sites that
    /// compare readings, so `ｻﾄｳ`, `さとう` and `サトウ` are one reading.
    public static func readingKey(_ text: String) -> String { key(text) }

    /// 異体字 (old or variant forms) common in Japanese family and given names, folded to the form people type.
    /// Someone registered as `髙橋` or `渡邉` is found by `高橋` or `渡辺`. The one table for the whole product:
    /// add a pair here, not at a call site. `祐` (U+FA4F) is already folded by NFKC; it is listed so the table
    /// reads as the complete list people ask about.
    public static let variants: [Unicode.Scalar: Unicode.Scalar] = [
        "髙": "高", "﨑": "崎", "嵜": "崎", "邊": "辺", "邉": "辺", "齋": "斎", "齊": "斎", "澤": "沢",
        "濱": "浜", "濵": "浜", "廣": "広", "嶋": "島", "嶌": "島", "槇": "槙", "德": "徳", "藏": "蔵",
        "國": "国", "櫻": "桜", "瀨": "瀬", "冨": "富", "眞": "真", "實": "実", "惠": "恵", "\u{FA4F}": "祐",
        "靜": "静", "壽": "寿", "峯": "峰", "增": "増", "關": "関", "淺": "浅", "榮": "栄", "曾": "曽",
    ]

    /// The long-vowel mark and the dashes typed in its place: hyphen-minus (also what NFKC makes of `－`),
    /// hyphen U+2010, non-breaking hyphen U+2011, en dash, em dash, horizontal bar, minus sign and `ー` itself
    /// (NFKC already turned half-width `ｰ` into `ー`).
    static let dashes: Set<Unicode.Scalar> = ["-", "\u{2010}", "\u{2011}", "\u{2013}", "\u{2014}", "\u{2015}", "\u{2212}", "ー"]
    static let longVowel: Unicode.Scalar = "ー"

    /// Hiragana ぁ…ゖ and the iteration marks ゝゞ as the katakana of the same sound; anything else unchanged.
    static func katakana(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0x3041...0x3096, 0x309D...0x309E: Unicode.Scalar(scalar.value + 0x60)!
        default: scalar
        }
    }

    /// Katakana letters (after hiragana was folded), the long-vowel mark and the iteration marks.
    static func isKana(_ scalar: Unicode.Scalar) -> Bool {
        (0x30A1...0x30FA).contains(scalar.value) || (0x30FC...0x30FE).contains(scalar.value)
    }
}
