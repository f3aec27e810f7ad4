import DenshoDomain
import Foundation

/// 社員名簿 CSV: one employee per row, keyed by 社員番号.
public enum EmployeeCSV {
    public static let number = CSVColumn("社員番号", aliases: ["number", "employee_number", "社員No"], required: true)
    public static let name = CSVColumn("氏名", aliases: ["name", "名前"], required: true)
    public static let kana = CSVColumn("フリガナ", aliases: ["kana", "ふりがな", "カナ"])
    public static let hireDate = CSVColumn("入社日", aliases: ["hire_date", "入社年月日"], required: true)
    public static let birthYear = CSVColumn("生年", aliases: ["birth_year", "生まれ年"])
    public static let department = CSVColumn("部署", aliases: ["department", "所属"])
    public static let position = CSVColumn("役職", aliases: ["position", "job_title"])
    public static let grade = CSVColumn("等級", aliases: ["grade", "grade_code"])
    public static let leaveDate = CSVColumn("退職日", aliases: ["leave_date"])
    public static let leaveReason = CSVColumn("退職理由", aliases: ["leave_reason"])
    public static let columns = [number, name, kana, hireDate, birthYear, department, position, grade, leaveDate, leaveReason]

    /// Parses an employee file; every bad cell is reported, and none is returned if any is bad.
    public static func read(_ data: Data, file: String) throws -> [EmployeeRecord] {
        let table = try CSVTable(data: data, file: file, columns: columns)
        var issues: [ImportIssue] = []
        var records: [EmployeeRecord] = []
        for row in table.rows {
            let count = issues.count
            let number = row.required(number, &issues)
            let name = row.required(name, &issues)
            let hire = row.date(hireDate, &issues)
            let birth = row.integer(birthYear, &issues)
            if let birth, !(1900...2100).contains(birth) {
                issues.append(ImportIssue(row.source, column: birthYear.header, "birth year \(birth) is out of range"))
            }
            let leave = row.date(leaveDate, &issues)
            guard issues.count == count, let hire else { continue }
            records.append(EmployeeRecord(
                source: row.source, number: number, name: name, kana: row.text(kana), hireDate: hire,
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
