/// One line of the ISO 9001 7.2 (力量) record: a person's current level in a skill and how it
/// was established — method, evaluator, date and the evidence an auditor can ask to see.
public struct ISORecordRow: Hashable, Codable, Sendable {
    public var employeeCode: String
    public var employeeName: String
    public var department: String
    public var skillCode: String
    public var skillName: String
    public var level: Int
    public var method: EvaluationMethod
    public var evaluator: String
    public var evaluatedOn: LocalDate
    /// "実技確認 #12" / "筆記 #5 (KZ-M-012 第3版)" or "" when no record backs it.
    public var evidence: String
    /// The last valid day of a check with a validity; nil when it never expires.
    public var validThrough: LocalDate?

    public init(
        employeeCode: String, employeeName: String, department: String, skillCode: String, skillName: String, level: Int,
        method: EvaluationMethod, evaluator: String, evaluatedOn: LocalDate, evidence: String, validThrough: LocalDate? = nil
    ) {
        self.employeeCode = employeeCode
        self.employeeName = employeeName
        self.department = department
        self.skillCode = skillCode
        self.skillName = skillName
        self.level = level
        self.method = method
        self.evaluator = evaluator
        self.evaluatedOn = evaluatedOn
        self.evidence = evidence
        self.validThrough = validThrough
    }

    /// The evidence reference as printed: the record's number and the manual version it used.
    public static func evidenceText(_ evidence: EvaluationEvidence?, document: String?, revision: Int?) -> String {
        var text: String
        switch evidence {
        case .signOff(let id): text = "実技確認 #\(id.rawValue)"
        case .quizAttempt(let id): text = "筆記 #\(id.rawValue)"
        case .workbookCell(let cell): text = "Excel取込 \(cell)"
        case nil: return ""
        }
        if let document, !document.isEmpty {
            text += revision.map { " (\(document) 第\($0)版)" } ?? " (\(document))"
        }
        return text
    }
}

/// Whose ISO record: one person or a whole department.
public enum ISORecordScope: Hashable, Sendable {
    case employee(Employee.ID)
    case department(Department.ID)
}
