import DenshoDomain
import DenshoStore
import Foundation
import Hummingbird

/// `/api/v1` for training: assignments, watch beacons, 読了確認, the report and notifications.
extension APIController {
    struct AssignmentJSON: Codable {
        var id: Int64; var employeeID: Int64; var kind: String; var itemID: Int64; var courseID: Int64?; var due: String?
        var state: String; var watchedShare: Double; var requiredRevision: Int; var completedAt: String?
    }
    struct NewAssignment: Codable {
        /// `manual:3`, `clip:5` or `course:2`.
        var item: String; var employeeIDs: [Int64]?; var departmentID: Int64?; var lackingSkillID: Int64?; var due: String?
    }
    struct WatchBeaconJSON: Codable { var clipID: Int64; var manualID: Int64?; var session: String; var ranges: [[Double]] }
    struct WatchJSON: Codable { var seconds: Double; var ranges: [[Double]] }
    struct AcknowledgeJSON: Codable { var manualID: Int64?; var clipID: Int64? }
    struct AcknowledgementJSON: Codable { var employeeID: Int64; var kind: String; var itemID: Int64; var revision: Int; var at: String }
    struct ReportRowJSON: Codable { var kind: String; var itemID: Int64; var title: String; var assigned: Int; var notStarted: Int; var inProgress: Int; var completed: Int; var overdue: Int }
    struct NotificationJSON: Codable { var id: Int64; var kind: String; var text: String; var link: String; var createdAt: String; var read: Bool }

    func json(_ a: Assignment) -> AssignmentJSON {
        AssignmentJSON(id: a.id.rawValue, employeeID: a.employeeID.rawValue, kind: a.item.kind, itemID: a.item.rawID,
                       courseID: a.courseID?.rawValue, due: a.dueOn?.description, state: a.state(on: env.today).rawValue,
                       watchedShare: a.watchedShare, requiredRevision: a.requiredRevision, completedAt: a.completedAt)
    }

    var trainingRoutes: [APIRoute] {
        [
            APIRoute(method: .get, path: "/assignments", operationID: "listAssignments",
                     summary: "Training assignments: one's own, or (supervisors, HR, admins) of the people one may view",
                     response: "Assignment", list: true, query: ["employee"]) { request, context in
                let (identity, company) = try context.require { $0.account.role != .association }
                let wanted = request.query("employee").flatMap(Int64.init).map(Employee.ID.init)
                let people = Dictionary(uniqueKeysWithValues: try await env.store.employees(company: company.id, filter: .init()).map { ($0.id, $0) })
                let rows = try await env.store.assignments(company: company.id, employee: wanted, item: nil).filter { a in
                    a.employeeID == identity.account.employeeID
                        || (identity.policy.canAssignTraining && people[a.employeeID].map(identity.policy.canViewEmployee) == true)
                }
                return try JSONResponse.make(rows.map(json))
            },
            APIRoute(method: .post, path: "/assignments", operationID: "createAssignments",
                     summary: "Assign a manual, clip or course to people, a department or those lacking a skill for their next grade",
                     response: "Assignment", list: true, body: "NewAssignment") { request, context in
                let (identity, company) = try context.require { $0.canAssignTraining }
                let input: NewAssignment
                do { input = try await request.decode(as: NewAssignment.self, context: context) } catch {
                    throw WebError.badRequest("JSONが正しくありません。", "The JSON body is not a NewAssignment.")
                }
                let (items, course) = try await TrainingController.items(input.item, company: company, store: env.store)
                let audience: AssignmentAudience
                if let department = input.departmentID { audience = .department(.init(department)) } else if let skill = input.lackingSkillID {
                    audience = .lackingSkill(.init(skill))
                } else { audience = .employees((input.employeeIDs ?? []).map(Employee.ID.init)) }
                var due: LocalDate?
                if let text = input.due {
                    guard let parsed = LocalDate(parsing: text) else { throw WebError.badRequest("期限の日付が正しくありません。", "due is not a date (2026-12-15).") }
                    due = parsed
                }
                let people = try await TrainingAudience(store: env.store, company: company, asOf: env.today).resolve(audience, visibleTo: identity.policy)
                guard !people.isEmpty else { throw WebError.badRequest("割り当てる人がいません。", "Nobody to assign it to.") }
                do {
                    let saved = try await env.store.assign(items, course: course, to: people, due: due, company: company.id, by: identity.account.login)
                    return try JSONResponse.make(saved.map(json), status: .created)
                } catch StoreError.invalid(let message) {
                    throw WebError(.badRequest, storeMessage: message)
                }
            },
            APIRoute(method: .post, path: "/watch", operationID: "recordWatch",
                     summary: "A player's watch beacon: every range this page played so far (cumulative; repeating one is harmless)",
                     response: "WatchCoverage", body: "WatchBeacon") { request, context in
                let (identity, company) = try context.require { $0.account.employeeID != nil && $0.account.role != .association }
                let input: WatchBeaconJSON
                do { input = try await request.decode(as: WatchBeaconJSON.self, context: context) } catch {
                    throw WebError.badRequest("JSONが正しくありません。", "The JSON body is not a WatchBeacon.")
                }
                guard input.ranges.count <= WatchCoverage.maxRangesPerBeacon, input.ranges.allSatisfy({ $0.count == 2 && $0[0].isFinite && $0[1].isFinite && $0[0] >= 0 && $0[1] >= $0[0] })
                else { throw WebError(.badRequest, ja: "再生記録の形式が正しくありません。", en: "ranges must be [start, end] pairs of seconds.") }
                do {
                    let coverage = try await env.watches.record(WatchBeacon(
                        employee: identity.account.employeeID!, clip: .init(input.clipID), manual: input.manualID.map(Manual.ID.init),
                        session: input.session, ranges: input.ranges.map { PlayedRange(start: $0[0], end: $0[1]) }, company: company.id))
                    return try JSONResponse.make(WatchJSON(seconds: coverage.seconds, ranges: coverage.ranges.map { [$0.start, $0.end] }))
                } catch StoreError.notFound {
                    throw WebError.notFound
                } catch StoreError.invalid(let message) {
                    throw WebError(.unprocessableContent, storeMessage: message)
                }
            },
            APIRoute(method: .post, path: "/acknowledgements", operationID: "acknowledge",
                     summary: "読了確認 of the live version of a manual (or a clip), once it was watched", response: "Acknowledgement",
                     body: "Acknowledge") { request, context in
                let (identity, company) = try context.require { $0.account.employeeID != nil && $0.account.role != .association }
                let input: AcknowledgeJSON
                do { input = try await request.decode(as: AcknowledgeJSON.self, context: context) } catch {
                    throw WebError.badRequest("JSONが正しくありません。", "The JSON body is not an Acknowledge.")
                }
                guard let item = input.manualID.map({ TrainingItem.manual(.init($0)) }) ?? input.clipID.map({ .clip(.init($0)) }) else {
                    throw WebError.badRequest("確認するマニュアルがありません。", "Give manualID or clipID.")
                }
                await env.watches.flush()
                do {
                    let ack = try await env.store.acknowledge(employee: identity.account.employeeID!, item: item, company: company.id, by: identity.account.login)
                    return try JSONResponse.make(AcknowledgementJSON(employeeID: ack.employeeID.rawValue, kind: item.kind, itemID: item.rawID,
                                                                     revision: ack.revision, at: ack.at), status: .created)
                } catch StoreError.notFound {
                    throw WebError.notFound
                } catch StoreError.invalid(let message) {
                    throw WebError(.conflict, storeMessage: message)
                }
            },
            APIRoute(method: .get, path: "/training/report", operationID: "trainingReport",
                     summary: "Per manual and clip: assigned, not started, in progress, completed, overdue", response: "TrainingReportRow",
                     list: true, query: ["department"]) { request, context in
                let (identity, company) = try context.require { $0.canAssignTraining }
                let scope = try await env.trainingScope(
                    request.query("department").flatMap(Int64.init).map(Department.ID.init), identity: identity, company: company)
                guard !scope.empty else { throw WebError.notFound }
                let rows = try await env.store.trainingReport(company: company.id, department: scope.department, today: env.today)
                return try JSONResponse.make(rows.map {
                    ReportRowJSON(kind: $0.item.kind, itemID: $0.item.rawID, title: $0.title, assigned: $0.assigned, notStarted: $0.notStarted,
                                  inProgress: $0.inProgress, completed: $0.completed, overdue: $0.overdue)
                })
            },
            APIRoute(method: .get, path: "/notifications", operationID: "listNotifications", summary: "The caller's notifications, newest first",
                     response: "Notification", list: true) { _, context in
                let identity = try context.requireIdentity()
                guard identity.company != nil else { throw WebError.forbidden }
                let english = context.language == .en
                return try JSONResponse.make(try await env.store.notifications(account: identity.account.id, limit: 100).map {
                    NotificationJSON(id: $0.id.rawValue, kind: $0.kind.rawValue, text: NotificationText.text($0.kind, params: $0.params, english: english),
                                     link: $0.link, createdAt: $0.createdAt, read: $0.readAt != nil)
                })
            },
        ]
    }
}

extension OpenAPIDocument {
    /// Schemas of the training and notification operations.
    nonisolated(unsafe) static let trainingSchemas: [String: Any] = [
        "Assignment": object(
            ["id": string("integer"), "employeeID": string("integer"), "kind": ["type": "string", "enum": ["manual", "clip"]],
             "itemID": string("integer"), "courseID": nullable("integer"), "due": ["type": ["string", "null"], "format": "date"],
             "state": ["type": "string", "enum": AssignmentState.allCases.map(\.rawValue)], "watchedShare": string("number"),
             "requiredRevision": string("integer"), "completedAt": nullable("string")],
            required: ["id", "employeeID", "kind", "itemID", "state", "watchedShare", "requiredRevision"]),
        "NewAssignment": object(
            ["item": ["type": "string", "pattern": "^(manual|clip|course):[0-9]+$"], "employeeIDs": ["type": ["array", "null"], "items": string("integer")],
             "departmentID": nullable("integer"), "lackingSkillID": nullable("integer"), "due": nullable("string")],
            required: ["item"]),
        "WatchBeacon": object(
            ["clipID": string("integer"), "manualID": nullable("integer"), "session": ["type": "string", "pattern": "^[A-Za-z0-9-]{1,64}$"],
             "ranges": array(["type": "array", "items": string("number"), "minItems": 2, "maxItems": 2])],
            required: ["clipID", "session", "ranges"]),
        "WatchCoverage": object(["seconds": string("number"), "ranges": array(array(string("number")))], required: ["seconds", "ranges"]),
        "Acknowledge": object(["manualID": nullable("integer"), "clipID": nullable("integer")], required: []),
        "Acknowledgement": object(
            ["employeeID": string("integer"), "kind": string(), "itemID": string("integer"), "revision": string("integer"), "at": string()],
            required: ["employeeID", "kind", "itemID", "revision", "at"]),
        "TrainingReportRow": object(
            ["kind": string(), "itemID": string("integer"), "title": string(), "assigned": string("integer"), "notStarted": string("integer"),
             "inProgress": string("integer"), "completed": string("integer"), "overdue": string("integer")],
            required: ["kind", "itemID", "title", "assigned", "notStarted", "inProgress", "completed", "overdue"]),
        "Notification": object(
            ["id": string("integer"), "kind": string(), "text": string(), "link": string(), "createdAt": string(), "read": string("boolean")],
            required: ["id", "kind", "text", "link", "createdAt", "read"]),
    ]
}
