/// A whole company described by names and codes rather than database ids: what `densho demo`
/// loads, and the shape a company template takes. The store inserts it in one transaction.
public struct CompanyDataset: Sendable {
    public var code: String
    public var name: String
    public var retirementAge: Int
    public var multiSkillThreshold: Int
    public var levelScale: LevelScale
    /// Accounts; the first is the company's administrator.
    public var accounts: [DatasetAccount]
    public var departments: [String]
    /// Category names in display order.
    public var categories: [String]
    public var skills: [SkillRecord]
    public var qualifications: [DatasetQualification]
    public var tracks: [DatasetTrack]
    public var employees: [EmployeeRecord]
    public var evaluations: [EvaluationRecord]
    public var heldQualifications: [DatasetHeldQualification]
    public var targets: [DatasetTarget]

    public init(
        code: String, name: String, retirementAge: Int = 65, multiSkillThreshold: Int = 3,
        levelScale: LevelScale = .standard, accounts: [DatasetAccount] = [], departments: [String] = [],
        categories: [String] = [], skills: [SkillRecord] = [], qualifications: [DatasetQualification] = [],
        tracks: [DatasetTrack] = [], employees: [EmployeeRecord] = [], evaluations: [EvaluationRecord] = [],
        heldQualifications: [DatasetHeldQualification] = [], targets: [DatasetTarget] = []
    ) {
        self.code = code
        self.name = name
        self.retirementAge = retirementAge
        self.multiSkillThreshold = multiSkillThreshold
        self.levelScale = levelScale
        self.accounts = accounts
        self.departments = departments
        self.categories = categories
        self.skills = skills
        self.qualifications = qualifications
        self.tracks = tracks
        self.employees = employees
        self.evaluations = evaluations
        self.heldQualifications = heldQualifications
        self.targets = targets
    }
}

public struct DatasetAccount: Hashable, Sendable {
    public var account: NewAccount
    /// The employee this login belongs to, by 社員番号.
    public var employeeNumber: String?

    public init(account: NewAccount, employeeNumber: String? = nil) {
        self.account = account
        self.employeeNumber = employeeNumber
    }
}

extension NewAccount: Hashable {
    public static func == (lhs: NewAccount, rhs: NewAccount) -> Bool { lhs.login == rhs.login }
    public func hash(into hasher: inout Hasher) { hasher.combine(login) }
}

public struct DatasetQualification: Hashable, Codable, Sendable {
    public var name: String
    public var issuer: String
    public var validityYears: Int?

    public init(name: String, issuer: String, validityYears: Int? = nil) {
        self.name = name
        self.issuer = issuer
        self.validityYears = validityYears
    }
}

public struct DatasetTrack: Hashable, Codable, Sendable {
    public var name: String
    public var description: String
    public var grades: [DatasetGrade]

    public init(name: String, description: String, grades: [DatasetGrade]) {
        self.name = name
        self.description = description
        self.grades = grades
    }
}

public struct DatasetGrade: Hashable, Codable, Sendable {
    public var code: String
    public var name: String
    public var typicalYears: Int
    public var description: String
    /// Required levels by skill code.
    public var skills: [String: Int]
    /// Required qualifications by name.
    public var qualifications: [String]

    public init(
        code: String, name: String, typicalYears: Int, description: String, skills: [String: Int] = [:],
        qualifications: [String] = []
    ) {
        self.code = code
        self.name = name
        self.typicalYears = typicalYears
        self.description = description
        self.skills = skills
        self.qualifications = qualifications
    }
}

public struct DatasetHeldQualification: Hashable, Sendable {
    public var employeeNumber: String
    public var qualification: String
    public var acquiredOn: LocalDate
    public var expiresOn: LocalDate?
    public var certificateNumber: String

    public init(employeeNumber: String, qualification: String, acquiredOn: LocalDate, expiresOn: LocalDate?, certificateNumber: String = "") {
        self.employeeNumber = employeeNumber
        self.qualification = qualification
        self.acquiredOn = acquiredOn
        self.expiresOn = expiresOn
        self.certificateNumber = certificateNumber
    }
}

public struct DatasetTarget: Hashable, Sendable {
    public var employeeNumber: String
    public var skillCode: String
    public var level: Int
    public var dueDate: LocalDate
    public var note: String

    public init(employeeNumber: String, skillCode: String, level: Int, dueDate: LocalDate, note: String = "") {
        self.employeeNumber = employeeNumber
        self.skillCode = skillCode
        self.level = level
        self.dueDate = dueDate
        self.note = note
    }
}
