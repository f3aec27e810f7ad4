import DenshoDomain
import DenshoInterchange
import DenshoStore
import DenshoTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
@testable import DenshoWeb

/// Every route, for every kind of caller: anonymous, staff, supervisor, HR, admin, the admin of
/// another member company, the association's office, and a script with the supervisor's API token.
/// Another company's ids answer 404, never 403, so they cannot even be confirmed to exist. The test
/// fails when a route is added without a row here, when a row names a route that does not exist,
/// and when a row's path would not reach the route it is written for (a mistyped path 404s for
/// everyone and would otherwise prove nothing).
@Suite("Access: every route × every role and company")
struct AccessMatrixTests {
    struct Probe: Sendable {
        var method: HTTPRequest.Method
        var route: String
        var path: @Sendable (Persona) -> String
        var form: (@Sendable (Persona) -> String)? = nil
        var json: String? = nil
        /// A raw body (uploads that are not forms).
        var raw: String? = nil
        var headers: HTTPFields = [:]
        var expect: [Persona: Int]
    }

    /// Expected statuses in persona order: anonymous, staff, supervisor, hr, admin, other company,
    /// association (kyogikai), token (the supervisor's API token).
    static func e(_ a: Int, _ s: Int, _ sv: Int, _ h: Int, _ ad: Int, _ o: Int, _ k: Int, _ t: Int) -> [Persona: Int] {
        [.anonymous: a, .staff: s, .supervisor: sv, .hr: h, .admin: ad, .other: o, .association: k, .token: t]
    }
    /// Any logged-in caller, the association included.
    static let pageForAll = e(303, 200, 200, 200, 200, 200, 200, 200)
    /// Any member of a company (the association has no company records).
    static let memberPage = e(303, 200, 200, 200, 200, 200, 403, 200)
    static let companyRecordPage = e(303, 200, 200, 200, 200, 404, 403, 200)
    static let apiForAll = e(401, 200, 200, 200, 200, 200, 200, 200)
    static let memberAPI = e(401, 200, 200, 200, 200, 200, 403, 200)
    static let companyRecordAPI = e(401, 200, 200, 200, 200, 404, 403, 200)
    /// A write about someone outside the supervisor's departments: only the admin may; HR may see
    /// them but not judge skills; the supervisor (and their token) may not even see them.
    static let otherDepartmentWrite = e(401, 404, 404, 403, 303, 404, 403, 404)
    static let otherDepartmentAPIWrite = e(401, 404, 404, 403, 201, 404, 403, 404)
    static let otherDepartmentAPIDecision = e(401, 404, 404, 403, 200, 404, 403, 404)

    @Test func everyRouteAnswersEveryCallerAsDesigned() async throws {
        let fixture = try await WebFixture()
        let store = fixture.store
        let hanawa = try await fixture.company("hanawa")
        let today = LocalDate(parsing: WebFixture.today)!
        let staffEmployee = try await fixture.employee(of: "hanawa-staff")
        let supervisor = try await fixture.employee(of: "hanawa-sup")
        let supervisorAccount = try await fixture.account("hanawa-sup")
        let supervised = Set(try await store.supervisedDepartments(supervisorAccount.id))
        // Someone of a department the supervisor does not look after.
        let otherDepartment = try #require(try await store.employees(company: hanawa.id, filter: .init(activeOn: today))
            .first { $0.departmentID.map(supervised.contains) == false })
        #expect(staffEmployee.departmentID.map(supervised.contains) == true, "the demo staff member works under the demo supervisor")
        let skill = try await store.skills(company: hanawa.id, includeRetired: false)[0]
        let clip = try await fixture.readyClip()
        let failed = try await fixture.failedClip(company: hanawa, owner: staffEmployee.id, tag: "retry")
        // A clip of the staff member's for each caller to delete, through the page and the API.
        var deletable: [String: [Persona: Int64]] = [:]
        for purpose in ["page", "api"] {
            for persona in Persona.allCases {
                let clip = try await fixture.failedClip(company: hanawa, owner: staffEmployee.id, tag: "delete-\(purpose)-\(persona)")
                deletable[purpose, default: [:]][persona] = clip.id.rawValue
            }
        }
        let deletions = deletable

        // Records each caller acts on, so one caller's change cannot decide another's answer.
        var pending: [String: [Persona: Int64]] = [:]
        for (purpose, employee) in [("approve", staffEmployee), ("reject", staffEmployee), ("api-approve", staffEmployee),
                                    ("api-reject", staffEmployee), ("approve-other", otherDepartment), ("api-approve-other", otherDepartment)] {
            for persona in Persona.allCases {
                let evaluation = try await store.addEvaluation(
                    Evaluation(id: .init(0), employeeID: employee.id, skillID: skill.id, level: 2, evaluatorID: employee.id,
                               evaluatedOn: today, kind: .self, state: .pending),
                    company: hanawa.id, by: "test")
                pending[purpose, default: [:]][persona] = evaluation.id.rawValue
            }
        }
        let manual = try await store.addManual(
            Manual(id: .init(0), companyID: hanawa.id, clipID: clip.id, title: "段取り手順", author: "test",
                   steps: [ManualStep(mainStep: "チャックを清掃する", keyPoint: "切粉を残さない", reason: "芯ずれを防ぐ", start: 0)]),
            by: "test")
        var drafts: [Persona: Int64] = [:]
        for persona in Persona.allCases {
            drafts[persona] = try await store.addManual(
                Manual(id: .init(0), companyID: hanawa.id, clipID: clip.id, title: "承認待ち \(persona)", author: "test",
                       steps: [ManualStep(mainStep: "確認する", start: 1)]), by: "test").id.rawValue
        }
        // An approved manual (two 版, for the diff) and one without a clip (read, so acknowledged at once).
        var approved = try await store.addManual(
            Manual(id: .init(0), companyID: hanawa.id, clipID: clip.id, title: "承認済み手順", author: "test",
                   steps: [ManualStep(mainStep: "清掃する", start: 0)]), by: "test")
        approved = try await store.approveManual(approved.id, company: hanawa.id, by: "test", approverName: "班長")
        _ = try await store.updateManual(approved.id, title: approved.title, documentNumber: "", steps: [ManualStep(mainStep: "清掃する", keyPoint: "奥まで", start: 0)],
                                         reason: "急所を追加", majorChange: false, company: hanawa.id, by: "test")
        approved = try await store.approveManual(approved.id, company: hanawa.id, by: "test", approverName: "班長")
        var readOnly = try await store.addManual(
            Manual(id: .init(0), companyID: hanawa.id, clipID: nil, title: "安全心得", author: "test", steps: [ManualStep(mainStep: "保護具", start: 0)]),
            by: "test")
        readOnly = try await store.approveManual(readOnly.id, company: hanawa.id, by: "test", approverName: "班長")
        var submits: [Persona: Int64] = [:], returns: [Persona: Int64] = [:], assigned: [Persona: Int64] = [:]
        for persona in Persona.allCases {
            submits[persona] = try await store.addManual(
                Manual(id: .init(0), companyID: hanawa.id, clipID: nil, title: "提出 \(persona)", author: "test",
                       steps: [ManualStep(mainStep: "確認する", start: 1)]), by: "test").id.rawValue
            let toReturn = try await store.addManual(
                Manual(id: .init(0), companyID: hanawa.id, clipID: nil, title: "差し戻し \(persona)", author: "test",
                       steps: [ManualStep(mainStep: "確認する", start: 1)]), by: "test")
            returns[persona] = try await store.submitManual(toReturn.id, company: hanawa.id, by: "test").id.rawValue
            let forPerson = try await store.addManual(
                Manual(id: .init(0), companyID: hanawa.id, clipID: nil, title: "割当 \(persona)", author: "test",
                       steps: [ManualStep(mainStep: "確認する", start: 1)]), by: "test")
            _ = try await store.approveManual(forPerson.id, company: hanawa.id, by: "test", approverName: "班長")
            assigned[persona] = try await store.assign([.manual(forPerson.id)], course: nil, to: [staffEmployee.id], due: nil,
                                                       company: hanawa.id, by: "test")[0].id.rawValue
        }
        let (submitted, returnable, assignments) = (submits, returns, assigned)
        let a = approved.id, r = readOnly.id
        // A quiz on the approved manual that every caller may keep failing (no limit on attempts).
        _ = try await store.saveQuiz(
            Quiz(id: .init(0), companyID: hanawa.id, manualID: a,
                 questions: [QuizQuestion(text: "切粉はいつ払う？", choices: ["毎回", "週に一度"], correct: [0])], passPercent: 100, attemptsAllowed: nil),
            by: "test")
        let staffAccount = try await fixture.account("hanawa-staff")
        var uploads: [String] = []
        for _ in 0..<2 {
            let upload = Upload(id: Tokens.random(bytes: 16), companyID: hanawa.id, accountID: staffAccount.id, length: 10,
                                fileName: "a.mp4", title: "a", tags: [], createdAt: Date().timeIntervalSince1970)
            try FileManager.default.createDirectory(atPath: fixture.directory + "/uploads", withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: fixture.directory + "/" + upload.partPath, contents: nil)
            try await store.createUpload(upload)
            uploads.append(upload.id)
        }
        let victim = try await store.addAccount(
            NewAccount(login: "hanawa-victim", displayName: "退職予定", role: .staff, passwordHash: "x"), company: hanawa.id,
            employee: nil, by: "test")
        let staffToken = try await store.addAPIToken(account: staffAccount.id, name: "script", tokenHash: Tokens.digest("t"), by: "test")
        // A script account whose tokens an admin revokes, one token per caller.
        let scriptAccount = try await store.addAccount(
            NewAccount(login: "hanawa-script", displayName: "集計スクリプト", role: .staff, passwordHash: "x"), company: hanawa.id,
            employee: nil, by: "test")
        var scriptTokens: [Persona: Int64] = [:]
        for persona in Persona.allCases {
            scriptTokens[persona] = try await store.addAPIToken(
                account: scriptAccount.id, name: "script \(persona)", tokenHash: Tokens.digest("script-\(persona)"), by: "test").id.rawValue
        }
        let department = supervisor.departmentID!

        // Pairings for each caller to accept, decline and end; a proposal to move on.
        let people = try await store.employees(company: hanawa.id, filter: .init(activeOn: today))
        let mentorPerson = people.first { $0.id != staffEmployee.id && $0.id != supervisor.id }!
        let mentees = people.filter { $0.id != mentorPerson.id }
        var pairingFor: [String: [Persona: Int64]] = [:]
        var proposedPairs: [Pairing] = []
        var index = 0
        for purpose in ["accept", "decline", "end"] {
            for _ in Persona.allCases {
                proposedPairs.append(Pairing(id: .init(0), mentorID: mentorPerson.id, menteeID: mentees[index].id, status: .proposed,
                                             score: 0, reasons: [purpose], proposedOn: today))
                index += 1
            }
        }
        let savedPairs = try await store.replaceProposals(proposedPairs, company: hanawa.id, by: "test")
        for (offset, pairing) in savedPairs.enumerated() {
            let purpose = pairing.reasons[0]
            let persona = Persona.allCases[offset % Persona.allCases.count]
            if purpose == "end" { _ = try await store.decide(pairing: pairing.id, accept: true, on: today, company: hanawa.id, by: "test") }
            pairingFor[purpose, default: [:]][persona] = pairing.id.rawValue
        }
        let proposal = try await store.addProposal(
            Proposal(id: .init(0), submittedBy: staffEmployee.id, title: "工具の姿置き", submittedOn: today), company: hanawa.id, by: "test")
        let story = try await store.addStory(
            EmployeeStory(id: .init(0), employeeID: staffEmployee.id, text: "先輩が丁寧に教えてくれます", consented: true, writtenOn: today),
            company: hanawa.id, by: "test")
        let storyID = story.id
        let (pairs, proposalID, mentorID) = (pairingFor, proposal.id, mentorPerson.id)
        // A notification of each caller's own (the supervisor's script gets one of the supervisor's).
        var ownNotification: [Persona: Int64] = [:]
        for persona in Persona.allCases where persona != .association {
            guard let login = persona.login else { continue }
            let account = try await fixture.account(login)
            _ = try await store.postNotification(company: account.companyID!, accounts: [account.id], kind: .test, params: [:],
                                                 link: "/notifications", dedupe: nil)
            ownNotification[persona] = try await store.notifications(account: account.id, limit: 1)[0].id.rawValue
        }
        let notes = ownNotification
        let (pendings, draftManuals, uploadIDs, scripts) = (pending, drafts, uploads, scriptTokens)
        let c = clip.id, m = manual.id, o = otherDepartment.id, s = staffEmployee.id, k = skill.id, script = scriptAccount.id
        let t = try await store.tracks(company: hanawa.id)[0].id
        // 実技確認: a checklist, a (failed) sign-off of the staff member and one of someone of another department.
        let checklist = try await store.saveChecklist(
            Checklist(id: .init(0), companyID: hanawa.id, title: "段取り 実技確認", skillID: skill.id, level: 2, manualID: manual.id,
                      items: [ChecklistItem(step: "チャックを清掃する", keyPoint: "切粉を残さない")]), by: "test")
        var signOffs: [Employee.ID: SignOff.ID] = [:]
        for trainee in [staffEmployee, otherDepartment] {
            signOffs[trainee.id] = try await store.signOff(
                SignOff(id: .init(0), companyID: hanawa.id, checklistID: checklist.id, traineeID: trainee.id, evaluatorID: nil,
                        evaluatorName: "班長", skillID: skill.id, level: 2, marks: [SignOffMark(ok: true)], passed: false,
                        feedback: "もう一度確認します", signedOn: today), by: "test").id
        }
        let cl = checklist.id, so = signOffs[staffEmployee.id]!, soo = signOffs[otherDepartment.id]!
        let k2 = try await store.skills(company: hanawa.id, includeRetired: false)[1].id
        // A department the supervisor neither looks after nor works in.
        let otherDept = try #require(try await store.departments(company: hanawa.id).map(\.id)
            .first { !supervised.contains($0) && $0 != supervisor.departmentID })
        // The onboarding wizard: an upload of each caller's own for each step (callers who may not
        // use the wizard are refused before the token is looked at: they get HR's). The decisions
        // leave everything out, so the import records nothing and every company can take it.
        let workbook = try OnboardingFixtures.data("merged-headers.xlsx")
        let onboardingUploads = OnboardingUploads(dataRoot: fixture.directory)
        var onboarding: [String: [Persona: String]] = [:]
        for (persona, login, code) in [(Persona.hr, "hanawa-hr", "hanawa"), (.admin, "hanawa-admin", "hanawa"), (.other, "osarizawa-admin", "osarizawa")] {
            let company = try await fixture.company(code)
            let plan = try await OnboardingImport.plan(workbook, file: "力量表.xlsx", company: company.id, store: store, asOf: today, evaluator: nil)
            var nothing = plan.mapping
            for person in plan.people { nothing.people[person.key] = .skip }
            for heading in plan.skills { nothing.skills[heading.key] = .skip }
            for mark in plan.marks where mark.level == nil { nothing.marks.updateValue(nil, forKey: mark.key) }
            for purpose in ["show", "decide", "commit"] {
                onboarding[purpose, default: [:]][persona] = try onboardingUploads.save(workbook, OnboardingUploads.Upload(
                    company: company.id.rawValue, login: login, file: "力量表.xlsx", uploadedAt: Date().timeIntervalSince1970,
                    remembered: false, mapping: nothing))
            }
        }
        let wizard = onboarding
        /// The caller's own upload for `purpose` (HR's for those the wizard refuses anyway).
        @Sendable func upload(_ purpose: String, _ persona: Persona) -> String { wizard[purpose]![persona] ?? wizard[purpose]![.hr]! }
        let probes: [Probe] = [
            Probe(method: .get, route: "/healthz", path: { _ in "/healthz" }, expect: Self.e(200, 200, 200, 200, 200, 200, 200, 200)),
            Probe(method: .get, route: "/metrics", path: { _ in "/metrics" }, expect: Self.e(200, 200, 200, 200, 200, 200, 200, 200)),
            Probe(method: .get, route: "/livez", path: { _ in "/livez" }, expect: Self.e(200, 200, 200, 200, 200, 200, 200, 200)),
            Probe(method: .get, route: "/login", path: { _ in "/login" }, expect: Self.e(200, 303, 303, 303, 303, 303, 303, 303)),
            Probe(method: .post, route: "/login", path: { _ in "/login" }, form: { "login=nobody-\($0)&password=wrong" },
                  expect: Self.e(401, 401, 401, 401, 401, 401, 401, 401)),
            Probe(method: .post, route: "/logout", path: { _ in "/logout" }, form: { _ in "" },
                  expect: Self.e(303, 303, 303, 303, 303, 303, 303, 303)),
            Probe(method: .get, route: "/account/password", path: { _ in "/account/password" }, expect: Self.pageForAll),
            Probe(method: .post, route: "/account/password", path: { _ in "/account/password" },
                  form: { _ in "current=wrong&new=abcdefghijk&again=abcdefghijk" }, expect: Self.e(401, 400, 400, 400, 400, 400, 400, 400)),
            Probe(method: .get, route: "/lang/{code}", path: { _ in "/lang/en" }, expect: Self.e(303, 303, 303, 303, 303, 303, 303, 303)),
            Probe(method: .get, route: "/", path: { _ in "/" }, expect: Self.pageForAll),
            Probe(method: .get, route: "/skillmap", path: { _ in "/skillmap" }, expect: Self.memberPage),
            Probe(method: .get, route: "/skillmap/cell", path: { _ in "/skillmap/cell?employee=\(s)&skill=\(k)" }, expect: Self.companyRecordPage),
            Probe(method: .post, route: "/evaluations", path: { _ in "/evaluations" }, form: { _ in "employee=\(s)&skill=\(k)&level=2" },
                  expect: Self.e(401, 303, 303, 403, 303, 404, 403, 303)),
            // Someone of a department the supervisor does not look after.
            Probe(method: .post, route: "/evaluations", path: { _ in "/evaluations" }, form: { _ in "employee=\(o)&skill=\(k)&level=2" },
                  expect: Self.otherDepartmentWrite),
            Probe(method: .post, route: "/evaluations/{id}/approve", path: { "/evaluations/\(pendings["approve"]![$0]!)/approve" }, form: { _ in "" },
                  expect: Self.e(401, 403, 303, 403, 303, 404, 403, 303)),
            Probe(method: .post, route: "/evaluations/{id}/approve", path: { "/evaluations/\(pendings["approve-other"]![$0]!)/approve" },
                  form: { _ in "" }, expect: Self.otherDepartmentWrite),
            Probe(method: .post, route: "/evaluations/{id}/reject", path: { "/evaluations/\(pendings["reject"]![$0]!)/reject" },
                  form: { _ in "reason=retry" },
                  expect: Self.e(401, 403, 303, 403, 303, 404, 403, 303)),
            Probe(method: .get, route: "/employees", path: { _ in "/employees" }, expect: Self.memberPage),
            Probe(method: .get, route: "/employees/{id}", path: { _ in "/employees/\(o)" }, expect: Self.e(303, 404, 404, 200, 200, 404, 403, 404)),
            Probe(method: .get, route: "/paths", path: { _ in "/paths" }, expect: Self.memberPage),
            Probe(method: .get, route: "/paths/{id}/sheet.pdf", path: { _ in "/paths/\(t)/sheet.pdf" }, expect: Self.companyRecordPage),
            Probe(method: .get, route: "/employees/{id}/development.pdf", path: { _ in "/employees/\(o)/development.pdf" },
                  expect: Self.e(303, 404, 404, 200, 200, 404, 403, 404)),
            Probe(method: .get, route: "/manuals/{id}/sheet.pdf", path: { _ in "/manuals/\(m)/sheet.pdf" }, expect: Self.companyRecordPage),
            Probe(method: .get, route: "/skillmap.pdf", path: { _ in "/skillmap.pdf" }, expect: Self.memberPage),
            Probe(method: .get, route: "/skillmap.xlsx", path: { _ in "/skillmap.xlsx" }, expect: Self.memberPage),
            Probe(method: .get, route: "/skillmap/import", path: { _ in "/skillmap/import" }, expect: Self.e(303, 403, 200, 403, 200, 200, 403, 200)),
            // Not a workbook: refused before anything is read for those who may import at all.
            Probe(method: .post, route: "/skillmap/import", path: { _ in "/skillmap/import?apply=1" }, raw: "not a workbook",
                  expect: Self.e(401, 403, 422, 403, 422, 422, 403, 422)),
            // The company's own Excel 力量表: HR and admins, each with their own uploads only.
            Probe(method: .get, route: "/onboarding/skillmap", path: { _ in "/onboarding/skillmap" }, expect: Self.e(303, 403, 403, 200, 200, 200, 403, 403)),
            Probe(method: .post, route: "/onboarding/skillmap", path: { _ in "/onboarding/skillmap" }, raw: "not a workbook",
                  expect: Self.e(401, 403, 403, 422, 422, 422, 403, 403)),
            Probe(method: .get, route: "/onboarding/skillmap/{token}", path: { "/onboarding/skillmap/\(upload("show", $0))" },
                  expect: Self.e(303, 403, 403, 200, 200, 200, 403, 403)),
            // HR's upload: not even the admin of the same company may open it.
            Probe(method: .get, route: "/onboarding/skillmap/{token}", path: { _ in "/onboarding/skillmap/\(upload("show", .hr))" },
                  expect: Self.e(303, 403, 403, 200, 404, 404, 403, 403)),
            Probe(method: .post, route: "/onboarding/skillmap/{token}", path: { "/onboarding/skillmap/\(upload("decide", $0))" },
                  form: { _ in "m0=none" }, expect: Self.e(401, 403, 403, 303, 303, 303, 403, 403)),
            Probe(method: .post, route: "/onboarding/skillmap/{token}/commit", path: { "/onboarding/skillmap/\(upload("commit", $0))/commit" },
                  form: { _ in "" }, expect: Self.e(401, 403, 403, 200, 200, 200, 403, 403)),
            Probe(method: .get, route: "/clips", path: { _ in "/clips" }, expect: Self.memberPage),
            Probe(method: .get, route: "/clips/{id}", path: { _ in "/clips/\(c)" }, expect: Self.companyRecordPage),
            Probe(method: .get, route: "/clips/{id}/status", path: { _ in "/clips/\(c)/status" }, expect: Self.companyRecordPage),
            Probe(method: .post, route: "/clips/{id}", path: { _ in "/clips/\(c)" }, form: { _ in "title=旋盤+段取り&tags=旋盤" },
                  expect: Self.e(401, 303, 303, 403, 303, 404, 403, 303)),
            Probe(method: .post, route: "/clips/{id}/chapters", path: { _ in "/clips/\(c)/chapters" }, form: { _ in "time=0:01&title=確認" },
                  expect: Self.e(401, 303, 303, 403, 303, 404, 403, 303)),
            Probe(method: .post, route: "/clips/{id}/retry", path: { _ in "/clips/\(failed.id)/retry" }, form: { _ in "" },
                  expect: Self.e(401, 303, 303, 403, 303, 404, 403, 303)),
            Probe(method: .post, route: "/clips/{id}/delete", path: { "/clips/\(deletions["page"]![$0]!)/delete" }, form: { _ in "" },
                  expect: Self.e(401, 303, 303, 403, 303, 404, 403, 303)),
            Probe(method: .get, route: "/clips/{id}/media/{name}", path: { _ in "/clips/\(c)/media/clip.mp4" }, expect: Self.companyRecordPage),
            Probe(method: .head, route: "/clips/{id}/media/{name}", path: { _ in "/clips/\(c)/media/poster.jpg" }, expect: Self.companyRecordPage),
            Probe(method: .options, route: "/uploads", path: { _ in "/uploads" }, expect: Self.e(204, 204, 204, 204, 204, 204, 204, 204)),
            Probe(method: .post, route: "/uploads", path: { _ in "/uploads" }, headers: [UploadController.uploadLength: "10"],
                  expect: Self.e(401, 201, 201, 201, 201, 201, 403, 201)),
            Probe(method: .head, route: "/uploads/{upload}", path: { _ in "/uploads/\(uploadIDs[0])" },
                  expect: Self.e(401, 200, 404, 404, 404, 404, 403, 404)),
            Probe(method: .patch, route: "/uploads/{upload}", path: { _ in "/uploads/\(uploadIDs[0])" },
                  headers: [.contentType: "application/offset+octet-stream", UploadController.uploadOffset: "0"],
                  expect: Self.e(401, 204, 404, 404, 404, 404, 403, 404)),
            Probe(method: .delete, route: "/uploads/{upload}", path: { _ in "/uploads/\(uploadIDs[1])" },
                  expect: Self.e(401, 204, 404, 404, 404, 404, 403, 404)),
            Probe(method: .get, route: "/manuals", path: { _ in "/manuals" }, expect: Self.memberPage),
            Probe(method: .post, route: "/manuals", path: { _ in "/manuals" }, form: { _ in "title=新しい手順&clip=\(c)" },
                  expect: Self.e(401, 303, 303, 403, 303, 404, 403, 303)),
            Probe(method: .get, route: "/manuals/{id}", path: { _ in "/manuals/\(m)" }, expect: Self.companyRecordPage),
            Probe(method: .post, route: "/manuals/{id}", path: { _ in "/manuals/\(m)" },
                  form: { _ in "title=段取り手順&start=0:00&end=&main=チャックを清掃する&key=切粉を残さない&reason=芯ずれを防ぐ" },
                  expect: Self.e(401, 303, 303, 403, 303, 404, 403, 303)),
            Probe(method: .post, route: "/manuals/{id}/approve", path: { "/manuals/\(draftManuals[$0]!)/approve" }, form: { _ in "" },
                  expect: Self.e(401, 403, 303, 403, 303, 404, 403, 303)),
            Probe(method: .get, route: "/manuals/{id}/draft", path: { _ in "/manuals/\(m)/draft" }, expect: Self.e(303, 200, 200, 403, 200, 404, 403, 200)),
            Probe(method: .get, route: "/manuals/{id}/revisions/{revision}", path: { _ in "/manuals/\(a)/revisions/1" }, expect: Self.companyRecordPage),
            Probe(method: .get, route: "/manuals/{id}/diff", path: { _ in "/manuals/\(a)/diff" }, expect: Self.companyRecordPage),
            Probe(method: .post, route: "/manuals/{id}/submit", path: { "/manuals/\(submitted[$0]!)/submit" }, form: { _ in "" },
                  expect: Self.e(401, 303, 303, 403, 303, 404, 403, 303)),
            Probe(method: .post, route: "/manuals/{id}/return", path: { "/manuals/\(returnable[$0]!)/return" }, form: { _ in "comment=写真が足りない" },
                  expect: Self.e(401, 403, 303, 403, 303, 404, 403, 303)),
            Probe(method: .post, route: "/manuals/{id}/skills", path: { _ in "/manuals/\(a)/skills" }, form: { _ in "skill=\(k)" },
                  expect: Self.e(401, 403, 303, 403, 303, 404, 403, 303)),
            // 理解度テスト: writers edit (on a manual without a quiz yet), anyone with an employee record takes it (and keeps failing).
            Probe(method: .get, route: "/manuals/{id}/quiz", path: { _ in "/manuals/\(m)/quiz" }, expect: Self.e(303, 403, 200, 403, 200, 404, 403, 200)),
            Probe(method: .post, route: "/manuals/{id}/quiz", path: { _ in "/manuals/\(m)/quiz" },
                  form: { _ in "text0=切粉は払ったか&choice0=はい&choice0=いいえ&choice0=&choice0=&correct0=0&still0=&pass=80&attempts=" },
                  expect: Self.e(401, 403, 303, 403, 303, 404, 403, 303)),
            Probe(method: .get, route: "/manuals/{id}/quiz/take", path: { _ in "/manuals/\(a)/quiz/take" }, expect: Self.companyRecordPage),
            Probe(method: .post, route: "/manuals/{id}/quiz/attempts", path: { _ in "/manuals/\(a)/quiz/attempts" }, form: { _ in "q0=1" },
                  expect: Self.e(401, 200, 200, 200, 200, 404, 403, 200)),
            Probe(method: .get, route: "/training", path: { _ in "/training" }, expect: Self.memberPage),
            Probe(method: .post, route: "/training/assign", path: { _ in "/training/assign" },
                  form: { _ in "item=manual:\(a)&audience=people&employee=\(s)&due=2026-12-20" },
                  expect: Self.e(401, 403, 303, 303, 303, 400, 403, 303)),
            // Someone outside the supervisor's departments: nobody the supervisor may assign to.
            Probe(method: .post, route: "/training/assign", path: { _ in "/training/assign" },
                  form: { _ in "item=manual:\(a)&audience=people&employee=\(o)" },
                  expect: Self.e(401, 403, 400, 303, 303, 400, 403, 400)),
            Probe(method: .post, route: "/training/courses", path: { _ in "/training/courses" }, form: { "title=新人コース-\($0)&item=manual:\(a)" },
                  expect: Self.e(401, 403, 303, 303, 303, 404, 403, 303)),
            Probe(method: .post, route: "/training/acknowledge", path: { _ in "/training/acknowledge" }, form: { _ in "manual=\(r)" },
                  expect: Self.e(401, 303, 303, 303, 303, 404, 403, 303)),
            Probe(method: .post, route: "/training/assignments/{id}/delete", path: { "/training/assignments/\(assignments[$0]!)/delete" },
                  form: { _ in "" }, expect: Self.e(401, 403, 303, 303, 303, 404, 403, 303)),
            Probe(method: .get, route: "/training/plan.xlsx", path: { _ in "/training/plan.xlsx" }, expect: Self.e(303, 403, 200, 200, 200, 200, 403, 200)),
            Probe(method: .get, route: "/training/plan.pdf", path: { _ in "/training/plan.pdf?department=\(department)" },
                  expect: Self.e(303, 403, 200, 200, 200, 404, 403, 200)),
            // The ISO 9001 7.2 record: a person's for whoever may see them (staff their own), a
            // department's for those who keep records of it (never staff).
            Probe(method: .get, route: "/iso-record/people/{id}.pdf", path: { _ in "/iso-record/people/\(s).pdf" }, expect: Self.companyRecordPage),
            Probe(method: .get, route: "/iso-record/people/{id}.xlsx", path: { _ in "/iso-record/people/\(s).xlsx" }, expect: Self.companyRecordPage),
            Probe(method: .get, route: "/iso-record/people/{id}.pdf", path: { _ in "/iso-record/people/\(o).pdf" },
                  expect: Self.e(303, 404, 404, 200, 200, 404, 403, 404)),
            Probe(method: .get, route: "/iso-record/people/{id}.xlsx", path: { _ in "/iso-record/people/\(o).xlsx" },
                  expect: Self.e(303, 404, 404, 200, 200, 404, 403, 404)),
            Probe(method: .get, route: "/iso-record/departments/{id}.pdf", path: { _ in "/iso-record/departments/\(department).pdf" },
                  expect: Self.e(303, 403, 200, 200, 200, 404, 403, 200)),
            Probe(method: .get, route: "/iso-record/departments/{id}.xlsx", path: { _ in "/iso-record/departments/\(department).xlsx" },
                  expect: Self.e(303, 403, 200, 200, 200, 404, 403, 200)),
            Probe(method: .get, route: "/iso-record/departments/{id}.pdf", path: { _ in "/iso-record/departments/\(otherDept).pdf" },
                  expect: Self.e(303, 403, 404, 200, 200, 404, 403, 404)),
            Probe(method: .get, route: "/iso-record/departments/{id}.xlsx", path: { _ in "/iso-record/departments/\(otherDept).xlsx" },
                  expect: Self.e(303, 403, 404, 200, 200, 404, 403, 404)),
            Probe(method: .get, route: "/training/manuals/{id}", path: { _ in "/training/manuals/\(a)" }, expect: Self.e(303, 403, 200, 200, 200, 404, 403, 200)),
            Probe(method: .get, route: "/training/people/{id}", path: { _ in "/training/people/\(s)" }, expect: Self.companyRecordPage),
            Probe(method: .get, route: "/training/people/{id}", path: { _ in "/training/people/\(o)" }, expect: Self.e(303, 404, 404, 200, 200, 404, 403, 404)),
            Probe(method: .get, route: "/checks", path: { _ in "/checks" }, expect: Self.memberPage),
            Probe(method: .get, route: "/checks/checklists/new", path: { _ in "/checks/checklists/new" },
                  expect: Self.e(303, 403, 200, 403, 200, 200, 403, 200)),
            Probe(method: .post, route: "/checks/checklists/new", path: { _ in "/checks/checklists/new" },
                  form: { "title=実技確認-\($0)&skill=\(k)&level=2&manual=\(m)&step=チャックを清掃する&key=切粉を残さない&step=&key=" },
                  expect: Self.e(401, 403, 303, 403, 303, 404, 403, 303)),
            Probe(method: .get, route: "/checks/checklists/{id}", path: { _ in "/checks/checklists/\(cl)" },
                  expect: Self.e(303, 403, 200, 403, 200, 404, 403, 200)),
            Probe(method: .post, route: "/checks/checklists/{id}", path: { _ in "/checks/checklists/\(cl)" },
                  form: { _ in "title=段取り+実技確認&skill=\(k)&level=2&manual=\(m)&step=チャックを清掃する&key=切粉を残さない" },
                  expect: Self.e(401, 403, 303, 403, 303, 404, 403, 303)),
            Probe(method: .get, route: "/checks/checklists/{id}/signoff", path: { _ in "/checks/checklists/\(cl)/signoff?trainee=\(s)" },
                  expect: Self.e(303, 403, 200, 403, 200, 404, 403, 200)),
            // Someone of another department: only the admin may sign them off; the supervisor cannot even see them.
            Probe(method: .get, route: "/checks/checklists/{id}/signoff", path: { _ in "/checks/checklists/\(cl)/signoff?trainee=\(o)" },
                  expect: Self.e(303, 403, 404, 403, 200, 404, 403, 404)),
            Probe(method: .post, route: "/checks/checklists/{id}/signoffs", path: { _ in "/checks/checklists/\(cl)/signoffs" },
                  form: { _ in "trainee=\(s)&mark0=ok&comment0=&passed=1&feedback=よくできました" },
                  expect: Self.e(401, 403, 303, 403, 303, 404, 403, 303)),
            Probe(method: .post, route: "/checks/checklists/{id}/signoffs", path: { _ in "/checks/checklists/\(cl)/signoffs" },
                  form: { _ in "trainee=\(o)&mark0=ok&comment0=&passed=1&feedback=よくできました" },
                  expect: Self.e(401, 403, 404, 403, 303, 404, 403, 404)),
            Probe(method: .get, route: "/checks/signoffs/{id}", path: { _ in "/checks/signoffs/\(so)" }, expect: Self.companyRecordPage),
            Probe(method: .get, route: "/checks/signoffs/{id}", path: { _ in "/checks/signoffs/\(soo)" },
                  expect: Self.e(303, 404, 404, 200, 200, 404, 403, 404)),
            // The trainee's 確認: theirs alone (403 for those who may see them, 404 for those who may not).
            Probe(method: .post, route: "/checks/signoffs/{id}/acknowledge", path: { _ in "/checks/signoffs/\(so)/acknowledge" }, form: { _ in "" },
                  expect: Self.e(401, 303, 403, 403, 403, 404, 403, 403)),
            Probe(method: .get, route: "/checks/rules", path: { _ in "/checks/rules" }, expect: Self.e(303, 403, 200, 403, 200, 200, 403, 200)),
            Probe(method: .post, route: "/checks/rules", path: { _ in "/checks/rules" }, form: { _ in "skill=\(k2)&from\(k2)=&months\(k2)=24" },
                  expect: Self.e(401, 403, 403, 403, 303, 404, 403, 403)),
            Probe(method: .post, route: "/watch", path: { _ in "/watch" }, form: { "clip=\(c)&session=matrix-\($0)&ranges=0-1" },
                  expect: Self.e(401, 202, 202, 202, 202, 404, 403, 202)),
            Probe(method: .get, route: "/search", path: { _ in "/search?q=%E6%97%8B%E7%9B%A4" }, expect: Self.memberPage),
            // A script's request: problem+json 401 rather than the login form's redirect.
            Probe(method: .get, route: "/search/suggest", path: { _ in "/search/suggest?q=senban" }, expect: Self.e(401, 200, 200, 200, 200, 200, 403, 200)),
            Probe(method: .get, route: "/admin/users", path: { _ in "/admin/users" }, expect: Self.e(303, 403, 403, 403, 200, 200, 403, 403)),
            Probe(method: .post, route: "/admin/users", path: { _ in "/admin/users" },
                  form: { "login=new-\($0)&name=新人&role=staff&password=long-enough-password" },
                  expect: Self.e(401, 403, 403, 403, 303, 303, 403, 403)),
            Probe(method: .post, route: "/admin/users/{id}/disable", path: { _ in "/admin/users/\(victim.id)/disable" }, form: { _ in "" },
                  expect: Self.e(401, 403, 403, 403, 303, 404, 403, 403)),
            Probe(method: .post, route: "/admin/users/{id}/enable", path: { _ in "/admin/users/\(victim.id)/enable" }, form: { _ in "" },
                  expect: Self.e(401, 403, 403, 403, 303, 404, 403, 403)),
            Probe(method: .post, route: "/admin/users/{id}/password", path: { _ in "/admin/users/\(victim.id)/password" },
                  form: { _ in "password=another-long-password" }, expect: Self.e(401, 403, 403, 403, 303, 404, 403, 403)),
            Probe(method: .post, route: "/admin/users/{id}/departments", path: { _ in "/admin/users/\(supervisorAccount.id)/departments" },
                  form: { _ in "department=\(department)" }, expect: Self.e(401, 403, 403, 403, 303, 404, 403, 403)),
            Probe(method: .post, route: "/admin/users/{id}/tokens/{token}/revoke",
                  path: { "/admin/users/\(script)/tokens/\(scripts[$0]!)/revoke" }, form: { _ in "" },
                  expect: Self.e(401, 403, 403, 403, 303, 404, 403, 403)),
            Probe(method: .get, route: "/account/tokens", path: { _ in "/account/tokens" }, expect: Self.pageForAll),
            Probe(method: .post, route: "/account/tokens", path: { _ in "/account/tokens" }, form: { _ in "name=script" },
                  expect: Self.e(401, 200, 200, 200, 200, 200, 200, 200)),
            Probe(method: .post, route: "/account/tokens/{id}/revoke", path: { _ in "/account/tokens/\(staffToken.id)/revoke" }, form: { _ in "" },
                  expect: Self.e(401, 303, 404, 404, 404, 404, 404, 404)),
            Probe(method: .get, route: "/notifications", path: { _ in "/notifications" }, expect: Self.memberPage),
            Probe(method: .post, route: "/notifications/read", path: { _ in "/notifications/read" }, form: { _ in "" },
                  expect: Self.e(401, 303, 303, 303, 303, 303, 403, 303)),
            // Opening one's own notification goes where it points; the staff member's is theirs alone.
            Probe(method: .get, route: "/notifications/{id}", path: { "/notifications/\(notes[$0] ?? notes[.staff]!)" },
                  expect: Self.e(303, 303, 303, 303, 303, 303, 403, 303)),
            Probe(method: .get, route: "/notifications/{id}", path: { _ in "/notifications/\(notes[.staff]!)" },
                  expect: Self.e(303, 303, 404, 404, 404, 404, 403, 404)),
            Probe(method: .get, route: "/notifications/settings", path: { _ in "/notifications/settings" }, expect: Self.memberPage),
            Probe(method: .post, route: "/notifications/settings", path: { _ in "/notifications/settings" },
                  form: { _ in "email=&email_kind=proposal-decided&digest=1" }, expect: Self.e(401, 303, 303, 303, 303, 303, 403, 303)),
            Probe(method: .get, route: "/admin/notifications", path: { _ in "/admin/notifications" },
                  expect: Self.e(303, 403, 403, 403, 200, 200, 403, 403)),
            Probe(method: .post, route: "/admin/notifications", path: { _ in "/admin/notifications" },
                  form: { _ in "smtpHost=&smtpPort=25&smtpSender=&smtpTLS=none&webhookURL=" },
                  expect: Self.e(401, 403, 403, 403, 303, 303, 403, 403)),
            Probe(method: .get, route: "/mentoring", path: { _ in "/mentoring" }, expect: Self.e(303, 403, 200, 200, 200, 200, 403, 200)),
            Probe(method: .post, route: "/mentoring/mentors", path: { _ in "/mentoring/mentors" }, form: { _ in "employee=\(mentorID)&capacity=3" },
                  expect: Self.e(401, 403, 403, 303, 303, 404, 403, 403)),
            Probe(method: .post, route: "/mentoring/pairings/{id}/accept", path: { "/mentoring/pairings/\(pairs["accept"]![$0]!)/accept" },
                  form: { _ in "" }, expect: Self.e(401, 403, 403, 303, 303, 404, 403, 403)),
            Probe(method: .post, route: "/mentoring/pairings/{id}/decline", path: { "/mentoring/pairings/\(pairs["decline"]![$0]!)/decline" },
                  form: { _ in "" }, expect: Self.e(401, 403, 403, 303, 303, 404, 403, 403)),
            Probe(method: .post, route: "/mentoring/pairings/{id}/end", path: { "/mentoring/pairings/\(pairs["end"]![$0]!)/end" },
                  form: { _ in "reason=異動" }, expect: Self.e(401, 403, 403, 303, 303, 404, 403, 403)),
            // After the pairing rows: a suggestion replaces the proposals that were never accepted.
            Probe(method: .post, route: "/mentoring/suggest", path: { _ in "/mentoring/suggest" }, form: { _ in "otherDepartment=1" },
                  expect: Self.e(401, 403, 403, 303, 303, 303, 403, 403)),
            Probe(method: .post, route: "/meetings", path: { _ in "/meetings" }, form: { _ in "kind=lunch&date=\(WebFixture.today)&title=昼食会" },
                  expect: Self.e(401, 403, 303, 303, 303, 303, 403, 303)),
            Probe(method: .get, route: "/proposals", path: { _ in "/proposals" }, expect: Self.memberPage),
            Probe(method: .post, route: "/proposals", path: { _ in "/proposals" }, form: { _ in "title=%E6%94%B9%E5%96%84" },
                  expect: Self.e(401, 303, 303, 303, 303, 303, 403, 303)),
            Probe(method: .post, route: "/proposals/{id}/status", path: { _ in "/proposals/\(proposalID)/status" },
                  form: { _ in "status=reviewing&effect=" }, expect: Self.e(401, 403, 303, 303, 303, 404, 403, 303)),
            Probe(method: .get, route: "/admin/publishing", path: { _ in "/admin/publishing" },
                  expect: Self.e(303, 403, 403, 200, 200, 200, 403, 403)),
            Probe(method: .post, route: "/admin/publishing", path: { _ in "/admin/publishing" },
                  form: { _ in "recruitingURL=https%3A%2F%2Fexample.jp%2Frecruit&support=%E5%8F%97%E9%A8%93%E6%96%99" },
                  expect: Self.e(401, 403, 403, 303, 303, 303, 403, 403)),
            Probe(method: .post, route: "/admin/stories", path: { _ in "/admin/stories" }, form: { _ in "employee=\(s)&text=%E5%A3%B0&consent=1" },
                  expect: Self.e(401, 403, 403, 303, 303, 404, 403, 403)),
            Probe(method: .post, route: "/admin/stories/{id}/consent", path: { _ in "/admin/stories/\(storyID)/consent" },
                  form: { _ in "consented=0" }, expect: Self.e(401, 403, 403, 303, 303, 404, 403, 403)),
            Probe(method: .get, route: "/admin/template.json", path: { _ in "/admin/template.json" },
                  expect: Self.e(303, 403, 403, 403, 200, 200, 403, 403)),
            Probe(method: .get, route: "/kpi", path: { _ in "/kpi" }, expect: Self.e(303, 403, 403, 200, 200, 200, 403, 403)),
            Probe(method: .get, route: "/kpi.csv", path: { _ in "/kpi.csv?table=cohorts" }, expect: Self.e(303, 403, 403, 200, 200, 200, 403, 403)),
            Probe(method: .get, route: "/api/v1/openapi.json", path: { _ in "/api/v1/openapi.json" },
                  expect: Self.e(200, 200, 200, 200, 200, 200, 200, 200)),
            Probe(method: .get, route: "/api/v1/me", path: { _ in "/api/v1/me" }, expect: Self.apiForAll),
            Probe(method: .get, route: "/api/v1/departments", path: { _ in "/api/v1/departments" }, expect: Self.memberAPI),
            Probe(method: .get, route: "/api/v1/employees", path: { _ in "/api/v1/employees" }, expect: Self.memberAPI),
            Probe(method: .get, route: "/api/v1/employees/{id}", path: { _ in "/api/v1/employees/\(o)" },
                  expect: Self.e(401, 404, 404, 200, 200, 404, 403, 404)),
            Probe(method: .get, route: "/api/v1/skills", path: { _ in "/api/v1/skills" }, expect: Self.memberAPI),
            Probe(method: .get, route: "/api/v1/skillmap", path: { _ in "/api/v1/skillmap?department=\(department)" }, expect: Self.companyRecordAPI),
            Probe(method: .get, route: "/api/v1/evaluations", path: { _ in "/api/v1/evaluations?employee=\(s)" }, expect: Self.companyRecordAPI),
            Probe(method: .post, route: "/api/v1/evaluations", path: { _ in "/api/v1/evaluations" },
                  json: #"{"employeeID": \#(s), "skillID": \#(k), "level": 1}"#, expect: Self.e(401, 201, 201, 403, 201, 404, 403, 201)),
            Probe(method: .post, route: "/api/v1/evaluations", path: { _ in "/api/v1/evaluations" },
                  json: #"{"employeeID": \#(o), "skillID": \#(k), "level": 1}"#, expect: Self.otherDepartmentAPIWrite),
            Probe(method: .post, route: "/api/v1/evaluations/{id}/approve", path: { "/api/v1/evaluations/\(pendings["api-approve"]![$0]!)/approve" },
                  expect: Self.e(401, 403, 200, 403, 200, 404, 403, 200)),
            Probe(method: .post, route: "/api/v1/evaluations/{id}/approve",
                  path: { "/api/v1/evaluations/\(pendings["api-approve-other"]![$0]!)/approve" }, expect: Self.otherDepartmentAPIDecision),
            Probe(method: .post, route: "/api/v1/evaluations/{id}/reject", path: { "/api/v1/evaluations/\(pendings["api-reject"]![$0]!)/reject" },
                  json: #"{"reason": "retry"}"#, expect: Self.e(401, 403, 200, 403, 200, 404, 403, 200)),
            Probe(method: .get, route: "/api/v1/clips", path: { _ in "/api/v1/clips" }, expect: Self.memberAPI),
            Probe(method: .get, route: "/api/v1/clips/{id}", path: { _ in "/api/v1/clips/\(c)" }, expect: Self.companyRecordAPI),
            Probe(method: .delete, route: "/api/v1/clips/{id}", path: { "/api/v1/clips/\(deletions["api"]![$0]!)" },
                  expect: Self.e(401, 204, 204, 403, 204, 404, 403, 204)),
            Probe(method: .get, route: "/api/v1/manuals", path: { _ in "/api/v1/manuals" }, expect: Self.memberAPI),
            Probe(method: .get, route: "/api/v1/manuals/{id}", path: { _ in "/api/v1/manuals/\(m)" }, expect: Self.companyRecordAPI),
            Probe(method: .get, route: "/api/v1/manuals/{id}/quiz", path: { _ in "/api/v1/manuals/\(a)/quiz" }, expect: Self.companyRecordAPI),
            Probe(method: .post, route: "/api/v1/manuals/{id}/quiz/attempts", path: { _ in "/api/v1/manuals/\(a)/quiz/attempts" },
                  json: #"{"answers": [[1]]}"#, expect: Self.e(401, 201, 201, 201, 201, 404, 403, 201)),
            Probe(method: .get, route: "/api/v1/quiz-attempts", path: { _ in "/api/v1/quiz-attempts" }, expect: Self.memberAPI),
            Probe(method: .get, route: "/api/v1/assignments", path: { _ in "/api/v1/assignments" }, expect: Self.memberAPI),
            Probe(method: .post, route: "/api/v1/assignments", path: { _ in "/api/v1/assignments" },
                  json: "{\"item\": \"manual:\(a)\", \"employeeIDs\": [\(s)], \"due\": \"2026-12-20\"}",
                  expect: Self.e(401, 403, 201, 201, 201, 400, 403, 201)),
            Probe(method: .post, route: "/api/v1/watch", path: { _ in "/api/v1/watch" },
                  json: "{\"clipID\": \(c), \"session\": \"api-matrix\", \"ranges\": [[0, 1]]}",
                  expect: Self.e(401, 200, 200, 200, 200, 404, 403, 200)),
            Probe(method: .post, route: "/api/v1/acknowledgements", path: { _ in "/api/v1/acknowledgements" }, json: "{\"manualID\": \(r)}",
                  expect: Self.e(401, 201, 201, 201, 201, 404, 403, 201)),
            Probe(method: .get, route: "/api/v1/training/report", path: { _ in "/api/v1/training/report" },
                  expect: Self.e(401, 403, 200, 200, 200, 200, 403, 200)),
            Probe(method: .get, route: "/api/v1/notifications", path: { _ in "/api/v1/notifications" }, expect: Self.e(401, 200, 200, 200, 200, 200, 403, 200)),
            Probe(method: .get, route: "/api/v1/search", path: { _ in "/api/v1/search?q=%E6%97%8B%E7%9B%A4" }, expect: Self.memberAPI),
            Probe(method: .get, route: "/api/v1/checklists", path: { _ in "/api/v1/checklists" }, expect: Self.memberAPI),
            Probe(method: .get, route: "/api/v1/signoffs", path: { _ in "/api/v1/signoffs?employee=\(s)" }, expect: Self.companyRecordAPI),
            Probe(method: .post, route: "/api/v1/signoffs", path: { _ in "/api/v1/signoffs" },
                  json: #"{"checklistID": \#(cl), "traineeID": \#(s), "marks": [{"ok": true}], "passed": true, "feedback": "よくできました"}"#,
                  expect: Self.e(401, 403, 201, 403, 201, 404, 403, 201)),
            Probe(method: .post, route: "/api/v1/signoffs/{id}/acknowledge", path: { _ in "/api/v1/signoffs/\(so)/acknowledge" },
                  expect: Self.e(401, 200, 403, 403, 403, 404, 403, 403)),
        ]

        let router = try await WebServer.buildRouter(configuration: fixture.configuration, store: store)
        let registered = router.routes.map { (method: $0.method, path: $0.path) }
        let routes = Set(registered.map { "\($0.method) \($0.path)" })
        let probed = Set(probes.map { "\($0.method) \($0.route)" })
        #expect(routes.subtracting(probed).isEmpty, "routes without a row in the access matrix: \(routes.subtracting(probed).sorted())")
        #expect(probed.subtracting(routes).isEmpty, "rows for routes that do not exist: \(probed.subtracting(routes).sorted())")
        // Each row's path must reach the route the row is written for, for every caller: a mistyped
        // path answers 404 for everyone and would look like a refusal.
        var misrouted: [String] = []
        for probe in probes {
            #expect(Set(probe.expect.keys) == Set(Persona.allCases), "\(probe.method) \(probe.route): a status for every caller")
            #expect(probe.expect.values.contains { $0 != 404 }, "\(probe.method) \(probe.route): a row nobody gets past proves nothing")
            for persona in Persona.allCases {
                let path = probe.path(persona)
                let reached = Self.route(for: path, method: probe.method, among: registered)
                if reached != probe.route {
                    misrouted.append("\(probe.method) \(path) as \(persona) reaches \(reached ?? "no route"), not \(probe.route)")
                }
            }
        }
        #expect(misrouted.isEmpty, "rows whose path misses their route:\n\(misrouted.joined(separator: "\n"))")

        let failures = try await Application(router: router, logger: WebFixture.quietLogger).test(.router) { client in
            var failures: [String] = []
            for probe in probes {
                for persona in Persona.allCases {
                    let browser = try await fixture.browser(persona)  // a fresh session (or token) each time: /logout ends one
                    var headers = browser.headers(probe.headers)
                    var body: ByteBuffer?
                    if let form = probe.form {
                        headers[.contentType] = "application/x-www-form-urlencoded"
                        body = ByteBuffer(string: form(persona))
                    } else if let json = probe.json {
                        headers[.contentType] = "application/json"
                        body = ByteBuffer(string: json)
                    } else if let raw = probe.raw {
                        body = ByteBuffer(string: raw)
                    } else if probe.method == .patch {
                        body = ByteBuffer(string: "12345")
                    }
                    let path = probe.path(persona)
                    let response = try await client.execute(uri: path, method: probe.method, headers: headers, body: body)
                    let expected = probe.expect[persona]!
                    if response.status.code != expected {
                        failures.append("\(probe.method) \(path) as \(persona): \(response.status.code), expected \(expected) \(response.text.prefix(200))")
                    }
                    if path.hasPrefix("/api/v1/"), response.status.code >= 400 {
                        #expect(response.headers[.contentType] == "application/problem+json", "\(path) as \(persona)")
                    }
                }
            }
            return failures
        }
        #expect(failures.isEmpty, "\(failures.count) answers differ:\n\(failures.joined(separator: "\n"))")
    }

    /// The registered route the router sends `path` (its query ignored) to for `method`: of the
    /// routes whose every segment matches, the most specific one, segment by segment (a literal
    /// before a partial capture before a parameter or `*` before `**`), as the router's trie
    /// prefers them. Nil when no route matches.
    static func route(
        for path: String, method: HTTPRequest.Method, among routes: [(method: HTTPRequest.Method, path: RouterPath)]
    ) -> String? {
        let withoutQuery = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let segments = withoutQuery.split(separator: "/", omittingEmptySubsequences: true)
        return routes.filter { $0.method == method && matches($0.path, segments) }
            .max { specificity($0.path).lexicographicallyPrecedes(specificity($1.path)) }
            .map { $0.path.description }
    }

    static func matches(_ template: RouterPath, _ segments: [Substring]) -> Bool {
        for (index, element) in template.components.enumerated() {
            if element.description == "**" { return index < segments.count }
            guard index < segments.count, element ~= segments[index] else { return false }
        }
        return template.components.count == segments.count
    }

    static func specificity(_ template: RouterPath) -> [Int] {
        template.components.map { (element) -> Int in
            let text = element.description
            if text == "**" { return 0 }
            if text == "*" || (text.hasPrefix("{") && text.hasSuffix("}")) { return 1 }
            if text.contains("{") || text.contains("*") { return 2 }
            return 3
        }
    }

    /// A supervisor judges only the departments they look after. The matrix shows they cannot even
    /// see anyone else; this shows the rule itself (`AccessPolicy.canEvaluate` with the supervised
    /// departments) where every pending self-assessment of the company is filtered by it: the
    /// dashboard's approvals. A supervisor allowed to evaluate any department fails here.
    @Test func supervisorsDecideOnlyForTheDepartmentsTheyLookAfter() async throws {
        let fixture = try await WebFixture()
        let store = fixture.store
        let hanawa = try await fixture.company("hanawa")
        let today = LocalDate(parsing: WebFixture.today)!
        let me = try await fixture.employee(of: "hanawa-sup")
        let supervised = Set(try await store.supervisedDepartments(try await fixture.account("hanawa-sup").id))
        let people = try await store.employees(company: hanawa.id, filter: .init(activeOn: today))
        let outsider = try #require(people.first { $0.departmentID.map(supervised.contains) == false })
        let insider = try #require(people.first { $0.id != me.id && $0.departmentID.map(supervised.contains) == true })
        let skill = try await store.skills(company: hanawa.id, includeRetired: false)[0]
        func selfAssessment(of employee: Employee) async throws -> Evaluation {
            try await store.addEvaluation(
                Evaluation(id: .init(0), employeeID: employee.id, skillID: skill.id, level: 2, evaluatorID: employee.id,
                           evaluatedOn: today, kind: .self, state: .pending),
                company: hanawa.id, by: "test")
        }
        let outsiders = try await selfAssessment(of: outsider)
        let insiders = try await selfAssessment(of: insider)
        let byID = Dictionary(uniqueKeysWithValues: people.map { ($0.id, $0) })
        let pending = try await store.evaluations(company: hanawa.id, employee: nil, skill: nil, state: .pending)
        let mine = Set(pending.filter { evaluation in
            evaluation.employeeID != me.id && byID[evaluation.employeeID]?.departmentID.map(supervised.contains) == true
        }.map(\.id.rawValue))
        let others = Set(pending.filter { byID[$0.employeeID] != nil }.map(\.id.rawValue)).subtracting(mine)
        #expect(mine.contains(insiders.id.rawValue) && others.contains(outsiders.id.rawValue))
        let outsiderHistory = try await store.evaluations(company: hanawa.id, employee: outsider.id, skill: nil, state: nil).count

        let supervisor = try await fixture.browser(.supervisor)
        let script = try await fixture.browser(.token)
        let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        try await fixture.application().test(.router) { client in
            // The dashboard offers exactly the pending self-assessments of their departments.
            let home = try await client.execute(uri: "/", method: .get, headers: supervisor.headers())
            #expect(home.status == .ok)
            let offered = Self.approvals(in: home.text)
            #expect(offered == mine, "offered for others: \(offered.subtracting(mine).sorted()); missing: \(mine.subtracting(offered).sorted())")

            // Deciding or recording for someone outside them is refused, in the page and through the API.
            let approve = try await client.execute(uri: "/evaluations/\(outsiders.id)/approve", method: .post,
                                                   headers: supervisor.headers(form), body: ByteBuffer(string: ""))
            #expect(approve.status == .notFound)
            let record = try await client.execute(uri: "/evaluations", method: .post, headers: supervisor.headers(form),
                                                  body: ByteBuffer(string: "employee=\(outsider.id)&skill=\(skill.id)&level=3"))
            #expect(record.status == .notFound)
            let viaAPI = try await client.execute(uri: "/api/v1/evaluations/\(outsiders.id)/approve", method: .post, headers: script.headers())
            #expect(viaAPI.status == .notFound)
            let recordViaAPI = try await client.execute(
                uri: "/api/v1/evaluations", method: .post, headers: script.headers([.contentType: "application/json"]),
                body: ByteBuffer(string: #"{"employeeID": \#(outsider.id), "skillID": \#(skill.id), "level": 3}"#))
            #expect(recordViaAPI.status == .notFound)
            #expect(try await store.evaluation(outsiders.id, company: hanawa.id)?.state == .pending)
            #expect(try await store.evaluations(company: hanawa.id, employee: outsider.id, skill: nil, state: nil).count == outsiderHistory)

            // Their own people: approved.
            let own = try await client.execute(uri: "/evaluations/\(insiders.id)/approve?next=/", method: .post,
                                               headers: supervisor.headers(form), body: ByteBuffer(string: ""))
            #expect(own.status == .seeOther)
            #expect(try await store.evaluation(insiders.id, company: hanawa.id)?.state == .approved)
        }
    }

    /// Ids of the evaluations a page offers to approve (`action="/evaluations/<id>/approve…"`).
    static func approvals(in html: String) -> Set<Int64> {
        var ids: Set<Int64> = []
        for part in html.components(separatedBy: "action=\"/evaluations/").dropFirst() {
            let digits = part.prefix { $0.isASCII && $0.isNumber }
            if part.dropFirst(digits.count).hasPrefix("/approve"), let id = Int64(digits) { ids.insert(id) }
        }
        return ids
    }

    @Test func theRouteCheckCatchesAMistypedPath() {
        let routes: [(method: HTTPRequest.Method, path: RouterPath)] = [
            (.get, "/clips/{id}"), (.get, "/clips/{id}/status"), (.post, "/clips/{id}"), (.get, "/skillmap/import"),
            (.get, "/skillmap/{name}"), (.get, "/static/**"),
        ]
        #expect(Self.route(for: "/clips/12", method: .get, among: routes) == "/clips/{id}")
        #expect(Self.route(for: "/clips/12/status?x=1", method: .get, among: routes) == "/clips/{id}/status")
        #expect(Self.route(for: "/clip/12", method: .get, among: routes) == nil)
        #expect(Self.route(for: "/clips/12/stat", method: .get, among: routes) == nil)
        #expect(Self.route(for: "/clips/12/status", method: .post, among: routes) == nil)
        #expect(Self.route(for: "/skillmap/import", method: .get, among: routes) == "/skillmap/import")
        #expect(Self.route(for: "/skillmap/other", method: .get, among: routes) == "/skillmap/{name}")
        #expect(Self.route(for: "/static/css/app.css", method: .get, among: routes) == "/static/**")
    }
}
