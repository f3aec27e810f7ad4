import DenshoDomain

/// The 力量表 on A3 landscape: employees down, skills across (names turned upright over narrow
/// columns, grouped by category), level marks on the web map's colours, red frames where someone
/// is short of their next grade, and per skill the number who can teach it. At least 40 employees
/// × 60 skills fit a page; bigger maps continue on further pages with the headings repeated.
public struct SkillMapSheet: Sendable {
    public var company: Company
    public var departmentName: String?
    public var matrix: SkillMatrix
    public var scale: LevelScale
    public var requirements: [Employee.ID: [Skill.ID: Int]]
    public var printedOn: LocalDate

    public static func load(company: Company, department: Department?, from store: any DenshoRepository, asOf: LocalDate)
        async throws -> SkillMapSheet
    {
        let matrix = try await store.matrix(company: company.id, department: department?.id, asOf: asOf)
        return SkillMapSheet(
            company: company, departmentName: department?.name, matrix: matrix,
            scale: try await store.levelScale(company: company.id),
            requirements: try await store.tracks(company: company.id).nextGradeRequirements(for: matrix.employees),
            printedOn: asOf)
    }

    /// Page geometry, worked out once for the whole document.
    struct Geometry {
        let content: Rect
        let numberWidth = 44.0
        let nameWidth = 78.0
        let countWidth = 30.0
        let categoryHeight = 14.0
        let skillHeadingHeight = 104.0
        let titleHeight = 22.0
        let legendHeight = 30.0
        let minimumRowHeight = 13.5
        let minimumColumnWidth = 16.0

        var gridTop: Double { content.y + titleHeight + categoryHeight + skillHeadingHeight }
        /// Rows of employees, plus one row counting who can teach each skill.
        var rowArea: Double { content.maxY - legendHeight - gridTop }
        var columnArea: Double { content.width - numberWidth - nameWidth - countWidth }
        var rowsPerPage: Int { max(1, Int(rowArea / minimumRowHeight) - 1) }
        var columnsPerPage: Int { max(1, Int(columnArea / minimumColumnWidth)) }
    }

    public func render() throws -> PrintedDocument {
        let size = PageSize.a3Landscape
        let title = "力量表" + (departmentName.map { "　\($0)" } ?? "")
        let document = try PDFDocument(size: size, title: "\(title) — \(company.name)", author: company.name)
        let geometry = Geometry(content: SheetFrame.content(size))
        let employees = matrix.employees, skills = matrix.skills
        let rowChunks = stride(from: 0, to: max(1, employees.count), by: geometry.rowsPerPage).map {
            $0..<min(employees.count, $0 + geometry.rowsPerPage)
        }
        let columnChunks = stride(from: 0, to: max(1, skills.count), by: geometry.columnsPerPage).map {
            $0..<min(skills.count, $0 + geometry.columnsPerPage)
        }
        let stamps = Dictionary(uniqueKeysWithValues: scale.levels.map { level in
            (level.level, document.stamp(level.symbol, TextStyle(size: 8.5, color: LevelPalette.text(level.level))))
        })
        let frame = SheetFrame(title: "\(title)（\(printedOn.japanese)現在）", company: company.name, printedOn: printedOn)
        let pages = columnChunks.count * rowChunks.count
        var page = 0
        for columns in columnChunks {
            for rows in rowChunks {
                page += 1
                document.beginPage()
                frame.draw(document, page: page, of: pages)
                drawPage(document, geometry, rows: rows, columns: columns, stamps: stamps, title: title)
            }
        }
        return try document.finish()
    }

    private func drawPage(
        _ d: PDFDocument, _ g: Geometry, rows: Range<Int>, columns: Range<Int>, stamps: [Int: Stamp], title: String
    ) {
        let employees = matrix.employees, skills = matrix.skills
        let c = g.content
        let rowHeight = min(20, g.rowArea / Double(max(1, rows.count) + 1))
        let columnWidth = min(26, g.columnArea / Double(max(1, columns.count)))
        let left = c.x + g.numberWidth + g.nameWidth
        let top = g.gridTop
        let rangeText = "社員 \(rows.isEmpty ? 0 : rows.lowerBound + 1)–\(rows.upperBound) / \(employees.count)名　"
            + "スキル \(columns.isEmpty ? 0 : columns.lowerBound + 1)–\(columns.upperBound) / \(skills.count)"
        d.draw("\(company.name)　\(title)", in: Rect(x: c.x, y: c.y, width: c.width / 2, height: g.titleHeight), TextStyle(size: 14, bold: true))
        d.draw("\(printedOn.japanese)現在　" + rangeText, in: Rect(x: c.x, y: c.y + 4, width: c.width, height: 14),
               TextStyle.small.aligned(.right))
        guard !employees.isEmpty, !skills.isEmpty else {
            d.draw(employees.isEmpty ? "対象の社員がいません" : "スキルが登録されていません",
                   in: Rect(x: c.x, y: top, width: c.width, height: 20), TextStyle.body.colored(.muted))
            return
        }
        // Category bands over their skills.
        var start = columns.lowerBound
        while start < columns.upperBound {
            var end = start
            while end + 1 < columns.upperBound, skills[end + 1].categoryID == skills[start].categoryID { end += 1 }
            let band = Rect(x: left + Double(start - columns.lowerBound) * columnWidth, y: top - g.skillHeadingHeight - g.categoryHeight,
                            width: Double(end - start + 1) * columnWidth, height: g.categoryHeight)
            d.fill(band, .headerFill)
            d.stroke(band)
            d.drawFitted(matrix.category(of: skills[start])?.name ?? "", in: band.inset(dx: 1, dy: 1),
                         TextStyle(size: 7.5, bold: true, alignment: .center, minimumSize: 4.5))
            start = end + 1
        }
        for (offset, index) in columns.enumerated() {
            let heading = Rect(x: left + Double(offset) * columnWidth, y: top - g.skillHeadingHeight, width: columnWidth, height: g.skillHeadingHeight)
            d.stroke(heading)
            d.drawRotated("\(skills[index].code) \(skills[index].name)", in: heading.inset(dx: 1, dy: 3), TextStyle(size: 7.5, minimumSize: 5))
        }
        let labels = Rect(x: c.x, y: top - g.skillHeadingHeight, width: g.numberWidth + g.nameWidth, height: g.skillHeadingHeight)
        d.draw("社員番号", in: Rect(x: c.x + 2, y: labels.maxY - 12, width: g.numberWidth, height: 10), .label)
        d.draw("氏名", in: Rect(x: c.x + g.numberWidth + 2, y: labels.maxY - 12, width: g.nameWidth, height: 10), .label)
        let countBox = Rect(x: left + Double(columns.count) * columnWidth, y: top - g.skillHeadingHeight, width: g.countWidth, height: g.skillHeadingHeight)
        d.drawRotated("Lv\(SkillThreshold.independent)以上の数", in: countBox.inset(dx: 2, dy: 3), TextStyle(size: 7.5, bold: true))

        // Cells: fills batched by level, marks from prepared stamps, grid lines last.
        var fills: [Int: [Rect]] = [:]
        var short: [Rect] = []
        var marks: [(Rect, Int)] = []
        for (row, employeeIndex) in rows.enumerated() {
            let employee = employees[employeeIndex]
            let y = top + Double(row) * rowHeight
            if row % 2 == 1 { d.fill(Rect(x: c.x, y: y, width: g.numberWidth + g.nameWidth, height: rowHeight), Color(hex: 0xF7F7F7)) }
            d.draw(employee.number, in: Rect(x: c.x + 2, y: y, width: g.numberWidth - 4, height: rowHeight), TextStyle(size: 7.5),
                   centeredVertically: true)
            d.drawFitted(employee.name, in: Rect(x: c.x + g.numberWidth + 2, y: y + 0.5, width: g.nameWidth - 4, height: rowHeight - 1),
                         TextStyle(size: 8.5, minimumSize: 5.5))
            for (offset, skillIndex) in columns.enumerated() {
                let skill = skills[skillIndex]
                let level = matrix.level(employee.id, skill.id)
                let cell = Rect(x: left + Double(offset) * columnWidth, y: y, width: columnWidth, height: rowHeight)
                if level > 0 { fills[level, default: []].append(cell) }
                marks.append((cell, level))
                if let need = requirements[employee.id]?[skill.id], level < need { short.append(cell.inset(1)) }
            }
            let independent = skills.filter { matrix.level(employee.id, $0.id) >= SkillThreshold.independent }.count
            d.draw(String(independent), in: Rect(x: left + Double(columns.count) * columnWidth, y: y, width: g.countWidth - 3, height: rowHeight),
                   TextStyle(size: 8, alignment: .right), centeredVertically: true)
        }
        for (level, rects) in fills { d.fill(rects, LevelPalette.fill(level)) }
        for (cell, level) in marks { if let stamp = stamps[level] { d.draw(stamp, centeredIn: cell) } }
        d.stroke(short, .warning, width: 1.2)

        // Who can teach each skill: the last row, red when fewer than two (技能伝承のリスク).
        let teachY = top + Double(rows.count) * rowHeight
        d.fill(Rect(x: c.x, y: teachY, width: left - c.x + Double(columns.count) * columnWidth, height: rowHeight), .headerFill)
        d.draw("指導できる人（Lv\(SkillThreshold.instructor)以上）", in: Rect(x: c.x + 2, y: teachY, width: g.numberWidth + g.nameWidth, height: rowHeight),
               TextStyle(size: 7.5, bold: true), centeredVertically: true)
        for (offset, skillIndex) in columns.enumerated() {
            let count = matrix.holders(of: skills[skillIndex].id, atLeast: SkillThreshold.instructor).count
            d.draw(String(count), in: Rect(x: left + Double(offset) * columnWidth, y: teachY, width: columnWidth, height: rowHeight),
                   TextStyle(size: 8, bold: count < 2, color: count < 2 ? .warning : .text, alignment: .center), centeredVertically: true)
        }

        // Grid lines as long strokes.
        let gridBottom = teachY + rowHeight
        let gridRight = left + Double(columns.count) * columnWidth + g.countWidth
        for row in 0...(rows.count + 1) {
            let y = top + Double(row) * rowHeight
            d.line(from: (c.x, y), to: (gridRight, y), row == rows.count ? .rule : .faint, width: 0.4)
        }
        for offset in 0...columns.count {
            let x = left + Double(offset) * columnWidth
            d.line(from: (x, top), to: (x, gridBottom), .faint, width: 0.4)
        }
        d.stroke(Rect(x: c.x, y: top - g.skillHeadingHeight - g.categoryHeight, width: gridRight - c.x,
                      height: gridBottom - top + g.skillHeadingHeight + g.categoryHeight), .rule, width: 0.8)
        drawLegend(d, at: Rect(x: c.x, y: c.maxY - g.legendHeight + 8, width: c.width, height: g.legendHeight - 8), stamps: stamps)
    }

    private func drawLegend(_ d: PDFDocument, at rect: Rect, stamps: [Int: Stamp]) {
        var x = rect.x
        d.draw("凡例", in: Rect(x: x, y: rect.y, width: 30, height: 14), .label, centeredVertically: true)
        x += 30
        for level in scale.levels {
            let swatch = Rect(x: x, y: rect.y, width: 16, height: 14)
            d.fill(swatch, LevelPalette.fill(level.level))
            d.stroke(swatch)
            if let stamp = stamps[level.level] { d.draw(stamp, centeredIn: swatch) }
            let label = "\(level.level) \(level.label)"
            let width = d.measure(label, .small).width
            d.draw(label, in: Rect(x: x + 19, y: rect.y, width: width + 2, height: 14), .small, centeredVertically: true)
            x += 19 + width + 14
        }
        let frameSample = Rect(x: x, y: rect.y, width: 16, height: 14)
        d.stroke(frameSample.inset(1), .warning, width: 1.2)
        let note = "次の等級の要件に不足　　指導できる人が2人未満のスキルは赤字　　"
            + "多能工化率（Lv\(SkillThreshold.independent)以上が\(company.multiSkillThreshold)スキル以上）"
            + percent(matrix.multiSkillRate(threshold: company.multiSkillThreshold).rate)
        d.draw(note, in: Rect(x: x + 19, y: rect.y, width: rect.maxX - x - 19, height: 14), .small, centeredVertically: true)
    }

    private func percent(_ rate: Double) -> String { "\(Int((rate * 100).rounded()))%" }
}
