import DenshoInterchange
import Foundation

/// A value in a data table. JSON keeps its type; tables and CSV show text.
enum Cell: Encodable {
    case text(String)
    case int(Int)
    case null

    var display: String {
        switch self {
        case .text(let s): s
        case .int(let i): String(i)
        case .null: ""
        }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .text(let s): try c.encode(s)
        case .int(let i): try c.encode(i)
        case .null: try c.encodeNil()
        }
    }
}

extension Cell: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    init(stringLiteral value: String) { self = .text(value) }
    init(integerLiteral value: Int) { self = .int(value) }
    init(_ value: String?) { self = value.map(Cell.text) ?? .null }
    init(_ value: Int?) { self = value.map(Cell.int) ?? .null }
}

/// Rows of data with a stable key per column (JSON, CSV header) and a label for people (table).
struct DataTable {
    struct Column {
        var key: String
        var label: String
    }

    var columns: [Column]
    var rows: [[Cell]] = []

    init(_ columns: [(String, String)]) {
        self.columns = columns.map { Column(key: $0.0, label: $0.1) }
    }

    mutating func append(_ row: [Cell]) {
        precondition(row.count == columns.count, "row has \(row.count) cells for \(columns.count) columns")
        rows.append(row)
    }
}

/// Prints data in the chosen format.
struct Output {
    let format: OutputFormat

    func print(_ table: DataTable) {
        switch format {
        case .table: Swift.print(renderTable(table), terminator: "")
        case .csv: Swift.print(CSVWriter.write([table.columns.map(\.key)] + table.rows.map { $0.map(\.display) }), terminator: "")
        case .json:
            let objects = table.rows.map { row in
                Dictionary(uniqueKeysWithValues: zip(table.columns.map(\.key), row))
            }
            printJSON(objects)
        }
    }

    /// Prints any encodable value as pretty JSON.
    func printJSON<T: Encodable>(_ value: T) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("null".utf8)
        Swift.print(String(decoding: data, as: UTF8.self))
    }

    func renderTable(_ table: DataTable) -> String {
        guard !table.rows.isEmpty else { return Terminal.paint("(none)", .dim) + "\n" }
        let numeric = table.columns.indices.map { i in
            table.rows.allSatisfy { row in
                if case .text = row[i] { return false }
                return true
            }
        }
        let widths = table.columns.indices.map { i in
            max(DisplayWidth.of(table.columns[i].label), table.rows.map { DisplayWidth.of($0[i].display) }.max() ?? 0)
        }
        var out = table.columns.indices.map { Terminal.paint(DisplayWidth.pad(table.columns[$0].label, to: widths[$0]), .bold) }
            .joined(separator: "  ") + "\n"
        out += widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
        for row in table.rows {
            out += row.indices.map { DisplayWidth.pad(row[$0].display, to: widths[$0], right: numeric[$0]) }
                .joined(separator: "  ").replacingOccurrences(of: " +$", with: "", options: .regularExpression) + "\n"
        }
        return out
    }
}
