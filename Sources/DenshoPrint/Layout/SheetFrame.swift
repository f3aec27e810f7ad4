import DenshoDomain

/// The running header and footer every sheet shares: what the sheet is and for which company at
/// the top; the print date and "page i / n" at the bottom.
public struct SheetFrame {
    public var title: String
    public var company: String
    public var printedOn: LocalDate
    /// A reference printed bottom left (文書番号 and 版, or the employee number).
    public var reference: String
    /// After "i / n" (「 ページ」 on sheets that spell it out).
    public var pageSuffix = ""
    public static let margin = Length.mm(12)

    public init(title: String, company: String, printedOn: LocalDate, reference: String = "") {
        self.title = title
        self.company = company
        self.printedOn = printedOn
        self.reference = reference
    }

    /// The printable area inside the header and footer on a page of `size`.
    public static func content(_ size: PageSize) -> Rect {
        Rect(x: margin, y: margin + 16, width: size.width - 2 * margin, height: size.height - 2 * margin - 32)
    }

    public func draw(_ document: PDFDocument, page: Int, of pages: Int) {
        draw(document, page: page, of: pages) { text, rect, style in document.draw(text, in: rect, style) }
    }

    /// The same, with the text set by `text` (a sheet of a thousand pages sets it as glyph runs).
    func draw(_ document: PDFDocument, page: Int, of pages: Int, text: (String, Rect, TextStyle) -> Void) {
        let size = document.pageSize
        let m = Self.margin
        let top = Rect(x: m, y: m, width: size.width - 2 * m, height: 11)
        text(title, top, TextStyle.tiny)
        text(company, top, TextStyle.tiny.aligned(.right))
        document.line(from: (m, m + 12), to: (size.width - m, m + 12), .faint)
        let bottom = Rect(x: m, y: size.height - m - 9, width: size.width - 2 * m, height: 9)
        document.line(from: (m, bottom.y - 3), to: (size.width - m, bottom.y - 3), .faint)
        text(reference, bottom, TextStyle.tiny)
        text("\(page) / \(pages)\(pageSuffix)", bottom, TextStyle.tiny.aligned(.center))
        text("印刷日 \(printedOn.japanese)  伝承 Densho", bottom, TextStyle.tiny.aligned(.right))
    }
}
