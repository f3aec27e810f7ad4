/// Why a workbook cannot be read as a 力量表, in words for the person who chose the file
/// (Japanese on screen, English in the CLI). Nothing is written when one is thrown.
public enum OnboardingError: Error, Sendable, Equatable, CustomStringConvertible {
    case tooLarge(limitMB: Int)
    case passwordProtected
    case legacyXLS
    case notAWorkbook
    case unreadable(String)
    case noTable

    public var description: String {
        switch self {
        case .tooLarge(let limit): "the file is larger than \(limit) MB: a 力量表 workbook is much smaller; is it the right file?"
        case .passwordProtected: "the workbook is password-protected: open it in Excel, remove the password (ファイル → 情報 → ブックの保護) and save it again"
        case .legacyXLS: "this is an old Excel 97–2003 .xls file: open it in Excel and save it as .xlsx (Excel ブック)"
        case .notAWorkbook: "not an Excel workbook (.xlsx)"
        case .unreadable(let detail): "the workbook cannot be read: \(detail)"
        case .noTable: "no 力量表 found: no sheet has a header row with 氏名 (or 名前) above a list of people and skill columns"
        }
    }

    public var japanese: String {
        switch self {
        case .tooLarge(let limit): "ファイルが大きすぎます(\(limit)MBまで)。力量表のファイルか確かめてください。"
        case .passwordProtected: "パスワードで保護されたブックは読めません。Excel で開き、パスワードを解除して(ファイル → 情報 → ブックの保護)保存し直してください。"
        case .legacyXLS: "古い形式(Excel 97-2003 の .xls)のファイルです。Excel で開き、「Excel ブック(.xlsx)」として保存し直してください。"
        case .notAWorkbook: "Excel のファイル(.xlsx)ではありません。"
        case .unreadable(let detail): "Excel ファイルとして読めません(\(detail))。"
        case .noTable: "力量表が見つかりません。「氏名」(または「名前」)の見出しの下に人が並び、右に技能の列がある表を探しましたが、どのシートにもありませんでした。"
        }
    }
}
