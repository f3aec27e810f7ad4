import DenshoDomain
import DenshoStore
import Foundation
import Hummingbird

/// メンター制度 for HR: mentors and their capacity, the optimal pairing with its reasons, pairs
/// from proposed to active to ended, and meetings with overdue reminders.
struct MentoringController {
    let env: PageEnvironment

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/mentoring", use: page)
        router.post("/mentoring/mentors", use: setMentor)
        router.post("/mentoring/suggest", use: suggest)
        router.post("/mentoring/pairings/{id}/accept", use: accept)
        router.post("/mentoring/pairings/{id}/decline", use: decline)
        router.post("/mentoring/pairings/{id}/end", use: end)
        router.post("/meetings", use: recordMeeting)
    }

    struct PairRow { var id: String; var mentee: String; var menteeID: String; var mentor: String; var status: String; var since: String; var until: String; var reasons: [String]; var overdue: String? }
    struct MentorRow { var id: String; var name: String; var department: String; var capacity: Int; var load: Int; var active: Bool }
    struct Option { var id: String; var name: String }
    struct MeetingRow { var date: String; var kind: String; var title: String; var attendees: String; var topics: String; var next: String }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.canManageMentoring || $0.canRecordMeetings }
        let store = env.store
        let everyone = try await store.employees(company: company.id, filter: EmployeeFilter())
        let people = Dictionary(uniqueKeysWithValues: everyone.map { ($0.id, $0) })
        let departments = Dictionary(uniqueKeysWithValues: try await store.departments(company: company.id).map { ($0.id, $0.name) })
        // Supervisors record meetings for their own people: they see the pairings of mentees they
        // may see, and the meetings of those pairings or with one of their people; HR sees all.
        let scope = MentoringScope(policy: identity.policy, people: people)
        let allPairings = try await store.pairings(company: company.id, status: nil)
        let pairings = allPairings.filter(scope.sees)
        let meetings = scope.visible(try await store.meetings(company: company.id, kind: nil), pairings: pairings)
        let reminders = MentoringPlanner.reminders(pairings: pairings, meetings: meetings, asOf: env.today)
        let overdue = reminders.lastMetOfOverdue
        func row(_ p: Pairing) -> PairRow {
            PairRow(id: p.id.description, mentee: people[p.menteeID]?.name ?? "?", menteeID: p.menteeID.description,
                    mentor: people[p.mentorID]?.name ?? "?", status: p.status.label, since: p.startedOn?.slashed ?? p.proposedOn.slashed,
                    until: p.endedOn?.slashed ?? "", reasons: p.reasons + (p.endReason.map { ["終了理由: \($0)"] } ?? []),
                    overdue: overdue[p.id].map {
                        "面談が\(MentoringPlanner.meetingOverdueDays)日以上ありません（最終: \($0?.slashed ?? "なし")）"
                    })
        }
        // A mentor's load counts every active pair, seen or not: a full mentor must not look free.
        let load = Dictionary(grouping: allPairings.filter { $0.status == .active }, by: \.mentorID).mapValues(\.count)
        let active = everyone.filter { $0.isActive(on: env.today) && scope.sees($0.id) }
        var view: [String: Any] = [
            "canManage": identity.policy.canManageMentoring,
            "lunchDue": reminders.lunchDue,
            "overdueCount": overdue.count,
            "mentors": try await store.mentors(company: company.id).map { m in
                MentorRow(id: m.employeeID.description, name: people[m.employeeID]?.name ?? "?",
                          department: people[m.employeeID]?.departmentID.flatMap { departments[$0] } ?? "", capacity: m.capacity,
                          load: load[m.employeeID] ?? 0, active: m.active)
            },
            "proposed": pairings.filter { $0.status == .proposed }.map(row),
            "active": pairings.filter { $0.status == .active }.map(row),
            "history": pairings.filter { $0.status == .ended || $0.status == .declined }.map(row),
            "people": active.map { Option(id: $0.id.description, name: "\($0.number) \($0.name)") },
            "young": active.filter { $0.serviceYears(on: env.today) < 5 }.map { Option(id: $0.id.description, name: $0.name) },
            "activeOptions": pairings.filter { $0.status == .active }.map {
                Option(id: $0.id.description, name: "\(people[$0.menteeID]?.name ?? "?") ← \(people[$0.mentorID]?.name ?? "?")")
            },
            "meetings": meetings.prefix(30).map { m in
                MeetingRow(date: m.heldOn.slashed, kind: m.kind.label, title: m.title,
                           attendees: m.attendees.compactMap { people[$0]?.name }.joined(separator: "、"), topics: m.topics, next: m.nextActions)
            },
            "today": env.today.description,
        ]
        // Numbers only come back from the suggestion, so no text from a link is ever shown.
        if let pairs = request.query("suggested").flatMap(Int.init) {
            view["notice"] = "\(pairs)組を提案しました（未割当 \(request.query("unmatched").flatMap(Int.init) ?? 0)名）。内容を確認して開始してください。"
        }
        return env.renderer.page(.mentoring, title: context.language.text("mentoring"), context: context, data: view)
    }

    @Sendable func setMentor(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.canManageMentoring }
        var request = request
        let form = try await request.form(context: context)
        guard let id = form.int64("employee"), let employee = try await env.store.employee(.init(id), company: company.id) else {
            throw WebError.notFound
        }
        guard let capacity = form.int("capacity"), (0...20).contains(capacity) else {
            throw WebError.badRequest("受け入れ人数は0〜20で入力してください。", "Capacity must be 0 to 20.")
        }
        try await env.store.setMentor(Mentor(employeeID: employee.id, capacity: capacity, active: form["inactive"] == nil),
                                      company: company.id, by: identity.account.login)
        return .redirect(to: "/mentoring", type: .normal)
    }

    @Sendable func suggest(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.canManageMentoring }
        var request = request
        let form = try await request.form(context: context)
        let rules = PairingRules(requireOtherDepartment: form["otherDepartment"] != nil,
                                 maxPairsPerMentor: form.int("maxPairs").flatMap { $0 > 0 ? $0 : nil })
        let suggestion = try await MentoringPlanner(store: env.store, company: company, asOf: env.today).suggest(rules: rules)
        _ = try await env.store.replaceProposals(suggestion.pairings, company: company.id, by: identity.account.login)
        return .redirect(to: "/mentoring?suggested=\(suggestion.result.pairs.count)&unmatched=\(suggestion.result.unmatched.count)",
                         type: .normal)
    }

    @Sendable func accept(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await decide(request, context, accept: true)
    }

    @Sendable func decline(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await decide(request, context, accept: false)
    }

    private func decide(_ request: Request, _ context: AppRequestContext, accept: Bool) async throws -> Response {
        let (identity, company) = try context.require { $0.canManageMentoring }
        let id = Pairing.ID(try context.parameters.id())
        guard let pairing = try await env.store.pairing(id, company: company.id) else { throw WebError.notFound }
        guard pairing.status == .proposed else {
            throw WebError(.conflict, ja: "この組み合わせはすでに決定済みです。", en: "This pairing has already been decided.")
        }
        do {
            _ = try await env.store.decide(pairing: id, accept: accept, on: env.today, company: company.id, by: identity.account.login)
        } catch StoreError.invalid {
            // The status was checked above; what the store still refuses is a second active mentor.
            throw WebError(.conflict, ja: "このメンティーにはすでにメンターがいます。先に終了してください。",
                           en: "This mentee already has an active mentor; end that pairing first.")
        }
        return .redirect(to: "/mentoring", type: .normal)
    }

    @Sendable func end(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.canManageMentoring }
        let id = Pairing.ID(try context.parameters.id())
        guard let pairing = try await env.store.pairing(id, company: company.id) else { throw WebError.notFound }
        guard pairing.status == .active else {
            throw WebError(.conflict, ja: "実施中の組み合わせではありません。", en: "This pairing is not active.")
        }
        var request = request
        let form = try await request.form(context: context)
        _ = try await env.store.end(pairing: id, on: env.today, reason: form["reason"].flatMap { $0.isEmpty ? nil : $0 } ?? "期間満了",
                                    company: company.id, by: identity.account.login)
        return .redirect(to: "/mentoring", type: .normal)
    }

    @Sendable func recordMeeting(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.canRecordMeetings }
        var request = request
        let form = try await request.form(context: context)
        guard let kind = form["kind"].flatMap(MeetingKind.init(rawValue:)) else {
            throw WebError.badRequest("種類を選んでください。", "Choose the kind of meeting.")
        }
        guard let date = form["date"].flatMap(LocalDate.init(parsing:)), date <= env.today else {
            throw WebError.badRequest("日付が正しくありません（未来の日付は記録できません）。", "The date is not valid (no future dates).")
        }
        var attendees = form.all("attendee").compactMap(Int64.init).map(Employee.ID.init)
        let everyone = try await env.store.employees(company: company.id, filter: EmployeeFilter())
        let scope = MentoringScope(policy: identity.policy, people: Dictionary(uniqueKeysWithValues: everyone.map { ($0.id, $0) }))
        // People the caller may not see are "not found", as their profiles are.
        guard attendees.allSatisfy(scope.sees) else { throw WebError.notFound }
        var pairingID: Pairing.ID?
        if kind == .mentor {
            guard let id = form.int64("pairing") else {
                throw WebError.badRequest("メンター面談には組み合わせを選んでください。", "Choose the pairing for a mentor meeting.")
            }
            // A pairing that does not exist and one the caller may not see answer alike.
            guard let pairing = try await env.store.pairing(.init(id), company: company.id), scope.sees(pairing) else {
                throw WebError.notFound
            }
            pairingID = pairing.id
            attendees += [pairing.mentorID, pairing.menteeID]
        }
        // Attendees of another company are refused by the store (404), inside the same transaction.
        _ = try await env.store.addMeeting(
            Meeting(id: .init(0), kind: kind, heldOn: date, pairingID: pairingID, title: form["title"] ?? "", topics: form["topics"] ?? "",
                    nextActions: form["next"] ?? "", attendees: attendees),
            company: company.id, by: identity.account.login)
        return .redirect(to: "/mentoring", type: .normal)
    }
}

/// What of the mentoring programme a caller sees: everything for those who run it (HR, admins);
/// for supervisors, the pairings whose mentee they may see and the meetings of those pairings or
/// with one of their people.
struct MentoringScope {
    let policy: AccessPolicy
    let people: [Employee.ID: Employee]

    func sees(_ employee: Employee.ID) -> Bool {
        policy.canManageMentoring || (people[employee].map(policy.canViewEmployee) ?? false)
    }

    func sees(_ pairing: Pairing) -> Bool { sees(pairing.menteeID) }

    func visible(_ meetings: [Meeting], pairings visiblePairings: [Pairing]) -> [Meeting] {
        guard !policy.canManageMentoring else { return meetings }
        let ids = Set(visiblePairings.map(\.id))
        return meetings.filter { meeting in
            if let pairing = meeting.pairingID { return ids.contains(pairing) }
            return meeting.attendees.contains(where: sees)
        }
    }
}
