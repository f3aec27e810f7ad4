/// Where a value came from in an imported file, so errors can point at it.
public struct SourcePosition: Hashable, Codable, Sendable {
    public var file: String
    /// 1-based line in the file (the header is line 1).
    public var line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }
}

/// One problem found while importing, with file, line and column.
public struct ImportIssue: Hashable, Codable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: String?
    public var message: String
    /// The same in Japanese, for the web UI (the CLI prints `message`).
    public var japanese: String?

    public init(_ position: SourcePosition, column: String?, _ message: String, japanese: String? = nil) {
        self.file = position.file
        self.line = position.line
        self.column = column
        self.message = message
        self.japanese = japanese
    }

    public var description: String {
        "\(file):\(line)" + (column.map { " [\($0)]" } ?? "") + ": \(message)"
    }
}

/// An import refused as a whole. Nothing was written.
public struct ImportError: Error, Sendable, CustomStringConvertible {
    public var issues: [ImportIssue]

    public init(_ issues: [ImportIssue]) { self.issues = issues }

    public var description: String {
        let shown = issues.prefix(20).map(\.description).joined(separator: "\n")
        let more = issues.count > 20 ? "\n… and \(issues.count - 20) more problems" : ""
        return "import refused, nothing was imported:\n" + shown + more
    }
}

/// An employee row of an import file. Department and grade are named, resolved by the store.
public struct EmployeeRecord: Hashable, Sendable {
    /// Where the row came from, for error messages.
    public var source: SourcePosition
    public var number: String
    public var name: String
    public var kana: String
    public var hireDate: LocalDate
    public var birthYear: Int?
    public var department: String?
    public var position: String
    public var gradeCode: String?
    public var leaveDate: LocalDate?
    public var leaveReason: String?

    public init(
        source: SourcePosition, number: String, name: String, kana: String, hireDate: LocalDate,
        birthYear: Int? = nil, department: String? = nil, position: String = "", gradeCode: String? = nil,
        leaveDate: LocalDate? = nil, leaveReason: String? = nil
    ) {
        self.source = source
        self.number = number
        self.name = name
        self.kana = kana
        self.hireDate = hireDate
        self.birthYear = birthYear
        self.department = department
        self.position = position
        self.gradeCode = gradeCode
        self.leaveDate = leaveDate
        self.leaveReason = leaveReason
    }
}

/// A skill row: category by name, level wording per level.
public struct SkillRecord: Hashable, Sendable {
    /// Where the row came from, for error messages.
    public var source: SourcePosition
    public var category: String
    public var code: String
    public var name: String
    public var description: String
    public var levelDescriptions: [Int: String]

    public init(
        source: SourcePosition, category: String, code: String, name: String, description: String = "",
        levelDescriptions: [Int: String] = [:]
    ) {
        self.source = source
        self.category = category
        self.code = code
        self.name = name
        self.description = description
        self.levelDescriptions = levelDescriptions
    }
}

/// An evaluation row: employee and skill by number and code.
public struct EvaluationRecord: Hashable, Sendable {
    /// Where the row came from, for error messages.
    public var source: SourcePosition
    public var employeeNumber: String
    public var skillCode: String
    public var level: Int
    public var evaluatedOn: LocalDate
    public var evaluatorNumber: String?
    public var kind: EvaluationKind
    /// Approval state as exported; nil means the default for the kind (self-assessments wait).
    public var state: ApprovalState?
    public var note: String
    /// What the level was read from (`EvaluationEvidence`), kept with the evaluation.
    public var evidence: EvaluationEvidence?

    public init(
        source: SourcePosition, employeeNumber: String, skillCode: String, level: Int, evaluatedOn: LocalDate,
        evaluatorNumber: String? = nil, kind: EvaluationKind = .supervisor, state: ApprovalState? = nil, note: String = "",
        evidence: EvaluationEvidence? = nil
    ) {
        self.evidence = evidence
        self.state = state
        self.source = source
        self.employeeNumber = employeeNumber
        self.skillCode = skillCode
        self.level = level
        self.evaluatedOn = evaluatedOn
        self.evaluatorNumber = evaluatorNumber
        self.kind = kind
        self.note = note
    }
}

/// A parsed import file of one kind.
public enum ImportBatch: Sendable {
    case employees([EmployeeRecord])
    case skills([SkillRecord])
    case evaluations([EvaluationRecord])

    public var count: Int {
        switch self {
        case .employees(let rows): rows.count
        case .skills(let rows): rows.count
        case .evaluations(let rows): rows.count
        }
    }
}

/// What an import wrote (or, in a dry run, would write). Every row of the file is counted once:
/// new, changed (an employee or skill rewritten; an evaluation recorded again with another level or
/// note, as history is never rewritten), or unchanged (equal to what is stored, so not written).
public struct ImportSummary: Hashable, Codable, Sendable {
    /// New rows.
    public var inserted: Int
    /// Changed rows.
    public var updated: Int
    /// Rows equal to what is stored, and repeats of an earlier row of the same file.
    public var unchanged: Int
    public var dryRun: Bool

    public init(inserted: Int, updated: Int, unchanged: Int = 0, dryRun: Bool) {
        self.inserted = inserted
        self.updated = updated
        self.unchanged = unchanged
        self.dryRun = dryRun
    }

    /// Every row of the file.
    public var rows: Int { inserted + updated + unchanged }

    /// `0 new, 1 changed, 2,945 unchanged`, as the command line reports an import.
    public var counts: String {
        "\(Self.grouped(inserted)) new, \(Self.grouped(updated)) changed, \(Self.grouped(unchanged)) unchanged"
    }

    /// `2945` as `2,945`, the same in every locale.
    static func grouped(_ number: Int) -> String {
        let digits = Array(String(number.magnitude))
        var text = number < 0 ? "-" : ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { text += "," }
            text.append(digit)
        }
        return text
    }
}
