import DenshoDomain

/// 年間教育計画 on A3 landscape, the paper offices file for audits and pin up by the time clock:
/// people down, the twelve months from April and 期限なし across, each cell listing the trainings
/// due then (done ones in green with 済, overdue ones in red with 期限超過), totals per person,
/// per month and overall. Long plans continue on further pages with the headings repeated.
public struct TrainingPlanSheet: Sendable {
    public var companyName: String
    public var plan: TrainingPlan
    public var printedOn: LocalDate

    public init(companyName: String, plan: TrainingPlan, printedOn: LocalDate) {
        self.companyName = companyName
        self.plan = plan
        self.printedOn = printedOn
    }

    public static func load(
        company: Company, department: Department?, fiscalYear: FiscalYear, from store: any DenshoRepository, asOf: LocalDate
    ) async throws -> TrainingPlanSheet {
        let plan = try await TrainingPlan.load(company: company.id, department: department?.id, fiscalYear: fiscalYear, from: store, today: asOf)
        return TrainingPlanSheet(companyName: company.name, plan: plan, printedOn: asOf)
    }

    /// Column weights: 所属, 社員番号, 氏名, the thirteen training columns, 計画, 完了.
    static let leadingWeights = [5.0, 4.5, 7.0]
    static let trainingWeight = 7.2
    static let countWeight = 3.0
    static let entryStyle = TextStyle(size: 7.5, minimumSize: 7.5)
    static let doneStyle = TextStyle(size: 7.5, color: Color(hex: 0x2E6B45), minimumSize: 7.5)
    static let overdueStyle = TextStyle(size: 7.5, bold: true, color: .warning, minimumSize: 7.5)
    static let countStyle = TextStyle(size: 8.5, alignment: .center)
    static let totalStyle = TextStyle(size: 8.5, bold: true, alignment: .center)

    public func render() throws -> PrintedDocument {
        let size = PageSize.a3Landscape
        let title = plan.title(company: companyName)
        let document = try PDFDocument(size: size, title: title, author: companyName)
        var flow = PageFlow(content: SheetFrame.content(size))
        flow.place(height: 26) { [plan, printedOn, companyName] d, r in
            d.draw("\(plan.fiscalYear.label) 年間教育計画", in: r, TextStyle(size: 16, bold: true))
            let who = companyName + (plan.departmentName.map { "　\($0)" } ?? "　全社")
            d.draw("\(who)　\(printedOn.japanese)現在", in: r.inset(dx: 0, dy: 4), TextStyle(size: 11, bold: true, alignment: .right))
        }
        flow.place(height: 16) { d, r in
            var x = r.x
            for (sample, style, meaning) in [("（済）", Self.doneStyle, "完了"), ("（期限超過）", Self.overdueStyle, "期限を過ぎて未完了")] {
                let width = d.measure(sample, style).width
                d.draw(sample, in: Rect(x: x, y: r.y, width: width + 1, height: r.height), style, centeredVertically: true)
                x += width + 2
                let label = d.measure(meaning, .small).width
                d.draw(meaning, in: Rect(x: x, y: r.y, width: label + 1, height: r.height), .small, centeredVertically: true)
                x += label + 14
            }
            d.draw("月は期限日の月。期限のない研修は「期限なし」の列に示します。", in: Rect(x: x, y: r.y, width: r.maxX - x, height: r.height),
                   TextStyle.small.colored(.muted), centeredVertically: true)
        }
        flow.space(4)
        grid(measuringWith: document, width: flow.content.width).place(into: &flow, measuringWith: document)
        flow.space(8)
        let total = plan.total
        let summary = "計画 \(total.planned)件　完了 \(total.completed)件（実施率 \(Int((total.completionRate * 100).rounded()))%）"
            + "　期限超過 \(total.overdue)件　対象 \(plan.rows.count)名"
        flow.place(height: 16) { d, r in d.draw(summary, in: r, TextStyle(size: 10, bold: true)) }
        let frame = SheetFrame(title: "年間教育計画 \(plan.fiscalYear.label)", company: companyName, printedOn: printedOn,
                               reference: plan.departmentName ?? "全社")
        flow.render(into: document) { d, page, pages in frame.draw(d, page: page, of: pages) }
        return try document.finish()
    }

    /// The grid: a row per person, then the planned and completed totals.
    private func grid(measuringWith document: PDFDocument, width: Double) -> Table {
        let small = TextStyle(size: 8)
        var columns = [
            Table.Column("所属", weight: Self.leadingWeights[0], style: small),
            Table.Column("社員番号", weight: Self.leadingWeights[1], style: small),
            Table.Column("氏名", weight: Self.leadingWeights[2], style: TextStyle(size: 8.5)),
        ]
        columns += TrainingPlan.columnHeadings.map { Table.Column($0, weight: Self.trainingWeight, style: Self.entryStyle) }
        columns += [Table.Column("計画", weight: Self.countWeight, style: Self.countStyle),
                    Table.Column("完了", weight: Self.countWeight, style: Self.countStyle)]
        var table = Table(columns: columns)
        table.headerStyle = TextStyle(size: 8, bold: true, alignment: .center)
        table.minimumRowHeight = 16
        // The same share of the width the table gives each column, less its padding.
        let weights = columns.map(\.weight).reduce(0, +)
        let entryWidth = width * Self.trainingWeight / weights - 2 * table.padding

        for row in plan.rows {
            var line: [Table.Cell] = [.text(row.department ?? ""), .text(row.employee.number), .text(row.employee.name)]
            for entries in row.cells {
                line.append(entries.isEmpty ? .text("") : Self.entriesCell(entries, width: entryWidth, document: document))
            }
            line += [.text(String(row.tally.planned)), .text(String(row.tally.completed))]
            table.append(line)
        }
        if plan.rows.isEmpty {
            // In the first month's column, which is wide enough for the sentence on one line.
            var line: [Table.Cell] = [.text(""), .text(""), .text(""), .styled("対象者なし", TextStyle.small.colored(.muted), fill: nil)]
            line += Array(repeating: Table.Cell.text(""), count: TrainingPlan.columnCount + 1)
            table.append(line)
        }
        let label = TextStyle(size: 8.5, bold: true)
        func total(_ text: String) -> Table.Cell { .styled(text, Self.totalStyle, fill: .headerFill) }
        var planned: [Table.Cell] = [total(""), total(""), .styled("合計（計画）", label, fill: .headerFill)]
        planned += plan.columnTotals.map { total(String($0.planned)) }
        planned += [total(String(plan.total.planned)), total(String(plan.total.completed))]
        table.append(planned)
        var completed: [Table.Cell] = [total(""), total(""), .styled("合計（完了）", label, fill: .headerFill)]
        completed += plan.columnTotals.map { total(String($0.completed)) }
        completed += [total(""), total("")]
        table.append(completed)
        return table
    }

    /// The trainings of one cell, one paragraph each in the colour of its state.
    private static func entriesCell(_ entries: [TrainingPlan.Entry], width: Double, document: PDFDocument) -> Table.Cell {
        let lines: [(text: String, style: TextStyle, height: Double)] = entries.map { entry in
            let style: TextStyle = switch entry.state {
            case .completed: Self.doneStyle
            case .overdue: Self.overdueStyle
            case .notStarted, .inProgress: Self.entryStyle
            }
            return (text: entry.text, style: style, height: document.height(of: entry.text, style, width: width))
        }
        let height = lines.reduce(0) { $0 + $1.height }
        return .custom(height: height, { d, rect in
            var y = rect.y
            for line in lines {
                d.draw(line.text, in: Rect(x: rect.x, y: y, width: rect.width, height: line.height), line.style)
                y += line.height
            }
        })
    }
}
