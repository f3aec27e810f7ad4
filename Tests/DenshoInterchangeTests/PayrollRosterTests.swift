import DenshoDomain
import DenshoInterchange
import Foundation
import Testing

@Suite("社員名簿 from payroll exports, read as they come")
struct PayrollRosterTests {
    static func day(_ year: Int, _ month: Int, _ day: Int) -> LocalDate { LocalDate(year: year, month: month, day: day)! }

    @Test func shiftJISExportWithHalfWidthKanaAndEraDates() throws {
        let text = """
            従業員番号,氏名,ﾌﾘｶﾞﾅ,入社年月日,生年,部門\r
            0012,佐藤　太郎,ｻﾄｳ ﾀﾛｳ,H20.4.1,S55,製造部\r
            0013, 鈴木　　一郎 ,ｽｽﾞｷ  ｲﾁﾛｳ,平成21年10月1日,昭和60年,品質保証部\r

            """
        let data = try TextDecoding.encode(text, as: .shiftJIS)
        #expect(String(data: data, encoding: .utf8) == nil)  // really Shift_JIS, not UTF-8 by accident
        let rows = try EmployeeCSV.read(data, file: "kyuyo.csv")
        #expect(rows.map(\.number) == ["0012", "0013"])  // leading zeros kept
        #expect(rows.map(\.name) == ["佐藤\u{3000}太郎", "鈴木\u{3000}一郎"])
        #expect(rows.map(\.kana) == ["サトウ タロウ", "スズキ イチロウ"])
        #expect(rows.map(\.hireDate) == [Self.day(2008, 4, 1), Self.day(2009, 10, 1)])
        #expect(rows.map(\.birthYear) == [1980, 1985])
        #expect(rows.map(\.department) == ["製造部", "品質保証部"])
        #expect(rows[1].source == SourcePosition(file: "kyuyo.csv", line: 3))
    }

    @Test func utf8WithBOMAndReiwaDatesAndBirthDates() throws {
        let text = """
            社員NO.,氏名（漢字）,氏名カナ,入社日付,生年月日,所属部署,役職
            A-101,山田 花子,ヤマダ ハナコ,令和7年4月1日,1990/5/3,組立課,
            A-102,田中 一,ﾀﾅｶ ﾊｼﾞﾒ,R07.04.01,昭和55年4月1日,組立課,班長

            """
        let data = try TextDecoding.encode(text, as: .utf8)
        #expect(data.starts(with: [0xEF, 0xBB, 0xBF]))
        let rows = try EmployeeCSV.read(data, file: "roster.csv")
        #expect(rows.map(\.number) == ["A-101", "A-102"])
        #expect(rows.map(\.name) == ["山田 花子", "田中 一"])
        #expect(rows.map(\.kana) == ["ヤマダ ハナコ", "タナカ ハジメ"])
        #expect(rows.map(\.hireDate) == [Self.day(2025, 4, 1), Self.day(2025, 4, 1)])
        #expect(rows.map(\.birthYear) == [1990, 1980])
        #expect(rows.map(\.department) == ["組立課", "組立課"])
        #expect(rows.map(\.position) == ["", "班長"])
    }

    static let headerForms: [(String, String)] = [
        ("社員番号", "社員番号"), ("社員No", "社員番号"), ("社員NO.", "社員番号"), ("社員ｺｰﾄﾞ", "社員番号"),
        ("社員コード", "社員番号"), ("従業員番号", "社員番号"), ("従業員No", "社員番号"), ("個人コード", "社員番号"),
        ("社員ＮＯ．", "社員番号"), (" 社員 番号 ", "社員番号"),
        ("氏名", "氏名"), ("名前", "氏名"), ("社員名", "氏名"), ("従業員名", "氏名"), ("氏名（漢字）", "氏名"), ("氏名(漢字)", "氏名"),
        ("フリガナ", "フリガナ"), ("ふりがな", "フリガナ"), ("カナ", "フリガナ"), ("氏名カナ", "フリガナ"), ("カナ氏名", "フリガナ"),
        ("ﾌﾘｶﾞﾅ", "フリガナ"), ("ﾌﾘ ｶﾞﾅ", "フリガナ"),
        ("入社日", "入社日"), ("入社年月日", "入社日"), ("入社日付", "入社日"),
        ("生年月日", "生年"), ("生年", "生年"), ("生まれ年", "生年"),
        ("所属", "部署"), ("部署", "部署"), ("部門", "部署"), ("所属部署", "部署"), ("部署名", "部署"),
        ("役職", "役職"), ("退職日", "退職日"),
    ]

    @Test(arguments: PayrollRosterTests.headerForms)
    func headerFormsAreRecognised(header: String, canonical: String) {
        let match = EmployeeCSV.recognisedColumns(headers: [header])
        #expect(match.roles == [0: canonical])
        #expect(match.unrecognised.isEmpty)
    }

    @Test func unrecognisedColumnsAreReportedNotRefused() throws {
        let text = "社員番号,氏名,入社日,採用区分,備考,\n1001,佐藤 太郎,2020/4/1,新卒,,\n"
        let data = Data(text.utf8)
        let match = try EmployeeCSV.inspect(data, file: "e.csv")
        #expect(match.roles == [0: "社員番号", 1: "氏名", 2: "入社日"])
        #expect(match.unrecognised == ["採用区分", "備考"])  // the blank header cell is not listed
        #expect(match.missing.isEmpty)
        let rows = try EmployeeCSV.read(data, file: "e.csv")
        #expect(rows.map(\.number) == ["1001"])
        #expect(rows[0].hireDate == Self.day(2020, 4, 1))
    }

    @Test func aMappingNamesAColumnNoAliasKnows() throws {
        let data = Data("社員番号,氏名,採用日,採用区分\n1001,佐藤 太郎,平成30年4月1日,新卒\n".utf8)
        let refused = #expect(throws: ImportError.self) { try EmployeeCSV.read(data, file: "e.csv") }
        #expect(refused?.issues.map(\.column) == ["入社日"])
        #expect(refused?.issues.first?.message.contains("採用日") == true)  // the message names what could be mapped

        let before = try EmployeeCSV.inspect(data, file: "e.csv")
        #expect(before.missing == ["入社日"])
        #expect(before.unrecognised == ["採用日", "採用区分"])

        let mapping = ["採用日": "入社日"]
        let after = try EmployeeCSV.inspect(data, file: "e.csv", mapping: mapping)
        #expect(after.roles[2] == "入社日")
        #expect(after.unrecognised == ["採用区分"])
        #expect(after.missing.isEmpty)
        let rows = try EmployeeCSV.read(data, file: "e.csv", mapping: mapping)
        #expect(rows[0].hireDate == Self.day(2018, 4, 1))

        // Keys compare like headers, values may be any name of the column, and "" drops a column.
        let loose = EmployeeCSV.recognisedColumns(
            headers: ["社員番号", "氏名", "採用日", "採用区分"], mapping: ["採用日 ": "hire_date", "採用区分": ""])
        #expect(loose.roles == [0: "社員番号", 1: "氏名", 2: "入社日"])
        #expect(loose.unrecognised.isEmpty)
    }

    @Test func aMappingWinsOverAHeaderThatOnlyLooksLikeTheColumn() {
        let match = EmployeeCSV.recognisedColumns(
            headers: ["社員番号", "氏名", "入社日", "採用日"], mapping: ["採用日": "入社日"])
        #expect(match.roles == [0: "社員番号", 1: "氏名", 3: "入社日"])
        #expect(match.unrecognised == ["入社日"])
    }

    @Test func aSecondColumnForTheSameRoleIsListed() {
        let match = EmployeeCSV.recognisedColumns(headers: ["社員番号", "氏名", "入社日", "生年月日", "生年"])
        #expect(match.roles[3] == "生年")
        #expect(match.roles[4] == nil)
        #expect(match.unrecognised == ["生年"])
    }

    @Test func badEraDatesAndYearsAreReportedPerCell() {
        let text = "社員番号,氏名,入社日,生年\n1,佐藤,平成31年5月1日,S55\n2,鈴木,R7.4.1,平成32年\n3,高橋,H20.4.1,S55\n"
        let error = #expect(throws: ImportError.self) { try EmployeeCSV.read(Data(text.utf8), file: "e.csv") }
        #expect(error?.issues.map { "\($0.line) \($0.column ?? "")" } == ["2 入社日", "3 生年"])
    }
}
