/// An employee (社員), current or former. Former employees are kept (退職日, 退職理由) so that
/// retention figures and skill history survive them.
public struct Employee: Identifiable, Hashable, Codable, Sendable {
    public typealias ID = EntityID<Employee>
    public var id: ID
    public var companyID: Company.ID
    /// 社員番号, unique within the company.
    public var number: String
    /// 氏名 with a space between family and given name (`山田 太郎`).
    public var name: String
    /// フリガナ in katakana (`ヤマダ タロウ`).
    public var kana: String
    public var hireDate: LocalDate
    public var birthYear: Int?
    public var departmentID: Department.ID?
    /// 役職 (班長, 主任, 係長 …), free text as companies name them differently.
    public var position: String
    /// Current grade on a career track, when assigned.
    public var gradeID: Grade.ID?
    public var leaveDate: LocalDate?
    public var leaveReason: String?

    public init(
        id: ID, companyID: Company.ID, number: String, name: String, kana: String = "",
        hireDate: LocalDate, birthYear: Int? = nil, departmentID: Department.ID? = nil,
        position: String = "", gradeID: Grade.ID? = nil, leaveDate: LocalDate? = nil, leaveReason: String? = nil
    ) {
        self.id = id
        self.companyID = companyID
        self.number = number
        self.name = name
        self.kana = kana
        self.hireDate = hireDate
        self.birthYear = birthYear
        self.departmentID = departmentID
        self.position = position
        self.gradeID = gradeID
        self.leaveDate = leaveDate
        self.leaveReason = leaveReason
    }

    /// Employed on `date`: hired on or before it and not yet left.
    public func isActive(on date: LocalDate) -> Bool {
        hireDate <= date && (leaveDate.map { date < $0 } ?? true)
    }

    /// Completed years of service on `date`.
    public func serviceYears(on date: LocalDate) -> Int { max(0, hireDate.wholeYears(until: date)) }

    /// Age reached during `year` (birthdays are not kept, only 生年).
    public func age(in year: Int) -> Int? { birthYear.map { year - $0 } }

    /// The family name, for narrow columns (`山田`).
    public var familyName: String {
        String(name.split(whereSeparator: { $0 == " " || $0 == "\u{3000}" }).first ?? Substring(name))
    }
}
