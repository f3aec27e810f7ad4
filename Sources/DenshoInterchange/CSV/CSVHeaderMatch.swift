import Foundation

/// How the header row of a file lines up with the columns a reader knows.
///
/// Files come from payroll and attendance systems, each with its own names for the same column (`従業員番号`,
/// `社員ｺｰﾄﾞ`, `個人コード`). Known names are matched through the columns' aliases; a column nobody thought of
/// (`採用日`) is not an error but listed in `unrecognised`, so the web UI or the CLI can offer a mapping step and
/// read the file again with `mapping`.
public struct CSVHeaderMatch: Sendable, Equatable {
    /// Position in the header row → the canonical header of the column read from there (`2: "入社日"`).
    public var roles: [Int: String]
    /// Header names no column is read from, in file order and trimmed: names no alias knows, and a second column
    /// for a role already filled (both `生年月日` and `生年`). Blank header cells are left out.
    public var unrecognised: [String]
    /// Canonical headers of required columns that no header fills.
    public var missing: [String]

    /// Matches `headers` against `columns`.
    ///
    /// `mapping` names, for file headers, the column to read them as (`["採用日": "入社日"]`); its values may be any
    /// name a column accepts (`hire_date`). Mapped headers come first, so a mapping wins over a header that only
    /// looks like the column. A mapping to `""` drops that header: it fills no role and is not reported. A mapping
    /// to a name no column knows leaves the header unrecognised. Keys and values compare like headers
    /// (`CSVColumn.normalize`).
    public init(headers: [String], columns: [CSVColumn], mapping: [String: String] = [:]) {
        let mapped = Dictionary(mapping.map { (CSVColumn.normalize($0.key), $0.value) }, uniquingKeysWith: { first, _ in first })
        var roles: [Int: String] = [:]
        var filled: Set<String> = []
        var dropped: Set<Int> = []
        func fill(_ position: Int, as name: String) {
            guard let column = columns.first(where: { $0.matches(name) }), !filled.contains(column.header) else { return }
            roles[position] = column.header
            filled.insert(column.header)
        }
        for (position, header) in headers.enumerated() {
            guard let target = mapped[CSVColumn.normalize(header)] else { continue }
            if CSVColumn.normalize(target).isEmpty { dropped.insert(position) } else { fill(position, as: target) }
        }
        for (position, header) in headers.enumerated() where mapped[CSVColumn.normalize(header)] == nil {
            fill(position, as: header)
        }
        self.roles = roles
        self.unrecognised = headers.enumerated().compactMap { position, header -> String? in
            let name = header.trimmingCharacters(in: .whitespaces)
            return roles[position] == nil && !dropped.contains(position) && !name.isEmpty ? name : nil
        }
        self.missing = columns.filter { $0.required && !filled.contains($0.header) }.map(\.header)
    }
}
