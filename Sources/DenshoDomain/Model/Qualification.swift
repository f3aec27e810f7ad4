/// A qualification or licence in the company's catalogue (玉掛け技能講習, 危険物取扱者 乙種4類 …).
public struct Qualification: Identifiable, Hashable, Codable, Sendable {
    public typealias ID = EntityID<Qualification>
    public var id: ID
    public var companyID: Company.ID
    public var name: String
    /// 発行機関 (都道府県労働局, 消防試験研究センター …).
    public var issuer: String
    /// Years a certificate stays valid, when it must be renewed; nil for lifetime qualifications.
    public var validityYears: Int?

    public init(id: ID, companyID: Company.ID, name: String, issuer: String = "", validityYears: Int? = nil) {
        self.id = id
        self.companyID = companyID
        self.name = name
        self.issuer = issuer
        self.validityYears = validityYears
    }
}

/// A qualification held by an employee.
public struct HeldQualification: Identifiable, Hashable, Codable, Sendable {
    public typealias ID = EntityID<HeldQualification>
    public var id: ID
    public var employeeID: Employee.ID
    public var qualificationID: Qualification.ID
    public var acquiredOn: LocalDate
    public var expiresOn: LocalDate?
    public var certificateNumber: String

    public init(
        id: ID, employeeID: Employee.ID, qualificationID: Qualification.ID, acquiredOn: LocalDate,
        expiresOn: LocalDate? = nil, certificateNumber: String = ""
    ) {
        self.id = id
        self.employeeID = employeeID
        self.qualificationID = qualificationID
        self.acquiredOn = acquiredOn
        self.expiresOn = expiresOn
        self.certificateNumber = certificateNumber
    }

    public func isValid(on date: LocalDate) -> Bool {
        acquiredOn <= date && (expiresOn.map { date <= $0 } ?? true)
    }
}
