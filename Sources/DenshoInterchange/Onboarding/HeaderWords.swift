import DenshoDomain

/// The words a hand-made 力量表 uses for its non-skill columns, compared folded (width, kana,
/// spaces): a column is the name, the 社員番号, the reading, a row counter, a note, or other
/// personal data that is not a skill.
enum HeaderWord: Equatable {
    case name, number, reading, counter, ignored

    static func of(_ text: String) -> HeaderWord? {
        let key = headingKey(text)
        if nameWords.contains(key) { return .name }
        if numberWords.contains(key) { return .number }
        if readingWords.contains(key) { return .reading }
        if counterWords.contains(key) { return .counter }
        if ignoredWords.contains(key) || noteWords.contains(where: { key.hasPrefix($0) && key.count <= $0.count + 2 }) { return .ignored }
        return nil
    }

    /// Remembers the answer for each text of one workbook: a sheet repeats its few marks
    /// thousands of times, and folding is the reader's dearest step.
    final class Cache {
        private var known: [String: HeaderWord?] = [:]

        func of(_ text: String) -> HeaderWord? {
            if let answer = known[text] { return answer }
            // Headings are short; a long text (a title, a note) is never one.
            let answer = text.count > 16 ? nil : HeaderWord.of(text)
            known[text] = answer
            return answer
        }
    }

    /// A heading folded, without the brackets and dots people put around its words (氏名（漢字）, No.).
    private static func headingKey(_ text: String) -> String { TextFold.key(text).filter { !"().:：（）・/／".contains($0) } }

    private static func folded(_ words: [String]) -> Set<String> { Set(words.map(headingKey)) }

    static let nameWords = folded(["氏名", "名前", "社員名", "従業員名", "氏名（漢字）", "漢字氏名", "作業者", "作業者名", "担当者", "担当者名", "name"])
    static let numberWords = folded(["社員番号", "社員No", "社員NO.", "社員コード", "社員ID", "従業員番号", "従業員No", "従業員コード", "個人コード", "社番"])
    static let readingWords = folded(["フリガナ", "ふりがな", "カナ", "氏名カナ", "カナ氏名", "よみ", "読み", "よみがな", "氏名（フリガナ）"])
    static let counterWords = folded(["No", "No.", "NO", "番号", "連番", "#", "通番"])
    /// Notes columns, also with a suffix (備考欄, メモ2).
    static let noteWords = folded(["備考", "メモ", "コメント"])
    static let ignoredWords = folded([
        "備考", "メモ", "コメント", "特記事項", "所見", "備考欄", "部署", "所属", "部門", "役職", "職位", "入社日", "入社年月日", "年齢", "性別",
        "等級", "資格", "勤続", "勤続年数", "生年月日", "合計", "平均", "点数", "評価日", "評価者", "分類", "区分", "カテゴリ", "工程", "技能", "スキル",
        "作業", "作業名", "項目",
    ])
}
