import DenshoDomain
import Foundation

/// 社員名簿 CSV: one employee per row, keyed by 社員番号.
///
/// Besides the product's own export, it reads payroll and attendance exports as they come: their header names
/// (`従業員番号`, `ﾌﾘｶﾞﾅ`, `入社年月日`, `部門` …, compared through `TextFold.key`), 和暦 dates (`H20.4.1`,
/// `令和7年4月1日`), 生年 as `S55` or a whole 生年月日, half-width フリガナ, and Shift_JIS. A column it does not
/// know is not an error: `recognisedColumns` / `inspect` list it, and `read(_:file:mapping:)` can be told what it is.
public enum EmployeeCSV {
    public static let number = CSVColumn("社員番号", aliases: [
        "number", "employee_number", "社員No", "社員コード", "従業員番号", "従業員No", "従業員コード", "個人コード",
        "社員ID",  // not 個人番号: that is the マイナンバー, which must never become a 社員番号
    ], required: true)
    public static let name = CSVColumn("氏名", aliases: [
        "name", "名前", "社員名", "従業員名", "氏名（漢字）", "漢字氏名", "社員氏名", "従業員氏名",
    ], required: true)
    public static let kana = CSVColumn("フリガナ", aliases: [
        "kana", "ふりがな", "カナ", "氏名カナ", "カナ氏名", "氏名（フリガナ）", "氏名（カナ）", "フリガナ氏名",
    ])
    public static let hireDate = CSVColumn("入社日", aliases: ["hire_date", "入社年月日", "入社日付"], required: true)
    /// A whole 生年月日 is accepted here too: only its year is kept (`Employee.birthYear`).
    public static let birthYear = CSVColumn("生年", aliases: ["birth_year", "生まれ年", "生年月日", "birth_date", "誕生日"])
    public static let department = CSVColumn("部署", aliases: ["department", "所属", "部門", "所属部署", "部署名", "所属名", "部門名"])
    public static let position = CSVColumn("役職", aliases: ["position", "job_title", "役職名"])
    public static let grade = CSVColumn("等級", aliases: ["grade", "grade_code"])
    public static let leaveDate = CSVColumn("退職日", aliases: ["leave_date", "退職年月日"])
    public static let leaveReason = CSVColumn("退職理由", aliases: ["leave_reason"])
    public static let columns = [number, name, kana, hireDate, birthYear, department, position, grade, leaveDate, leaveReason]

    /// Which header cell fills which column (`roles`: position → canonical header such as `入社日`) and which
    /// header names are read as nothing (`unrecognised`), for a mapping step in the UI or CLI. `mapping` is the
    /// same as `read`'s.
    public static func recognisedColumns(headers: [String], mapping: [String: String] = [:]) -> CSVHeaderMatch {
        CSVHeaderMatch(headers: headers, columns: columns, mapping: mapping)
    }

    /// `recognisedColumns` for the header row of a file, before it is read.
    public static func inspect(_ data: Data, file: String, mapping: [String: String] = [:]) throws -> CSVHeaderMatch {
        try recognisedColumns(headers: CSVTable.header(data, file: file), mapping: mapping)
    }

    /// Parses an employee file; every bad cell is reported, and none is returned if any is bad.
    ///
    /// `mapping` reads file headers as known columns: `["採用日": "入社日"]` takes 入社日 from a column named 採用日
    /// (see `CSVHeaderMatch`). Columns that stay unrecognised are skipped.
    public static func read(_ data: Data, file: String, mapping: [String: String] = [:]) throws -> [EmployeeRecord] {
        let table = try CSVTable(data: data, file: file, columns: columns, mapping: mapping)
        var issues: [ImportIssue] = []
        var records: [EmployeeRecord] = []
        for row in table.rows {
            let count = issues.count
            let number = row.required(number, &issues)
            let name = RosterText.name(row.required(name, &issues))
            let hire = row.date(hireDate, &issues)
            let birth = row.year(birthYear, &issues)
            if let birth, !(1900...2100).contains(birth) {
                issues.append(ImportIssue(row.source, column: birthYear.header, "birth year \(birth) is out of range"))
            }
            let leave = row.date(leaveDate, &issues)
            guard issues.count == count, let hire else { continue }
            records.append(EmployeeRecord(
                source: row.source, number: number, name: name, kana: RosterText.kana(row.text(kana)), hireDate: hire,
                birthYear: birth, department: row.optionalText(department), position: row.text(position),
                gradeCode: row.optionalText(grade), leaveDate: leave, leaveReason: row.optionalText(leaveReason)))
        }
        guard issues.isEmpty else { throw ImportError(issues) }
        return records
    }

    public static func write(
        _ employees: [Employee], departments: [Department.ID: String], grades: [Grade.ID: String]
    ) -> String {
        let rows = employees.map { e in
            [e.number, e.name, e.kana, e.hireDate.slashed, e.birthYear.map(String.init) ?? "",
             e.departmentID.flatMap { departments[$0] } ?? "", e.position, e.gradeID.flatMap { grades[$0] } ?? "",
             e.leaveDate?.slashed ?? "", e.leaveReason ?? ""]
        }
        return CSVWriter.write([columns.map(\.header)] + rows)
    }
}
