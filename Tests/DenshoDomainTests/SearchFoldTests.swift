import Testing
@testable import DenshoDomain

@Suite("SearchFold and SearchQuery: one folding for the index and for what is typed")
struct SearchFoldTests {
    @Test(arguments: [
        ("ＮＣ旋盤", "nc旋盤"), ("NC 旋盤", "nc旋盤"), ("ｾﾝﾊﾞﾝ", "センバン"), ("せんばん", "センバン"), ("ﾊﾟｲﾌﾟ", "パイプ"),
        ("髙橋　﨑子", "高橋崎子"), ("渡邉", "渡辺"), ("W-101", "w101"), ("か\u{3099}", "ガ"), ("ｳﾞ", "ヴ"), ("①", "1"),
    ])
    func literal(typed: String, key: String) {
        #expect(SearchFold.literal(typed) == key)
    }

    @Test(arguments: [
        ("ヨウセツ", "ヨセツ"), ("ヨーセツ", "ヨセツ"), ("ようせつ", "ヨセツ"), ("ﾖｰｾﾂ", "ヨセツ"), ("キャップ", "キヤツプ"),
        ("ケイサン", "ケサン"), ("オオサト", "オサト"), ("ヂ", "ジ"), ("ローラー", "ロラ"), ("センバン", "センバン"), ("タカハシ", "タカハシ"),
    ])
    func sound(reading: String, key: String) {
        #expect(SearchFold.sound(reading) == key)
    }

    @Test func literalMapPointsBackAtTheOriginalScalars() {
        let map = SearchFold.literalMap(Array("ＮＣ ｾﾝﾊﾞﾝ".unicodeScalars))
        #expect(String(String.UnicodeScalarView(map.map(\.scalar))) == "ncセンバン")
        #expect(map.map(\.from) == [0, 1, 3, 4, 5, 7])
        #expect(map[4].to == 7)  // バ came from ﾊ and ﾞ
        #expect(SearchFold.literal("ẞtraße") == "ßtraße" && SearchFold.literal("①㈱") == "1株")
    }

    @Test func queriesSplitIntoWordsWithSounds() {
        let query = SearchQuery("  NC　せんばん senban \"*\" ")
        #expect(query.terms.map(\.literal) == ["nc", "センバン", "senban"])
        #expect(query.terms.map(\.sounds) == [[], ["センバン"], ["センバン"]])
        #expect(query.notices.isEmpty)
    }

    @Test func oddQueriesSaySo() {
        #expect(SearchQuery("\"*\" NEAR").terms.map(\.literal) == ["near"])
        #expect(SearchQuery("\" * ^").notices == [.nothingToSearch])
        #expect(SearchQuery("").notices.isEmpty && SearchQuery("").isEmpty)
        #expect(SearchQuery(String(repeating: "旋", count: 2_000)).notices == [.shortened])
        #expect(SearchQuery(String(repeating: "旋", count: 2_000)).terms[0].literal.count == SearchQuery.maxCharacters)
        #expect(SearchQuery((1...20).map { "w\($0)" }.joined(separator: " ")).terms.count == SearchQuery.maxTerms)
        #expect(SearchQuery("a\u{0}b").terms.map(\.literal) == ["a", "b"])
    }

    @Test func highlightsFollowTheFolding() {
        let query = SearchQuery("高橋 せんばん")
        let glossary = SearchGlossary(segments: [ReadingSegment(surface: "旋盤", reading: "センバン")])
        let (text, matched) = SearchHighlighter.marked("髙橋さんのＮＣ旋盤", query: query, glossary: glossary)
        #expect(text.parts.filter(\.match).map(\.text) == ["髙橋", "旋盤"] && matched == [0, 1])
        let snippet = SearchHighlighter.snippet(String(repeating: "あ", count: 100) + "旋盤" + String(repeating: "い", count: 100),
                                                query: query, glossary: glossary, length: 20)
        #expect(snippet.parts.first?.text == "…" && snippet.parts.last?.text == "…" && snippet.parts.contains { $0.match && $0.text == "旋盤" })
    }

    @Test func glossariesRoundTrip() {
        let glossary = SearchGlossary(segments: [
            ReadingSegment(surface: "旋盤", reading: "センバン"), ReadingSegment(surface: "を", reading: "ヲ"),
            ReadingSegment(surface: "溶接", reading: "ヨウセツ"), ReadingSegment(surface: "旋盤", reading: "センバン"),
        ])
        #expect(glossary.entries.map(\.literal) == ["旋盤", "溶接"] && glossary.entries.map(\.sound) == ["センバン", "ヨセツ"])
        #expect(SearchGlossary(encoded: glossary.encoded) == glossary)
        #expect(SearchGlossary(encoded: "").entries.isEmpty && SearchGlossary(encoded: "\t\nx\n旋盤\tセンバン").entries.count == 1)
    }

    @Test(arguments: [
        ("旋盤", "旋盤", true), ("NC旋盤の段取り", "旋盤", true), ("段取り旋盤", "旋盤", true), ("旋", "旋盤", false),
        ("センタ", "センバン", false), ("ああああ", "あああ", true), ("", "x", false), ("abc", "", true), ("abcabd", "abd", true),
        ("溶接旋回盤", "旋盤", false),
    ])
    func containsComparesWholeBytes(haystack: String, needle: String, holds: Bool) {
        #expect(SearchFold.contains(haystack, needle) == holds)
    }

    /// Snippets cut with the line keys stored at indexing are the snippets cut by folding every line.
    @Test func snippetsFromLineKeysEqualSnippetsFromFolding() {
        let glossary = SearchGlossary(segments: [ReadingSegment(surface: "旋盤", reading: "センバン"), ReadingSegment(surface: "治具", reading: "ジグ")])
        let body = (0..<30).map { "工作物\($0)を取り付ける 締め付けトルクを守る" }.joined(separator: "\n")
            + "\nNC旋盤の芯出しをする ﾊﾞﾘを残さない\r\n治具を清掃する\n" + String(repeating: "仕上げ", count: 900)
        for text in ["せんばん", "旋盤", "ばり", "じぐ 清掃", "トルク", "仕上げ", "見つからない", "senban", "工作物29"] {
            let query = SearchQuery(text)
            let needles = SearchHighlighter.Needles(query: query, glossary: glossary)
            var keys = SearchHighlighter.lineKeys(body)
            let lines = keys.withUTF8 { needles.linesToFold($0) }
            let keyed = SearchHighlighter.snippet(body, needles: needles, linesToFold: lines)
            #expect(keyed == SearchHighlighter.snippet(body, needles: needles), "\(text)")
            #expect(lines.count == body.unicodeScalars.filter { $0 == "\n" || $0 == "\r" }.count + 1)
        }
        let found = SearchHighlighter.snippet(body, query: SearchQuery("ばり"), glossary: glossary)
        #expect(found.parts.contains { $0.match && $0.text == "ﾊﾞﾘ" } && found.parts.first?.text == "…")
        // Keys of another shape (an entry indexed before the keys existed) fall back to folding the lines.
        let needles = SearchHighlighter.Needles(query: SearchQuery("ばり"), glossary: glossary)
        #expect(SearchHighlighter.snippet(body, needles: needles, linesToFold: [false]) == found)
    }
}
