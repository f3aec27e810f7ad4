/// Places blocks down the printable area of a page, opening new pages when one is full. Nothing is
/// drawn until the whole flow is laid out, so that every page can say "page i of n" and a table can
/// repeat its header on each page it spans.
public struct PageFlow {
    public typealias Drawing = (PDFDocument, Rect) -> Void

    struct Placed {
        var rect: Rect
        var draw: Drawing
    }

    public let content: Rect
    private(set) var pages: [[Placed]] = [[]]
    public private(set) var y: Double

    public init(content: Rect) {
        self.content = content
        self.y = content.y
    }

    public var remaining: Double { content.maxY - y }
    public var pageIsEmpty: Bool { pages[pages.count - 1].isEmpty }
    public var pageCount: Int { pages.count }

    public mutating func newPage() {
        pages.append([])
        y = content.y
    }

    /// Places a block `height` tall across the full width, on a new page if it does not fit here.
    public mutating func place(height: Double, _ draw: @escaping Drawing) {
        if height > remaining && !pageIsEmpty { newPage() }
        pages[pages.count - 1].append(Placed(rect: Rect(x: content.x, y: y, width: content.width, height: height), draw: draw))
        y += height
    }

    /// Vertical space, dropped at the top of a page.
    public mutating func space(_ height: Double) {
        if !pageIsEmpty { y = min(content.maxY, y + height) }
    }

    /// Draws every page: `frame` adds headers and footers (it is told the page number and count).
    public func render(into document: PDFDocument, size: PageSize? = nil, frame: (PDFDocument, Int, Int) -> Void) {
        for (index, blocks) in pages.enumerated() where !(blocks.isEmpty && index > 0) {
            document.beginPage(size)
            frame(document, index + 1, pages.count)
            for block in blocks { block.draw(document, block.rect) }
        }
    }
}
