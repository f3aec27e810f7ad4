import DenshoDomain
import DenshoInterchange
import DenshoStore
import DenshoTestSupport
import Foundation
import Testing

/// A company's own 力量表, as factories make them in Excel, imported into a real database: each
/// generated layout must give exactly the evaluations `expected.json` lists, and a second import
/// of the same file must change nothing.
@Suite("Onboarding: the company's own Excel 力量表")
struct OnboardingWorkbookTests {
    static let asOf = LocalDate(year: 2026, month: 4, day: 1)!

    /// A fresh database holding the company of `expected.json`.
    final class Company {
        let directory: URL
        let store: SQLiteStore
        let id: DenshoDomain.Company.ID

        init() async throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("densho-onboarding-db-\(UUID().uuidString)")
            store = try SQLiteStore(dataDirectory: directory.path)
            let expected = try OnboardingFixtures.expected().company
            let scale = LevelScale(levels: expected.scale.map { LevelDefinition(level: $0.level, label: $0.label, symbol: $0.symbol) })
            let source = SourcePosition(file: "seed", line: 1)
            var categories: [String] = []
            for skill in expected.skills where !categories.contains(skill.category) { categories.append(skill.category) }
            let dataset = CompanyDataset(
                code: "onb", name: "鹿角精工", levelScale: scale, departments: expected.departments, categories: categories,
                skills: expected.skills.enumerated().map { index, skill in
                    SkillRecord(source: source, category: skill.category, code: String(format: "S-%02d", index + 1), name: skill.name)
                },
                employees: expected.people.map { person in
                    EmployeeRecord(source: source, number: person.number, name: person.name, kana: person.furigana,
                                   hireDate: LocalDate(year: 2015, month: 4, day: 1)!, department: person.department)
                })
            id = try await store.seed(dataset, by: "test").id
        }

        deinit { try? FileManager.default.removeItem(at: directory) }

        func plan(_ file: String, as name: String? = nil, mapping: OnboardingMapping? = nil) async throws -> OnboardingPlan {
            try await OnboardingImport.plan(try OnboardingFixtures.data(file), file: name ?? file, company: id, store: store,
                                            asOf: OnboardingWorkbookTests.asOf, evaluator: nil, mapping: mapping)
        }

        /// (社員番号, skill name) → current level.
        func levels() async throws -> [String: Int] {
            let matrix = try await store.matrix(company: id, department: nil, asOf: OnboardingWorkbookTests.asOf)
            var result: [String: Int] = [:]
            for employee in matrix.employees {
                for skill in matrix.skills {
                    if let level = matrix.levels[employee.id]?[skill.id] { result["\(employee.number)|\(skill.name)"] = level }
                }
            }
            return result
        }
    }

    /// The decisions a person makes in the wizard for `layout`: the ambiguous names picked.
    static func decisions(_ layout: OnboardingFixtures.Expected.Layout) -> OnboardingMapping {
        var mapping = OnboardingMapping()
        for ambiguous in layout.ambiguous {
            mapping.people[OnboardingMapping.personKey(name: ambiguous.name, kana: nil)] = .employee(ambiguous.pick)
        }
        return mapping
    }

    @Test(arguments: ["merged-headers.xlsx", "transposed.xlsx", "stacked-departments.xlsx", "hidden-and-notes.xlsx",
                      "sheet-per-department.xlsx", "numeric-no-legend.xlsx", "letters.xlsx"])
    func layoutImportsToTheExpectedEvaluations(file: String) async throws {
        let layout = try #require(try OnboardingFixtures.expected().layouts[file])
        let company = try await Company()

        // Without a choice for an ambiguous name the plan cannot be committed.
        if !layout.ambiguous.isEmpty {
            let undecided = try await company.plan(file)
            #expect(!undecided.canCommit)
            #expect(undecided.people.contains { $0.match == .ambiguous && $0.candidates.map(\.number).sorted() == layout.ambiguous[0].candidates })
        }
        let plan = try await company.plan(file, mapping: Self.decisions(layout))
        #expect(plan.problems == [])
        // The marks read as the legend (or the numbers) say.
        for (mark, level) in layout.marks {
            #expect(plan.mapping.marks[MarkLegend.key(mark)] == .some(level), "mark \(mark)")
        }
        #expect(Set(plan.people.filter { $0.match == .unmatched }.map(\.name)) == Set(layout.unmatched))
        #expect(Set(plan.skills.filter(\.isNew).map { "\($0.category ?? "")/\($0.name)" }) == Set(layout.newSkills.map { "\($0.category)/\($0.name)" }))
        let got = Set(plan.changes.map { OnboardingFixtures.Expected.Evaluation(number: $0.number, skill: $0.skill, level: $0.after, cell: $0.cell) })
        #expect(got == Set(layout.evaluations), "missing: \(Set(layout.evaluations).subtracting(got)); extra: \(got.subtracting(Set(layout.evaluations)))")

        let summary = try await OnboardingImport.commit(plan, company: company.id, store: company.store, by: "test")
        #expect(summary.inserted >= layout.evaluations.count)
        let levels = try await company.levels()
        for evaluation in layout.evaluations {
            #expect(levels["\(evaluation.number)|\(evaluation.skill)"] == evaluation.level, "\(evaluation)")
        }
        #expect(levels.count == Set(layout.evaluations.map { "\($0.number)|\($0.skill)" }).count)
        // Recorded as Excel取込 with the file and cell as evidence.
        let stored = try await company.store.evaluations(company: company.id, employee: nil, skill: nil, state: nil)
        #expect(stored.count == layout.evaluations.count)
        #expect(stored.allSatisfy { $0.method == .import && $0.evidence.hasPrefix("xlsx:\(file)!") })
        #expect(Set(stored.map { String($0.evidence.dropFirst("xlsx:\(file)!".count)) }) == Set(layout.evaluations.map(\.cell)))
        let skills = try await company.store.skills(company: company.id, includeRetired: false)
        let categories = Dictionary(try await company.store.categories(company: company.id).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        for new in layout.newSkills {
            #expect(skills.contains { $0.name == new.name && categories[$0.categoryID] == new.category }, "\(new)")
        }

        // The same file again (the saved decisions are used): nothing changes.
        let again = try await company.plan(file)
        #expect(again.problems == [])
        #expect(again.changes.isEmpty)
        #expect(again.batches.isEmpty)
        #expect(again.unchanged == layout.evaluations.count)
        #expect(try await company.store.evaluations(company: company.id, employee: nil, skill: nil, state: nil).count == stored.count)
    }

    @Test func nextMonthsWorkbookImportsInOneStepWithTheSavedDecisions() async throws {
        let company = try await Company()
        let layout = try #require(try OnboardingFixtures.expected().layouts["merged-headers.xlsx"])
        var mapping = Self.decisions(layout)
        // The person changed one reading in the wizard (○ is 指導を受けてできる here) and added 小林 誠.
        mapping.marks[MarkLegend.key("○")] = 1
        mapping.people[OnboardingMapping.personKey(name: "小林 誠", kana: nil)] = .create
        let first = try await company.plan("merged-headers.xlsx", as: "力量表_2025年4月.xlsx", mapping: mapping)
        #expect(first.changes.contains { $0.person == "小林 誠" })
        #expect(first.changes.filter { $0.cell == "力量表!C6" }.map(\.after) == [1])  // 鈴木's ○
        _ = try await OnboardingImport.commit(first, company: company.id, store: company.store, by: "test")
        let employees = try await company.store.employees(company: company.id, filter: EmployeeFilter())
        #expect(employees.contains { $0.name == "小林 誠" || $0.name == "小林　誠" })

        // May's file: the same decisions, nothing asked.
        let next = try await company.plan("merged-headers.xlsx", as: "力量表_2025年5月 (1).xlsx")
        #expect(next.problems == [])
        #expect(next.changes.isEmpty)
        #expect(next.mapping.marks[MarkLegend.key("○")] == .some(1))
    }

    @Test(arguments: [("no-table.xlsx", OnboardingError.noTable), ("protected.xlsx", .passwordProtected), ("old-format.xls", .legacyXLS)])
    func badWorkbooksAreRefusedWithAMessageAndWriteNothing(file: String, error: OnboardingError) async throws {
        let company = try await Company()
        await #expect(throws: error) { _ = try await company.plan(file) }
        #expect(!error.japanese.isEmpty && error.japanese.unicodeScalars.contains { $0.value > 0x3000 })
        #expect(try await company.store.evaluations(company: company.id, employee: nil, skill: nil, state: nil).isEmpty)
    }

    @Test func aFiftyMegabyteFileIsRefusedBeforeItIsRead() async throws {
        let company = try await Company()
        let path = try OnboardingFixtures.directory().appendingPathComponent("big-junk.xlsx").path
        try OnboardingFixtures.generate(["--big-junk", path])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(data.count >= 50_000_000)
        await #expect(throws: OnboardingError.tooLarge(limitMB: 20)) {
            _ = try await OnboardingImport.plan(data, file: "big.xlsx", company: company.id, store: company.store, asOf: Self.asOf, evaluator: nil)
        }
    }

    /// Found by the attacker's pass: a mark no legend explains (and － and -, which fold to one
    /// key) trapped the server; one stray cell at XFD1048576 made the reader walk 17 billion places.
    @Test func unexplainedMarksAndAStrayFarCellAreHandled() throws {
        let proposal = MarkLegend.propose(marks: ["-", "－", "×", "z", "5"], legends: [], scale: .standard)
        #expect(proposal[MarkLegend.key("-")] == .some(0))
        #expect(proposal[MarkLegend.key("z")] == nil && proposal[MarkLegend.key("5")] == nil)
        var cells: [CellReference: String] = [
            CellReference(row: 2, column: 0): "氏名", CellReference(row: 2, column: 1): "図面読解",
            CellReference(row: 3, column: 0): "黒澤 修", CellReference(row: 3, column: 1): "×",
        ]
        cells[CellReference(row: 1_048_575, column: 16_383)] = "x"
        let sheet = XLSXWorkbookValues.Sheet(name: "Sheet1", cells: cells, merged: [
            CellRange(first: CellReference(row: 0, column: 0), last: CellReference(row: 63, column: 63)),
        ])
        let started = ContinuousClock.now
        let found = SkillMapLayout.find(in: XLSXWorkbookValues(sheets: [sheet]))
        #expect(ContinuousClock.now - started < .seconds(2))
        #expect(found.tables.count == 1)
        #expect(found.tables.first?.marks.map(\.cell) == ["Sheet1!B4"])
    }

    @Test func legendsReadAsTheCompanysLevels() {
        let scale = LevelScale.standard
        let proposal = MarkLegend.propose(
            marks: ["◎", "○", "△", "×", "Ａ", "3"], legends: ["凡例：◎＝指導できる　○＝一人でできる　△＝指導を受けてできる　×＝未経験", "A：改善・標準化できる"],
            scale: scale)
        #expect(proposal[MarkLegend.key("◎")] == .some(3))
        #expect(proposal[MarkLegend.key("○")] == .some(2))
        #expect(proposal[MarkLegend.key("△")] == .some(1))
        #expect(proposal[MarkLegend.key("×")] == .some(0))
        #expect(proposal[MarkLegend.key("A")] == .some(4))
        #expect(proposal[MarkLegend.key("３")] == .some(3))
        #expect(OnboardingImport.mappingName("力量表_2025年4月.xlsx") == OnboardingImport.mappingName("力量表_2025年5月 (1).xlsx"))
    }
}
