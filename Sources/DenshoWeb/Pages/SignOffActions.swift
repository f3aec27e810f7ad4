import DenshoDomain
import DenshoStore
import Foundation
import HTTPTypes

/// Recording, reading and acknowledging sign-offs (実技確認), with the access rules, shared by the
/// pages and the API.
extension PageEnvironment {
    /// Someone the caller may sign off: 404 for people they cannot see (never confirming they
    /// exist), 403 for people they see but may not judge (HR; a supervisor's own record).
    func signOffTrainee(_ id: Int64?, _ identity: Identity, company: Company) async throws -> Employee {
        let employee = try await visibleEmployee(id, identity, company: company)
        guard identity.policy.canSignOff(employee) else { throw WebError.forbidden }
        return employee
    }

    /// Records a sign-off of `trainee` on `checklist` by the caller, dated today. An incomplete one
    /// (a step unmarked, an NG without a comment, no feedback) and one the store refuses (a quiz
    /// the skill requires first) come back as 400 with the reason; nothing is recorded then.
    func recordSignOff(
        checklist: Checklist, trainee: Employee, marks: [SignOffMark], passed: Bool, feedback: String, evidence: Clip.ID?,
        identity: Identity, company: Company
    ) async throws -> SignOff {
        let draft = SignOff(
            id: .init(0), companyID: company.id, checklistID: checklist.id, traineeID: trainee.id, evaluatorID: identity.account.employeeID,
            evaluatorName: identity.account.displayName, skillID: checklist.skillID, level: checklist.level, manualID: checklist.manualID,
            marks: marks, passed: passed, feedback: feedback.trimmingCharacters(in: .whitespacesAndNewlines), evidenceClipID: evidence,
            signedOn: today)
        do throws(CheckError) {
            _ = try draft.validated(against: checklist)
        } catch {
            throw WebError(.badRequest, ja: error.japanese, en: error.english)
        }
        guard draft.feedback.count <= 2000, marks.allSatisfy({ $0.comment.count <= 500 }) else {
            throw WebError.badRequest("フィードバックは2000文字、コメントは500文字までです。", "Keep feedback within 2000 and comments within 500 characters.")
        }
        do {
            return try await store.signOff(draft, by: identity.account.login)
        } catch StoreError.invalid(let message) {
            throw WebError(.badRequest, storeMessage: message)
        } catch StoreError.notFound {
            throw WebError.notFound
        }
    }

    /// A sign-off the caller may read, with its trainee: the trainee's own, or of someone the
    /// caller may view; else 404.
    func visibleSignOff(_ id: Int64, _ identity: Identity, company: Company) async throws -> (record: SignOff, trainee: Employee) {
        guard let record = try await store.signOffRecord(.init(id), company: company.id),
            let trainee = try await store.employee(record.traineeID, company: company.id),
            identity.policy.canViewEmployee(trainee)
        else { throw WebError.notFound }
        return (record, trainee)
    }

    /// The trainee's 確認 (once; again is harmless). Anyone else: 403 if they may see the
    /// trainee, 404 if not.
    func acknowledgeSignOff(_ id: Int64, identity: Identity, company: Company) async throws -> SignOff {
        guard let record = try await store.signOffRecord(.init(id), company: company.id),
            let trainee = try await store.employee(record.traineeID, company: company.id)
        else { throw WebError.notFound }
        guard let me = identity.account.employeeID, record.traineeID == me else {
            throw identity.policy.canViewEmployee(trainee) ? WebError.forbidden : WebError.notFound
        }
        do {
            return try await store.acknowledgeSignOff(record.id, employee: me, company: company.id, by: identity.account.login)
        } catch StoreError.notFound {
            throw WebError.notFound
        }
    }
}
