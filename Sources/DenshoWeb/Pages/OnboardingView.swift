import DenshoDomain
import DenshoInterchange
import Foundation

/// The wizard's plan page, made from an `OnboardingPlan`: the tables found, a select per mark,
/// per person to decide and per new skill (named as `OnboardingDecisions` reads them back), the
/// cells that change and the problems left.
struct OnboardingView {
    struct Choice { var value: String; var label: String; var selected: Bool }
    struct Group { var label: String; var options: [Choice] }
    struct TableRow { var sheet: String; var heading: String; var people: String; var skills: String }
    struct MarkRow { var index: Int; var mark: String; var count: String; var aria: String; var options: [Choice] }
    struct PersonRow {
        var index: Int; var name: String; var reading: String?; var cell: String; var department: String; var ambiguous: Bool
        var state: String; var aria: String; var options: [Choice]
    }
    struct SkillRow {
        var index: Int; var name: String; var cell: String; var category: String; var aria: String
        var create: Choice; var groups: [Group]; var skip: Choice
    }
    struct ChangeRow { var cell: String; var number: String; var person: String; var skill: String; var before: String; var after: String }

    /// The rows each kind of record adds, from the batches the plan would write.
    struct Counts {
        var people = 0, skills = 0, levels = 0

        init(_ plan: OnboardingPlan) {
            for batch in plan.batches {
                switch batch {
                case .employees(let rows): people = rows.count
                case .skills(let rows): skills = rows.count
                case .evaluations(let rows): levels = rows.count
                }
            }
        }
    }

    /// The preview shows at most this many changed cells (the page says how many more there are).
    static let shownChanges = 500

    let plan: OnboardingPlan
    let scale: LevelScale
    /// The catalogue, for mapping a heading onto a skill the company already has.
    let skills: [Skill]
    let categories: [SkillCategory]
    let departments: [Department]
    /// Employees a saved decision names who are not among a person's candidates.
    let chosen: [String: Employee]
    let language: Language

    func data(token: String, upload: OnboardingUploads.Upload) -> [String: Any] {
        let counts = Counts(plan)
        let changes: [ChangeRow] = plan.changes.prefix(Self.shownChanges).map { change in
            ChangeRow(cell: change.cell, number: change.number, person: change.person, skill: change.skill,
                      before: change.before.map(scale.symbol) ?? "—", after: scale.symbol(change.after))
        }
        let people: [PersonRow] = plan.people.enumerated().filter { $0.element.match != .matched }.map { personRow($0.offset, $0.element) }
        let headings: [SkillRow] = plan.skills.enumerated().filter { $0.element.existing == nil || $0.element.choice != nil }.map { skillRow($0.offset, $0.element) }
        let tables: [TableRow] = plan.tables.map { table in
            TableRow(sheet: table.sheet, heading: table.heading ?? "", people: fill("obPeopleCount", ["n": table.people.count]),
                     skills: fill("obSkillCount", ["n": table.skills.count]))
        }
        let marks: [MarkRow] = plan.marks.enumerated().map { markRow($0.offset, $0.element) }
        let summary = fill("obCounts", ["changes": plan.changes.count, "unchanged": plan.unchanged, "people": counts.people, "skills": counts.skills])
        var view: [String: Any] = [
            "token": token, "file": upload.file, "remembered": upload.remembered, "tables": tables, "marks": marks, "hasMarks": !marks.isEmpty,
            "people": people, "hasPeople": !people.isEmpty, "skills": headings, "hasSkills": !headings.isEmpty, "counts": summary,
            "changes": changes, "hasChanges": !changes.isEmpty, "problems": plan.problems, "hasProblems": !plan.problems.isEmpty,
            "canCommit": plan.canCommit,
        ]
        if plan.changes.count > Self.shownChanges {
            view["more"] = fill("obMore", ["n": plan.changes.count - Self.shownChanges, "max": Self.shownChanges])
        }
        return view
    }

    func markRow(_ index: Int, _ mark: OnboardingPlan.MarkReading) -> MarkRow {
        var options = scale.levels.map { level in
            Choice(value: String(level.level), label: "\(level.symbol) \(level.label)", selected: mark.level == .some(.some(level.level)))
        }
        options.append(Choice(value: OnboardingDecisions.noEvaluation, label: language.text("obNoEvaluation"), selected: mark.level == .some(nil)))
        if mark.level == nil { options.insert(Choice(value: "", label: language.text("obChoose"), selected: true), at: 0) }
        return MarkRow(index: index, mark: mark.mark, count: fill("obMarkCount", ["n": mark.count]),
                       aria: fill("obMarkFor", ["mark": mark.mark]), options: options)
    }

    func personRow(_ index: Int, _ person: OnboardingPlan.Person) -> PersonRow {
        let choice = person.choice
        var options = person.candidates.map { candidate in
            Choice(value: OnboardingDecisions.employee + candidate.number, label: label(candidate), selected: choice == .employee(candidate.number))
        }
        if case .employee(let number)? = choice, !person.candidates.contains(where: { $0.number == number }) {
            options.append(Choice(value: OnboardingDecisions.employee + number, label: chosen[number].map(label) ?? number, selected: true))
        }
        if person.match == .unmatched {
            options.append(Choice(value: OnboardingDecisions.create, label: language.text("obAdd"), selected: choice == .create))
        }
        // Someone not found is left out unless added; someone found twice must be chosen.
        options.append(Choice(value: OnboardingDecisions.skip, label: language.text("obSkip"),
                              selected: choice == .skip || (choice == nil && person.match == .unmatched)))
        if choice == nil, person.match == .ambiguous { options.insert(Choice(value: "", label: language.text("obChoose"), selected: true), at: 0) }
        let state = person.match == .ambiguous ? fill("obSameName", ["n": person.candidates.count]) : language.text("obNotFound")
        return PersonRow(index: index, name: person.name, reading: person.reading.flatMap { $0.isEmpty ? nil : $0 }, cell: person.cell, department: person.department ?? "",
                         ambiguous: person.match == .ambiguous, state: state, aria: fill("obDecisionFor", ["name": person.name]), options: options)
    }

    func skillRow(_ index: Int, _ heading: OnboardingPlan.SkillHeading) -> SkillRow {
        var category = heading.category ?? ""
        var creating = false
        switch heading.choice {
        case .create(let typed)?: category = typed; creating = true
        case nil: creating = heading.isNew
        default: break
        }
        let groups = categories.map { group in
            Group(label: group.name, options: skills.filter { $0.categoryID == group.id }.map { skill in
                Choice(value: OnboardingDecisions.skill + skill.code, label: "\(skill.code) \(skill.name)", selected: heading.choice == .skill(skill.code))
            })
        }.filter { !$0.options.isEmpty }
        return SkillRow(index: index, name: heading.name, cell: heading.cell, category: category, aria: fill("obDecisionFor", ["name": heading.name]),
                        create: Choice(value: OnboardingDecisions.create, label: language.text("obAdd"), selected: creating),
                        groups: groups, skip: Choice(value: OnboardingDecisions.skip, label: language.text("obSkip"), selected: heading.choice == .skip))
    }

    /// 「1008・中村　優・ナカムラ　ユウ・製造部」: enough to tell two people of one name apart.
    func label(_ employee: Employee) -> String {
        let department = employee.departmentID.flatMap { id in departments.first { $0.id == id }?.name }
        return ([employee.number, employee.name, employee.kana, department ?? ""]).filter { !$0.isEmpty }.joined(separator: "・")
    }

    func fill(_ key: String, _ values: [String: Any]) -> String {
        Self.fill(language.text(key), values)
    }

    /// The table's text with each `{name}` replaced.
    static func fill(_ text: String, _ values: [String: Any]) -> String {
        values.reduce(text) { text, pair in text.replacingOccurrences(of: "{\(pair.key)}", with: "\(pair.value)") }
    }
}
