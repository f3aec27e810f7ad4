import DenshoDomain
import DenshoStore
import Foundation
import Hummingbird

/// `/api/v1` for 実技確認: checklists, sign-offs (recording one records the level on a pass) and
/// the trainee's 確認. The same rules as the pages (`SignOffActions.swift`).
extension APIController {
    struct ChecklistItemJSON: Codable { var step: String; var keyPoint: String }
    struct ChecklistJSON: Codable {
        var id: Int64; var title: String; var skillID: Int64; var level: Int; var manualID: Int64?; var items: [ChecklistItemJSON]
    }
    struct SignOffMarkJSON: Codable { var ok: Bool; var comment: String? }
    struct SignOffJSON: Codable {
        var id: Int64; var checklistID: Int64; var traineeID: Int64; var evaluatorID: Int64?; var evaluatorName: String
        var skillID: Int64; var level: Int; var manualID: Int64?; var manualRevision: Int?; var marks: [SignOffMarkJSON]
        var passed: Bool; var feedback: String; var evidenceClipID: Int64?; var signedOn: String; var evaluationID: Int64?
        var acknowledgedAt: String?
    }
    struct NewSignOff: Codable {
        var checklistID: Int64; var traineeID: Int64; var marks: [SignOffMarkJSON]; var passed: Bool; var feedback: String
        var evidenceClipID: Int64?
    }

    static func json(_ c: Checklist) -> ChecklistJSON {
        ChecklistJSON(id: c.id.rawValue, title: c.title, skillID: c.skillID.rawValue, level: c.level, manualID: c.manualID?.rawValue,
                      items: c.items.map { ChecklistItemJSON(step: $0.step, keyPoint: $0.keyPoint) })
    }

    static func json(_ s: SignOff) -> SignOffJSON {
        SignOffJSON(
            id: s.id.rawValue, checklistID: s.checklistID.rawValue, traineeID: s.traineeID.rawValue, evaluatorID: s.evaluatorID?.rawValue,
            evaluatorName: s.evaluatorName, skillID: s.skillID.rawValue, level: s.level, manualID: s.manualID?.rawValue,
            manualRevision: s.manualRevision, marks: s.marks.map { SignOffMarkJSON(ok: $0.ok, comment: $0.comment) }, passed: s.passed,
            feedback: s.feedback, evidenceClipID: s.evidenceClipID?.rawValue, signedOn: s.signedOn.description,
            evaluationID: s.evaluationID?.rawValue, acknowledgedAt: s.acknowledgedAt)
    }

    var signOffRoutes: [APIRoute] {
        [
            APIRoute(method: .get, path: "/checklists", operationID: "listChecklists", summary: "実技確認 checklists of the company",
                     response: "Checklist", list: true) { _, context in
                let (_, company) = try context.require { $0.account.role != .association }
                return try JSONResponse.make(try await env.store.checklists(company: company.id).map(Self.json))
            },
            APIRoute(method: .get, path: "/signoffs", operationID: "listSignOffs",
                     summary: "Sign-offs of one person (employee), or of everyone the caller may view, newest first",
                     response: "SignOff", list: true, query: ["employee"]) { request, context in
                let (identity, company) = try context.require { $0.account.role != .association }
                if let wanted = request.query("employee") {
                    let employee = try await env.visibleEmployee(Int64(wanted), identity, company: company)
                    return try JSONResponse.make(try await env.store.signOffs(company: company.id, employee: employee.id).map(Self.json))
                }
                let people = Dictionary(uniqueKeysWithValues: try await env.store.employees(company: company.id, filter: .init()).map { ($0.id, $0) })
                let rows = try await env.store.signOffs(company: company.id, employee: nil).filter { s in
                    people[s.traineeID].map(identity.policy.canViewEmployee) ?? false
                }
                return try JSONResponse.make(rows.map(Self.json))
            },
            APIRoute(method: .post, path: "/signoffs", operationID: "createSignOff",
                     summary: "Record a 実技確認 (supervisors of the trainee's department, admins); a pass records the checklist's level",
                     response: "SignOff", body: "NewSignOff") { request, context in
                let (identity, company) = try context.require { $0.canWriteChecks }
                let input: NewSignOff
                do { input = try await request.decode(as: NewSignOff.self, context: context) } catch {
                    throw WebError.badRequest("JSONが正しくありません。", "The JSON body is not a NewSignOff.")
                }
                guard let checklist = try await env.store.checklist(.init(input.checklistID), company: company.id) else { throw WebError.notFound }
                let trainee = try await env.signOffTrainee(input.traineeID, identity, company: company)
                let marks = input.marks.map { SignOffMark(ok: $0.ok, comment: ($0.comment ?? "").trimmingCharacters(in: .whitespacesAndNewlines)) }
                guard !ControlCharacters.forbidden(in: input.feedback), !marks.contains(where: { ControlCharacters.forbidden(in: $0.comment) }) else {
                    throw ControlCharacters.error
                }
                let saved = try await env.recordSignOff(
                    checklist: checklist, trainee: trainee, marks: marks, passed: input.passed, feedback: input.feedback,
                    evidence: input.evidenceClipID.map(Clip.ID.init), identity: identity, company: company)
                return try JSONResponse.make(Self.json(saved), status: .created)
            },
            APIRoute(method: .post, path: "/signoffs/{id}/acknowledge", operationID: "acknowledgeSignOff",
                     summary: "The trainee's 確認 of their sign-off (the trainee only)", response: "SignOff") { _, context in
                let (identity, company) = try context.require { $0.account.role != .association }
                let record = try await env.acknowledgeSignOff(try context.parameters.id(), identity: identity, company: company)
                return try JSONResponse.make(Self.json(record))
            },
        ]
    }
}

extension OpenAPIDocument {
    /// Schemas of the checklist and sign-off operations.
    nonisolated(unsafe) static let signOffSchemas: [String: Any] = [
        "ChecklistItem": object(["step": string(), "keyPoint": string()], required: ["step", "keyPoint"]),
        "Checklist": object(
            ["id": string("integer"), "title": string(), "skillID": string("integer"), "level": string("integer"),
             "manualID": nullable("integer"), "items": array(ref("ChecklistItem"))],
            required: ["id", "title", "skillID", "level", "items"]),
        "SignOffMark": object(["ok": string("boolean"), "comment": nullable("string")], required: ["ok"]),
        "SignOff": object(
            ["id": string("integer"), "checklistID": string("integer"), "traineeID": string("integer"), "evaluatorID": nullable("integer"),
             "evaluatorName": string(), "skillID": string("integer"), "level": string("integer"), "manualID": nullable("integer"),
             "manualRevision": nullable("integer"), "marks": array(ref("SignOffMark")), "passed": string("boolean"), "feedback": string(),
             "evidenceClipID": nullable("integer"), "signedOn": ["type": "string", "format": "date"], "evaluationID": nullable("integer"),
             "acknowledgedAt": nullable("string")],
            required: ["id", "checklistID", "traineeID", "evaluatorName", "skillID", "level", "marks", "passed", "feedback", "signedOn"]),
        "NewSignOff": object(
            ["checklistID": string("integer"), "traineeID": string("integer"), "marks": array(ref("SignOffMark")),
             "passed": string("boolean"), "feedback": string(), "evidenceClipID": nullable("integer")],
            required: ["checklistID", "traineeID", "marks", "passed", "feedback"]),
    ]
}
