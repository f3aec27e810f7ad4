import ArgumentParser
import DenshoDomain
import DenshoInterchange
import Foundation

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export employees, skills or evaluation history as CSV that Excel opens directly, or the 力量表 as xlsx.")

    @OptionGroup var options: GlobalOptions
    @Argument(help: "employees, skills, evaluations (CSV) or skillmap (--xlsx).") var kind: RecordKind
    @Option(name: [.short, .customLong("output")], help: "File to write (default: standard output).") var output: String?
    @Option(help: "skillmap: the Excel workbook to write.") var xlsx: String?
    @Option(help: "skillmap: only this department (default: a sheet per department).") var dept: String?

    func validate() throws {
        if kind == .skillmap && xlsx == nil { throw ValidationError("export skillmap writes a workbook: give --xlsx FILE") }
        if kind != .skillmap && (xlsx != nil || dept != nil) { throw ValidationError("--xlsx and --dept are for export skillmap") }
    }
    @Option(help: "utf8 (with BOM, for Excel) or sjis (Shift_JIS, for older tools).") var encoding: CSVEncoding = .utf8

    func run() async throws {
        let context = try CLIContext(options)
        let company = try await context.company()
        let resolver = Resolver(context: context, company: company)
        let store = context.store
        let text: String
        switch kind {
        case .workbook:
            throw ValidationError("`workbook` is for import: export the 力量表 with `densho export skillmap --xlsx FILE`")
        case .skillmap:
            let department = try await dept.asyncMap { try await resolver.department($0) }
            let workbook = try await SkillMapWorkbook.load(company: company, department: department, from: store, asOf: context.today)
            try workbook.write(to: xlsx!)
            let people = workbook.sheets.map(\.matrix.employees.count).reduce(0, +)
            Terminal.note("Wrote \(xlsx!) (\(workbook.sheets.count) department sheets, \(people) employees, "
                + "\(workbook.sheets.first?.matrix.skills.count ?? 0) skills).")
            return
        case .employees:
            let departments = try await resolver.departmentNames()
            let grades = try await resolver.gradeCodes()
            text = EmployeeCSV.write(try await store.employees(company: company.id, filter: EmployeeFilter()),
                                     departments: departments, grades: grades)
        case .skills:
            let categories = try await resolver.categoryNames()
            text = SkillCSV.write(try await store.skills(company: company.id, includeRetired: false), categories: categories,
                                  scale: try await store.levelScale(company: company.id))
        case .evaluations:
            let employees = try await resolver.employeesByID()
            let skills = try await resolver.skillsByID()
            text = EvaluationCSV.write(try await store.evaluations(company: company.id, employee: nil, skill: nil, state: nil),
                                       employees: employees, skills: skills)
        }
        let data = try TextDecoding.encode(text, as: encoding)
        if let output {
            try data.write(to: URL(fileURLWithPath: output), options: .atomic)
            Terminal.note("Wrote \(output).")
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}

extension CSVEncoding: ExpressibleByArgument {}
