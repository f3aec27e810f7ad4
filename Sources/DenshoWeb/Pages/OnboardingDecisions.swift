import DenshoDomain
import DenshoInterchange
import Foundation

/// The wizard's form read back into decisions. Fields are numbered by the plan's arrays (`m3` is
/// `plan.marks[3]`, `p2` with `plan.people[2]`, `s0` and its category `sc0` with `plan.skills[0]`):
/// the arrays follow the workbook alone, so the same upload numbers them the same way on every
/// step. A field the form did not send leaves that decision as it was.
enum OnboardingDecisions {
    /// Option values: a level's number, `none` (read as no evaluation), `create`, `skip`,
    /// `e:<社員番号>` and `k:<skill code>`; an empty value withdraws a decision.
    static let noEvaluation = "none", create = "create", skip = "skip", employee = "e:", skill = "k:"

    static func mapping(_ form: FormFields, plan: OnboardingPlan) -> OnboardingMapping {
        var mapping = plan.mapping
        for (index, mark) in plan.marks.enumerated() {
            switch form["m\(index)"] {
            case nil: continue
            case ""?: mapping.marks.removeValue(forKey: mark.key)
            case noEvaluation?: mapping.marks.updateValue(nil, forKey: mark.key)
            case let value?: if let level = Int(value) { mapping.marks.updateValue(level, forKey: mark.key) }
            }
        }
        for (index, person) in plan.people.enumerated() {
            switch form["p\(index)"] {
            case nil: continue
            case ""?: mapping.people.removeValue(forKey: person.key)
            case create?: mapping.people[person.key] = .create
            case skip?: mapping.people[person.key] = .skip
            case let value? where value.hasPrefix(employee): mapping.people[person.key] = .employee(String(value.dropFirst(employee.count)))
            case _?: continue
            }
        }
        for (index, heading) in plan.skills.enumerated() {
            switch form["s\(index)"] {
            case nil: continue
            case create?:
                let typed = form["sc\(index)"].map { String($0.trimmingCharacters(in: .whitespacesAndNewlines).prefix(100)) } ?? ""
                mapping.skills[heading.key] = .create(category: typed.isEmpty ? heading.category ?? "" : typed)
            case skip?: mapping.skills[heading.key] = .skip
            case let value? where value.hasPrefix(skill): mapping.skills[heading.key] = .skill(String(value.dropFirst(skill.count)))
            case _?: continue
            }
        }
        return mapping
    }
}
