import DenshoDomain
import Foundation
import GRDB
import Testing
@testable import DenshoStore

@Suite("Notifications: choices, the delivery queue, digests and the daily scan")
struct NotificationStoreTests {
    /// A small company with a supervisor of its department and a staff member's account, a mail
    /// server, a webhook and the address staff open Densho at.
    struct Setup {
        let db: TestDatabase
        let company: Company
        let employees: [Employee]
        let skills: [Skill]
        let staff: Account
        let supervisor: Account
        let admin: Account

        init() async throws {
            let db = try TestDatabase()
            let (company, employees, skills) = try await db.smallCompany()
            self.db = db
            self.company = company
            self.employees = employees
            self.skills = skills
            let store = db.store
            staff = try await store.addAccount(
                NewAccount(login: "sato", displayName: "佐藤 翔太", role: .staff, passwordHash: "x"), company: company.id,
                employee: employees[1].id, by: "test")
            supervisor = try await store.addAccount(
                NewAccount(login: "kurosawa", displayName: "黒澤 修", role: .supervisor, passwordHash: "x"), company: company.id,
                employee: employees[0].id, by: "test")
            try await store.setSupervisedDepartments(supervisor.id, [employees[0].departmentID!], company: company.id, by: "test")
            admin = try #require(try await store.credentials(login: "acme-admin")).account
            try await store.setNotificationSettings(
                NotificationSettings(smtpHost: "localhost", smtpPort: 2525, smtpSender: "densho@example.jp",
                                     webhookURL: "https://hooks.example.jp/services/T0/B0/secret"),
                company: company.id, by: "test")
            try await store.updateSettings(CompanySettings(publicBaseURL: "https://densho.example.jp/"), company: company.id, by: "test")
        }

        func prefer(_ account: Account, email: String = "sato@example.jp", byEmail: Set<NotificationKind>, byWebhook: Set<NotificationKind> = [],
                    digest: Bool = false) async throws {
            try await db.store.setPreferences(
                NotificationPreference(email: email, emailKinds: byEmail, webhookKinds: byWebhook, digest: digest), account: account.id,
                by: "test")
        }
    }

    @Test func eachPersonsChoicesDecideTheDeliveries() async throws {
        let s = try await Setup()
        let store = s.db.store
        try await s.prefer(s.staff, byEmail: [.proposalDecided], byWebhook: [.proposalDecided])
        let queued = try await store.postNotification(
            company: s.company.id, accounts: [s.staff.id], kind: .proposalDecided, params: ["title": "工具の姿置き", "result": "adopted"],
            link: "/proposals", dedupe: nil)
        #expect(queued.map(\.channel) == [.email, .webhook])
        let mail = try #require(queued.first)
        #expect(mail.recipient == "sato@example.jp" && mail.state == .queued)
        #expect(mail.subject == "【伝承】改善提案「工具の姿置き」の結果：採用")
        #expect(mail.body.contains("Your improvement proposal “工具の姿置き”: adopted."), "English below the Japanese")
        #expect(mail.body.contains("https://densho.example.jp/proposals"), "the link made absolute with the company's address")
        #expect(queued[1].recipient == "https://hooks.example.jp/services/T0/B0/secret")
        #expect(queued[1].shownRecipient == "https://hooks.example.jp/…", "lists never show the webhook's secret path")
        #expect(queued[1].subject.contains("佐藤 翔太"), "a company channel says whom it is for")

        // A kind nobody chose is only in the list.
        let none = try await store.postNotification(
            company: s.company.id, accounts: [s.staff.id], kind: .assignmentGiven, params: ["title": "段取り"], link: "/training", dedupe: nil)
        #expect(none.isEmpty)
        let list = try await store.notifications(account: s.staff.id, limit: 10)
        #expect(list.map(\.kind) == [.assignmentGiven, .proposalDecided], "newest first")
        #expect(list[1].params["result"] == "adopted")
        #expect(try await store.unreadCount(account: s.staff.id) == 2)
        #expect(try await store.markRead(account: s.staff.id, ids: [list[1].id]) == 1)
        #expect(try await store.markRead(account: s.supervisor.id, ids: [list[0].id]) == 0, "nobody marks another's notifications")
        #expect(try await store.notification(list[0].id, account: s.supervisor.id) == nil)
        #expect(try await store.markRead(account: s.staff.id, ids: nil) == 1)
        #expect(try await store.unreadCount(account: s.staff.id) == 0)

        // Without a mail server, the e-mail is not queued; the webhook still is.
        try await store.setNotificationSettings(
            NotificationSettings(webhookURL: "https://hooks.example.jp/services/T0/B0/secret"), company: s.company.id, by: "test")
        let webhookOnly = try await store.postNotification(
            company: s.company.id, accounts: [s.staff.id], kind: .proposalDecided, params: ["title": "b", "result": "not-adopted"],
            link: "/proposals", dedupe: nil)
        #expect(webhookOnly.map(\.channel) == [.webhook])
    }

    @Test func accountsOfAnotherCompanyAndDisabledOnesAreNotNotified() async throws {
        let s = try await Setup()
        let (other, _, _) = try await s.db.smallCompany(code: "other")
        let otherAdmin = try #require(try await s.db.store.credentials(login: "other-admin")).account
        try await s.db.store.setDisabled(s.supervisor.id, true, company: s.company.id, by: "test")
        _ = try await s.db.store.postNotification(company: s.company.id, accounts: [otherAdmin.id, s.supervisor.id], kind: .test, params: [:],
                                                  link: "/", dedupe: nil)
        #expect(try await s.db.store.notifications(account: otherAdmin.id, limit: 10).isEmpty)
        #expect(try await s.db.store.notifications(account: s.supervisor.id, limit: 10).isEmpty)
        #expect(other.id != s.company.id)
    }

    @Test func aDedupeKeyPostsOncePerPerson() async throws {
        let s = try await Setup()
        try await s.prefer(s.staff, byEmail: [.qualificationExpiring])
        for _ in 0..<3 {
            _ = try await s.db.store.postNotification(
                company: s.company.id, accounts: [s.staff.id, s.supervisor.id], kind: .qualificationExpiring,
                params: ["name": "佐藤 翔太", "title": "フォークリフト", "due": "2026/05/01"], link: "/employees/2", dedupe: "expiring:1:2026-05-01")
        }
        #expect(try await s.db.store.notifications(account: s.staff.id, limit: 10).count == 1)
        #expect(try await s.db.store.notifications(account: s.supervisor.id, limit: 10).count == 1)
        #expect(try await s.db.store.deliveries(company: s.company.id, limit: 10).count == 1)
    }

    @Test func theQueueLeasesRetriesWithBackoffAndGivesUp() async throws {
        let s = try await Setup()
        let store = s.db.store
        let queued = try await store.queueTestNotification(account: s.staff.id, email: "sato@example.jp", webhook: false, company: s.company.id)
        let id = try #require(queued.first?.id)

        let first = try #require(try await store.claimDelivery(worker: "w1", leaseSeconds: 30, now: 1_000))
        #expect(first.id == id && first.attempts == 1 && first.state == .sending)
        #expect(try await store.claimDelivery(worker: "w2", leaseSeconds: 30, now: 1_001) == nil, "leased")
        try await store.failDelivery(id, worker: "w1", reason: "connection refused", final: false, backoffBase: 10, now: 1_002)
        #expect(try await store.claimDelivery(worker: "w2", leaseSeconds: 30, now: 1_011) == nil, "waits for its backoff")
        let second = try #require(try await store.claimDelivery(worker: "w2", leaseSeconds: 30, now: 1_012))
        #expect(second.attempts == 2 && second.lastError == "connection refused")
        try await store.failDelivery(id, worker: "w2", reason: "timed out", final: false, backoffBase: 10, now: 1_013)
        #expect(try await store.claimDelivery(worker: "w1", leaseSeconds: 30, now: 1_032) == nil, "the second wait is twice as long")

        // A sender that dies: its lease runs out and another takes the message over.
        let third = try #require(try await store.claimDelivery(worker: "w1", leaseSeconds: 30, now: 1_033))
        #expect(third.attempts == 3)
        let fourth = try #require(try await store.claimDelivery(worker: "w2", leaseSeconds: 30, now: 1_064))
        #expect(fourth.id == id && fourth.attempts == 4)
        try await store.completeDelivery(id, worker: "w1")  // the old lease holder is too late
        #expect(try await store.deliveries(company: s.company.id, limit: 1).first?.state == .sending)
        try await store.completeDelivery(id, worker: "w2")
        let sent = try #require(try await store.deliveries(company: s.company.id, limit: 1).first)
        #expect(sent.state == .sent && sent.sentAt != nil && sent.attempts == 4)

        // A permanent refusal fails at once.
        let again = try await store.queueTestNotification(account: s.staff.id, email: "nobody@example.jp", webhook: false, company: s.company.id)
        _ = try #require(try await store.claimDelivery(worker: "w1", leaseSeconds: 30, now: 2_000))
        try await store.failDelivery(again[0].id, worker: "w1", reason: "550 no such user", final: true, backoffBase: 10, now: 2_001)
        #expect(try await store.deliveries(company: s.company.id, limit: 1).first?.state == .failed)
        #expect(try await store.claimDelivery(worker: "w1", leaseSeconds: 30, now: 9_999) == nil)
    }

    @Test func digestsMergeAPersonsHeldMailsOnceADay() async throws {
        let s = try await Setup()
        let store = s.db.store
        try await s.prefer(s.staff, byEmail: [.proposalDecided, .assignmentGiven], byWebhook: [.assignmentGiven], digest: true)
        for title in ["一", "二"] {
            _ = try await store.postNotification(company: s.company.id, accounts: [s.staff.id], kind: .proposalDecided,
                                                 params: ["title": title, "result": "adopted"], link: "/proposals", dedupe: nil)
        }
        let webhook = try await store.postNotification(company: s.company.id, accounts: [s.staff.id], kind: .assignmentGiven,
                                                       params: ["title": "三"], link: "/training", dedupe: nil)
        #expect(webhook.map(\.state) == [.held, .queued], "only e-mails wait for the digest")
        #expect(try await store.claimDelivery(worker: "w", leaseSeconds: 30, now: 1)?.channel == .webhook, "held mails are not sent")
        let day = LocalDate.d("2026-04-01")
        #expect(try await store.releaseDigests(day: day) == 1)
        #expect(try await store.releaseDigests(day: day) == 0, "once a day")
        let rows = try await store.deliveries(company: s.company.id, limit: 10)
        #expect(rows.filter { $0.state == .merged }.count == 3)
        let digest = try #require(rows.first)
        #expect(digest.state == .queued && digest.channel == .email && digest.notificationID == nil)
        #expect(digest.subject.contains("3件"))
        for title in ["一", "二", "三"] { #expect(digest.body.contains("「\(title)」")) }
        #expect(digest.body.components(separatedBy: "-- \n").count == 2, "one footer")
        #expect(try await store.releaseDigests(day: day.adding(days: 1)) == 0, "nothing held")
    }

    @Test func selfAssessmentsAndProposalsTellWhoWaitsAndWhoIsDecidedFor() async throws {
        let s = try await Setup()
        let store = s.db.store
        let today = LocalDate.d("2026-04-01")
        let pending = try await store.addEvaluation(
            Evaluation(id: .init(0), employeeID: s.employees[1].id, skillID: s.skills[0].id, level: 2, evaluatorID: s.employees[1].id,
                       evaluatedOn: today, kind: .self, state: .pending),
            company: s.company.id, by: "sato")
        for approver in [s.supervisor, s.admin] {
            let waiting = try await store.notifications(account: approver.id, limit: 10)
            #expect(waiting.map(\.kind) == [.selfAssessmentWaiting], "\(approver.login)")
            #expect(NotificationText.text(.selfAssessmentWaiting, params: waiting[0].params) == "佐藤 翔太さんの自己評価（汎用旋盤 外径加工・レベル2）が承認を待っています。")
        }
        #expect(try await store.notifications(account: s.staff.id, limit: 10).isEmpty, "not to the person themselves")
        // A supervisor's own evaluation waits for nobody.
        _ = try await store.addEvaluation(
            Evaluation(id: .init(0), employeeID: s.employees[1].id, skillID: s.skills[1].id, level: 3, evaluatorID: s.employees[0].id,
                       evaluatedOn: today), company: s.company.id, by: "kurosawa")
        #expect(try await store.notifications(account: s.supervisor.id, limit: 10).count == 1)

        _ = try await store.decide(pending.id, approve: false, decidedBy: s.employees[0].id, company: s.company.id, by: "kurosawa")
        let decided = try await store.notifications(account: s.staff.id, limit: 10)
        #expect(decided.map(\.kind) == [.selfAssessmentDecided])
        #expect(NotificationText.text(.selfAssessmentDecided, params: decided[0].params, english: true)
            == "Your self-assessment (汎用旋盤 外径加工, level 2): returned.")

        let proposal = try await store.addProposal(
            Proposal(id: .init(0), submittedBy: s.employees[1].id, title: "工具の姿置き", submittedOn: today), company: s.company.id, by: "sato")
        _ = try await store.updateProposal(proposal.id, status: .reviewing, effect: "", on: today, company: s.company.id, by: "kurosawa")
        #expect(try await store.notifications(account: s.staff.id, limit: 10).count == 1, "reviewing is no decision")
        _ = try await store.updateProposal(proposal.id, status: .adopted, effect: "段取り5分短縮", on: today, company: s.company.id, by: "kurosawa")
        _ = try await store.updateProposal(proposal.id, status: .adopted, effect: "段取り6分短縮", on: today, company: s.company.id, by: "kurosawa")
        let told = try await store.notifications(account: s.staff.id, limit: 10)
        #expect(told.map(\.kind) == [.proposalDecided, .selfAssessmentDecided], "told once, not at every save")
        #expect(told[0].params == ["title": "工具の姿置き", "result": "adopted"])
    }

    @Test func theDailyScanTellsOfDueTrainingAndExpiringQualificationsOnce() async throws {
        let s = try await Setup()
        let store = s.db.store
        let today = LocalDate.d("2026-04-01")
        let clip = try await store.addClip(
            Clip(id: .init(0), companyID: s.company.id, ownerID: nil, title: "NC旋盤 段取り", originalHash: String(repeating: "a", count: 64),
                 originalExtension: "mp4", originalName: "a.mp4", originalSize: 10), by: "test").clip
        let other = try await store.addClip(
            Clip(id: .init(0), companyID: s.company.id, ownerID: nil, title: "安全教育", originalHash: String(repeating: "b", count: 64),
                 originalExtension: "mp4", originalName: "b.mp4", originalSize: 10), by: "test").clip
        // Assignments as the training store writes them (its API is not needed here): the staff
        // member's due in two days and overdue since yesterday, the supervisor's due in four days.
        let assignments: [(employee: Int64, clip: Int64, due: String)] = [
            (s.employees[1].id.rawValue, clip.id.rawValue, today.adding(days: 2).description),
            (s.employees[1].id.rawValue, other.id.rawValue, today.adding(days: -1).description),
            (s.employees[0].id.rawValue, clip.id.rawValue, today.adding(days: 4).description),
        ]
        let companyID = s.company.id.rawValue
        try await store.pool.write { db in
            for assignment in assignments {
                try db.execute(
                    sql: "INSERT INTO assignment (company_id, employee_id, clip_id, due_on, assigned_by) VALUES (?, ?, ?, ?, 'test')",
                    arguments: [companyID, assignment.employee, assignment.clip, assignment.due])
            }
        }
        let forklift = try await store.addQualification(
            Qualification(id: .init(0), companyID: s.company.id, name: "フォークリフト運転技能"), by: "test")
        _ = try await store.grant(
            HeldQualification(id: .init(0), employeeID: s.employees[1].id, qualificationID: forklift.id, acquiredOn: .d("2023-05-01"),
                              expiresOn: today.adding(days: 30)), company: s.company.id, by: "test")
        // Renewed by a new grant: the old one expiring soon is not told.
        _ = try await store.grant(
            HeldQualification(id: .init(0), employeeID: s.employees[0].id, qualificationID: forklift.id, acquiredOn: .d("2023-05-01"),
                              expiresOn: today.adding(days: 10)), company: s.company.id, by: "test")
        _ = try await store.grant(
            HeldQualification(id: .init(0), employeeID: s.employees[0].id, qualificationID: forklift.id, acquiredOn: .d("2026-03-01"),
                              expiresOn: today.adding(days: 3 * 365)), company: s.company.id, by: "test")

        #expect(try await store.runDailyScan(today: today) == 4)
        let staff = try await store.notifications(account: s.staff.id, limit: 10)
        #expect(Set(staff.map(\.kind)) == [.assignmentDueSoon, .assignmentOverdue, .qualificationExpiring])
        let soon = try #require(staff.first { $0.kind == .assignmentDueSoon })
        #expect(soon.params == ["title": "NC旋盤 段取り", "due": "2026/04/03"] && soon.link == "/training")
        let supervisor = try await store.notifications(account: s.supervisor.id, limit: 10)
        #expect(supervisor.map(\.kind) == [.qualificationExpiring], "their team's qualification; their own training is not due yet")
        #expect(supervisor[0].link == "/employees/\(s.employees[1].id)")

        #expect(try await store.runDailyScan(today: today) == 0, "once per item and person")
        #expect(try await store.runDailyScan(today: today.adding(days: 3)) == 2,
                "the training that was due soon is overdue now, and the supervisor's own comes due")
    }

    @Test func settingsThatCannotWorkAreRefused() async throws {
        let s = try await Setup()
        for settings in [
            NotificationSettings(smtpHost: "mail.example.jp", smtpSender: "not an address"),
            NotificationSettings(smtpHost: "mail example", smtpSender: "densho@example.jp"),
            NotificationSettings(smtpHost: "mail.example.jp", smtpPort: 0, smtpSender: "densho@example.jp"),
            NotificationSettings(smtpHost: "mail.example.jp", smtpSender: "densho@example.jp", smtpTLS: "starttls"),
            NotificationSettings(webhookURL: "javascript:alert(1)"),
        ] {
            await #expect(throws: StoreError.self, "\(settings)") {
                try await s.db.store.setNotificationSettings(settings, company: s.company.id, by: "test")
            }
        }
        await #expect(throws: StoreError.self) {
            try await s.prefer(s.staff, email: "sato@example.jp\r\nBcc: x@example.jp", byEmail: [.test])
        }
        #expect(try await s.db.store.notificationSettings(company: s.company.id).smtpPort == 2525, "unchanged")
        #expect(try await s.db.store.auditLog(company: s.company.id, limit: 50).contains { $0.entity == "notification_settings" })
    }
}
