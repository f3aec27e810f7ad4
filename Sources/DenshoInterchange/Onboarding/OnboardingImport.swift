import DenshoDomain
import Foundation

/// The 力量表 onboarding wizard's steps, shared by the web and `densho import workbook`: read a
/// workbook (refusing what is not one with a message that says what to do), work out the plan
/// with the saved or given decisions, and commit it all or nothing, saving the decisions for the
/// next file of the same name.
public enum OnboardingImport {
    /// A hand-made 力量表 is well under a megabyte; 20 MB leaves room for pictures pasted into it.
    public static let maxBytes = 20 << 20

    /// The workbook's cells, or an `OnboardingError`.
    public static func workbook(_ data: Data) throws(OnboardingError) -> XLSXWorkbookValues {
        guard data.count <= maxBytes else { throw .tooLarge(limitMB: maxBytes >> 20) }
        switch XLSXWorkbookValues.kind(of: data) {
        case .passwordProtected: throw .passwordProtected
        case .legacyXLS: throw .legacyXLS
        case .other: throw .notAWorkbook
        case .xlsx: break
        }
        do {
            return try XLSXWorkbookValues(contentsOf: data)
        } catch {
            throw .unreadable("\(error)")
        }
    }

    /// The name decisions are saved under: the file's name without extension, dates and copy
    /// marks, so 「力量表_2025年4月.xlsx」 and 「力量表_2025年5月 (1).xlsx」 share one.
    public static func mappingName(_ file: String) -> String {
        var name = (file as NSString).deletingPathExtension
        name = String(name.map { $0.isNumber ? "#" : $0 })
        for noise in ["年", "月", "日", "度", "(#)", "（#）", "_", "-", " ", "\u{3000}", ".", "/"] {
            name = name.replacingOccurrences(of: noise, with: "")
        }
        name = name.replacingOccurrences(of: "#", with: "")
        let folded = TextFold.key(name)
        return folded.isEmpty ? "workbook" : folded
    }

    /// Reads `data` and works out the plan. `mapping` overrides the saved decisions for this
    /// file name (the wizard's form); without it the saved ones are used.
    public static func plan(
        _ data: Data, file: String, company: Company.ID, store: any DenshoRepository, asOf: LocalDate, evaluator: String?,
        mapping: OnboardingMapping? = nil
    ) async throws -> OnboardingPlan {
        let workbook = try workbook(data)
        let context = try await OnboardingContext.load(company: company, from: store, asOf: asOf, evaluator: evaluator)
        let found = SkillMapLayout.find(
            in: workbook, knownPeople: Set(context.employees.map { TextFold.key($0.name) }),
            knownSkills: Set(context.skills.map { TextFold.key($0.name) }))
        guard !found.tables.isEmpty else { throw OnboardingError.noTable }
        let decisions: OnboardingMapping
        if let mapping { decisions = mapping } else {
            decisions = try await store.onboardingMapping(company: company, name: mappingName(file)) ?? OnboardingMapping()
        }
        return OnboardingPlan.make(found, file: file, context: context, mapping: decisions)
    }

    /// Writes the plan (people and skills to add, then the levels) in one transaction and saves
    /// its decisions. A plan with problems is refused.
    public static func commit(_ plan: OnboardingPlan, company: Company.ID, store: any DenshoRepository, by actor: String,
                              progress: (@Sendable (Int) -> Void)? = nil) async throws -> ImportSummary {
        guard plan.canCommit else {
            throw ImportError(plan.problems.map { ImportIssue(SourcePosition(file: plan.file, line: 1), column: nil, $0, japanese: $0) })
        }
        let summary = try await store.importRecords(plan.batches, company: company, dryRun: false, by: actor, progress: progress)
        try await store.saveOnboardingMapping(plan.mapping, company: company, name: mappingName(plan.file), by: actor)
        return summary
    }
}
