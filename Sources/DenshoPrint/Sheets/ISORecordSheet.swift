import DenshoDomain

/// 力量記録（ISO 9001 7.2）on A4 landscape: for one person or a department, every current level
/// with how it was established — method, evaluator, date, the evidence an auditor can ask to see
/// (the sign-off or quiz attempt and the manual's 版) and, for checks that expire, the last valid
/// day (red once past). The column headings repeat on every page; a person's number, name and
/// department are printed on their first row of each page.
///
/// A 200-person department is some 60,000 rows on 1,500 pages, so the rows are not a `Table`:
/// the row height is fixed (one line per cell, measured once per distinct string) and the cells
/// are set through `TextRuns`, with pango only for text those cannot set.
public struct ISORecordSheet: Sendable {
    public var companyName: String
    /// Whose record: 「10001 鈴木 花子（機械加工）」 or 「機械加工」.
    public var scope: String
    public var rows: [ISORecordRow]
    public var printedOn: LocalDate

    public init(companyName: String, scope: String, rows: [ISORecordRow], printedOn: LocalDate) {
        self.companyName = companyName
        self.scope = scope
        self.rows = rows
        self.printedOn = printedOn
    }

    public static let title = "力量記録（ISO 9001 7.2）"
    public static let headings = ["社員番号", "氏名", "所属", "技能コード", "技能", "レベル", "評価方法", "評価者", "評価日", "証拠", "有効期限"]
    /// Shares of the width, in the order of `headings`.
    static let weights: [Double] = [48, 70, 64, 50, 150, 30, 50, 68, 52, 132, 52]
    static let cellStyle = TextStyle(size: 7, minimumSize: 5)
    static let levelStyle = TextStyle(size: 7, alignment: .center, minimumSize: 5)
    static let expiredStyle = TextStyle(size: 7, color: .warning, minimumSize: 5)
    static let headingStyle = TextStyle(size: 7.5, bold: true, alignment: .center, minimumSize: 5)
    static let titleHeight = 48.0
    static let headingHeight = 16.0
    static let rowHeight = 12.0
    static let padding = 3.0
    static let levelTexts = (0...9).map { String($0) }

    /// The record of `scope` as the store has it today, with the scope named for the heading.
    public static func load(_ scope: ISORecordScope, company: Company, from store: any DenshoRepository, asOf: LocalDate) async throws
        -> ISORecordSheet
    {
        let departments = try await store.departments(company: company.id)
        let label: String
        switch scope {
        case .employee(let id):
            guard let employee = try await store.employee(id, company: company.id) else {
                throw PrintError.notFound("社員が見つかりません (no such employee)")
            }
            label = scopeLabel(employee, department: departments.first { $0.id == employee.departmentID })
        case .department(let id):
            guard let department = departments.first(where: { $0.id == id }) else {
                throw PrintError.notFound("部署が見つかりません (no such department)")
            }
            label = department.name
        }
        let rows = try await store.isoRecord(scope, company: company.id)
        return ISORecordSheet(companyName: company.name, scope: label, rows: rows, printedOn: asOf)
    }

    /// 「10001 鈴木 花子（機械加工）」.
    public static func scopeLabel(_ employee: Employee, department: Department?) -> String {
        "\(employee.number) \(employee.name)" + (department.map { "（\($0.name)）" } ?? "")
    }

    /// Rows on the first page (under the title) and on each later page.
    static func rowsPerPage(_ content: Rect) -> (first: Int, later: Int) {
        (max(1, Int((content.height - titleHeight - headingHeight) / rowHeight)), max(1, Int((content.height - headingHeight) / rowHeight)))
    }

    static func pageCount(rows: Int, content: Rect) -> Int {
        let capacity = rowsPerPage(content)
        return rows <= capacity.first ? 1 : 1 + (rows - capacity.first + capacity.later - 1) / capacity.later
    }

    /// The cells' styles, set as text runs where they can be and with pango where they cannot.
    final class Writer {
        let document: PDFDocument
        let body: TextRuns?
        let expired: TextRuns?
        let heading: TextRuns?
        /// The running header and footer (tiny, muted, each alignment).
        let frame: TextRuns?

        init(_ document: PDFDocument) {
            self.document = document
            body = document.textRuns(ISORecordSheet.cellStyle)
            expired = document.textRuns(ISORecordSheet.expiredStyle)
            heading = document.textRuns(ISORecordSheet.headingStyle)
            frame = document.textRuns(TextStyle.tiny)
        }

        /// Sets `text` in `rect` through `runs` (placed by `style`'s alignment), else with pango.
        func put(_ text: String, in rect: Rect, _ runs: TextRuns?, _ style: TextStyle) {
            if text.isEmpty { return }
            if runs?.add(text, in: rect, alignment: style.alignment) != true { document.drawFitted(text, in: rect, style) }
        }

        /// Text of the running header and footer: set like the other sheets' (top-aligned).
        func frameText(_ text: String, in rect: Rect, _ style: TextStyle) {
            if text.isEmpty { return }
            if frame?.add(text, in: Rect(x: rect.x, y: rect.y, width: rect.width, height: frameLineHeight), alignment: style.alignment) != true {
                document.draw(text, in: rect, style)
            }
        }

        /// The line height pango gives tiny text, so runs sit where pango would put them.
        lazy var frameLineHeight: Double = document.measure("印", TextStyle.tiny).height

        func flush() {
            for runs in [body, expired, heading, frame] { runs?.flush() }
        }
    }

    public func render() throws -> PrintedDocument {
        let size = PageSize.a4Landscape
        let document = try PDFDocument(size: size, title: "\(Self.title) \(scope) — \(companyName)", author: companyName)
        let content = SheetFrame.content(size)
        let total = Self.weights.reduce(0, +)
        let widths = Self.weights.map { content.width * $0 / total }
        var edges = [content.x]
        for width in widths { edges.append(edges[edges.count - 1] + width) }
        let writer = Writer(document)
        var frame = SheetFrame(title: "\(Self.title)　\(scope)", company: companyName, printedOn: printedOn, reference: scope)
        frame.pageSuffix = " ページ"
        let capacity = Self.rowsPerPage(content)
        let pages = Self.pageCount(rows: rows.count, content: content)
        var start = 0
        for page in 1...pages {
            document.beginPage()
            frame.draw(document, page: page, of: pages) { text, rect, style in writer.frameText(text, in: rect, style) }
            var top = content.y
            if page == 1 {
                drawTitle(document, in: Rect(x: content.x, y: top, width: content.width, height: Self.titleHeight))
                top += Self.titleHeight
            }
            let end = min(rows.count, start + (page == 1 ? capacity.first : capacity.later))
            drawPage(writer, rows: start..<end, top: top, edges: edges)
            writer.flush()
            start = end
        }
        return try document.finish()
    }

    private func drawTitle(_ d: PDFDocument, in r: Rect) {
        d.draw(Self.title, in: Rect(x: r.x, y: r.y, width: r.width, height: 22), TextStyle(size: 16, bold: true))
        d.draw(companyName, in: Rect(x: r.x, y: r.y + 3, width: r.width, height: 18), TextStyle(size: 11, bold: true, alignment: .right))
        let people = Set(rows.map(\.employeeCode)).count
        d.draw("対象　\(scope)", in: Rect(x: r.x, y: r.y + 23, width: r.width * 0.6, height: 13), TextStyle(size: 9.5, bold: true))
        d.draw("印刷日 \(printedOn.japanese)　\(people)名・\(rows.count)件", in: Rect(x: r.x, y: r.y + 23, width: r.width, height: 13),
               TextStyle(size: 9, alignment: .right))
        d.draw("各技能の現在のレベルと、それを記録した評価（評価方法・評価者・評価日・証拠）。証拠は実技確認・筆記の記録番号と作業標準書の版。"
                + "有効期限が赤字のものは期限切れ。",
               in: Rect(x: r.x, y: r.y + 36, width: r.width, height: 11), TextStyle.small.colored(.muted))
    }

    /// The headings, the rows `range` from `top`, and the grid.
    /// 同上: the value of the row above.
    static let ditto = "〃"

    private func drawPage(_ w: Writer, rows range: Range<Int>, top: Double, edges: [Double]) {
        let d = w.document
        let left = edges[0], right = edges[edges.count - 1]
        d.fill(Rect(x: left, y: top, width: right - left, height: Self.headingHeight), .headerFill)
        for (index, heading) in Self.headings.enumerated() {
            let cell = Rect(x: edges[index] + 1, y: top, width: edges[index + 1] - edges[index] - 2, height: Self.headingHeight)
            w.put(heading, in: cell, w.heading, Self.headingStyle)
        }
        let first = top + Self.headingHeight
        var people: [Segment] = []
        if range.isEmpty {
            d.draw("記録がありません（現在のレベルが記録されていません）", in: Rect(x: left + Self.padding, y: first, width: right - left, height: Self.rowHeight),
                   TextStyle(size: 8, color: .muted), centeredVertically: true)
        }
        var previous: String?
        for (offset, index) in range.enumerated() {
            let row = rows[index]
            let y = first + Double(offset) * Self.rowHeight
            func cell(_ column: Int) -> Rect {
                Rect(x: edges[column] + Self.padding, y: y, width: edges[column + 1] - edges[column] - 2 * Self.padding, height: Self.rowHeight)
            }
            let newPerson = row.employeeCode != previous
            if offset > 0 {
                if newPerson { people.append(Segment(x0: left, y0: y, x1: right, y1: y)) }
            }
            if newPerson {
                w.put(row.employeeCode, in: cell(0), w.body, Self.cellStyle)
                w.put(row.employeeName, in: cell(1), w.body, Self.cellStyle)
                w.put(row.department, in: cell(2), w.body, Self.cellStyle)
            }
            previous = row.employeeCode
            // Under the same person on the same page, a method, evaluator or date equal to the row
            // above is written 〃, as ledgers are: the eye finds what changed, and a 1,500-page
            // department record draws a fifth of the glyphs.
            let above = offset > 0 && !newPerson ? rows[index - 1] : nil
            func ditto(_ same: Bool, _ text: String) -> String { same ? Self.ditto : text }
            w.put(row.skillCode, in: cell(3), w.body, Self.cellStyle)
            w.put(row.skillName, in: cell(4), w.body, Self.cellStyle)
            w.put(Self.levelTexts.indices.contains(row.level) ? Self.levelTexts[row.level] : String(row.level), in: cell(5), w.body, Self.levelStyle)
            w.put(ditto(above?.method == row.method, row.method.label), in: cell(6), w.body, Self.cellStyle)
            w.put(ditto(above?.evaluator == row.evaluator && !row.evaluator.isEmpty, row.evaluator), in: cell(7), w.body, Self.cellStyle)
            w.put(ditto(above?.evaluatedOn == row.evaluatedOn, row.evaluatedOn.slashed), in: cell(8), w.body, Self.cellStyle)
            w.put(row.evidence, in: cell(9), w.body, Self.cellStyle)
            if let through = row.validThrough {
                let expired = through < printedOn
                w.put(through.slashed, in: cell(10), expired ? w.expired : w.body, expired ? Self.expiredStyle : Self.cellStyle)
            }
        }
        let bottom = first + Double(max(1, range.count)) * Self.rowHeight
        var columns: [Segment] = []
        for x in edges.dropFirst().dropLast() { columns.append(Segment(x0: x, y0: top, x1: x, y1: bottom)) }
        // A rule under every row from the skill columns on, as one dashed stroke down the table
        // (each dash a rule as wide as the line): a path per row costs a tenth of the sheet.
        if range.count > 1 {
            d.rules(x0: edges[3], x1: right, first: first + Self.rowHeight, spacing: Self.rowHeight, count: range.count - 1, .faint, width: 0.4)
        }
        d.stroke(columns, .rule, width: 0.4)
        d.stroke(people, .rule, width: 0.6)
        d.stroke(Rect(x: left, y: top, width: right - left, height: bottom - top), .rule, width: 0.8)
        d.line(from: (left, first), to: (right, first), .rule, width: 0.6)
    }
}
