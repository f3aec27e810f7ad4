import DenshoDomain
import DenshoInterchange
import Foundation
import Hummingbird

/// HR's KPI dashboard: retention within three years per hire cohort, hires, 多能工化率,
/// qualifications, at-risk skills, targets met on time and meetings, as server-drawn SVG charts,
/// with the tables as CSV for Excel.
struct KPIController {
    let env: PageEnvironment

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/kpi", use: page)
        router.get("/kpi.csv", use: csv)
    }

    struct Chart { var svg: String }
    struct YearRow { var year: Int; var hires: Int; var employees: Int; var multiSkill: String; var qualifications: Int; var atRisk: Int; var targets: String; var proposals: String }
    struct CohortRow { var year: Int; var hired: Int; var left: Int; var rate: String; var complete: Bool }

    func report(_ company: Company, years: Int) async throws -> KPIReport {
        KPIReport.compute(try await KPIInputs.load(company: company, from: env.store), asOf: env.today, years: years)
    }

    static func percent(_ value: Double) -> String { "\(Int((value * 100).rounded()))%" }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, company) = try context.require { $0.canSeeCompanyKPIs }
        let years = min(15, max(2, request.query("years").flatMap(Int.init) ?? 5))
        let report = try await report(company, years: years)
        let labels = report.years.map { String($0.year) }
        let cohorts = report.cohorts
        let charts = [
            SVGChart(title: "入社年別 3年定着率", labels: cohorts.map { "\($0.hireYear)\($0.complete ? "" : "*")" },
                     series: [.init(name: "定着率", values: cohorts.map { $0.retentionRate ?? 0 }, color: "#1f5f8b")], percent: true).bars(),
            SVGChart(title: "採用人数", labels: labels, series: [.init(name: "採用", values: report.years.map { Double($0.newHires) }, color: "#3aa86b")]).bars(),
            SVGChart(title: "多能工化率", labels: labels,
                     series: [.init(name: "多能工化率", values: report.years.map(\.multiSkillRate), color: "#c0392b")], percent: true).line(),
            SVGChart(title: "有効な資格と継承リスクのスキル", labels: labels, series: [
                .init(name: "有効資格", values: report.years.map { Double($0.qualificationsHeld) }, color: "#1f5f8b"),
                .init(name: "継承リスク", values: report.years.map { Double($0.atRiskSkills) }, color: "#e67e22"),
            ]).bars(),
            SVGChart(title: "個人目標の期限内達成", labels: labels, series: [
                .init(name: "期限の目標", values: report.years.map { Double($0.targetsDue) }, color: "#95a5a6"),
                .init(name: "期限内達成", values: report.years.map { Double($0.targetsMetOnTime) }, color: "#3aa86b"),
            ]).bars(),
            SVGChart(title: "面談・ランチミーティング（月別）", labels: report.months.map { String($0.month.suffix(5)) }, series: [
                .init(name: "メンター面談", values: report.months.map { Double($0.mentorMeetings) }, color: "#1f5f8b"),
                .init(name: "ランチ", values: report.months.map { Double($0.lunchMeetings) }, color: "#e67e22"),
            ]).bars(),
        ]
        let view: [String: Any] = [
            "charts": charts.map { Chart(svg: $0) },
            "years": report.years.map { y in
                YearRow(year: y.year, hires: y.newHires, employees: y.employees, multiSkill: Self.percent(y.multiSkillRate),
                        qualifications: y.qualificationsHeld, atRisk: y.atRiskSkills, targets: "\(y.targetsMetOnTime) / \(y.targetsDue)",
                        proposals: "\(y.proposalsAdopted) / \(y.proposalsSubmitted)")
            },
            "cohorts": cohorts.map { CohortRow(year: $0.hireYear, hired: $0.hired, left: $0.leftWithinThreeYears,
                                               rate: $0.retentionRate.map(Self.percent) ?? "—", complete: $0.complete) },
            "activePairings": report.activePairings,
            "asOf": report.asOf.japanese,
        ]
        return env.renderer.page(.kpi, title: context.language.text("kpi"), context: context, data: view)
    }

    /// The tables as CSV (UTF-8 with BOM, CRLF) that Excel opens directly.
    @Sendable func csv(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, company) = try context.require { $0.canSeeCompanyKPIs }
        let report = try await report(company, years: min(15, max(2, request.query("years").flatMap(Int.init) ?? 5)))
        var rows: [[String]]
        let table = request.query("table") ?? "years"
        switch table {
        case "cohorts":
            rows = [["入社年", "採用", "3年以内の退職", "定着率", "確定"]] + report.cohorts.map {
                [String($0.hireYear), String($0.hired), String($0.leftWithinThreeYears), $0.retentionRate.map { String(format: "%.3f", $0) } ?? "",
                 $0.complete ? "確定" : "途中"]
            }
        case "months":
            rows = [["月", "メンター面談", "ランチミーティング"]] + report.months.map { [$0.month, String($0.mentorMeetings), String($0.lunchMeetings)] }
        case "years":
            rows = [["年", "採用", "在籍", "多能工", "多能工化率", "有効資格", "継承リスク", "期限の目標", "期限内達成", "改善提案", "採用提案"]]
                + report.years.map { y in
                    [String(y.year), String(y.newHires), String(y.employees), String(y.multiSkilled), String(format: "%.3f", y.multiSkillRate),
                     String(y.qualificationsHeld), String(y.atRiskSkills), String(y.targetsDue), String(y.targetsMetOnTime),
                     String(y.proposalsSubmitted), String(y.proposalsAdopted)]
                }
        default:
            throw WebError.badRequest("表は years・cohorts・months のいずれかです。", "The table is years, cohorts or months.")
        }
        // The same writer and encoding as `densho export`: CRLF, quoted where needed, formulas guarded, UTF-8 with BOM.
        let data = try TextDecoding.encode(CSVWriter.write(rows), as: .utf8)
        return DownloadController.download(ByteBuffer(bytes: data), type: "text/csv; charset=utf-8",
                                           name: "KPI_\(table)_\(env.today.description).csv")
    }
}
