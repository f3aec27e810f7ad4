import Foundation

/// 氏名 and フリガナ as a roster keeps them, from whatever a payroll export or a form sent.
///
/// Payroll systems pad names to fixed widths (`佐藤　　太郎`) and many still write readings in half-width katakana
/// (`ｻﾄｳ ﾀﾛｳ`), a leftover of single-byte terminals. Stored as they came, the same person would print and sort
/// differently depending on the file they arrived in. Only those two things are changed: the space a company puts
/// between family and given name (ASCII or full-width) is theirs to choose and is kept.
public enum RosterText {
    /// `text` trimmed, with each run of inner spaces made one: `U+3000` when the run has one (`佐藤　　太郎` →
    /// `佐藤　太郎`), else one ASCII space (`Jane  Doe` → `Jane Doe`).
    public static func name(_ text: String) -> String {
        let ideographicSpace: Unicode.Scalar = "\u{3000}"
        var result = String.UnicodeScalarView()
        var inGap = false
        var gapHasIdeographicSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                inGap = true
                gapHasIdeographicSpace = gapHasIdeographicSpace || scalar == ideographicSpace
                continue
            }
            if inGap && !result.isEmpty { result.append(gapHasIdeographicSpace ? ideographicSpace : " ") }
            inGap = false
            gapHasIdeographicSpace = false
            result.append(scalar)
        }
        return String(result)
    }

    /// A reading as stored: half-width katakana made full-width with its voicing marks combined (`ｻﾄｳ ﾀﾛｳ` →
    /// `サトウ タロウ`, `ｶﾞ` → `ガ`), then spaces as in `name`. Hiragana stays hiragana and full-width stays
    /// full-width: readings are compared through `TextFold.readingKey`, not changed to match.
    public static func kana(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isHalfWidthKana) else { return name(text) }
        var result = ""
        var run = String.UnicodeScalarView()
        func flush() {
            guard !run.isEmpty else { return }
            result += String(run).precomposedStringWithCompatibilityMapping  // NFKC: ｶﾞ → ガ
            run = String.UnicodeScalarView()
        }
        for scalar in text.unicodeScalars {
            if isHalfWidthKana(scalar) {
                run.append(scalar)
            } else {
                flush()
                result.unicodeScalars.append(scalar)
            }
        }
        flush()
        return name(result)
    }

    /// Half-width katakana, their voicing marks and half-width punctuation (`｡` … `ﾟ`, U+FF61–U+FF9F).
    static func isHalfWidthKana(_ scalar: Unicode.Scalar) -> Bool { (0xFF61...0xFF9F).contains(scalar.value) }
}
