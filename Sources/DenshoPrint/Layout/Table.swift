/// A table that grows rows to fit their text and repeats its header on every page it spans.
public struct Table {
    public struct Column {
        public var title: String
        /// Share of the table's width (columns' weights are summed).
        public var weight: Double
        public var style: TextStyle

        public init(_ title: String, weight: Double, style: TextStyle = .body) {
            self.title = title
            self.weight = weight
            self.style = style
        }
    }

    public enum Cell {
        case text(String)
        case styled(String, TextStyle, fill: Color?)
        /// Drawn by the caller into the cell's padded rectangle, at least `height` tall.
        case custom(height: Double, PageFlow.Drawing)
    }

    public var columns: [Column]
    public var rows: [[Cell]] = []
    public var padding = 3.0
    public var minimumRowHeight = 14.0
    public var headerStyle = TextStyle(size: 8, bold: true, color: .text)

    public init(columns: [Column]) {
        self.columns = columns
    }

    public mutating func append(_ row: [Cell]) {
        precondition(row.count == columns.count, "a table row needs one cell per column")
        rows.append(row)
    }

    private func widths(_ total: Double) -> [Double] {
        let sum = columns.map(\.weight).reduce(0, +)
        return columns.map { total * $0.weight / sum }
    }

    /// Lays the table out into `flow`: measures every row, breaks pages between rows and repeats
    /// the header row after each break.
    public func place(into flow: inout PageFlow, measuringWith document: PDFDocument) {
        let widths = widths(flow.content.width)
        let headerHeight = columns.enumerated().map { index, column in
            document.height(of: column.title, headerStyle, width: widths[index] - 2 * padding) + 2 * padding
        }.max() ?? minimumRowHeight
        let heights = rows.map { row in
            max(minimumRowHeight, row.enumerated().map { index, cell in
                switch cell {
                case .text(let text): document.height(of: text, columns[index].style, width: widths[index] - 2 * padding)
                case .styled(let text, let style, _): document.height(of: text, style, width: widths[index] - 2 * padding)
                case .custom(let height, _): height
                }
            }.max().map { $0 + 2 * padding } ?? 0)
        }
        let header: PageFlow.Drawing = { [columns, headerStyle, padding] document, rect in
            var x = rect.x
            for (index, column) in columns.enumerated() {
                let cell = Rect(x: x, y: rect.y, width: widths[index], height: rect.height)
                document.fill(cell, .headerFill)
                document.stroke(cell)
                document.draw(column.title, in: cell.inset(padding), headerStyle, centeredVertically: true)
                x += widths[index]
            }
        }
        flow.place(height: headerHeight, header)
        for (rowIndex, row) in rows.enumerated() {
            let height = heights[rowIndex]
            if height > flow.remaining {
                flow.newPage()
                flow.place(height: headerHeight, header)
            }
            if height > flow.remaining {
                document.warnings.add("a table row is taller than a page and runs past its bottom")
            }
            flow.place(height: height) { [columns, padding] document, rect in
                var x = rect.x
                for (index, cell) in row.enumerated() {
                    let box = Rect(x: x, y: rect.y, width: widths[index], height: rect.height)
                    switch cell {
                    case .text(let text):
                        document.draw(text, in: box.inset(padding), columns[index].style)
                    case .styled(let text, let style, let fill):
                        if let fill { document.fill(box, fill) }
                        document.draw(text, in: box.inset(padding), style)
                    case .custom(_, let draw):
                        draw(document, box.inset(padding))
                    }
                    document.stroke(box)
                    x += widths[index]
                }
            }
        }
    }
}
