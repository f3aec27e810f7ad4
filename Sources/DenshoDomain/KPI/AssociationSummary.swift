/// One member company's figures for the association (産業未来創造会): counts and rates only, never
/// a name or a record, so that personal data does not cross companies.
public struct CompanySummary: Codable, Sendable, Equatable {
    public var company: String
    public var employees: Int
    public var newHiresThisYear: Int
    /// Retention over the complete cohorts of the last five hire years (nil without any).
    public var threeYearRetention: Double?
    public var multiSkillRate: Double
    public var atRiskSkills: Int
    public var qualificationsHeld: Int
    public var mentorMeetings12Months: Int
    public var lunchMeetings12Months: Int
    public var proposalsAdoptedThisYear: Int
    public var activePairings: Int

    public init(company: Company, report: KPIReport) {
        let now = report.years.last
        let complete = report.cohorts.filter { $0.complete }.suffix(5)
        let hired = complete.map(\.hired).reduce(0, +)
        self.company = company.name
        employees = now?.employees ?? 0
        newHiresThisYear = now?.newHires ?? 0
        threeYearRetention = hired == 0 ? nil : Double(hired - complete.map(\.leftWithinThreeYears).reduce(0, +)) / Double(hired)
        multiSkillRate = now?.multiSkillRate ?? 0
        atRiskSkills = now?.atRiskSkills ?? 0
        qualificationsHeld = now?.qualificationsHeld ?? 0
        mentorMeetings12Months = report.months.map(\.mentorMeetings).reduce(0, +)
        lunchMeetings12Months = report.months.map(\.lunchMeetings).reduce(0, +)
        proposalsAdoptedThisYear = now?.proposalsAdopted ?? 0
        activePairings = report.activePairings
    }
}
