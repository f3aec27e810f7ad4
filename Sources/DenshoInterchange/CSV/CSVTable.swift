import DenshoDomain
import Foundation

/// A column of an import or export file: its Japanese header and the other names accepted on import.
public struct CSVColumn: Sendable, Hashable {
    public var header: String
    public var aliases: [String]
    public var required: Bool

    public init(_ header: String, aliases: [String], required: Bool = false) {
        self.header = header
        self.aliases = aliases
        self.required = required
    }

    func matches(_ name: String) -> Bool {
        let key = CSVColumn.normalize(name)
        return ([header] + aliases).contains { CSVColumn.normalize($0) == key }
    }

    /// Headers compare without spaces, case or full-width differences (`社員番号 ` = `社員番号`).
    static func normalize(_ name: String) -> String {
        name.halfWidthASCII.lowercased().filter { !$0.isWhitespace && $0 != "_" }
    }
}

/// A decoded CSV file with its header mapped to known columns. Cell lookups give the file, line
/// and column for error messages.
public struct CSVTable: Sendable {
    public var file: String
    public var encoding: CSVEncoding
    var records: [CSVRecord]
    var index: [String: Int]

    /// Decodes and parses `data`, then checks that every required column is present.
    public init(data: Data, file: String, columns: [CSVColumn]) throws {
        let (text, encoding) = try TextDecoding.decode(data, file: file)
        let records = try CSVParser.parse(text, file: file)
        guard let header = records.first else {
            throw ImportError([ImportIssue(SourcePosition(file: file, line: 1), column: nil, "the file is empty")])
        }
        var index: [String: Int] = [:]
        for (position, name) in header.fields.enumerated() {
            if let column = columns.first(where: { $0.matches(name) }), index[column.header] == nil {
                index[column.header] = position
            }
        }
        let missing = columns.filter { $0.required && index[$0.header] == nil }
        if !missing.isEmpty {
            throw ImportError(missing.map {
                ImportIssue(SourcePosition(file: file, line: header.line), column: $0.header,
                            "required column '\($0.header)' is missing (header: \(header.fields.joined(separator: ",")))")
            })
        }
        self.file = file
        self.encoding = encoding
        self.records = Array(records.dropFirst())
        self.index = index
    }

    /// The data rows with cell access.
    public var rows: [CSVRow] {
        records.map { CSVRow(source: SourcePosition(file: file, line: $0.line), fields: $0.fields, index: index) }
    }
}

/// One data row. Typed getters record problems instead of stopping, so one pass reports them all.
public struct CSVRow: Sendable {
    public var source: SourcePosition
    var fields: [String]
    var index: [String: Int]

    /// The cell's text without surrounding spaces and tabs, and without the `'` that export puts before text a
    /// spreadsheet would run as a formula (`CSVFormulaGuard`). Every getter reads cells through here.
    public func text(_ column: CSVColumn) -> String {
        guard let i = index[column.header], i < fields.count else { return "" }
        return Self.cell(fields[i])
    }

    /// A guarded field keeps the tab or CR at its start that the `'` protected; only its end is trimmed.
    static func cell(_ field: String) -> String {
        if CSVFormulaGuard.isEscaped(field) {
            var scalars = CSVFormulaGuard.unescape(field).unicodeScalars[...]
            while let last = scalars.last, CharacterSet.whitespaces.contains(last) { scalars = scalars.dropLast() }
            return String(scalars)
        }
        guard let first = field.first, let last = field.last, first.isWhitespace || last.isWhitespace else { return field }
        return field.trimmingCharacters(in: .whitespaces)
    }

    public func optionalText(_ column: CSVColumn) -> String? {
        let value = text(column)
        return value.isEmpty ? nil : value
    }

    public func required(_ column: CSVColumn, _ issues: inout [ImportIssue]) -> String {
        let value = text(column)
        if value.isEmpty { issues.append(ImportIssue(source, column: column.header, "'\(column.header)' is empty")) }
        return value
    }

    public func date(_ column: CSVColumn, _ issues: inout [ImportIssue]) -> LocalDate? {
        let value = text(column)
        guard !value.isEmpty else {
            if column.required { issues.append(ImportIssue(source, column: column.header, "'\(column.header)' is empty")) }
            return nil
        }
        guard let date = LocalDate(parsing: value) else {
            issues.append(ImportIssue(source, column: column.header, "'\(value)' is not a date (use 2024/04/01 or 令和6年4月1日)"))
            return nil
        }
        return date
    }

    public func integer(_ column: CSVColumn, _ issues: inout [ImportIssue]) -> Int? {
        let value = text(column).halfWidthASCII
        guard !value.isEmpty else {
            if column.required { issues.append(ImportIssue(source, column: column.header, "'\(column.header)' is empty")) }
            return nil
        }
        guard let number = Int(value) else {
            issues.append(ImportIssue(source, column: column.header, "'\(value)' is not a whole number"))
            return nil
        }
        return number
    }
}
