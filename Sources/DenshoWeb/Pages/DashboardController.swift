import DenshoDomain
import Foundation
import Hummingbird

/// The home page, by role: my skills and next grade (everyone with an employee record); my
/// team's pending approvals, gaps and expiring qualifications (supervisors); company KPIs (HR,
/// admins); member-company aggregates only (association).
struct DashboardController {
    let env: PageEnvironment

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/", use: show)
    }

    struct Pending {
        var id: String; var employee: String; var employeeID: String; var skill: String; var skillID: String; var symbol: String; var date: String
        /// The person's note and the level that counts now, next to the claimed one.
        var note: String; var currentSymbol: String; var currentLevel: Int; var level: Int
    }
    /// One of my self-assessments waiting or sent back (with the reason), until I assess again.
    struct MyAssessment { var skill: String; var skillID: String; var employeeID: String; var symbol: String; var date: String; var returned: Bool; var reason: String? }
    struct ExpiringCheckRow {
        var employeeID: String; var name: String; var skill: String; var skillID: String; var symbol: String
        var validThrough: String; var daysLeft: Int; var label: String; var expired: Bool
    }
    struct TeamGap { var employeeID: String; var name: String; var nextGrade: String; var gaps: Int; var eligible: Bool }
    struct Expiring { var employeeID: String; var name: String; var qualification: String; var expires: String; var label: String; var expired: Bool }
    struct Risk { var skill: String; var reason: String }
    struct KPIs { var headcount: Int; var multiSkillRate: String; var atRisk: Int; var expiring: Int; var pending: Int; var clips: Int }
    struct CompanyFigure { var name: String; var headcount: Int; var multiSkillRate: String; var hires: Int; var retention: String; var atRisk: Int; var meetings: Int; var lunches: Int; var adopted: Int }
    struct Reminder { var text: String; var href: String }
    struct View {
        var me: ProfileBuilder.Profile?
        var pending: [Pending]
        var teamGaps: [TeamGap]
        var expiring: [Expiring]
        var risks: [Risk]
        var kpis: KPIs?
        var companies: [CompanyFigure]
        var isSupervisor: Bool
        var isAssociation: Bool
        var reminders: [Reminder] = []
        /// 今週見るもの: the person's open assignments, soonest due first.
        var toWatch: [TrainingController.MyItem] = []
        /// My pending and returned self-assessments (差し戻し with the reason).
        var mine: [MyAssessment] = []
        /// Skill checks (recertification) expired or running out, beside the qualifications.
        var expiringChecks: [ExpiringCheckRow] = []
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        var view = View(me: nil, pending: [], teamGaps: [], expiring: [], risks: [], kpis: nil, companies: [],
                        isSupervisor: false, isAssociation: identity.account.role == .association)
        if identity.account.role == .association {
            view.companies = try await associationFigures()
        } else if let company = identity.company {
            try await fill(&view, identity: identity, company: company, language: context.language)
        }
        return env.renderer.page(.dashboard, title: context.language.text("dashboard"), context: context, data: view)
    }

    func fill(_ view: inout View, identity: Identity, company: Company, language: Language) async throws {
        let store = env.store, today = env.today, policy = identity.policy
        if let me = try await env.ownEmployee(identity, company: company) {
            view.me = try await ProfileBuilder(env: env).profile(me, company: company)
            view.toWatch = try await TrainingController(env: env).items(for: me.id, company: company, language: language)
                .filter { $0.stateKey != AssignmentState.completed.rawValue }
            view.mine = try await myAssessments(me, company: company)
        }
        guard identity.account.role != .staff else { return }
        view.isSupervisor = identity.account.role == .supervisor || identity.account.role == .admin
        let employees = try await store.employees(company: company.id, filter: .init(activeOn: today))
        let team = employees.filter { policy.canViewEmployee($0) && $0.id != identity.account.employeeID }
        let byID = Dictionary(uniqueKeysWithValues: employees.map { ($0.id, $0) })
        let skills = Dictionary(uniqueKeysWithValues: try await store.skills(company: company.id, includeRetired: true).map { ($0.id, $0) })
        let scale = try await store.levelScale(company: company.id)

        let pending = try await store.evaluations(company: company.id, employee: nil, skill: nil, state: .pending)
        var currentLevels: [Employee.ID: [Skill.ID: Int]] = [:]
        for employeeID in Set(pending.map(\.employeeID)) where byID[employeeID].map({ policy.canApprove($0) }) == true {
            currentLevels[employeeID] = try await store.levels(of: employeeID, company: company.id)
        }
        view.pending = pending.compactMap { evaluation in
            guard let employee = byID[evaluation.employeeID], policy.canApprove(employee) else { return nil }
            let current = currentLevels[employee.id]?[evaluation.skillID] ?? 0
            return Pending(
                id: evaluation.id.description, employee: employee.name, employeeID: employee.id.description,
                skill: skills[evaluation.skillID]?.name ?? "", skillID: evaluation.skillID.description,
                symbol: scale.symbol(evaluation.level), date: evaluation.evaluatedOn.slashed,
                note: evaluation.note, currentSymbol: scale.symbol(current), currentLevel: current, level: evaluation.level)
        }
        let held = try await store.heldQualifications(company: company.id, employee: nil)
        let qualifications = Dictionary(uniqueKeysWithValues: try await store.qualifications(company: company.id).map { ($0.id, $0.name) })
        let teamIDs = Set(team.map(\.id))
        view.expiring = ExpiryReport.expiring(held.filter { teamIDs.contains($0.employeeID) }, asOf: today).map {
            Expiring(employeeID: $0.held.employeeID.description, name: byID[$0.held.employeeID]?.name ?? "",
                     qualification: qualifications[$0.held.qualificationID] ?? "", expires: $0.held.expiresOn?.slashed ?? "",
                     label: language.text("expiry" + Self.bucketKey($0.bucket)), expired: $0.bucket == .expired)
        }
        let checks = try await store.checkedLevels(company: company.id, employee: nil).filter { $0.level > 0 && teamIDs.contains($0.employeeID) }
        view.expiringChecks = CheckExpiry.expiring(checks, asOf: today).map {
            ExpiringCheckRow(
                employeeID: $0.check.employeeID.description, name: byID[$0.check.employeeID]?.name ?? "",
                skill: skills[$0.check.skillID]?.name ?? "", skillID: $0.check.skillID.description, symbol: scale.symbol($0.check.level),
                validThrough: $0.check.validThrough.slashed, daysLeft: $0.daysLeft, label: language.text("expiry" + Self.bucketKey($0.bucket)), expired: $0.bucket == .expired)
        }
        if identity.account.role == .supervisor {
            let tracks = try await store.tracks(company: company.id)
            let heldBy = Dictionary(grouping: held, by: \.employeeID)
            for employee in team.prefix(60) {
                guard let track = tracks.track(of: employee) else { continue }
                let assessment = CareerAssessment(
                    employee: employee, track: track, levels: try await store.levels(of: employee.id, company: company.id),
                    heldQualifications: heldBy[employee.id] ?? [], asOf: today)
                guard let next = assessment.nextGrade else { continue }
                let gap = assessment.gaps(for: next)
                view.teamGaps.append(TeamGap(
                    employeeID: employee.id.description, name: employee.name, nextGrade: next.name,
                    gaps: gap.skillGaps.count + gap.missingQualifications.count, eligible: gap.isEligible))
            }
            view.teamGaps.sort { ($0.eligible ? 0 : 1, $0.gaps) < ($1.eligible ? 0 : 1, $1.gaps) }
        }
        if policy.canSeeCompanyKPIs {
            let matrix = try await store.matrix(company: company.id, department: nil, asOf: today)
            let risks = RiskAnalysis(retirementAge: company.retirementAge, asOfYear: today.year).risks(in: matrix)
            view.risks = risks.prefix(10).map { risk in
                Risk(skill: risk.skill.name, reason: "指導できる人 \(risk.instructors.count)名（うち定年まで5年以内 \(risk.nearRetirement.count)名）")
            }
            let rate = matrix.multiSkillRate(threshold: company.multiSkillThreshold)
            let planner = MentoringPlanner(store: store, company: company, asOf: today)
            let reminders = try await planner.reminders()
            if !reminders.overdue.isEmpty {
                let text = "メンター面談が\(MentoringPlanner.meetingOverdueDays)日以上ない組み合わせが\(reminders.overdue.count)組あります"
                view.reminders.append(Reminder(text: text, href: "/mentoring"))
            }
            if reminders.lunchDue {
                view.reminders.append(Reminder(text: "今月のランチミーティングがまだです", href: "/mentoring"))
            }
            view.kpis = KPIs(
                headcount: employees.count, multiSkillRate: Self.percent(rate.rate), atRisk: risks.count,
                expiring: ExpiryReport.expiring(held, asOf: today).count, pending: pending.count,
                clips: try await store.clips(company: company.id, status: nil).count)
        }
    }

    /// My self-assessments still open: pending, or returned and not assessed again since (the
    /// latest evaluation of the skill is the returned one), newest first.
    func myAssessments(_ me: Employee, company: Company) async throws -> [MyAssessment] {
        let mine = try await env.store.evaluations(company: company.id, employee: me.id, skill: nil, state: nil)
        guard mine.contains(where: { $0.kind == .self && $0.state != .approved }) else { return [] }
        let scale = try await env.store.levelScale(company: company.id)
        let names = Dictionary(uniqueKeysWithValues: try await env.store.skills(company: company.id, includeRetired: true).map { ($0.id, $0.name) })
        var latest: [Skill.ID: Evaluation.ID] = [:]
        for evaluation in mine where latest[evaluation.skillID].map({ $0 < evaluation.id }) ?? true { latest[evaluation.skillID] = evaluation.id }
        return mine.reversed().filter { evaluation in
            evaluation.kind == .self
                && (evaluation.state == .pending || (evaluation.state == .rejected && latest[evaluation.skillID] == evaluation.id))
        }.map { evaluation in
            MyAssessment(
                skill: names[evaluation.skillID] ?? "", skillID: evaluation.skillID.description, employeeID: me.id.description,
                symbol: scale.symbol(evaluation.level), date: evaluation.evaluatedOn.slashed, returned: evaluation.state == .rejected,
                reason: evaluation.state == .rejected && !evaluation.decisionNote.isEmpty ? evaluation.decisionNote : nil)
        }
    }

    /// Per-company counts only: no names, no records cross companies.
    func associationFigures() async throws -> [CompanyFigure] {
        var figures: [CompanyFigure] = []
        for company in try await env.store.companies() {
            let report = KPIReport.compute(try await KPIInputs.load(company: company, from: env.store), asOf: env.today)
            let s = CompanySummary(company: company, report: report)
            figures.append(CompanyFigure(
                name: s.company, headcount: s.employees, multiSkillRate: Self.percent(s.multiSkillRate), hires: s.newHiresThisYear,
                retention: s.threeYearRetention.map(Self.percent) ?? "—", atRisk: s.atRiskSkills, meetings: s.mentorMeetings12Months,
                lunches: s.lunchMeetings12Months, adopted: s.proposalsAdoptedThisYear))
        }
        return figures
    }

    static func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }

    /// The string-table key part of an expiry bucket (期限切れ, 30日以内 …).
    static func bucketKey(_ bucket: ExpiryBucket) -> String {
        switch bucket {
        case .expired: "Expired"
        case .within30: "Within30"
        case .within60: "Within60"
        case .within90: "Within90"
        }
    }
}
