import DenshoDomain
import Foundation

/// What importing a company's own 力量表 workbook would do, worked out before anything is written:
/// each person found and who they are in the company, each skill heading and the catalogue skill
/// (or the new one), how each mark reads, and every cell that changes a level. A plan with
/// `problems` cannot be committed; otherwise `batches` go to the store in one transaction.
public struct OnboardingPlan: Sendable {
    public enum Match: String, Sendable { case matched, ambiguous, unmatched }

    public struct Person: Sendable {
        public var key: String
        public var name: String
        public var reading: String?
        public var number: String?
        public var cell: String
        public var department: String?
        public var match: Match
        /// Company people it may be (the one matched, or the ambiguous ones).
        public var candidates: [Employee]
        public var choice: OnboardingMapping.PersonChoice?
        /// The 社員番号 its marks are recorded for; nil when skipped or undecided.
        public var resolved: String?
    }

    public struct SkillHeading: Sendable {
        public var key: String
        public var name: String
        public var category: String?
        public var cell: String
        /// The catalogue skill with this name.
        public var existing: Skill?
        public var choice: OnboardingMapping.SkillChoice?
        /// The code its marks are recorded for; nil when skipped.
        public var resolved: String?
        public var isNew: Bool
    }

    public struct MarkReading: Sendable {
        public var mark: String
        public var key: String
        public var count: Int
        /// nil: not decided yet (a problem); .some(nil): read as no evaluation.
        public var level: Int??
    }

    public struct Change: Sendable {
        public var cell: String
        public var number: String
        public var person: String
        public var skill: String
        public var before: Int?
        public var after: Int
    }

    public var file: String
    public var tables: [FoundTable]
    public var people: [Person]
    public var skills: [SkillHeading]
    public var marks: [MarkReading]
    public var changes: [Change]
    /// Cells that record nothing new (the same level as now).
    public var unchanged: Int
    public var problems: [String]
    /// The decisions in effect: the saved or given ones and the proposals, to save after a commit.
    public var mapping: OnboardingMapping
    public var batches: [ImportBatch]

    public var canCommit: Bool { problems.isEmpty }

    /// Works out the plan for `found` in `context` with the decisions of `mapping` (saved or
    /// made in the wizard); what `mapping` does not decide is proposed.
    public static func make(_ found: SkillMapLayout.Found, file: String, context: OnboardingContext, mapping given: OnboardingMapping)
        -> OnboardingPlan
    {
        var mapping = given
        var problems: [String] = []

        // Marks: the given reading, else the legend's proposal.
        // A sheet repeats a few marks thousands of times: each text is folded once.
        var markKeys: [String: String] = [:]
        func markKey(_ text: String) -> String {
            if let key = markKeys[text] { return key }
            let key = MarkLegend.key(text)
            markKeys[text] = key
            return key
        }
        var counts: [String: (mark: String, count: Int)] = [:]
        for table in found.tables {
            for mark in table.marks {
                counts[markKey(mark.text), default: (mark.text, 0)].count += 1
            }
        }
        let proposed = MarkLegend.propose(marks: Set(counts.values.map(\.mark)), legends: found.legends, scale: context.scale)
        var marks: [MarkReading] = []
        for (key, entry) in counts.sorted(by: { $0.key < $1.key }) {
            var level: Int?? = mapping.marks[key]
            if level == nil, let guess = proposed[key] {
                level = guess
                mapping.marks[key] = guess
            }
            if case .some(.some(let value)) = level, !context.scale.contains(value) {
                problems.append("「\(entry.mark)」をレベル\(value)にできません(\(context.scale.range.lowerBound)〜\(context.scale.range.upperBound))")
                level = nil
            }
            if level == nil { problems.append("記号「\(entry.mark)」(\(entry.count)個)をどのレベルとして読むか選んでください") }
            marks.append(MarkReading(mark: entry.mark, key: key, count: entry.count, level: level))
        }

        // Skills: by folded name (or code) in the catalogue; the rest created in their heading's category.
        var byName: [String: Skill] = [:]
        for skill in context.skills {
            byName[TextFold.key(skill.name)] = byName[TextFold.key(skill.name)] ?? skill
            byName[TextFold.key(skill.code)] = byName[TextFold.key(skill.code)] ?? skill
        }
        var codes = Set(context.skills.map(\.code))
        var headings: [String: Int] = [:]
        var skills: [SkillHeading] = []
        var newSkills: [SkillRecord] = []
        for table in found.tables {
            for skill in table.skills where headings[TextFold.key(skill.name)] == nil {
                let key = TextFold.key(skill.name)
                headings[key] = skills.count
                let existing = byName[key]
                var heading = SkillHeading(key: key, name: skill.name, category: skill.category, cell: skill.cell, existing: existing,
                                           choice: mapping.skills[key], resolved: existing?.code, isNew: false)
                // Created by an earlier import of this workbook: it is in the catalogue now.
                if case .create? = heading.choice, existing != nil { heading.choice = nil }
                // Not in the catalogue and not decided: added, in the category of its heading.
                if heading.choice == nil, existing == nil { heading.choice = .create(category: skill.category ?? "未分類") }
                switch heading.choice {
                case .skill(let code)?:
                    heading.resolved = context.skills.first { $0.code == code }?.code
                    if heading.resolved == nil { problems.append("技能コード「\(code)」はありません(\(skill.cell))") }
                case .skip?:
                    heading.resolved = nil
                case .create(let category)?:
                    let code = Self.newCode(&codes)
                    heading.resolved = code
                    heading.isNew = true
                    newSkills.append(SkillRecord(source: SourcePosition(file: "\(file)!\(skill.cell)", line: 1),
                                                 category: category.isEmpty ? "未分類" : category, code: code, name: skill.name))
                case nil:
                    break
                }
                skills.append(heading)
            }
        }

        // People: by 社員番号, else by folded name (and reading when the sheet has one).
        let departmentNames = context.departments.map(\.name).sorted { $0.count > $1.count }
        var numbers = Set(context.employees.map(\.number))
        var peopleByName: [String: [Employee]] = [:]
        for employee in context.employees { peopleByName[TextFold.key(employee.name), default: []].append(employee) }
        var people: [Person] = []
        var personIndex: [String: Int] = [:]
        var newPeople: [EmployeeRecord] = []
        var tablePeople: [[Int]] = []
        for table in found.tables {
            let department = departmentNames.first { name in
                table.sheet.contains(name) || (table.heading?.contains(name) ?? false)
            }
            var indices: [Int] = []
            for person in table.people {
                let key = person.number.map { "#" + $0 } ?? OnboardingMapping.personKey(name: person.name, kana: person.reading)
                if let known = personIndex[key] {
                    indices.append(known)
                    continue
                }
                var entry = Person(key: key, name: person.name, reading: person.reading, number: person.number, cell: person.cell,
                                   department: department, match: .unmatched, candidates: [], choice: mapping.people[key], resolved: nil)
                if let number = person.number {
                    entry.candidates = context.employees.filter { Self.sameNumber($0.number, number) }
                } else {
                    entry.candidates = peopleByName[TextFold.key(person.name)] ?? []
                    if let reading = person.reading, entry.candidates.count > 1 {
                        let narrowed = entry.candidates.filter { TextFold.readingKey($0.kana) == TextFold.readingKey(reading) }
                        if !narrowed.isEmpty { entry.candidates = narrowed }
                    }
                }
                entry.match = entry.candidates.count == 1 ? .matched : entry.candidates.isEmpty ? .unmatched : .ambiguous
                // Added by an earlier import of this workbook: found by name now.
                if case .create? = entry.choice, entry.match == .matched { entry.choice = nil }
                switch entry.choice {
                case .employee(let number)?:
                    entry.resolved = context.employees.first { $0.number == number }?.number
                    if entry.resolved == nil { problems.append("社員番号「\(number)」の人はいません(\(person.cell))") }
                case .skip?:
                    break
                case .create?:
                    let number = person.number.flatMap { numbers.contains($0) ? nil : $0 } ?? Self.newNumber(&numbers)
                    numbers.insert(number)
                    entry.resolved = number
                    newPeople.append(EmployeeRecord(
                        source: SourcePosition(file: "\(file)!\(person.cell)", line: 1), number: number, name: RosterText.name(person.name),
                        kana: person.reading.map(RosterText.kana) ?? "", hireDate: context.asOf, department: department))
                case nil:
                    switch entry.match {
                    case .matched: entry.resolved = entry.candidates[0].number
                    case .ambiguous:
                        problems.append("「\(person.name)」(\(person.cell))は\(entry.candidates.count)人います。どの人か選んでください")
                    case .unmatched: break  // listed; skipped unless the person chooses to add them
                    }
                }
                personIndex[key] = people.count
                indices.append(people.count)
                people.append(entry)
            }
            tablePeople.append(indices)
        }

        // Levels: every mark of a resolved person and skill that reads as a level and differs from now.
        let employeesByNumber = Dictionary(context.employees.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        let skillsByCode = Dictionary(context.skills.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        let readings = Dictionary(marks.map { ($0.key, $0.level) }, uniquingKeysWith: { first, _ in first })
        var seen: [String: (level: Int, cell: String)] = [:]
        var changes: [Change] = []
        var evaluations: [EvaluationRecord] = []
        var unchanged = 0
        for (tableIndex, table) in found.tables.enumerated() {
            let tableHeadings = table.skills.map { headings[TextFold.key($0.name)].map { skills[$0] } }
            for mark in table.marks {
                let person = people[tablePeople[tableIndex][mark.person]]
                guard let number = person.resolved,
                      let heading = tableHeadings[mark.skill],
                      let code = heading.resolved,
                      case .some(.some(.some(let level))) = readings[markKey(mark.text)]
                else { continue }
                let pair = number + "|" + code
                if let first = seen[pair] {
                    if first.level != level {
                        problems.append("\(person.name)の「\(heading.name)」が \(first.cell) と \(mark.cell) で違います")
                    }
                    continue
                }
                seen[pair] = (level, mark.cell)
                let before = employeesByNumber[number].flatMap { employee in skillsByCode[code].flatMap { context.levels[employee.id]?[$0.id] } }
                if before == level {
                    unchanged += 1
                    continue
                }
                changes.append(Change(cell: mark.cell, number: number, person: person.name, skill: heading.name, before: before, after: level))
                evaluations.append(EvaluationRecord(
                    source: SourcePosition(file: "\(file)!\(table.sheet)", line: mark.line), employeeNumber: number, skillCode: code,
                    level: level, evaluatedOn: context.asOf, evaluatorNumber: context.evaluator, kind: .supervisor, state: .approved,
                    note: "Excel取込 \(file) \(mark.cell)", evidence: .workbookCell("\(file)!\(mark.cell)")))
            }
        }
        // A new skill nobody gets a level in is not added (every person on its column left out).
        let used = Set(evaluations.map(\.skillCode))
        newSkills.removeAll { !used.contains($0.code) }
        for index in skills.indices where skills[index].isNew && !used.contains(skills[index].resolved ?? "") {
            skills[index].isNew = false
            skills[index].resolved = nil
        }
        var batches: [ImportBatch] = []
        if !newPeople.isEmpty { batches.append(.employees(newPeople)) }
        if !newSkills.isEmpty { batches.append(.skills(newSkills)) }
        if !evaluations.isEmpty { batches.append(.evaluations(evaluations)) }
        for person in people { if let choice = person.choice { mapping.people[person.key] = choice } }
        for skill in skills { if let choice = skill.choice { mapping.skills[skill.key] = choice } }
        return OnboardingPlan(file: file, tables: found.tables, people: people, skills: skills, marks: marks, changes: changes,
                              unchanged: unchanged, problems: problems, mapping: mapping, batches: batches)
    }

    /// `0012` and `12` are one 社員番号 when both are numbers (Excel drops leading zeros).
    static func sameNumber(_ stored: String, _ read: String) -> Bool {
        if stored == read { return true }
        guard let a = Int(stored), let b = Int(read) else { return false }
        return a == b
    }

    /// The next free number above the company's largest numeric 社員番号.
    static func newNumber(_ used: inout Set<String>) -> String {
        var next = (used.compactMap { Int($0) }.max() ?? 0) + 1
        while used.contains(String(next)) { next += 1 }
        used.insert(String(next))
        return String(next)
    }

    /// `XL-001`, `XL-002` …: codes for skills added from a workbook (renamable later).
    static func newCode(_ used: inout Set<String>) -> String {
        var next = 1
        while used.contains(String(format: "XL-%03d", next)) { next += 1 }
        let code = String(format: "XL-%03d", next)
        used.insert(code)
        return code
    }
}
