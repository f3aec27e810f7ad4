extension UIStrings {
    /// The search box in the header, its suggestions and the results page.
    static let searchTable: [(key: String, ja: String, en: String)] = [
        ("searchPlaceholder", "旋盤、ようせつ、senban…", "旋盤, ようせつ, senban…"),
        ("searchLabel", "人・技能・動画・マニュアルを検索", "Search people, skills, videos and manuals"),
        ("searchHelp", "ひらがな・カタカナ・ローマ字（senban）でも、読みで探せます。言葉をスペースで区切ると、すべてを含むものを探します。",
         "Hiragana, katakana and romaji (senban) find words by their reading. Words separated by spaces find what contains all of them."),
        ("searchShortened", "長すぎるため、最初の200文字で探しました。", "The search was too long: its first 200 characters were searched."),
        ("searchTooManyWords", "言葉が多すぎるため、最初の8語で探しました。", "Too many words: the first 8 were searched."),
        ("searchNothing", "探せる文字がありません。文字か数字を入れてください。", "Nothing to search for: type letters or digits."),
        ("searchCount", "{n}件", "{n} found"),
        ("searchAll", "すべての結果", "All results"),
        ("searchAt", "{time} から", "from {time}"),
        ("searchSuggestions", "候補", "Suggestions"),
        ("searchMore", "さらに表示", "Show more"),
    ]
}
