/// Keeps spreadsheet formulas out of the CSV files the product writes (CSV injection, CWE-1236).
///
/// Excel and LibreOffice run a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return as a formula, so
/// a 備考 `=HYPERLINK(…)` or a 氏名 `=1+1` written as is would reach the reader as a live formula. `CSVWriter` passes
/// every field through `escape`, and `CSVRow` passes every imported cell through `unescape`:
///
/// - A field is *guarded* when, after its leading `'` characters, it starts with one of those characters and is not
///   a plain number: `-3` and `-3.5` stay as they are, since spreadsheets read them as numbers, not formulas.
/// - Export puts one `'` before a guarded field: `=1+1` → `'=1+1`, `'=x` → `''=x`, `-` → `'-`.
/// - Import takes one `'` off a guarded field that starts with `'`: `'=1+1` → `=1+1`, `''=x` → `'=x`.
///
/// Adding or removing one leading `'` never changes whether a field is guarded, so `unescape(escape(s)) == s` for
/// every string and exported files read back exactly. Text nobody escaped (`=x` typed into an import file, or `'abc`)
/// comes in unchanged. The rule works on Unicode scalars, so `\r\n` (one `Character`) still counts as starting with `\r`.
public enum CSVFormulaGuard {
    /// First characters that make a spreadsheet read a cell as a formula.
    static let triggers: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]
    static let digits: ClosedRange<Unicode.Scalar> = "0"..."9"

    /// The field as it is written to a file: with one more leading `'` when it is guarded.
    public static func escape(_ field: String) -> String {
        isGuarded(field) ? "'" + field : field
    }

    /// The field as it was before `escape`: one leading `'` fewer when it is guarded and starts with `'`.
    public static func unescape(_ field: String) -> String {
        isEscaped(field) ? String(field.unicodeScalars.dropFirst()) : field
    }

    /// Whether `field`, as read from a file, carries a `'` that `escape` put there.
    public static func isEscaped(_ field: String) -> Bool {
        field.unicodeScalars.first == "'" && isGuarded(field)
    }

    /// Whether the text after the leading `'` characters starts like a formula and is not a plain number.
    static func isGuarded(_ field: String) -> Bool {
        let rest = field.unicodeScalars.drop(while: { $0 == "'" })
        guard let first = rest.first, triggers.contains(first) else { return false }
        return !isPlainNumber(rest)
    }

    /// `-?[0-9]+(\.[0-9]+)?`: what spreadsheets read as a number, never as a formula.
    static func isPlainNumber(_ text: Substring.UnicodeScalarView) -> Bool {
        let unsigned = text.first == "-" ? text.dropFirst() : text
        let parts = unsigned.split(separator: "." as Unicode.Scalar, maxSplits: 1, omittingEmptySubsequences: false)
        return parts.allSatisfy { part in !part.isEmpty && part.allSatisfy { digits.contains($0) } }
    }
}
