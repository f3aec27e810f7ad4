import DenshoDomain
import Foundation

/// 評価履歴 CSV: evaluations by 社員番号 and スキルコード. Import appends to the history the rows it
/// does not hold yet; every column but the names is read back, so an exported file imports unchanged.
public enum EvaluationCSV {
    public static let employee = CSVColumn("社員番号", aliases: ["employee_number", "number"], required: true)
    public static let employeeName = CSVColumn("氏名", aliases: ["name"])
    public static let skill = CSVColumn("スキルコード", aliases: ["skill_code", "code"], required: true)
    public static let skillName = CSVColumn("スキル名", aliases: ["skill_name"])
    public static let level = CSVColumn("レベル", aliases: ["level", "Lv"], required: true)
    public static let date = CSVColumn("評価日", aliases: ["evaluated_on", "date"], required: true)
    public static let evaluator = CSVColumn("評価者", aliases: ["evaluator_number", "evaluator"])
    public static let kind = CSVColumn("区分", aliases: ["kind"])
    public static let state = CSVColumn("状態", aliases: ["state"])
    public static let note = CSVColumn("備考", aliases: ["note", "コメント"])
    public static let columns = [employee, employeeName, skill, skillName, level, date, evaluator, kind, state, note]

    static let kinds: [String: EvaluationKind] = [
        "上長": .supervisor, "上長評価": .supervisor, "supervisor": .supervisor, "": .supervisor,
        "自己": .self, "自己評価": .self, "self": .self,
    ]

    static let states: [String: ApprovalState] = [
        "承認待ち": .pending, "pending": .pending, "承認済": .approved, "承認済み": .approved, "approved": .approved,
        "差戻し": .rejected, "差し戻し": .rejected, "rejected": .rejected,
    ]

    public static func read(_ data: Data, file: String) throws -> [EvaluationRecord] {
        let table = try CSVTable(data: data, file: file, columns: columns)
        var issues: [ImportIssue] = []
        var records: [EvaluationRecord] = []
        records.reserveCapacity(table.rows.count)
        for row in table.rows {
            let count = issues.count
            let number = row.required(employee, &issues)
            let code = row.required(skill, &issues)
            let value = row.integer(level, &issues)
            let day = row.date(date, &issues)
            let kindText = row.text(kind).lowercased()
            let kindValue = kinds[kindText]
            if kindValue == nil {
                issues.append(ImportIssue(row.source, column: kind.header, "'\(kindText)' is not 上長 or 自己"))
            }
            let stateText = row.text(state).lowercased()
            let stateValue = stateText.isEmpty ? nil : states[stateText]
            if !stateText.isEmpty && stateValue == nil {
                issues.append(ImportIssue(row.source, column: state.header, "'\(stateText)' is not 承認待ち, 承認済 or 差し戻し"))
            }
            guard issues.count == count, let value, let day, let kindValue else {
                if issues.count >= 200 { break }
                continue
            }
            records.append(EvaluationRecord(
                source: row.source, employeeNumber: number, skillCode: code, level: value, evaluatedOn: day,
                evaluatorNumber: row.optionalText(evaluator), kind: kindValue, state: stateValue, note: row.text(note)))
        }
        guard issues.isEmpty else { throw ImportError(issues) }
        return records
    }

    public static func write(
        _ evaluations: [Evaluation], employees: [Employee.ID: Employee], skills: [Skill.ID: Skill]
    ) -> String {
        let rows = evaluations.map { e in
            [employees[e.employeeID]?.number ?? "", employees[e.employeeID]?.name ?? "", skills[e.skillID]?.code ?? "",
             skills[e.skillID]?.name ?? "", String(e.level), e.evaluatedOn.slashed,
             e.evaluatorID.flatMap { employees[$0]?.number } ?? "", e.kind.label,
             e.state.label, e.note]
        }
        return CSVWriter.write([columns.map(\.header)] + rows)
    }
}
