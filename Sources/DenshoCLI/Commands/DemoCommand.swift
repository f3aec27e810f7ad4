import ArgumentParser
import DenshoDomain
import DenshoMedia
import Foundation
import DenshoWeb

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
        let hash = PasswordHashing.hash(DemoData.password)
        let datasets = DemoData.companies(asOf: context.today, passwordHash: hash)
        if let clash = datasets.first(where: { d in existing.contains { $0.code == d.code } }) {
            throw CLIError.message("demo company '\(clash.code)' already exists in \(context.databasePath)")
        }
        var companies: [Company] = []
        for dataset in datasets {
            let company = try await context.store.seed(dataset, by: context.actor)
            companies.append(company)
            try await addPublishing(context, company: company)
            try await addMentoring(context, company: company)
            let active = dataset.employees.filter { $0.leaveDate == nil }.count
            print("\(company.name) (\(company.code)): \(active) employees, \(dataset.skills.count) skills, "
                + "\(dataset.evaluations.count) evaluations, \(dataset.heldQualifications.count) qualifications")
        }
        let association = DemoData.associationAccount(passwordHash: hash)
        if try await context.store.credentials(login: association.login) == nil {
            _ = try await context.store.addAccount(association, company: nil, employee: nil, by: context.actor)
        }
        if clips { try await addClips(context, companies: companies) }
        print("\nDemo logins (password: \(DemoData.password)): "
            + (datasets.flatMap { $0.accounts.map(\.account.login) } + [association.login]).joined(separator: ", "))
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

    /// Veterans as mentors, the optimal pairing accepted, a few meetings and improvement proposals.
    func addMentoring(_ context: CLIContext, company: Company) async throws {
        let store = context.store, today = context.today
        let staff = try await store.employees(company: company.id, filter: EmployeeFilter(activeOn: today))
        let veterans = staff.filter { (10...35).contains($0.serviceYears(on: today)) }.prefix(5)
        for veteran in veterans {
            try await store.setMentor(Mentor(employeeID: veteran.id, capacity: 2), company: company.id, by: context.actor)
        }
        let planner = MentoringPlanner(store: store, company: company, asOf: today.adding(days: -60))
        let proposals = try await store.replaceProposals(
            try await planner.suggest(rules: PairingRules()).pairings, company: company.id, by: context.actor)
        for (index, pairing) in proposals.enumerated() {
            let started = try await store.decide(pairing: pairing.id, accept: true, on: today.adding(days: -60), company: company.id, by: context.actor)
            // Most pairs met recently; one has not met for over a month (the dashboard reminds HR).
            let met = index == 0 ? today.adding(days: -50) : today.adding(days: -Int.random(in: 3...20))
            _ = try await store.addMeeting(
                Meeting(id: .init(0), kind: .mentor, heldOn: met, pairingID: started.id, title: "月次面談",
                        topics: "段取りで困っていること、資格の勉強", nextActions: "次回までに図面の読み方を復習",
                        attendees: [started.mentorID, started.menteeID]),
                company: company.id, by: context.actor)
        }
        let young = staff.filter { $0.serviceYears(on: today) < 5 }
        _ = try await store.addMeeting(
            Meeting(id: .init(0), kind: .lunch, heldOn: today.adding(days: -30), title: "若手ランチミーティング",
                    topics: "職場で困っていること、やってみたい仕事", nextActions: "工具置き場の改善を改善チームで検討",
                    attendees: young.prefix(6).map(\.id)),
            company: company.id, by: context.actor)
        let ideas = [("工具置き場に姿置きを導入", "探す時間が1日15分ほどある。工具の形に切り抜いたスポンジで定位置化する。", "1人あたり1日15分の短縮"),
                     ("段取り替えの手順を動画マニュアル化", "ベテランの急所を動画で残し、若手が繰り返し見られるようにする。", ""),
                     ("切粉の回収箱を2つに分ける", "鉄とアルミを分ければ売却単価が上がる。", "")]
        for (index, idea) in ideas.enumerated() where index < young.count {
            let proposal = try await store.addProposal(
                Proposal(id: .init(0), submittedBy: young[index].id, team: "改善チームA", title: idea.0, body: idea.1,
                         submittedOn: today.adding(days: -20 + index * 5)),
                company: company.id, by: context.actor)
            if index == 0 {
                _ = try await store.updateProposal(proposal.id, status: .adopted, effect: idea.2, on: today.adding(days: -10),
                                                   company: company.id, by: context.actor)
            }
        }
    }

    /// Makes the demo clips once (`densho-media demo-clip`, libav only) and adds them to every company, queued for the worker.
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
            _ = try await MediaTool.run(["demo-clip", String(index), path])
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
                if index == 0 { _ = try await context.store.approveManual(manual.id, company: company.id, by: "demo", approverName: "班長") }
            }
            bar.update(index + 1)
        }
        bar.finish()
        print("\(DemoClips.all.count * companies.count) demo clips queued: run `densho worker --until-empty` to process them.")
    }
}
