import ArgumentParser
import DenshoDomain
import DenshoMedia
import DenshoPrint
import Foundation

struct PrintCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "print",
        abstract: "Print sheets as PDF: career paths, development sheets, 作業標準書 and the skill map.",
        discussion: "Vector PDF with the Noto CJK fonts embedded. Problems that do not stop a print (a clip frame "
            + "that cannot be read, text shrunk to its smallest size) are listed as warnings.",
        subcommands: [CareerPath.self, Development.self, ManualSheetCommand.self, SkillMapSheetCommand.self])

    /// The options every print takes.
    struct Output: ParsableArguments {
        @Option(name: [.short, .customLong("output")], help: "PDF file to write.") var output: String?

        /// Opens the store, finds the company, lets `make` load and render the sheet (returning it
        /// with its default file name) and writes it: the part every print shares.
        func print(_ options: GlobalOptions, _ make: (CLIContext, Company) async throws -> (PrintedDocument, String)) async throws {
            let context = try CLIContext(options)
            let (document, name) = try await make(context, try await context.company())
            try write(document, defaultName: name)
        }

        /// Writes the document atomically and reports pages and warnings.
        func write(_ document: PrintedDocument, defaultName: String) throws {
            let path = output ?? defaultName
            try Data(document.pdf).write(to: URL(fileURLWithPath: path), options: .atomic)
            for warning in document.warnings { Terminal.note("warning: \(warning)") }
            Terminal.note("Wrote \(path) (\(document.pageCount) page\(document.pageCount == 1 ? "" : "s")).")
        }
    }

    struct CareerPath: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "career-path", abstract: "A recruiting sheet (A4) for a career track.")
        @OptionGroup var options: GlobalOptions
        @OptionGroup var output: Output
        @Argument(help: "Career track name.") var track: String

        func run() async throws {
            try await output.print(options) { context, company in
                let sheet = try await CareerPathSheet.load(track: track, company: company, from: context.store, asOf: context.today)
                return (try sheet.render(), "career-path-\(FileNames.safe(track)).pdf")
            }
        }
    }

    struct Development: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "development", abstract: "An individual development sheet (個人育成シート, A4).")
        @OptionGroup var options: GlobalOptions
        @OptionGroup var output: Output
        @Argument(help: "社員番号 or name.") var employee: String

        func run() async throws {
            try await output.print(options) { context, company in
                let person = try await Resolver(context: context, company: company).employee(employee)
                let sheet = try await DevelopmentSheet.load(employee: person, company: company, from: context.store, asOf: context.today)
                return (try sheet.render(), "development-\(FileNames.safe(person.number)).pdf")
            }
        }
    }

    struct ManualSheetCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "manual", abstract: "A 作業標準書 (A4 landscape) with a still and a QR code per step.")
        @OptionGroup var options: GlobalOptions
        @OptionGroup var output: Output
        @Argument(help: "Manual id, 文書番号 or title.") var manual: String
        @Option(name: .customLong("base-url"), help: "Where the QR codes lead for this print (default: the company's setting).")
        var baseURL: String?
        @Option(name: .customLong("version"), help: "live (the latest approved 版, default), draft (the working copy, watermarked) or a 版 number.")
        var version: String?

        func validate() throws {
            if let baseURL, !CompanySettings.isWebAddress(baseURL) {
                throw ValidationError("--base-url must be an http(s) address such as http://192.168.1.20:8080")
            }
        }

        func run() async throws {
            try await output.print(options) { context, company in
                let working = try await ManualSheet.find(manual, company: company, in: context.store)
                let found = try await ManualSheet.version(version, of: working, company: company, in: context.store)
                if found.status != .approved { FileHandle.standardError.write(Data("note: printing the working draft (watermarked 下書き・未承認)\n".utf8)) }
                let frames = WorkerFrameSource(dataRoot: options.resolvedDataDirectory)
                var sheet = try await ManualSheet.load(found, company: company, from: context.store, frames: frames, asOf: context.today)
                if let baseURL { sheet.settings.publicBaseURL = baseURL }
                let name = found.documentNumber.isEmpty ? "manual-\(found.id.rawValue)" : found.documentNumber
                return (try sheet.render(), "\(FileNames.safe(name)).pdf")
            }
        }
    }

    struct SkillMapSheetCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "skillmap", abstract: "The 力量表 on A3 landscape, paginated with repeated headings.")
        @OptionGroup var options: GlobalOptions
        @OptionGroup var output: Output
        @Option(help: "Only this department.") var dept: String?

        func run() async throws {
            try await output.print(options) { context, company in
                let department = try await dept.asyncMap { try await Resolver(context: context, company: company).department($0) }
                let sheet = try await SkillMapSheet.load(company: company, department: department, from: context.store, asOf: context.today)
                return (try sheet.render(), "skillmap\(department.map { "-" + FileNames.safe($0.name) } ?? "").pdf")
            }
        }
    }
}

/// File names made from names people typed: letters, digits, kana and kanji kept; the rest `_`.
enum FileNames {
    static func safe(_ name: String) -> String {
        let cleaned = String(name.map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "_" })
        return cleaned.isEmpty ? "sheet" : String(cleaned.prefix(60))
    }
}
