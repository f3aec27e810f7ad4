import DenshoDomain
import Foundation

/// A sheet as the layout reader sees it: visible cells only (hidden columns and rows are old
/// evaluations or working notes, never part of the map), merged headings, and optionally turned a
/// quarter so that a map with skills down the rows and people across reads like any other.
/// Positions stay the sheet's own, so every cell can be named as Excel shows it.
struct SheetGrid {
    let sheet: String
    let transposed: Bool
    private let cells: [CellReference: String]
    /// Top-left cell of the merged range covering a position (in grid coordinates).
    private let mergedOrigin: [CellReference: CellReference]
    let rowCount: Int
    let columnCount: Int

    init(_ source: XLSXWorkbookValues.Sheet, transposed: Bool) {
        sheet = source.name
        self.transposed = transposed
        func flip(_ cell: CellReference) -> CellReference { transposed ? CellReference(row: cell.column, column: cell.row) : cell }
        var cells: [CellReference: String] = [:]
        var rows = 0, columns = 0
        for (reference, raw) in source.cells
        where !source.hiddenColumns.contains(reference.column) && !source.hiddenRows.contains(reference.row) {
            let text = raw.first?.isWhitespace == true || raw.last?.isWhitespace == true
                ? raw.trimmingCharacters(in: .whitespacesAndNewlines) : raw
            guard !text.isEmpty else { continue }
            let at = flip(reference)
            cells[at] = text
            rows = max(rows, at.row + 1)
            columns = max(columns, at.column + 1)
        }
        var origins: [CellReference: CellReference] = [:]
        for range in source.merged where (range.last.row - range.first.row + 1) * (range.last.column - range.first.column + 1) <= 4_096 {
            let origin = flip(range.first)
            for row in range.first.row...range.last.row {
                for column in range.first.column...range.last.column { origins[flip(CellReference(row: row, column: column))] = origin }
            }
        }
        self.cells = cells
        mergedOrigin = origins
        rowCount = rows
        columnCount = columns
    }

    func value(_ row: Int, _ column: Int) -> String? { cells[CellReference(row: row, column: column)] }

    /// The value shown at a position, a merged heading's value across its whole range.
    func shown(_ row: Int, _ column: Int) -> String? {
        if let origin = mergedOrigin[CellReference(row: row, column: column)] { return cells[origin] }
        return value(row, column)
    }

    /// Whether the position is inside a merged range that also covers `other` in the same line.
    func isMerged(_ row: Int, _ column: Int) -> Bool { mergedOrigin[CellReference(row: row, column: column)] != nil }

    /// The non-empty cells of a row, by column.
    func row(_ row: Int) -> [(column: Int, text: String)] {
        (0..<columnCount).compactMap { column in value(row, column).map { (column, $0) } }
    }

    /// The position in the sheet itself.
    func original(_ row: Int, _ column: Int) -> CellReference {
        transposed ? CellReference(row: column, column: row) : CellReference(row: row, column: column)
    }

    /// The cell as Excel names it: `力量表!C5`.
    func name(_ row: Int, _ column: Int) -> String { "\(sheet)!\(original(row, column))" }
}
