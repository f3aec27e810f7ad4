import DenshoDomain
import DenshoPrint
import DenshoTestSupport
import Foundation
import Testing

/// The 年間教育計画 PDF drawn from a hand-made plan and read back with poppler: A3 landscape, the
/// title, names, trainings with their marks, totals, and headings repeated on every page.
@Suite("Print: 年間教育計画 sheet")
struct TrainingPlanSheetTests {
    static func d(_ text: String) -> LocalDate { LocalDate(parsing: text)! }
    static let company = Company.ID(1)
    static let machining = Department(id: .init(1), companyID: company, name: "機械加工")

    /// `people` employees of 機械加工, each with 安全教育 due in April (done by the first, overdue for
    /// the rest on 25 November), and the first one also with TIG溶接 due on 20 November (overdue).
    static func plan(people: Int) -> TrainingPlan {
        let employees: [Employee] = (1...people).map { (n: Int) -> Employee in
            let name: String = n == 1 ? "鈴木 花子" : "社員 \(n)号"
            return Employee(id: Employee.ID(Int64(n)), companyID: company, number: String(1000 + n), name: name,
                            hireDate: d("2015-04-01"), departmentID: machining.id)
        }
        let safety = TrainingItem.manual(.init(1)), tig = TrainingItem.clip(.init(1))
        var assignments = employees.map { employee in
            Assignment(id: .init(employee.id.rawValue), companyID: company, employeeID: employee.id, item: safety, dueOn: d("2026-04-30"),
                       assignedBy: "test", completedAt: employee.id.rawValue == 1 ? "2026-04-20T01:00:00.000Z" : nil)
        }
        assignments.append(Assignment(id: .init(10_000), companyID: company, employeeID: employees[0].id, item: tig,
                                      dueOn: d("2026-11-20"), assignedBy: "test"))
        return TrainingPlan(fiscalYear: FiscalYear(2026), employees: employees, departments: [machining], assignments: assignments,
                            titles: [safety: "安全教育", tig: "TIG溶接"], today: d("2026-11-25"), department: machining.id)
    }

    static func printed(_ plan: TrainingPlan) throws -> (PDFInspector, String) {
        let document = try TrainingPlanSheet(companyName: "花輪精工株式会社", plan: plan, printedOn: d("2026-11-25")).render()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("plan-\(UUID().uuidString).pdf").path
        try Data(document.pdf).write(to: URL(fileURLWithPath: path))
        let pdf = PDFInspector(path)
        #expect(try pdf.pageCount == document.pageCount)
        let sizes = try pdf.pageSizes()
        #expect(!sizes.isEmpty && sizes.allSatisfy { abs($0.0 - 1190.55) < 1 && abs($0.1 - 841.89) < 1 }, "A3 landscape: \(sizes)")
        #expect(try pdf.fonts().allSatisfy(\.embedded))
        return (pdf, path)
    }

    @Test func onePageShowsTitleNamesTrainingsAndTotals() throws {
        let (pdf, path) = try Self.printed(Self.plan(people: 3))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try pdf.pageCount == 1)
        let text = try pdf.text()
        for expected in ["2026年度 年間教育計画", "花輪精工株式会社", "機械加工", "2026年11月25日現在", "鈴木 花子", "社員 3号", "1003",
                         "4月", "3月", "期限なし", "安全教育（済）", "TIG溶接", "合計（計画）", "合計（完了）",
                         "計画 4件", "完了 1件", "実施率 25%", "期限超過 3件"] {
            #expect(text.contains(expected), "missing \(expected)")
        }
    }

    @Test func longPlansRepeatTheHeadingsOnEveryPage() throws {
        let (pdf, path) = try Self.printed(Self.plan(people: 120))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let pages = try pdf.text().split(separator: "\u{0C}").filter { !$0.allSatisfy(\.isWhitespace) }
        #expect(pages.count >= 2)
        for page in pages {
            #expect(page.contains("社員番号") && page.contains("4月") && page.contains("期限なし"), "headings on every page")
        }
        // The totals close the table, after the last person.
        #expect(pages.contains { $0.contains("合計（計画）") } && !pages.first!.contains("合計（計画）"))
        #expect(pages.last!.contains("計画 121件"))
        #expect(pages.contains { $0.contains("社員 120号") })
    }

    @Test func anEmptyPlanStillPrintsItsFrame() throws {
        let empty = TrainingPlan(fiscalYear: FiscalYear(2026), employees: [], departments: [], assignments: [], titles: [:],
                                 today: Self.d("2026-11-25"))
        let (pdf, path) = try Self.printed(empty)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let text = try pdf.text()
        #expect(text.contains("対象者なし") && text.contains("計画 0件") && text.contains("全社"))
    }
}
