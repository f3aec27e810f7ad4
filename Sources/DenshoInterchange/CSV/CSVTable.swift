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

    /// Headers compare through `TextFold.key` (spaces, case, width, kana: `社員番号 ` = `社員番号`, `ﾌﾘｶﾞﾅ` =
    /// `フリガナ` = `ふりがな`) and without `_` and `.` (`hire_date` = `hiredate`, `社員NO.` = `社員No`).
    static func normalize(_ name: String) -> String {
        TextFold.key(name).filter { $0 != "_" && $0 != "." }
    }
}

/// A decoded CSV file with its header mapped to known columns. Cell lookups give the file, line
/// and column for error messages.
public struct CSVTable: Sendable {
    public var file: String
    public var encoding: CSVEncoding
    var records: [CSVRecord]
    var index: [String: Int]
    /// Which header cell each column is read from, and the header names that are read as nothing.
    public var headerMatch: CSVHeaderMatch

    /// Decodes and parses `data`, then checks that every required column is present. `mapping` reads file headers
    /// as known columns (`["採用日": "入社日"]`, see `CSVHeaderMatch`).
    public init(data: Data, file: String, columns: [CSVColumn], mapping: [String: String] = [:]) throws {
        let records = try CSVTable.decodedRecords(data, file: file)
        let header = records.records[0]
        let match = CSVHeaderMatch(headers: header.fields, columns: columns, mapping: mapping)
        if !match.missing.isEmpty {
            let unused = match.unrecognised.isEmpty
                ? "" : "; columns not recognised, one can be mapped to it: \(match.unrecognised.joined(separator: ","))"
            throw ImportError(match.missing.map {
                ImportIssue(SourcePosition(file: file, line: header.line), column: $0,
                            "required column '\($0)' is missing (header: \(header.fields.joined(separator: ",")))\(unused)")
            })
        }
        self.file = file
        self.encoding = records.encoding
        self.records = Array(records.records.dropFirst())
        self.index = Dictionary(uniqueKeysWithValues: match.roles.map { ($0.value, $0.key) })
        self.headerMatch = match
    }

    /// The header row of `data`, as written, for a mapping step before the file is read.
    public static func header(_ data: Data, file: String) throws -> [String] {
        try decodedRecords(data, file: file).records[0].fields
    }

    /// The decoded records of a file that has at least a header row.
    static func decodedRecords(_ data: Data, file: String) throws -> (records: [CSVRecord], encoding: CSVEncoding) {
        let (text, encoding) = try TextDecoding.decode(data, file: file)
        let records = try CSVParser.parse(text, file: file)
        guard !records.isEmpty else {
            throw ImportError([ImportIssue(SourcePosition(file: file, line: 1), column: nil, "the file is empty")])
        }
        return (records, encoding)
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

    /// A date in any form `JapaneseDate.date` reads (`2024/4/1`, `令和6年4月1日`, `H20.4.1`, `20240401`);
    /// `allowSerial` also takes an Excel serial day number (`45383`).
    public func date(_ column: CSVColumn, _ issues: inout [ImportIssue], allowSerial: Bool = false) -> LocalDate? {
        let value = text(column)
        guard !value.isEmpty else {
            if column.required { issues.append(ImportIssue(source, column: column.header, "'\(column.header)' is empty")) }
            return nil
        }
        guard let date = JapaneseDate.date(value, allowSerial: allowSerial) else {
            issues.append(ImportIssue(source, column: column.header, "'\(value)' is not a date (use 2024/04/01 or 令和6年4月1日)"))
            return nil
        }
        return date
    }

    /// A year (生年) in any form `JapaneseDate.year` reads: `1980`, `1980年`, `S55`, `昭和55年`, or a whole date.
    public func year(_ column: CSVColumn, _ issues: inout [ImportIssue]) -> Int? {
        let value = text(column)
        guard !value.isEmpty else {
            if column.required { issues.append(ImportIssue(source, column: column.header, "'\(column.header)' is empty")) }
            return nil
        }
        guard let year = JapaneseDate.year(value) else {
            issues.append(ImportIssue(source, column: column.header, "'\(value)' is not a year (use 1980, 昭和55年 or S55)"))
            return nil
        }
        return year
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
