import DenshoDomain
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A cell's position, 0-based, written `C7` for people.
public struct CellReference: Hashable, Sendable, CustomStringConvertible {
    public var row: Int
    public var column: Int

    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// Parses `AB12`.
    init?(_ text: String) {
        var column = 0
        var digits = ""
        for character in text {
            if let ascii = character.asciiValue, (65...90).contains(ascii), digits.isEmpty {
                column = column * 26 + Int(ascii - 64)
            } else if character.isASCII, character.isNumber {
                digits.append(character)
            } else {
                return nil
            }
        }
        guard column > 0, let row = Int(digits), row > 0 else { return nil }
        self.init(row: row - 1, column: column - 1)
    }

    public static func columnName(_ column: Int) -> String {
        var n = column + 1
        var name = ""
        while n > 0 {
            let remainder = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + remainder))) + name
            n = (n - 1) / 26
        }
        return name
    }

    public var description: String { Self.columnName(column) + String(row + 1) }
}

/// A rectangle of cells, `B3:D3` (a merged heading).
public struct CellRange: Hashable, Sendable {
    public var first: CellReference
    public var last: CellReference

    public init(first: CellReference, last: CellReference) {
        self.first = first
        self.last = last
    }

    /// Parses `B3:D4` (or a single `B3`).
    init?(_ text: String) {
        let parts = text.split(separator: ":").map(String.init)
        guard let first = parts.first.flatMap(CellReference.init) else { return nil }
        let last = parts.count > 1 ? CellReference(parts[1]) : first
        guard let last else { return nil }
        self.init(first: CellReference(row: min(first.row, last.row), column: min(first.column, last.column)),
                  last: CellReference(row: max(first.row, last.row), column: max(first.column, last.column)))
    }

    public func contains(_ cell: CellReference) -> Bool {
        (first.row...last.row).contains(cell.row) && (first.column...last.column).contains(cell.column)
    }
}

/// The values of an xlsx workbook's sheets, as text (numbers as Excel wrote them: `3`, `2.5`;
/// cells formatted as dates as `2025-04-01`), with what a hand-made sheet's layout needs besides:
/// merged ranges and hidden columns and rows. Fonts, colours and formulas are ignored.
public struct XLSXWorkbookValues: Sendable {
    public struct Sheet: Sendable {
        public var name: String
        public var cells: [CellReference: String]
        public var merged: [CellRange] = []
        public var hiddenColumns: Set<Int> = []
        public var hiddenRows: Set<Int> = []
        /// The sheet itself is hidden in Excel.
        public var hidden = false

        public init(name: String, cells: [CellReference: String], merged: [CellRange] = [], hiddenColumns: Set<Int> = [],
                    hiddenRows: Set<Int> = [], hidden: Bool = false) {
            self.name = name
            self.cells = cells
            self.merged = merged
            self.hiddenColumns = hiddenColumns
            self.hiddenRows = hiddenRows
            self.hidden = hidden
        }

        public func value(_ row: Int, _ column: Int) -> String? { cells[CellReference(row: row, column: column)] }
    }

    /// What the first bytes say a file that is not an xlsx is, for a message that helps.
    public enum Kind: Sendable, Equatable {
        case xlsx
        /// An OLE2 compound file holding `EncryptedPackage`: Excel's password-protected workbook.
        case passwordProtected
        /// An OLE2 compound file otherwise: the old binary .xls.
        case legacyXLS
        case other
    }

    /// A 社員番号 or code as text: Excel keeps a number typed in a cell as `1001.0` in some
    /// writers; full-width digits and surrounding spaces are folded.
    public static func identifier(_ text: String) -> String {
        let folded = text.halfWidthASCII.trimmingCharacters(in: .whitespaces)
        return folded.hasSuffix(".0") ? String(folded.dropLast(2)) : folded
    }

    /// Sheets as given (tests, and callers that read cells from elsewhere).
    public init(sheets: [Sheet]) { self.sheets = sheets }

    public static func kind(of data: Data) -> Kind {
        let bytes = [UInt8](data.prefix(8))
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .xlsx }
        guard bytes == [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] else { return .other }
        // The directory names its streams in UTF-16LE; an encrypted workbook's are EncryptionInfo and EncryptedPackage.
        let marker = Data("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        return data.range(of: marker) != nil ? .passwordProtected : .legacyXLS
    }

    public var sheets: [Sheet]

    public init(contentsOf data: Data) throws(WorkbookError) {
        let zip = try ZipArchive(data)
        guard let workbook = try zip.member("xl/workbook.xml") else { throw .unreadable("not an xlsx workbook (no xl/workbook.xml)") }
        let relations = try zip.member("xl/_rels/workbook.xml.rels").map(Self.relations) ?? [:]
        let shared = try zip.member("xl/sharedStrings.xml").map(SharedStringsParser.parse) ?? []
        let dateStyles = try zip.member("xl/styles.xml").map(StylesParser.dateStyles) ?? []
        var sheets: [Sheet] = []
        for entry in WorkbookParser.parse(workbook) {
            guard let target = relations[entry.relation] else { continue }
            let path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            guard let xml = try zip.member(path) else { throw .unreadable("sheet '\(entry.name)' is missing from the archive") }
            var sheet = try SheetParser.parse(xml, shared: shared, dateStyles: dateStyles, sheet: entry.name)
            sheet.hidden = entry.hidden
            sheets.append(sheet)
        }
        self.sheets = sheets
    }

    static func relations(_ data: Data) -> [String: String] {
        let parser = ElementCollector(element: "Relationship")
        parser.run(data)
        return Dictionary(parser.found.compactMap { attributes in
            attributes["Id"].flatMap { id in attributes["Target"].map { (id, $0) } }
        }, uniquingKeysWith: { first, _ in first })
    }
}

/// Collects the attributes of every `element`.
private final class ElementCollector: NSObject, XMLParserDelegate {
    let element: String
    var found: [[String: String]] = []

    init(element: String) { self.element = element }

    func run(_ data: Data) {
        let parser = XMLParser(data: data)
        parser.delegate = self
        parser.parse()
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if name == element { found.append(attributes) }
    }
}

/// `<sheet name="…" r:id="rId1" state="hidden"/>` in workbook order.
private enum WorkbookParser {
    static func parse(_ data: Data) -> [(name: String, relation: String, hidden: Bool)] {
        let collector = ElementCollector(element: "sheet")
        collector.run(data)
        return collector.found.compactMap { attributes in
            guard let name = attributes["name"], let id = attributes["r:id"] ?? attributes.first(where: { $0.key.hasSuffix(":id") })?.value
            else { return nil }
            return (name, id, ["hidden", "veryHidden"].contains(attributes["state"] ?? ""))
        }
    }
}

/// Which cell styles (`s="3"`) show numbers as dates: Excel keeps dates as serial numbers and only
/// the number format says so (built-in formats 14–22, 27–36 and 45–58 with the Japanese era
/// ones, or a custom code with y, m, d, e or g outside quotes and brackets).
private enum StylesParser {
    static func dateStyles(_ data: Data) -> Set<Int> {
        let formats = ElementCollector(element: "numFmt")
        formats.run(data)
        var custom: [Int: String] = [:]
        for attributes in formats.found {
            if let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"] { custom[id] = code }
        }
        let styles = CellXfCollector()
        styles.run(data)
        var dates = Set<Int>()
        for (index, format) in styles.formats.enumerated() where isDate(format, custom: custom) { dates.insert(index) }
        return dates
    }

    static func isDate(_ id: Int, custom: [Int: String]) -> Bool {
        if (14...22).contains(id) || (27...36).contains(id) || (45...58).contains(id) { return true }
        guard let code = custom[id] else { return false }
        var inQuote = false, inBracket = false
        for character in code.lowercased() {
            switch character {
            case "\"": inQuote.toggle()
            case "[": inBracket = true
            case "]": inBracket = false
            case "y", "m", "d", "e", "g": if !inQuote && !inBracket { return true }
            default: break
            }
        }
        return false
    }
}

/// The `numFmtId` of each `<xf>` in `<cellXfs>`, in order (a cell's `s` indexes this list).
private final class CellXfCollector: NSObject, XMLParserDelegate {
    var formats: [Int] = []
    var inCellXfs = false

    func run(_ data: Data) {
        let parser = XMLParser(data: data)
        parser.delegate = self
        parser.parse()
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if name == "cellXfs" { inCellXfs = true }
        if name == "xf", inCellXfs { formats.append(attributes["numFmtId"].flatMap(Int.init) ?? 0) }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "cellXfs" { inCellXfs = false }
    }
}

/// `<si>` entries: plain `<t>` or rich-text runs `<r><t>…</t></r>`, joined.
private final class SharedStringsParser: NSObject, XMLParserDelegate {
    var strings: [String] = []
    var current: String?
    var inText = false
    var inPhonetic = false

    static func parse(_ data: Data) -> [String] {
        let delegate = SharedStringsParser()
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        parser.parse()
        return delegate.strings
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch name {
        case "si": current = ""
        case "rPh": inPhonetic = true  // ふりがな that Excel keeps beside Japanese text: not the value
        case "t": inText = !inPhonetic
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current? += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "si":
            strings.append(current ?? "")
            current = nil
        case "rPh": inPhonetic = false
        case "t": inText = false
        default: break
        }
    }
}

/// A worksheet's `<c r="C7" t="s"><v>4</v></c>` cells, `<mergeCell ref="B3:D3"/>` ranges and
/// hidden `<col>`s and `<row>`s.
private final class SheetParser: NSObject, XMLParserDelegate {
    let shared: [String]
    let dateStyles: Set<Int>
    var cells: [CellReference: String] = [:]
    var merged: [CellRange] = []
    var hiddenColumns = Set<Int>()
    var hiddenRows = Set<Int>()
    var reference: CellReference?
    var type = ""
    var style = 0
    var text = ""
    var collecting = false
    var problem: String?

    init(shared: [String], dateStyles: Set<Int>) {
        self.shared = shared
        self.dateStyles = dateStyles
    }

    static func parse(_ data: Data, shared: [String], dateStyles: Set<Int>, sheet: String) throws(WorkbookError) -> XLSXWorkbookValues.Sheet {
        let delegate = SheetParser(shared: shared, dateStyles: dateStyles)
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        let parsed = parser.parse()
        if let problem = delegate.problem { throw .unreadable("sheet '\(sheet)': \(problem)") }
        if !parsed { throw .unreadable("sheet '\(sheet)' is not well-formed XML") }
        return XLSXWorkbookValues.Sheet(name: sheet, cells: delegate.cells, merged: delegate.merged,
                                        hiddenColumns: delegate.hiddenColumns, hiddenRows: delegate.hiddenRows)
    }

    static func isTrue(_ value: String?) -> Bool { value == "1" || value == "true" }

    /// A 1,000 × 300 力量表 has 300,000 cells and a few hundred merged headings; a sheet far beyond
    /// these is not one, and reading it would only spend the server's memory.
    static let maximumCells = 2_000_000
    static let maximumMerges = 20_000

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch name {
        case "c":
            guard cells.count < Self.maximumCells else {
                problem = "more than \(Self.maximumCells) cells"
                parser.abortParsing()
                return
            }
            reference = attributes["r"].flatMap(CellReference.init)
            type = attributes["t"] ?? "n"
            style = attributes["s"].flatMap(Int.init) ?? 0
            text = ""
        case "v", "t":
            collecting = reference != nil
        case "mergeCell":
            guard merged.count < Self.maximumMerges else {
                problem = "more than \(Self.maximumMerges) merged ranges"
                parser.abortParsing()
                return
            }
            if let range = attributes["ref"].flatMap(CellRange.init) { merged.append(range) }
        case "col":
            if Self.isTrue(attributes["hidden"]), let min = attributes["min"].flatMap(Int.init), let max = attributes["max"].flatMap(Int.init),
               min >= 1, max >= min, max - min < 16_384 {
                hiddenColumns.formUnion((min - 1)...(max - 1))
            }
        case "row":
            if Self.isTrue(attributes["hidden"]), let row = attributes["r"].flatMap(Int.init), row >= 1 { hiddenRows.insert(row - 1) }
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if collecting { text += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "v", "t": collecting = false
        case "c":
            guard let reference else { return }
            switch type {
            case "s":
                if let index = Int(text), shared.indices.contains(index) { cells[reference] = shared[index] } else {
                    problem = "cell \(reference) refers to a missing shared string"
                }
            case "b": cells[reference] = text == "1" ? "TRUE" : "FALSE"
            case "n" where dateStyles.contains(style):
                if let serial = Double(text), let date = JapaneseDate.excelSerial(serial) {
                    cells[reference] = date.description
                } else if !text.isEmpty {
                    cells[reference] = text
                }
            default: if !text.isEmpty { cells[reference] = text }
            }
            self.reference = nil
        default: break
        }
    }
}
