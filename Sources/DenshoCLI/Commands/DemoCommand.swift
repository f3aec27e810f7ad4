import ArgumentParser
import DenshoDomain
import DenshoMedia
import Foundation
import HummingbirdBcrypt

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Create demo data: three Kazuno manufacturers with skills, evaluations, qualifications and careers.")

    @OptionGroup var options: GlobalOptions

    @Flag(name: .customLong("if-empty"), help: "Do nothing (and succeed) when the database already has companies.")
    var ifEmpty = false

    @Flag(help: "Also make two training clips per company and queue them (then run `densho worker`).")
    var clips = false

    func run() async throws {
        let context = try CLIContext(options)
        let existing = try await context.store.companies()
        if ifEmpty && !existing.isEmpty { return }
        let datasets = DemoData.companies(asOf: context.today, passwordHash: Bcrypt.hash(DemoData.password, cost: 10))
        if let clash = datasets.first(where: { d in existing.contains { $0.code == d.code } }) {
            throw CLIError.message("demo company '\(clash.code)' already exists in \(context.databasePath)")
        }
        var companies: [Company] = []
        for dataset in datasets {
            let company = try await context.store.seed(dataset, by: context.actor)
            companies.append(company)
            try await addPublishing(context, company: company)
            let active = dataset.employees.filter { $0.leaveDate == nil }.count
            print("\(company.name) (\(company.code)): \(active) employees, \(dataset.skills.count) skills, "
                + "\(dataset.evaluations.count) evaluations, \(dataset.heldQualifications.count) qualifications")
        }
        if clips { try await addClips(context, companies: companies) }
        print("\nDemo logins (password: \(DemoData.password)): "
            + datasets.flatMap { $0.accounts.map(\.account.login) }.joined(separator: ", "))
        print("Try: densho --company hanawa skillmap --dept 機械加工   ·   densho --company hanawa risk")
    }

    /// Recruiting settings and two consented stories from the newest staff, for the career-path sheet.
    func addPublishing(_ context: CLIContext, company: Company) async throws {
        try await context.store.updateSettings(DemoPublishing.settings(companyCode: company.code), company: company.id, by: context.actor)
        let young = try await context.store.employees(company: company.id, filter: EmployeeFilter(activeOn: context.today))
            .filter { (1...6).contains($0.serviceYears(on: context.today)) }
            .sorted { $0.hireDate > $1.hireDate }
        for (employee, text) in zip(young, DemoPublishing.stories) {
            _ = try await context.store.addStory(
                EmployeeStory(id: .init(0), employeeID: employee.id, text: text, consented: true, writtenOn: context.today),
                company: company.id, by: context.actor)
        }
    }

    /// Makes the demo clips once (libav only) and adds them to every company, queued for the worker.
    func addClips(_ context: CLIContext, companies: [Company]) async throws {
        let library = MediaLibrary(root: options.resolvedDataDirectory)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("densho-demo-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        // The newest staff shoot the clips (若手が撮影), as the strategy proposes.
        var owners: [Company.ID: Employee.ID] = [:]
        for company in companies {
            owners[company.id] = try await context.store.employees(company: company.id, filter: EmployeeFilter(activeOn: context.today))
                .first { $0.hireDate.wholeYears(until: context.today) < 3 }?.id
        }
        let bar = ProgressBar("making demo clips", total: DemoClips.all.count)
        for (index, spec) in DemoClips.all.enumerated() {
            let path = scratch + "/" + spec.fileName
            try DemoClipMaker.make(path: path, scenes: spec.scenes)
            let stored = try library.storeOriginal(from: path, name: spec.fileName)
            for company in companies {
                var skills: [Skill.ID] = []
                for code in spec.skills {
                    if let skill = try await context.store.skill(code: code, company: company.id) { skills.append(skill.id) }
                }
                let (clip, _) = try await context.store.addClip(
                    Clip(id: .init(0), companyID: company.id, ownerID: owners[company.id] ?? nil, title: spec.title,
                         description: spec.scenes.map { "\($0.title)（\($0.caption)）" }.joined(separator: " "), tags: spec.tags,
                         skillIDs: skills, originalHash: stored.hash, originalExtension: stored.fileExtension,
                         originalName: spec.fileName, originalSize: stored.size),
                    by: context.actor)
                // Its 動画マニュアル: the first procedure approved by the supervisor, the second still a draft.
                let manual = try await context.store.addManual(
                    Manual(id: .init(0), companyID: company.id, clipID: clip.id, title: spec.title,
                           documentNumber: "\(company.code.uppercased())-M-\(String(format: "%03d", index + 1))", author: "若手スタッフ",
                           steps: spec.manualSteps()),
                    by: context.actor)
                if index == 0 { _ = try await context.store.approveManual(manual.id, company: company.id, by: "班長") }
            }
            bar.update(index + 1)
        }
        bar.finish()
        print("\(DemoClips.all.count * companies.count) demo clips queued: run `densho worker --until-empty` to process them.")
    }
}
