import DenshoDomain
import Foundation

/// The 力量表 grid as HTML: employees down, skills across (grouped by category), level symbols
/// coloured by level, targets marked. Built in Swift because a 200 × 300 department is 60,000
/// cells; every text passes through `HTML.escape`.
struct SkillMapGrid {
    let matrix: SkillMatrix
    let scale: LevelScale
    /// Target level per employee and skill (the latest target).
    let targets: [Employee.ID: [Skill.ID: Int]]
    /// Current levels whose check ran out (recertification): shown struck through, not hidden.
    var expired: [Employee.ID: Set<Skill.ID>] = [:]
    /// Rows whose cells link to the cell page (evaluate, self-assess or just view history).
    let clickable: (Employee) -> Bool

    /// Compact markup: a 200 × 300 department is 60,000 cells, so a cell is only its class and
    /// symbol. Rows carry the employee id and header cells the skill id; the page's script turns a
    /// click on a cell of an open row into the cell page (`/skillmap/cell?employee=…&skill=…`).
    func html() -> String {
        var out = "<table class=\"grid\"><thead><tr><th class=\"corner\" rowspan=\"2\"></th>"
        var groups: [(name: String, count: Int)] = []
        for skill in matrix.skills {
            let name = matrix.category(of: skill)?.name ?? ""
            if groups.last?.name == name { groups[groups.count - 1].count += 1 } else { groups.append((name, 1)) }
        }
        for group in groups { out += "<th class=\"cat\" colspan=\"\(group.count)\">\(HTML.escape(group.name))</th>" }
        out += "</tr><tr>"
        for skill in matrix.skills {
            out += "<th class=\"skill\" data-s=\"\(skill.id)\" title=\"\(HTML.escape(skill.code))\"><span>\(HTML.escape(skill.name))</span></th>"
        }
        out += "</tr></thead><tbody>"
        let symbols = Dictionary(uniqueKeysWithValues: scale.levels.map { ($0.level, HTML.escape($0.symbol)) })
        for employee in matrix.employees {
            let open = clickable(employee)
            out += open
                ? "<tr class=\"open\" data-e=\"\(employee.id)\"><th class=\"name\"><a href=\"/employees/\(employee.id)\">\(HTML.escape(employee.name))</a></th>"
                : "<tr data-e=\"\(employee.id)\"><th class=\"name\">\(HTML.escape(employee.name))</th>"
            let levels = matrix.levels[employee.id] ?? [:]
            let goals = targets[employee.id] ?? [:]
            let lapsed = expired[employee.id] ?? []
            for skill in matrix.skills {
                let level = levels[skill.id] ?? 0
                let symbol = symbols[level] ?? String(level)
                if !lapsed.isEmpty, lapsed.contains(skill.id) {
                    // The grid is cached for every language: the title says it in both.
                    let goal = goals[skill.id].map { $0 > level ? "<sup>\($0)</sup>" : "" } ?? ""
                    out += "<td class=\"l\(level) expired\" title=\"期限切れ (expired)\"><s aria-label=\"\(symbol) 期限切れ (expired)\">\(symbol)</s>\(goal)</td>"
                } else if let goal = goals[skill.id], goal > level {
                    out += "<td class=\"l\(level) below\">\(symbol)<sup>\(goal)</sup></td>"
                } else {
                    out += "<td class=l\(level)>\(symbol)</td>"
                }
            }
            out += "</tr>"
        }
        out += "</tbody></table>"
        return out
    }
}
