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

/// The values of an xlsx workbook's sheets, as text (numbers as Excel wrote them: `3`, `2.5`).
/// Formats, formulas and the rest are ignored: the 力量表 importer needs values only.
public struct XLSXWorkbookValues: Sendable {
    public struct Sheet: Sendable {
        public var name: String
        public var cells: [CellReference: String]

        public func value(_ row: Int, _ column: Int) -> String? { cells[CellReference(row: row, column: column)] }
    }

    public var sheets: [Sheet]

    public init(contentsOf data: Data) throws(WorkbookError) {
        let zip = try ZipArchive(data)
        guard let workbook = try zip.member("xl/workbook.xml") else { throw .unreadable("not an xlsx workbook (no xl/workbook.xml)") }
        let relations = try zip.member("xl/_rels/workbook.xml.rels").map(Self.relations) ?? [:]
        let shared = try zip.member("xl/sharedStrings.xml").map(SharedStringsParser.parse) ?? []
        var sheets: [Sheet] = []
        for (name, relation) in WorkbookParser.parse(workbook) {
            guard let target = relations[relation] else { continue }
            let path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            guard let xml = try zip.member(path) else { throw .unreadable("sheet '\(name)' is missing from the archive") }
            sheets.append(Sheet(name: name, cells: try SheetParser.parse(xml, shared: shared, sheet: name)))
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

/// `<sheet name="…" r:id="rId1"/>` in workbook order.
private enum WorkbookParser {
    static func parse(_ data: Data) -> [(String, String)] {
        let collector = ElementCollector(element: "sheet")
        collector.run(data)
        return collector.found.compactMap { attributes in
            guard let name = attributes["name"], let id = attributes["r:id"] ?? attributes.first(where: { $0.key.hasSuffix(":id") })?.value
            else { return nil }
            return (name, id)
        }
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

/// A worksheet's `<c r="C7" t="s"><v>4</v></c>` cells.
private final class SheetParser: NSObject, XMLParserDelegate {
    let shared: [String]
    var cells: [CellReference: String] = [:]
    var reference: CellReference?
    var type = ""
    var text = ""
    var collecting = false
    var problem: String?

    init(shared: [String]) { self.shared = shared }

    static func parse(_ data: Data, shared: [String], sheet: String) throws(WorkbookError) -> [CellReference: String] {
        let delegate = SheetParser(shared: shared)
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        if !parser.parse() { throw .unreadable("sheet '\(sheet)' is not well-formed XML") }
        if let problem = delegate.problem { throw .unreadable("sheet '\(sheet)': \(problem)") }
        return delegate.cells
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch name {
        case "c":
            reference = attributes["r"].flatMap(CellReference.init)
            type = attributes["t"] ?? "n"
            text = ""
        case "v", "t":
            collecting = reference != nil
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
            default: if !text.isEmpty { cells[reference] = text }
            }
            self.reference = nil
        default: break
        }
    }
}
