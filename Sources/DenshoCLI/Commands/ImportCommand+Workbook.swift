import ArgumentParser
import DenshoDomain
import DenshoInterchange
import Foundation

extension ImportCommand {
    /// `densho import workbook FILE`: the company's own 力量表, with the decisions given as options
    /// on top of the ones saved for this file name.
    func importWorkbook(_ data: Data, name: String, context: CLIContext, company: Company) async throws {
        let evaluator = try await by.asyncMap { try await Resolver(context: context, company: company).employee($0).number }
        var mapping = try await context.store.onboardingMapping(company: company.id, name: OnboardingImport.mappingName(name))
            ?? OnboardingMapping()
        var plan: OnboardingPlan
        do {
            plan = try await OnboardingImport.plan(data, file: name, company: company.id, store: context.store, asOf: context.today,
                                                   evaluator: evaluator, mapping: mapping)
        } catch let error as OnboardingError {
            throw CLIError.message("\(name): \(error)")
        }
        mapping = plan.mapping
        for (mark, level) in try Self.pairs(marks, option: "--mark") {
            if level == "none" { mapping.marks[MarkLegend.key(mark)] = .some(nil); continue }
            guard let value = Int(level) else { throw ValidationError("--mark \(mark)=\(level): give a level number or none") }
            mapping.marks[MarkLegend.key(mark)] = value
        }
        for (person, number) in try Self.pairs(picks, option: "--pick") {
            let matching = plan.people.filter { TextFold.key($0.name) == TextFold.key(person) }
            guard !matching.isEmpty else { throw ValidationError("--pick \(person): nobody of that name is in \(name)") }
            for entry in matching { mapping.people[entry.key] = .employee(number) }
        }
        for person in adds {
            let matching = plan.people.filter { TextFold.key($0.name) == TextFold.key(person) }
            guard !matching.isEmpty else { throw ValidationError("--add \(person): nobody of that name is in \(name)") }
            for entry in matching { mapping.people[entry.key] = .create }
        }
        for (heading, choice) in try Self.pairs(skills, option: "--skill") {
            let key = TextFold.key(heading)
            mapping.skills[key] = choice == "skip" ? .skip
                : choice.hasPrefix("new:") ? .create(category: String(choice.dropFirst(4))) : .skill(choice)
        }
        // Read again only when the options decided something (the first reading is needed to
        // find the names and headings they refer to).
        if mapping != plan.mapping {
            plan = try await OnboardingImport.plan(data, file: name, company: company.id, store: context.store, asOf: context.today,
                                                   evaluator: evaluator, mapping: mapping)
        }
        report(plan)
        guard plan.canCommit else {
            for problem in plan.problems { Terminal.note("problem: \(problem)") }
            throw CLIError.message("\(name): nothing was imported; decide the problems above with --pick, --add, --mark or --skill")
        }
        if dryRun {
            print("\(name): would record \(plan.changes.count) levels (\(plan.unchanged) unchanged) (dry run: nothing was written).")
            return
        }
        let summary = try await OnboardingImport.commit(plan, company: company.id, store: context.store, by: context.actor)
        print("\(name): recorded \(plan.changes.count) levels (\(plan.unchanged) unchanged); \(summary.counts) rows. "
              + "The decisions are kept for the next file named like \(name).")
    }

    /// What the reader found, as a person checking it would want to see it.
    func report(_ plan: OnboardingPlan) {
        for table in plan.tables {
            print("table \(table.sheet)\(table.transposed ? " (skills down the rows)" : "")\(table.heading.map { " 「\($0)」" } ?? ""): "
                  + "\(table.people.count) people × \(table.skills.count) skills, \(table.marks.count) marks")
        }
        let marks = plan.marks.map { mark -> String in
            switch mark.level {
            case .some(.some(let level)): "\(mark.mark)→\(level)"
            case .some(nil): "\(mark.mark)→none"
            case nil: "\(mark.mark)→?"
            }
        }
        print("marks: " + marks.joined(separator: "  "))
        for person in plan.people where person.match != .matched || person.choice != nil {
            let candidates = person.candidates.map { "\($0.number) \($0.name)" }.joined(separator: ", ")
            let outcome = person.resolved.map { "→ \($0)" } ?? (person.choice == .skip || person.match == .unmatched ? "→ skipped" : "→ ?")
            print("person \(person.name) (\(person.cell)): \(person.match.rawValue)\(candidates.isEmpty ? "" : " [\(candidates)]") \(outcome)")
        }
        for skill in plan.skills where skill.isNew || skill.resolved == nil {
            print("skill \(skill.name) (\(skill.cell)): " + (skill.isNew ? "new, in \(skill.category ?? "未分類") as \(skill.resolved ?? "")" : "skipped"))
        }
        for change in plan.changes.prefix(40) {
            print("  \(change.cell)  \(change.number) \(change.person)  \(change.skill): \(change.before.map(String.init) ?? "-") → \(change.after)")
        }
        if plan.changes.count > 40 { print("  … and \(plan.changes.count - 40) more") }
    }

    /// `A=B` options as pairs (the first `=` splits).
    static func pairs(_ values: [String], option: String) throws -> [String: String] {
        var result: [String: String] = [:]
        for value in values {
            guard let equals = value.firstIndex(of: "=") else { throw ValidationError("\(option) takes A=B, not '\(value)'") }
            result[String(value[..<equals]).trimmingCharacters(in: .whitespaces)] =
                String(value[value.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
        }
        return result
    }
}
