import DenshoDomain
import DenshoInterchange
import DenshoPrint
import Foundation
import Hummingbird
import NIOPosix

/// The 年間教育計画 as Excel and as an A3 PDF, for the company (HR, admins) or one department
/// (a supervisor gets the departments they look after).
struct TrainingPlanDownloads {
    let env: PageEnvironment

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/training/plan.xlsx", use: workbook)
        router.get("/training/plan.pdf", use: sheet)
    }

    func plan(_ request: Request, context: AppRequestContext) async throws -> (Company, TrainingPlan) {
        let (identity, company) = try context.require { $0.canAssignTraining }
        let scope = try await env.trainingScope(
            request.query("department").flatMap(Int64.init).map(Department.ID.init), identity: identity, company: company)
        guard !scope.empty else { throw WebError.notFound }
        let department = scope.department
        let today = env.today
        var year = FiscalYear(containing: today)
        if let text = request.query("year") {
            guard let value = Int(text), (2000...2100).contains(value) else {
                throw WebError(.badRequest, ja: "年度は 2026 のように入力してください。", en: "Give the fiscal year as e.g. 2026.")
            }
            year = FiscalYear(value)
        }
        return (company, try await TrainingPlan.load(company: company.id, department: department, fiscalYear: year, from: env.store, today: today))
    }

    static func fileName(_ plan: TrainingPlan, _ ext: String) -> String {
        "年間教育計画_\(plan.fiscalYear.label)\(plan.departmentName.map { "_" + $0 } ?? "").\(ext)"
    }

    @Sendable func workbook(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (company, plan) = try await plan(request, context: context)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("densho-plan-\(UUID().uuidString).xlsx").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let bytes = try await NIOThreadPool.singleton.runIfActive { () throws -> Data in
            try TrainingPlanWorkbook(companyName: company.name, plan: plan).write(to: path)
            guard let data = FileManager.default.contents(atPath: path) else { throw WorkbookError.write("no output") }
            return data
        }
        return DownloadController.download(ByteBuffer(bytes: bytes), type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                           name: Self.fileName(plan, "xlsx"))
    }

    @Sendable func sheet(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (company, plan) = try await plan(request, context: context)
        let today = env.today
        let document = try await NIOThreadPool.singleton.runIfActive {
            try TrainingPlanSheet(companyName: company.name, plan: plan, printedOn: today).render()
        }
        return DownloadController.download(ByteBuffer(bytes: document.pdf), type: "application/pdf", name: Self.fileName(plan, "pdf"))
    }
}
