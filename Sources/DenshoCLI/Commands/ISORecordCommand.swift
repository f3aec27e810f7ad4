import ArgumentParser
import DenshoDomain
import DenshoInterchange
import DenshoPrint
import Foundation

/// `densho iso-record`: the ISO 9001 7.2 competence record (力量記録) of one person or a
/// department, as an A4 landscape PDF (default) or an Excel workbook.
struct ISORecordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iso-record",
        abstract: "The ISO 9001 7.2 competence record (力量記録) of a person or a department, as PDF or Excel.",
        discussion: """
            Every current level of the people in scope (those still employed) with the evaluation behind it: \
            method (実技確認 / 筆記 / 上長評価 / 自己評価 / Excel取込), evaluator, date, the evidence (sign-off or quiz \
            attempt and the manual's 版) and, for skills whose checks expire, the last valid day. Prints the file \
            written and its number of rows.
            """)

    @OptionGroup var options: GlobalOptions
    @Option(help: "One person: 社員番号 (or name).") var employee: String?
    @Option(name: [.customLong("dept"), .customLong("department")], help: "A whole department, by name.") var dept: String?
    @Flag(help: "Write an Excel workbook instead of a PDF.") var xlsx = false
    @Option(name: [.short, .customLong("output")], help: "File to write (default: iso-record-<社員番号 or department>.pdf/.xlsx).")
    var output: String?

    func validate() throws {
        if (employee == nil) == (dept == nil) { throw ValidationError("give either --employee NUMBER or --dept NAME") }
    }

    func run() async throws {
        let context = try CLIContext(options)
        let company = try await context.company()
        let resolver = Resolver(context: context, company: company)
        let scope: ISORecordScope
        let name: String
        if let employee {
            let person = try await resolver.employee(employee)
            scope = .employee(person.id)
            name = person.number
        } else {
            let department = try await resolver.department(dept ?? "")
            scope = .department(department.id)
            name = department.name
        }
        let sheet = try await ISORecordSheet.load(scope, company: company, from: context.store, asOf: context.today)
        let path = output ?? "iso-record-\(FileNames.safe(name)).\(xlsx ? "xlsx" : "pdf")"
        var detail = "\(sheet.rows.count) row\(sheet.rows.count == 1 ? "" : "s")"
        if xlsx {
            try ISORecordWorkbook(companyName: company.name, scope: sheet.scope, rows: sheet.rows, printedOn: sheet.printedOn).write(to: path)
        } else {
            let document = try sheet.render()
            try Data(document.pdf).write(to: URL(fileURLWithPath: path), options: .atomic)
            for warning in document.warnings { Terminal.note("warning: \(warning)") }
            detail += ", \(document.pageCount) page\(document.pageCount == 1 ? "" : "s")"
        }
        print("Wrote \(path) (\(detail))")
    }
}
