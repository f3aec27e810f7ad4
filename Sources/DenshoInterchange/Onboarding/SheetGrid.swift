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
    /// Each occupied row's cells in column order: a sheet is walked by what it holds, never by
    /// its extent (one stray cell at XFD1048576 must not make a grid of 17 billion places).
    private let rows: [Int: [(column: Int, text: String)]]
    /// The occupied rows, top to bottom.
    let occupiedRows: [Int]
    /// Top-left cell of the merged range covering a position (in grid coordinates).
    private let mergedOrigin: [CellReference: CellReference]
    let rowCount: Int

    /// Merged ranges are expanded cell by cell for lookups: a heading covers a few dozen cells,
    /// and what is beyond these limits is not a heading (nor worth the memory).
    static let largestMerge = 4_096
    static let mergedCellBudget = 200_000

    init(_ source: XLSXWorkbookValues.Sheet, transposed: Bool) {
        sheet = source.name
        self.transposed = transposed
        func flip(_ cell: CellReference) -> CellReference { transposed ? CellReference(row: cell.column, column: cell.row) : cell }
        var cells: [CellReference: String] = [:]
        var rows: [Int: [(column: Int, text: String)]] = [:]
        var count = 0
        for (reference, raw) in source.cells
        where !source.hiddenColumns.contains(reference.column) && !source.hiddenRows.contains(reference.row) {
            let text = raw.first?.isWhitespace == true || raw.last?.isWhitespace == true
                ? raw.trimmingCharacters(in: .whitespacesAndNewlines) : raw
            guard !text.isEmpty else { continue }
            let at = flip(reference)
            cells[at] = text
            rows[at.row, default: []].append((at.column, text))
            count = max(count, at.row + 1)
        }
        for key in rows.keys { rows[key]!.sort { $0.column < $1.column } }
        var origins: [CellReference: CellReference] = [:]
        var budget = Self.mergedCellBudget
        for range in source.merged {
            let size = (range.last.row - range.first.row + 1) * (range.last.column - range.first.column + 1)
            guard size <= Self.largestMerge, size <= budget else { continue }
            budget -= size
            let origin = flip(range.first)
            for row in range.first.row...range.last.row {
                for column in range.first.column...range.last.column { origins[flip(CellReference(row: row, column: column))] = origin }
            }
        }
        self.cells = cells
        self.rows = rows
        occupiedRows = rows.keys.sorted()
        mergedOrigin = origins
        rowCount = count
    }

    func value(_ row: Int, _ column: Int) -> String? { cells[CellReference(row: row, column: column)] }

    /// The value shown at a position, a merged heading's value across its whole range.
    func shown(_ row: Int, _ column: Int) -> String? {
        if let origin = mergedOrigin[CellReference(row: row, column: column)] { return cells[origin] }
        return value(row, column)
    }

    /// Whether the position is inside a merged range.
    func isMerged(_ row: Int, _ column: Int) -> Bool { mergedOrigin[CellReference(row: row, column: column)] != nil }

    /// The non-empty cells of a row, by column.
    func row(_ row: Int) -> [(column: Int, text: String)] { rows[row] ?? [] }

    /// The position in the sheet itself.
    func original(_ row: Int, _ column: Int) -> CellReference {
        transposed ? CellReference(row: column, column: row) : CellReference(row: row, column: column)
    }

    /// The cell as Excel names it: `力量表!C5`.
    func name(_ row: Int, _ column: Int) -> String { "\(sheet)!\(original(row, column))" }
}
