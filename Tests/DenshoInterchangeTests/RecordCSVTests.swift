import DenshoDomain
import DenshoInterchange
import Foundation
import Testing

@Suite("Employee, skill and evaluation files")
struct RecordCSVTests {
    static func data(_ text: String) -> Data { Data(text.utf8) }

    @Test func readsEmployeesWithJapaneseAndEnglishHeaders() throws {
        let japanese = "社員番号,氏名,フリガナ,入社日,生年,部署,役職,等級\n1001,佐藤 太郎,サトウ タロウ,令和2年4月1日,２００１,機械加工,班長,G2\n"
        let rows = try EmployeeCSV.read(Self.data(japanese), file: "e.csv")
        #expect(rows.count == 1)
        #expect(rows[0].hireDate == LocalDate(year: 2020, month: 4, day: 1))
        #expect(rows[0].birthYear == 2001)
        #expect(rows[0].department == "機械加工")
        #expect(rows[0].gradeCode == "G2")
        #expect(rows[0].source == SourcePosition(file: "e.csv", line: 2))
        let english = "number,name,hire_date\n2001,Jane Doe,2024/04/01\n"
        #expect(try EmployeeCSV.read(Self.data(english), file: "e.csv")[0].name == "Jane Doe")
    }

    @Test func missingRequiredColumnIsNamed() {
        let error = #expect(throws: ImportError.self) {
            try EmployeeCSV.read(Self.data("社員番号,氏名\n1001,佐藤 太郎\n"), file: "e.csv")
        }
        #expect(error?.issues.map(\.column) == ["入社日"])
        #expect(error?.issues.first?.line == 1)
    }

    @Test func everyBadCellIsReportedWithLineAndColumn() {
        let text = "社員番号,氏名,入社日,生年\n1001,佐藤 太郎,2020/4/1,1990\n1002,,2020/4/31,1990\n1003,高橋,2020/4/1,abc\n"
        let error = #expect(throws: ImportError.self) { try EmployeeCSV.read(Self.data(text), file: "e.csv") }
        let issues = error?.issues.map { "\($0.line) \($0.column ?? "")" } ?? []
        #expect(issues == ["3 氏名", "3 入社日", "4 生年"])
        #expect(error?.description.contains("e.csv:3 [入社日]") == true)
    }

    @Test func evaluationsParseKindsStatesAndFullWidthLevels() throws {
        let text = "社員番号,スキルコード,レベル,評価日,評価者,区分,状態\n1001,L-01,３,2025/4/1,1000,上長,\n1001,L-01,4,2025/10/1,,自己,承認済\n"
        let rows = try EvaluationCSV.read(Self.data(text), file: "v.csv")
        #expect(rows.map(\.level) == [3, 4])
        #expect(rows.map(\.kind) == [.supervisor, .self])
        #expect(rows.map(\.state) == [nil, .approved])
        #expect(rows[0].evaluatorNumber == "1000")
    }

    @Test func evaluationRowErrors() {
        let text = "社員番号,スキルコード,レベル,評価日,区分\n1001,L-01,high,2025/4/1,上長\n1001,L-01,2,2025/4/1,先輩\n"
        let error = #expect(throws: ImportError.self) { try EvaluationCSV.read(Self.data(text), file: "v.csv") }
        #expect(error?.issues.map(\.column) == ["レベル", "区分"])
    }

    @Test func employeesRoundTripThroughShiftJIS() throws {
        let employees = [
            Employee(id: .init(1), companyID: .init(1), number: "1001", name: "髙橋 一郎", kana: "タカハシ イチロウ",
                     hireDate: LocalDate(year: 2010, month: 4, day: 1)!, birthYear: 1988, departmentID: .init(1),
                     position: "班長, 主任", gradeID: .init(3)),
            Employee(id: .init(2), companyID: .init(1), number: "1002", name: "佐々木 彩", hireDate: LocalDate(year: 2019, month: 4, day: 1)!,
                     leaveDate: LocalDate(year: 2022, month: 3, day: 31)!, leaveReason: "転居"),
        ]
        let text = EmployeeCSV.write(employees, departments: [.init(1): "機械加工"], grades: [.init(3): "G3"])
        let back = try EmployeeCSV.read(TextDecoding.encode(text, as: .shiftJIS), file: "e.csv")
        #expect(back.map(\.name) == ["髙橋 一郎", "佐々木 彩"])
        #expect(back[0].position == "班長, 主任")
        #expect(back[0].department == "機械加工")
        #expect(back[0].gradeCode == "G3")
        #expect(back[1].leaveDate == LocalDate(year: 2022, month: 3, day: 31))
        #expect(back[1].leaveReason == "転居")
    }

    @Test func skillsRoundTripWithLevelWording() throws {
        let skills = [Skill(id: .init(1), companyID: .init(1), categoryID: .init(7), code: "L-01", name: "汎用旋盤",
                            description: "外径", levelDescriptions: [1: "補助", 2: "一人で", 4: "改善"])]
        let text = SkillCSV.write(skills, categories: [.init(7): "旋盤加工"], scale: .standard)
        #expect(text.hasPrefix("カテゴリ,スキルコード,スキル名,説明,レベル1,レベル2,レベル3,レベル4\r\n"))
        let back = try SkillCSV.read(Data(text.utf8), file: "s.csv")
        #expect(back[0].category == "旋盤加工")
        #expect(back[0].levelDescriptions == [1: "補助", 2: "一人で", 4: "改善"])
    }

    @Test func levelZeroWordingIsExportedWhenASkillHasIt() throws {
        var skills = [Skill(id: .init(1), companyID: .init(1), categoryID: .init(7), code: "L-01", name: "汎用旋盤",
                            levelDescriptions: [0: "見学のみ", 2: "一人で"])]
        skills.append(Skill(id: .init(2), companyID: .init(1), categoryID: .init(7), code: "L-02", name: "NC旋盤"))
        let text = SkillCSV.write(skills, categories: [.init(7): "旋盤加工"], scale: .standard)
        #expect(text.hasPrefix("カテゴリ,スキルコード,スキル名,説明,レベル0,レベル1,レベル2,レベル3,レベル4\r\n"))
        let back = try SkillCSV.read(Data(text.utf8), file: "s.csv")
        #expect(back.map(\.levelDescriptions) == [[0: "見学のみ", 2: "一人で"], [:]])
    }
}
