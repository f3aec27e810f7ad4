import DenshoDomain
import Testing

@Suite("RosterText: 氏名 and フリガナ as a roster keeps them")
struct RosterTextTests {
    @Test func namesAreTrimmedAndKeepOneSpaceOfTheirKind() {
        #expect(RosterText.name("佐藤\u{3000}太郎") == "佐藤\u{3000}太郎")
        #expect(RosterText.name(" 鈴木\u{3000}\u{3000}一郎 ") == "鈴木\u{3000}一郎")
        #expect(RosterText.name("佐藤 \u{3000}太郎") == "佐藤\u{3000}太郎")
        #expect(RosterText.name("山田 太郎") == "山田 太郎")
        #expect(RosterText.name("Jane  Doe\t") == "Jane Doe")
        #expect(RosterText.name("=1+1") == "=1+1")
        #expect(RosterText.name("") == "")
    }

    @Test func halfWidthReadingsBecomeFullWidth() {
        #expect(RosterText.kana("ｻﾄｳ ﾀﾛｳ") == "サトウ タロウ")
        #expect(RosterText.kana("ｽｽﾞｷ  ｲﾁﾛｳ") == "スズキ イチロウ")
        #expect(RosterText.kana("ﾊﾟｰﾙ") == "パール")
        #expect(RosterText.kana("サトウ\u{3000}タロウ") == "サトウ\u{3000}タロウ")  // already full-width: kept
        #expect(RosterText.kana("さとう たろう") == "さとう たろう")  // hiragana is compared, not rewritten
    }
}
