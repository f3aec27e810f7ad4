import DenshoDomain
import DenshoInterchange
import Foundation
import Testing

@Suite("Formulas kept out of exported CSV (CSV injection)")
struct CSVFormulaGuardTests {
    /// Text that looks like a formula, text that only nearly does, and text that already starts with `'`.
    static let tricky = [
        "=1+1", "+81-90", "-", "-3", "-3.5", "-3.", "--3", "+3", "@SUM(A1)", "\tx", "\rx", "\r\nx", "'=x", "''=x", "'-3",
        "'abc", "'", "''", "", "a=b", "=HYPERLINK(\"http://x\",\"y\")", "=SUM(A1), 注意\r\n2行目", "段取り, 注意\n=2行目", "１＋１",
    ]

    @Test(arguments: CSVFormulaGuardTests.tricky)
    func unescapeUndoesEscape(value: String) {
        #expect(CSVFormulaGuard.unescape(CSVFormulaGuard.escape(value)) == value)
    }

    @Test(arguments: [
        ("=1+1", "'=1+1"), ("+81-90", "'+81-90"), ("-", "'-"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"),
        ("\r\nx", "'\r\nx"), ("'=x", "''=x"), ("''=x", "'''=x"), ("-3.", "'-3."), ("--3", "'--3"), ("+3", "'+3"),
        ("-3", "-3"), ("-3.5", "-3.5"), ("'-3", "'-3"), ("'abc", "'abc"), ("'", "'"), ("", ""), ("a=b", "a=b"), ("１＋１", "１＋１"),
    ])
    func escapeGuardsWhatSpreadsheetsRun(value: String, written: String) {
        #expect(CSVFormulaGuard.escape(value) == written)
    }

    @Test func unescapeLeavesTextNobodyEscaped() {
        #expect(CSVFormulaGuard.unescape("=x") == "=x")  // typed into an import file: not ours to change
        #expect(CSVFormulaGuard.unescape("'abc") == "'abc")
        #expect(CSVFormulaGuard.unescape("'-3") == "'-3")
        #expect(CSVFormulaGuard.unescape("''=x") == "'=x")  // exactly one `'` comes off
    }

    @Test func writerGuardsEveryFieldAndKeepsPlainNumbers() throws {
        let text = CSVWriter.write([["=1+1", "-3", "-0.125", "a,=b", "@x,\"y\""]])
        #expect(text.hasPrefix("'="))
        #expect(text == "'=1+1,-3,-0.125,\"a,=b\",\"'@x,\"\"y\"\"\"\r\n")
        // The parser gives the file as it is; the import readers take the guard off.
        #expect(try CSVParser.parse(text, file: "t").map(\.fields) == [["'=1+1", "-3", "-0.125", "a,=b", "'@x,\"y\""]])
    }

    static let skills: [Skill.ID: Skill] = [
        .init(1): Skill(id: .init(1), companyID: .init(1), categoryID: .init(1), code: "L-01", name: "汎用旋盤"),
    ]

    static func employee(_ id: Int64, _ number: String, _ name: String) -> Employee {
        Employee(id: .init(id), companyID: .init(1), number: number, name: name, hireDate: LocalDate(year: 2015, month: 4, day: 1)!)
    }

    @Test func evaluationNoteWithAHyperlinkFormulaRoundTrips() throws {
        let note = "=HYPERLINK(\"http://evil.example\",\"x\")"
        let employees = [Employee.ID(1): Self.employee(1, "1001", "=1+1")]
        let evaluation = Evaluation(id: .init(1), employeeID: .init(1), skillID: .init(1), level: 3, evaluatorID: nil,
                                    evaluatedOn: LocalDate(year: 2025, month: 4, day: 1)!, note: note)
        let text = EvaluationCSV.write([evaluation], employees: employees, skills: Self.skills)
        #expect(text.contains(",'=1+1,"))
        #expect(text.contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"\r\n"))
        // The same through UTF-8 with a BOM and through Shift_JIS: the guard is plain ASCII, the encodings untouched.
        for encoding in [CSVEncoding.utf8, .shiftJIS] {
            let back = try EvaluationCSV.read(TextDecoding.encode(text, as: encoding), file: "v.csv")
            #expect(back.map(\.note) == [note])
        }
    }

    @Test func everyTrickyNoteRoundTripsThroughTheEvaluationReader() throws {
        let employees = [Employee.ID(1): Self.employee(1, "1001", "佐藤 太郎")]
        let evaluations = Self.tricky.enumerated().map { item in
            Evaluation(id: .init(Int64(item.offset + 1)), employeeID: .init(1), skillID: .init(1), level: 2, evaluatorID: nil,
                       evaluatedOn: LocalDate(year: 2025, month: 4, day: 1)!, note: item.element)
        }
        let text = EvaluationCSV.write(evaluations, employees: employees, skills: Self.skills)
        let back = try EvaluationCSV.read(Data(text.utf8), file: "v.csv")
        #expect(back.map(\.note) == Self.tricky)
    }

    @Test func employeeNamedLikeAFormulaRoundTrips() throws {
        let names = ["=1+1", "@SUM(A1)", "-", "'=x", "+81-90"]
        let employees = names.enumerated().map { item in
            Self.employee(Int64(item.offset + 1), "=\(1001 + item.offset)", item.element)
        }
        let text = EmployeeCSV.write(employees, departments: [:], grades: [:])
        #expect(text.contains("\r\n'=1001,'=1+1,"))
        #expect(!text.split(separator: "\r\n").contains { $0.hasPrefix("=") || $0.contains(",=") || $0.contains(",@") })
        let back = try EmployeeCSV.read(TextDecoding.encode(text, as: .utf8), file: "e.csv")
        #expect(back.map(\.name) == names)
        #expect(back.map(\.number) == ["=1001", "=1002", "=1003", "=1004", "=1005"])
    }

    @Test func skillWordingLikeAFormulaRoundTrips() throws {
        let skills = [Skill(id: .init(1), companyID: .init(1), categoryID: .init(7), code: "-L01", name: "=旋盤",
                            description: "@手順", levelDescriptions: [1: "+補助", 2: "-"])]
        let text = SkillCSV.write(skills, categories: [.init(7): "=加工"], scale: .standard)
        #expect(text.contains("\r\n'=加工,'-L01,'=旋盤,'@手順,'+補助,'-,"))
        let back = try SkillCSV.read(Data(text.utf8), file: "s.csv")
        #expect(back.map(\.category) == ["=加工"])
        #expect(back.map(\.code) == ["-L01"])
        #expect(back.map(\.name) == ["=旋盤"])
        #expect(back.map(\.description) == ["@手順"])
        #expect(back[0].levelDescriptions == [1: "+補助", 2: "-"])
    }
}
