/// A few words from an employee about their work and growth, for recruiting sheets. It is printed
/// only while the employee consents, and never with their name: see `EmployeeStory.byline`.
public struct EmployeeStory: Identifiable, Hashable, Codable, Sendable {
    public typealias ID = EntityID<EmployeeStory>
    public var id: ID
    public var employeeID: Employee.ID
    public var text: String
    /// The employee agreed to the story appearing (anonymized) on printed recruiting material.
    public var consented: Bool
    public var writtenOn: LocalDate

    public init(id: ID, employeeID: Employee.ID, text: String, consented: Bool, writtenOn: LocalDate) {
        self.id = id
        self.employeeID = employeeID
        self.text = text
        self.consented = consented
        self.writtenOn = writtenOn
    }

    /// Who is speaking, without saying who: years since hiring, the grade reached and an age band
    /// (`入社5年目・技能士補・20代`). Names, departments and birth years stay out, so that in a small
    /// company the line does not point at one person more than it must.
    public static func byline(for employee: Employee, grade: Grade?, asOf: LocalDate) -> String {
        var parts = ["入社\(employee.serviceYears(on: asOf) + 1)年目"]
        if let grade { parts.append(grade.name) }
        if let age = employee.age(in: asOf.year) { parts.append("\(max(10, age / 10 * 10))代") }
        return parts.joined(separator: "・")
    }
}

/// Company settings for print and the stories employees agreed to share.
public protocol PublishingRepository: Sendable {
    func settings(company: Company.ID) async throws -> CompanySettings
    func updateSettings(_ settings: CompanySettings, company: Company.ID, by: String) async throws
    func addStory(_ story: EmployeeStory, company: Company.ID, by: String) async throws -> EmployeeStory
    func setStoryConsent(_ id: EmployeeStory.ID, consented: Bool, company: Company.ID, by: String) async throws
    /// Stories of the company's employees; `consentedOnly` for anything that is printed.
    func stories(company: Company.ID, consentedOnly: Bool) async throws -> [EmployeeStory]
}
