import DenshoDomain
import Testing

@Suite("Romaji: Latin-letter queries read as katakana, however they are spelt")
struct RomajiTests {
    static let readings: [(String, String)] = [
        // Hepburn, Kunrei and keyboard spellings of the same reading.
        ("senban", "センバン"), ("dandori", "ダンドリ"), ("takahashi", "タカハシ"), ("takahasi", "タカハシ"),
        ("kurosawa", "クロサワ"), ("mentori", "メントリ"), ("shindashi", "シンダシ"), ("jigu", "ジグ"), ("zigu", "ジグ"),
        ("chuusha", "チュウシャ"), ("tyuusya", "チュウシャ"), ("fuji", "フジ"), ("huzi", "フジ"), ("SENBAN", "センバン"),
        ("tu", "ツ"), ("ti", "チ"), ("di", "ヂ"), ("du", "ヅ"), ("zya", "ジャ"), ("jya", "ジャ"), ("dya", "ヂャ"),
        // Every row with y.
        ("kyakka", "キャッカ"), ("gyuu", "ギュウ"), ("nyuusha", "ニュウシャ"), ("hyou", "ヒョウ"), ("byou", "ビョウ"),
        ("pyon", "ピョン"), ("myou", "ミョウ"), ("ryokou", "リョコウ"),
        // Loanword sounds and small kana.
        ("fairu", "ファイル"), ("fe", "フェ"), ("fo", "フォ"), ("she", "シェ"), ("je", "ジェ"), ("che", "チェ"),
        ("thi", "ティ"), ("vu", "ヴ"), ("ve", "ヴェ"), ("wo", "ヲ"), ("xa", "ァ"), ("la", "ァ"), ("xya", "ャ"),
        ("xtu", "ッ"), ("ltsu", "ッ"),
        // Long vowels: ou/oo/uu as spelt; macron, circumflex, hyphen and passport "oh" as ー.
        ("yousetsu", "ヨウセツ"), ("yosetsu", "ヨセツ"), ("yousetu", "ヨウセツ"), ("oosaka", "オオサカ"),
        ("yōsetsu", "ヨーセツ"), ("YŌSETSU", "ヨーセツ"), ("yo\u{304}setsu", "ヨーセツ"), ("rôrâ", "ローラー"),
        ("ro-ra-", "ローラー"), ("ohno", "オーノ"), ("satoh", "サトー"), ("ohta", "オータ"), ("ohashi", "オハシ"),
        // Syllabic n and m.
        ("kin'en", "キンエン"), ("kin\u{2019}en", "キンエン"), ("konnichiwa", "コンニチワ"), ("kanna", "カンナ"),
        ("sennen", "センネン"), ("senn", "セン"), ("konnyaku", "コンニャク"), ("shimbun", "シンブン"),
        ("semmon", "センモン"), ("tenpura", "テンプラ"),
        // Double consonants.
        ("kitte", "キッテ"), ("matcha", "マッチャ"), ("maccha", "マッチャ"), ("mittsu", "ミッツ"), ("itchi", "イッチ"),
    ]

    @Test(arguments: RomajiTests.readings)
    func readsRomaji(typed: String, kana: String) {
        #expect(Romaji.katakana(typed) == kana)
    }

    static let notRomaji: [String] = [
        "nc", "tig", "xyz", "mig2", "", "a b", "旋盤", "セン", "k", "kk", "tt", "1",
        // Hyphens only after a vowel; apostrophes only after n.
        "-a", "n-", "kin-", "a-'", "a'", "'a",
    ]

    @Test(arguments: RomajiTests.notRomaji)
    func rejectsOtherText(typed: String) {
        #expect(Romaji.katakana(typed) == nil)
    }

    @Test func readingMatchesTheStoredFolding() {
        #expect(Romaji.katakana("takahasi") == TextFold.readingKey("たかはし"))
        #expect(Romaji.katakana("ro-ra-") == TextFold.readingKey("ﾛｰﾗｰ"))
    }
}
