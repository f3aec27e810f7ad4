import DenshoDomain
import DenshoInterchange
import Foundation
import HTTPTypes
import Hummingbird

/// 力量表 from Excel: a supervisor downloads the map (`/skillmap.xlsx`), changes levels in Excel
/// and uploads the file here. The page's script sends the file twice: first to see every change
/// (nothing written), then to record them. Both answers are JSON.
///
/// The same rules as `densho import skillmap` (one reader, `SkillMapWorkbook.proposedChanges`):
/// only changed cells become evaluations, noted with their cell; a file with any problem changes
/// nothing. On the web, every changed row must also be someone the caller may evaluate.
struct SkillMapImportController {
    let env: PageEnvironment
    /// An exported map of 1,000 people × 300 skills is about 1.5 MB.
    static let maxBytes = 8 << 20

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/skillmap/import", use: form)
        router.post("/skillmap/import", use: upload)
    }

    struct FormView { var maxMB: Int }

    @Sendable func form(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.require { $0.canImportSkillMaps }
        return env.renderer.page(.skillmapImport, title: context.language.text("importExcelTitle"), context: context,
                                 data: FormView(maxMB: Self.maxBytes >> 20), section: "skillmap")
    }

    struct Change: Encodable { var cell: String; var number: String; var name: String; var skill: String; var from: String; var to: String }
    /// `inserted`, `updated` and `unchanged` count the changed cells as `ImportSummary` does.
    /// `skipped`: the first cell of each row of someone the caller may not see, passed over unread.
    struct Answer: Encodable {
        var applied: Bool; var changes: [Change]; var inserted: Int; var updated: Int; var unchanged: Int; var skipped: [String]
    }
    struct Problems: Encodable { var problems: [String] }

    /// The workbook as the request body; `?apply=1` records the changes, otherwise nothing is written.
    @Sendable func upload(_ request: Request, context: AppRequestContext) async throws -> Response {
        do {
            let (identity, company) = try context.require { $0.canImportSkillMaps }
            let body = try await request.body.collect(upTo: Self.maxBytes)
            let file = Self.fileName(request.headers[Self.fileNameHeader])
            // The evaluations are the caller's: their 社員番号 (admins without an employee record: none).
            var evaluator: String?
            if let own = identity.account.employeeID { evaluator = try await env.store.employee(own, company: company.id)?.number }
            let policy = identity.policy
            let (changes, current, scale, skipped) = try await SkillMapWorkbook.proposedChanges(
                Data(body.readableBytesView), file: file, company: company.id, from: env.store, asOf: env.today, evaluator: evaluator,
                visible: { policy.canViewEmployee($0) })
            let language = context.language
            let people = Dictionary(current.employees.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
            let forbidden = changes.compactMap { change -> String? in
                guard let person = people[change.cell.employeeNumber], !identity.policy.canEvaluate(person) else { return nil }
                return language == .ja
                    ? "\(Self.cell(change)): \(person.name)(\(person.number))の評価を記録する権限がありません。"
                    : "\(Self.cell(change)): you may not evaluate \(person.name) (\(person.number))."
            }
            if !forbidden.isEmpty { return try JSONResponse.make(Problems(problems: forbidden), status: .forbidden) }
            let apply = request.uri.queryParameters.get("apply") == "1"
            let summary = try await env.store.importRecords(
                .evaluations(changes.map(\.record)), company: company.id, dryRun: !apply, by: identity.account.login)
            let skills = Dictionary(current.skills.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
            let rows = changes.map { change in
                Change(
                    cell: Self.cell(change), number: change.cell.employeeNumber, name: people[change.cell.employeeNumber]?.name ?? "",
                    skill: "\(change.cell.skillCode) \(skills[change.cell.skillCode] ?? "")",
                    from: "\(scale.symbol(change.before)) \(change.before)", to: "\(scale.symbol(change.cell.level)) \(change.cell.level)")
            }
            return try JSONResponse.make(Answer(
                applied: apply, changes: rows, inserted: summary.inserted, updated: summary.updated, unchanged: summary.unchanged,
                skipped: skipped))
        } catch let error as ImportError {
            let problems = error.issues.map { issue in
                let place = (issue.file.split(separator: "!").dropFirst().first.map { "\($0)!" } ?? "") + (issue.column ?? "")
                return place + ": " + (context.language == .ja ? issue.japanese ?? issue.message : issue.message)
            }
            return try JSONResponse.make(Problems(problems: problems), status: .unprocessableContent)
        } catch let error as WorkbookError {
            let ja = "Excel ファイル(.xlsx)として読めません。Densho から書き出したファイルを使ってください。(\(error))"
            return try JSONResponse.make(Problems(problems: [context.language == .ja ? ja : "\(error)"]), status: .unprocessableContent)
        } catch {
            let web = ErrorMiddleware.webError(error)
            return try JSONResponse.make(Problems(problems: [web.message(context.language)]), status: web.status)
        }
    }

    /// `機械加工!D5`.
    static func cell(_ change: SkillMapChange) -> String { "\(change.cell.sheet)!\(change.cell.reference)" }

    static let fileNameHeader = HTTPField.Name("X-File-Name")!

    /// The uploaded file's name, only for notes and messages (never a path): percent-decoded,
    /// its last component, printable, at most 80 characters.
    static func fileName(_ header: String?) -> String {
        let decoded = header?.removingPercentEncoding ?? ""
        let last = decoded.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let clean = String(last.filter { !$0.isNewline && $0.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7f } }.prefix(80))
        return clean.isEmpty ? "upload.xlsx" : clean
    }
}
