import DenshoDomain
import GRDB

extension SQLiteStore {
    /// Imports a parsed file in one transaction. Every row is checked first and every problem is
    /// reported with its line and column; if there is any, nothing is written. A row equal to what
    /// is stored is counted as unchanged and not written (see `ImportIdentity`), so importing an
    /// export again changes nothing. Whatever is thrown, nothing was written: a row the database
    /// itself refuses rolls the whole file back (`StoreError.invalid` naming the rule).
    /// Several files' records in one transaction, in order (new people and skills first, then the
    /// levels that name them): all of them are written or none. The summary adds them up.
    public func importRecords(
        _ batches: [ImportBatch], company: Company.ID, dryRun: Bool, by actor: String, progress: (@Sendable (Int) -> Void)?
    ) async throws -> ImportSummary {
        let indexer = searchIndexer
        do {
            return try await pool.writeWithoutTransaction { db in
                var total = ImportSummary(inserted: 0, updated: 0, dryRun: dryRun)
                try db.inTransaction {
                    var index = try CompanyIndex(db, company: company)
                    for batch in batches {
                        let summary: ImportSummary
                        switch batch {
                        case .employees(let rows): summary = try Self.importEmployees(db, rows, &index, actor: actor)
                        case .skills(let rows): summary = try Self.importSkills(db, rows, &index, actor: actor)
                        case .evaluations(let rows): summary = try Self.importEvaluations(db, rows, index, actor: actor, progress: progress)
                        }
                        total.inserted += summary.inserted
                        total.updated += summary.updated
                        total.unchanged += summary.unchanged
                        try Audit.record(
                            db, company: company, actor: actor, entity: "import", id: Int64(batch.count), action: "import",
                            after: ["inserted": summary.inserted, "updated": summary.updated, "unchanged": summary.unchanged])
                    }
                    if dryRun { return .rollback }
                    // New people and skills are searchable as soon as the import is visible.
                    try indexer.refresh(db)
                    return .commit
                }
                return total
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw StoreError.invalid("the database refused a row: \(error.message ?? "constraint failed")")
        }
    }

    static func importEmployees(_ db: Database, _ rows: [EmployeeRecord], _ index: inout CompanyIndex, actor: String) throws
        -> ImportSummary
    {
        var issues: [ImportIssue] = []
        var seen: [String: Int] = [:]
        var resolved: [Employee] = []
        for row in rows {
            if let first = seen[row.number] {
                issues.append(ImportIssue(row.source, column: "社員番号", "社員番号 \(row.number) appears again (first on line \(first))"))
            }
            seen[row.number] = row.source.line
            var department: Department.ID?
            if let name = row.department, !name.isEmpty {
                department = index.departments[name]
                if department == nil {
                    issues.append(ImportIssue(row.source, column: "部署",
                        CompanyIndex.unknown("department", name, among: index.departments.keys) + " (add it with `densho dept add`)"))
                }
            }
            var grade: Grade.ID?
            if let code = row.gradeCode, !code.isEmpty {
                grade = index.grade(code)
                if grade == nil {
                    issues.append(ImportIssue(row.source, column: "等級", CompanyIndex.unknown("grade", code, among: index.grades.keys)))
                }
            }
            if let leave = row.leaveDate, leave < row.hireDate {
                issues.append(ImportIssue(row.source, column: "退職日", "leave date \(leave) is before hire date \(row.hireDate)"))
            }
            let existing = index.employees[row.number]
            resolved.append(Employee(
                id: existing?.id ?? Employee.ID(0), companyID: index.company, number: row.number, name: row.name,
                kana: row.kana, hireDate: row.hireDate, birthYear: row.birthYear, departmentID: department,
                position: row.position, gradeID: grade, leaveDate: row.leaveDate, leaveReason: row.leaveReason))
        }
        guard issues.isEmpty else { throw ImportError(issues) }
        var summary = ImportSummary(inserted: 0, updated: 0, dryRun: false)
        for employee in resolved {
            if let stored = index.employees[employee.number] {
                if ImportIdentity.same(stored, employee) {
                    summary.unchanged += 1
                    continue
                }
                try updateEmployee(db, employee, actor: actor)
                index.employees[employee.number] = employee
                summary.updated += 1
            } else {
                index.employees[employee.number] = try insertEmployee(db, employee, actor: actor)
                summary.inserted += 1
            }
        }
        return summary
    }

    static func importSkills(_ db: Database, _ rows: [SkillRecord], _ index: inout CompanyIndex, actor: String) throws
        -> ImportSummary
    {
        var issues: [ImportIssue] = []
        var seen: [String: Int] = [:]
        for row in rows {
            let key = CompanyIndex.key(row.code)
            if let first = seen[key] {
                issues.append(ImportIssue(row.source, column: "スキルコード", "code \(row.code) appears again (first on line \(first))"))
            }
            seen[key] = row.source.line
            for level in row.levelDescriptions.keys where !index.scale.contains(level) {
                issues.append(ImportIssue(row.source, column: "レベル\(level)", "level \(level) is not on the company's scale"))
            }
        }
        guard issues.isEmpty else { throw ImportError(issues) }
        let stored = try Dictionary(
            Self.skills(db, company: index.company, includeRetired: true).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var summary = ImportSummary(inserted: 0, updated: 0, dryRun: false)
        for row in rows {
            if let id = index.skill(row.code), let before = stored[id], let known = index.categories[row.category] {
                let imported = Skill(
                    id: id, companyID: index.company, categoryID: known, code: before.code, name: row.name,
                    description: row.description, levelDescriptions: row.levelDescriptions)
                if ImportIdentity.same(before, imported, scale: index.scale) {
                    summary.unchanged += 1
                    continue
                }
            }
            let category: SkillCategory.ID
            if let known = index.categories[row.category] {
                category = known
            } else {
                category = try insertCategory(db, name: row.category, company: index.company, actor: actor).id
                index.categories[row.category] = category
            }
            if let id = index.skill(row.code) {
                try db.execute(
                    sql: "UPDATE skill SET category_id = ?, name = ?, description = ? WHERE id = ?",
                    arguments: [category.rawValue, row.name, row.description, id.rawValue])
                let skill = Skill(
                    id: id, companyID: index.company, categoryID: category, code: row.code, name: row.name,
                    description: row.description, levelDescriptions: row.levelDescriptions)
                try writeLevelDescriptions(db, skill)
                summary.updated += 1
            } else {
                let skill = try insertSkill(
                    db,
                    Skill(id: Skill.ID(0), companyID: index.company, categoryID: category, code: row.code, name: row.name,
                          description: row.description, levelDescriptions: row.levelDescriptions),
                    actor: actor)
                index.skills[CompanyIndex.key(row.code)] = skill.id
                summary.inserted += 1
            }
        }
        return summary
    }

    static func importEvaluations(
        _ db: Database, _ rows: [EvaluationRecord], _ index: CompanyIndex, actor: String,
        progress: (@Sendable (Int) -> Void)? = nil
    ) throws -> ImportSummary {
        var issues: [ImportIssue] = []
        var resolved: [Evaluation] = []
        resolved.reserveCapacity(rows.count)
        var sources: [ImportIdentity.Entry: SourcePosition] = [:]
        for row in rows {
            let employee = index.employees[row.employeeNumber]
            if employee == nil {
                issues.append(ImportIssue(row.source, column: "社員番号",
                    CompanyIndex.unknown("employee number", row.employeeNumber, among: index.employees.keys)))
            }
            let skill = index.skill(row.skillCode)
            if skill == nil {
                issues.append(ImportIssue(row.source, column: "スキルコード",
                    CompanyIndex.unknown("skill code", row.skillCode, among: index.skills.keys)))
            }
            if !index.scale.contains(row.level) {
                issues.append(ImportIssue(row.source, column: "レベル",
                    "level \(row.level) is outside the scale \(index.scale.range.lowerBound)–\(index.scale.range.upperBound)"))
            }
            var evaluator: Employee.ID?
            if let number = row.evaluatorNumber, !number.isEmpty {
                evaluator = index.employees[number]?.id
                if evaluator == nil {
                    issues.append(ImportIssue(row.source, column: "評価者",
                        CompanyIndex.unknown("evaluator number", number, among: index.employees.keys)))
                }
            }
            if let employee, row.evaluatedOn < employee.hireDate {
                issues.append(ImportIssue(row.source, column: "評価日",
                    "evaluated on \(row.evaluatedOn), before \(employee.name) was hired (\(employee.hireDate))"))
            }
            if issues.count >= 200 { break }
            if let employee, let skill {
                resolved.append(Evaluation(
                    id: Evaluation.ID(0), employeeID: employee.id, skillID: skill, level: row.level, evaluatorID: evaluator,
                    evaluatedOn: row.evaluatedOn, note: row.note, kind: row.kind,
                    state: row.state ?? Evaluation.initialState(for: row.kind), method: .import, evidence: row.evidence?.text ?? ""))
                sources[ImportIdentity.Entry(resolved[resolved.count - 1])] = row.source
            }
        }
        guard issues.isEmpty else { throw ImportError(issues) }
        var summary = ImportSummary(inserted: 0, updated: 0, dryRun: false)
        let fresh = try unrecordedEvaluations(db, resolved, &summary)
        // A level the company keeps for 実技確認 is not typed into a workbook or file: only rows that
        // would record something are checked, so a file that repeats the map as it is imports.
        var rules: [Skill.ID: SkillCheckRule] = [:]
        for evaluation in fresh where evaluation.state == .approved {
            if rules[evaluation.skillID] == nil {
                rules[evaluation.skillID] = try checkRule(db, skill: evaluation.skillID) ?? SkillCheckRule(skillID: evaluation.skillID)
            }
            guard rules[evaluation.skillID]!.needsSignOff(evaluation.level),
                let source = sources[ImportIdentity.Entry(evaluation)]
            else { continue }
            issues.append(ImportIssue(
                source, column: "レベル", "level \(evaluation.level) of this skill is recorded by a practical sign-off, not imported",
                japanese: "この技能のレベル\(evaluation.level)は実技確認で記録します（取り込めません）。"))
            if issues.count >= 200 { break }
        }
        guard issues.isEmpty else { throw ImportError(issues) }
        try insertEvaluations(db, fresh, company: index.company, progress: progress)
        return summary
    }

    /// The evaluations of `resolved` the history does not hold yet, each row counted in `summary`:
    /// unchanged when an entry identical to it is stored (or came earlier in the same file), changed
    /// when its occasion is stored with another level or note, new otherwise. One indexed lookup
    /// (employee, skill, date) per row, so a large history is not read into memory.
    static func unrecordedEvaluations(_ db: Database, _ resolved: [Evaluation], _ summary: inout ImportSummary) throws
        -> [Evaluation]
    {
        let sameDay = try db.makeStatement(sql: """
            SELECT \(Evaluation.columns) FROM evaluation WHERE employee_id = ? AND skill_id = ? AND evaluated_on = ?
            """)
        var seen = Set<ImportIdentity.Entry>()
        var fresh: [Evaluation] = []
        fresh.reserveCapacity(resolved.count)
        for evaluation in resolved {
            let entry = ImportIdentity.Entry(evaluation)
            guard seen.insert(entry).inserted else {
                summary.unchanged += 1
                continue
            }
            let stored = try Row.fetchAll(
                sameDay,
                arguments: [evaluation.employeeID.rawValue, evaluation.skillID.rawValue, evaluation.evaluatedOn.description]
            ).map { ImportIdentity.Entry(Evaluation(row: $0)) }
            if stored.contains(entry) {
                summary.unchanged += 1
            } else {
                fresh.append(evaluation)
                if stored.contains(where: { $0.occasion == entry.occasion }) { summary.updated += 1 } else { summary.inserted += 1 }
            }
        }
        return fresh
    }

    /// Bulk insert of already-validated evaluations with one prepared statement; the batch is
    /// audited as a whole by the caller. Rows go in sorted by employee, skill and date so that the
    /// history index and the current-level table are written in order instead of at random; the
    /// sort is stable, so entries of the same day keep their file order (the later one counts).
    static func insertEvaluations(
        _ db: Database, _ evaluations: [Evaluation], company: Company.ID, progress: (@Sendable (Int) -> Void)? = nil
    ) throws {
        let ordered = evaluations.enumerated().sorted { a, b in
            (a.element.employeeID, a.element.skillID, a.element.evaluatedOn.dayNumber, a.offset)
                < (b.element.employeeID, b.element.skillID, b.element.evaluatedOn.dayNumber, b.offset)
        }.map(\.element)
        let statement = try db.makeStatement(sql: """
            INSERT INTO evaluation (company_id, employee_id, skill_id, level, evaluator_id, evaluated_on, note, kind, state,
              decided_at, method, evidence)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, CASE WHEN ?9 = 'pending' THEN NULL ELSE \(Migrations.now) END, ?, ?)
            """)
        for (done, e) in ordered.enumerated() {
            if done % 2_000 == 0 { progress?(done) }
            try statement.execute(arguments: [
                company.rawValue, e.employeeID.rawValue, e.skillID.rawValue, e.level, e.evaluatorID?.rawValue,
                e.evaluatedOn.description, e.note, e.kind.rawValue, e.state.rawValue, e.method.rawValue, e.evidence,
            ])
        }
        progress?(ordered.count)
    }
}
