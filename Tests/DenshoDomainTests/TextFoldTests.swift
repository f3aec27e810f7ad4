import DenshoDomain
import Testing

@Suite("TextFold: names, readings and skill names compared as people type them")
struct TextFoldTests {
    static let same: [(String, String)] = [
        // Width and case.
        ("ＮＣ旋盤", "nc旋盤"), ("ＡＢＣ１２３", "abc123"), ("M-01", "ｍ－０１"),
        // Half-width katakana, with voicing marks combined.
        ("ｶﾞｯｺｳ", "ガッコウ"), ("ﾊﾟﾈﾙ", "パネル"), ("ｻﾄｳ ﾀﾛｳ", "サトウタロウ"),
        // Spaces of every kind are gone.
        ("佐藤　太郎", "佐藤太郎"), ("佐藤 太郎", "佐藤太郎"), (" 佐藤\t太郎 ", "佐藤太郎"),
        // Hiragana is katakana.
        ("さとう", "サトウ"), ("がっこう", "ガッコウ"), ("ゔぁいおりん", "ヴァイオリン"),
        // Dashes after kana are the long-vowel mark.
        ("ローラー", "ロ-ラ-"), ("ローラー", "ロ－ラ－"), ("ローラー", "ロ—ラ―"), ("ローラー", "ﾛｰﾗｰ"),
        ("ローラー", "ろーらー"), ("コンベアー", "コンベア‐"),
        // 異体字.
        ("髙橋", "高橋"), ("山﨑", "山崎"), ("山嵜", "山崎"), ("渡邊", "渡辺"), ("渡邉", "渡辺"), ("齋藤", "斎藤"),
        ("齊藤", "斎藤"), ("澤田", "沢田"), ("濱田", "浜田"), ("廣瀬", "広瀬"), ("嶋田", "島田"), ("小嶌", "小島"),
        ("槇原", "槙原"), ("德永", "徳永"), ("大藏", "大蔵"), ("國分", "国分"), ("櫻井", "桜井"), ("早瀨", "早瀬"),
        ("冨田", "富田"), ("眞鍋", "真鍋"), ("實", "実"), ("惠子", "恵子"), ("\u{FA4F}介", "祐介"),
        ("髙橋　一郎", "高橋一郎"),
    ]

    @Test(arguments: TextFoldTests.same)
    func foldsEqual(typed: String, stored: String) {
        #expect(TextFold.key(typed) == TextFold.key(stored))
    }

    @Test func keysAreTheFoldedText() {
        #expect(TextFold.key("ＮＣ旋盤　段取り") == "nc旋盤段取リ")
        #expect(TextFold.key("ｻﾄｳ ﾀﾛｳ") == "サトウタロウ")
        #expect(TextFold.key("髙橋 一郎") == "高橋一郎")
        #expect(TextFold.key("") == "")
    }

    @Test func dashesStayOutsideKana() {
        #expect(TextFold.key("M-01") == "m-01")
        #expect(TextFold.key("L-03") != TextFold.key("Lー03"))
        #expect(TextFold.key("旋盤-1") == "旋盤-1")
        #expect(TextFold.key("ライン-2") == "ライン-2")  // followed by a digit: a separator, not a long vowel
        #expect(TextFold.key("-ア") == "-ア")
    }

    @Test func differentNamesStayDifferent() {
        #expect(TextFold.key("佐藤") != TextFold.key("佐渡"))
        #expect(TextFold.key("サトウ") != TextFold.key("サト"))
        #expect(TextFold.key("斉藤") != TextFold.key("斎藤"))  // 斉 is its own name, not a variant of 斎
        #expect(TextFold.key("ガッコウ") != TextFold.key("カッコウ"))
    }

    @Test func readingsFoldAcrossScripts() {
        let readings = ["ｻﾄｳ", "さとう", "サトウ", "ｻ ﾄ ｳ", "さ　とう"]
        #expect(Set(readings.map(TextFold.readingKey)).count == 1)
        #expect(TextFold.readingKey("ｻﾄｳ") == "サトウ")
    }

    @Test func closeMatchesUseTheFolding() {
        let names = ["高橋 一郎", "渡辺 健", "さとう はなこ"]
        #expect(NameMatcher.closeMatches(for: "髙橋", in: names) == ["高橋 一郎"])
        #expect(NameMatcher.closeMatches(for: "渡邉", in: names) == ["渡辺 健"])
        #expect(NameMatcher.closeMatches(for: "ｻﾄｳ", in: names) == ["さとう はなこ"])
    }
}
