import DenshoDomain
import DenshoInterchange
import DenshoPrint
import Foundation
import Hummingbird
import NIOPosix

/// The ISO 9001 7.2 competence record (力量記録) as an A4 PDF and as Excel: one person's (whoever
/// may see their profile — staff their own) and a department's (supervisors of it, HR and admins).
/// Records the caller may not see are 404, as on the pages.
struct ISORecordDownloads {
    let env: PageEnvironment

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/iso-record/people/{id}.pdf", use: personSheet)
        router.get("/iso-record/people/{id}.xlsx", use: personWorkbook)
        router.get("/iso-record/departments/{id}.pdf", use: departmentSheet)
        router.get("/iso-record/departments/{id}.xlsx", use: departmentWorkbook)
    }

    /// A person's record and its file name (without extension).
    private func person(_ context: AppRequestContext) async throws -> (ISORecordSheet, String) {
        let (identity, company) = try context.requireMember()
        let employee = try await env.visibleEmployee(try context.parameters.id(), identity, company: company)
        guard identity.policy.canSeeISORecords || employee.id == identity.account.employeeID else { throw WebError.notFound }
        let sheet = try await ISORecordSheet.load(.employee(employee.id), company: company, from: env.store, asOf: env.today)
        return (sheet, "力量記録_\(employee.number)_\(env.today.description)")
    }

    /// A department's record and its file name (without extension).
    private func department(_ context: AppRequestContext) async throws -> (ISORecordSheet, String) {
        let (identity, company) = try context.require { $0.canSeeISORecords }
        let id = try context.parameters.id()
        guard let department = try await env.store.departments(company: company.id).first(where: { $0.id.rawValue == id }),
            identity.policy.canViewDepartment(department.id)
        else { throw WebError.notFound }
        let sheet = try await ISORecordSheet.load(.department(department.id), company: company, from: env.store, asOf: env.today)
        return (sheet, "力量記録_\(department.name)_\(env.today.description)")
    }

    @Sendable func personSheet(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (sheet, name) = try await person(context)
        return try await Self.pdf(sheet, name: name + ".pdf")
    }

    @Sendable func personWorkbook(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (sheet, name) = try await person(context)
        return try await Self.workbook(sheet, name: name + ".xlsx")
    }

    @Sendable func departmentSheet(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (sheet, name) = try await department(context)
        return try await Self.pdf(sheet, name: name + ".pdf")
    }

    @Sendable func departmentWorkbook(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (sheet, name) = try await department(context)
        return try await Self.workbook(sheet, name: name + ".xlsx")
    }

    /// Rendered on NIO's thread pool: a large department is a second or two of CPU.
    static func pdf(_ sheet: ISORecordSheet, name: String) async throws -> Response {
        let document = try await NIOThreadPool.singleton.runIfActive { try sheet.render() }
        var response = DownloadController.download(ByteBuffer(bytes: document.pdf), type: "application/pdf", name: name)
        if !document.warnings.isEmpty { response.headers[.init("X-Densho-Print-Warnings")!] = String(document.warnings.count) }
        return response
    }

    static func workbook(_ sheet: ISORecordSheet, name: String) async throws -> Response {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("densho-iso-\(UUID().uuidString).xlsx").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let bytes = try await NIOThreadPool.singleton.runIfActive { () throws -> Data in
            try ISORecordWorkbook(companyName: sheet.companyName, scope: sheet.scope, rows: sheet.rows, printedOn: sheet.printedOn).write(to: path)
            guard let data = FileManager.default.contents(atPath: path) else { throw WorkbookError.write("no output") }
            return data
        }
        return DownloadController.download(ByteBuffer(bytes: bytes), type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                           name: name)
    }
}
