/// Why a quiz, checklist, sign-off or check rule cannot be saved, in both languages (the web app
/// shows the Japanese to Japanese users, the CLI and API the English).
public enum CheckError: Error, Hashable, Sendable, CustomStringConvertible {
    case invalid(ja: String, en: String)

    public var japanese: String { switch self { case .invalid(let ja, _): ja } }
    public var english: String { switch self { case .invalid(_, let en): en } }
    /// "日本語 (English)": the form store errors take, which `WebError(storeMessage:)` splits.
    public var description: String { "\(japanese) (\(english))" }
}
