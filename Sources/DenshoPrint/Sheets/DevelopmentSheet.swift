import DenshoDomain

/// 個人育成シート (A4): where one employee stands against their targets and their next grade, the
/// qualifications that need renewing, their mentor and plan, with room to write by hand.
public struct DevelopmentSheet: Sendable {
    public var company: Company
    public var employee: Employee
    public var department: String?
    public var track: CareerTrack?
    public var assessment: CareerAssessment?
    public var levels: [Skill.ID: Int]
    public var skills: [Skill]
    public var categories: [SkillCategory.ID: String]
    public var scale: LevelScale
    public var targets: [SkillTarget]
    public var held: [HeldQualification]
    public var qualificationNames: [Qualification.ID: String]
    /// The mentor's name, when one is assigned.
    public var mentor: String?
    public var printedOn: LocalDate

    public static func load(employee: Employee, company: Company, from store: any DenshoRepository, asOf: LocalDate, mentor: String? = nil)
        async throws -> DevelopmentSheet
    {
        let tracks = try await store.tracks(company: company.id)
        let track = tracks.track(of: employee)
        let levels = try await store.levels(of: employee.id, company: company.id)
        let held = try await store.heldQualifications(company: company.id, employee: employee.id)
        var mentorName = mentor
        if mentorName == nil { mentorName = try await store.activeMentor(of: employee.id, company: company.id)?.name }
        return DevelopmentSheet(
            company: company, employee: employee,
            department: try await employee.departmentID.asyncMap { id in
                try await store.departments(company: company.id).first { $0.id == id }?.name
            } ?? nil,
            track: track,
            assessment: track.map { CareerAssessment(employee: employee, track: $0, levels: levels, heldQualifications: held, asOf: asOf) },
            levels: levels, skills: try await store.skills(company: company.id, includeRetired: false),
            categories: Dictionary(uniqueKeysWithValues: try await store.categories(company: company.id).map { ($0.id, $0.name) }),
            scale: try await store.levelScale(company: company.id),
            targets: try await store.targets(company: company.id, employee: employee.id).sorted { $0.dueDate < $1.dueDate },
            held: held,
            qualificationNames: Dictionary(uniqueKeysWithValues: try await store.qualifications(company: company.id).map { ($0.id, $0.name) }),
            mentor: mentorName, printedOn: asOf)
    }

    public func render() throws -> PrintedDocument {
        let size = PageSize.a4Portrait
        let document = try PDFDocument(size: size, title: "個人育成シート \(employee.name)", author: company.name)
        var flow = PageFlow(content: SheetFrame.content(size))
        let width = flow.content.width
        flow.place(height: 28) { [employee] d, r in
            d.draw("個人育成シート", in: r, .title)
            d.draw("\(employee.name)（\(employee.number)）", in: r.inset(dx: 0, dy: 4), TextStyle(size: 13, bold: true, alignment: .right))
        }
        placeFacts(into: &flow)
        flow.space(8)
        section("次の等級への道のり", &flow)
        for line in nextGradeLines {
            flow.place(height: document.height(of: line.text, line.style, width: width - 8) + 3) { d, r in
                d.draw(line.text, in: r.inset(dx: 4, dy: 0), line.style)
            }
        }
        flow.space(8)
        section("スキルの現状と目標", &flow)
        skillTable.place(into: &flow, measuringWith: document)
        flow.space(8)
        section("資格", &flow)
        if held.isEmpty {
            flow.place(height: 14) { d, r in d.draw("登録された資格はありません", in: r, TextStyle.small.colored(.muted)) }
        } else {
            qualificationTable.place(into: &flow, measuringWith: document)
        }
        flow.space(8)
        section("育成計画", &flow)
        if !targets.isEmpty { planTable.place(into: &flow, measuringWith: document) }
        for title in ["本人の取り組み・振り返り", "上長・メンターからのコメント"] {
            flow.space(4)
            flow.place(height: Length.mm(24)) { d, r in
                d.stroke(r)
                d.draw(title, in: r.inset(3), .label)
                for line in 1...3 {
                    let y = r.y + r.height * Double(line) / 4 + 2
                    d.line(from: (r.x + 4, y), to: (r.maxX - 4, y), .faint)
                }
            }
        }
        flow.space(6)
        flow.place(height: Length.mm(20)) { d, r in
            // 判子欄: who has read and agreed, as the sheet is filed on paper.
            let box = Length.mm(18)
            for (index, role) in ["人事", "上長", "本人"].enumerated() {
                let rect = Rect(x: r.maxX - box * Double(index + 1), y: r.y, width: box, height: box)
                d.stroke(rect)
                d.draw(role, in: Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: 9), TextStyle.tiny.aligned(.center))
                d.line(from: (rect.x, rect.y + 10), to: (rect.maxX, rect.y + 10), .faint)
            }
        }
        let frame = SheetFrame(title: "個人育成シート", company: company.name, printedOn: printedOn, reference: "社員番号 \(employee.number)")
        flow.render(into: document) { d, page, pages in frame.draw(d, page: page, of: pages) }
        return try document.finish()
    }

    private func section(_ title: String, _ flow: inout PageFlow) {
        if flow.remaining < 60 { flow.newPage() }
        flow.place(height: 20) { d, r in
            d.draw(title, in: r, .heading)
            d.line(from: (r.x, r.maxY - 3), to: (r.maxX, r.maxY - 3), .accent, width: 0.8)
        }
    }

    private var facts: [(String, String)] {
        let service = employee.serviceYears(on: printedOn)
        let grade = assessment?.currentGrade
        return [
            ("氏名", employee.name + (employee.kana.isEmpty ? "" : "（\(employee.kana)）")),
            ("所属", [department, employee.position.isEmpty ? nil : employee.position].compactMap { $0 }.joined(separator: "　")),
            ("入社日", "\(employee.hireDate.japanese)（勤続\(service)年）"),
            ("等級", grade.map { "\($0.code) \($0.name)" + (track.map { "（\($0.name)）" } ?? "") } ?? "未設定"),
            ("次の等級", assessment?.nextGrade.map { "\($0.code) \($0.name)（目安 \($0.typicalYears)年目）" } ?? "最上位の等級です"),
            ("メンター", mentor ?? "未設定"),
        ]
    }

    private func placeFacts(into flow: inout PageFlow) {
        let rows = (facts.count + 1) / 2
        flow.place(height: Double(rows) * 18) { [facts] d, r in
            let half = r.width / 2
            for (index, fact) in facts.enumerated() {
                let cell = Rect(x: r.x + half * Double(index % 2), y: r.y + 18 * Double(index / 2), width: half, height: 18)
                d.fill(Rect(x: cell.x, y: cell.y, width: 52, height: cell.height), .headerFill)
                d.stroke(cell)
                d.draw(fact.0, in: Rect(x: cell.x + 3, y: cell.y, width: 46, height: cell.height), .label, centeredVertically: true)
                d.drawFitted(fact.1, in: Rect(x: cell.x + 56, y: cell.y + 1, width: cell.width - 59, height: cell.height - 2),
                             TextStyle(size: 9.5, minimumSize: 6))
            }
        }
    }

    private var skillNames: [Skill.ID: Skill] { Dictionary(uniqueKeysWithValues: skills.map { ($0.id, $0) }) }

    private var nextGradeLines: [(text: String, style: TextStyle)] {
        guard let assessment, let next = assessment.nextGrade else {
            return [(track == nil ? "キャリアパスが設定されていません" : "最上位の等級に到達しています", .body)]
        }
        let gap = assessment.gaps(for: next)
        if gap.isEligible {
            return [("「\(next.name)」の要件をすべて満たしています。昇格の検討対象です。", TextStyle(size: 9.5, bold: true, color: .accent))]
        }
        var lines: [(String, TextStyle)] = [("「\(next.name)」まで、あと次のことが必要です：", .body)]
        for skillGap in gap.skillGaps {
            let name = skillNames[skillGap.skillID]?.name ?? "?"
            lines.append(("・\(name)：現在 Lv\(skillGap.current) → 必要 Lv\(skillGap.required)", TextStyle.body.colored(.warning)))
        }
        for id in gap.missingQualifications {
            lines.append(("・資格「\(qualificationNames[id] ?? "?")」の取得", TextStyle.body.colored(.warning)))
        }
        if gap.yearsShort > 0 { lines.append(("・目安の勤続年数まであと\(gap.yearsShort)年", TextStyle.body.colored(.muted))) }
        return lines
    }

    private var skillTable: Table {
        let required = Dictionary(
            (assessment?.nextGrade?.requiredSkills ?? []).map { ($0.skillID, $0.level) }, uniquingKeysWith: max)
        let targetBySkill = Dictionary(grouping: targets, by: \.skillID)
        var table = Table(columns: [
            .init("カテゴリ", weight: 2, style: .small), .init("スキル", weight: 4, style: .small),
            .init("現在", weight: 1.6, style: TextStyle(size: 8.5, alignment: .center)),
            .init("次の等級", weight: 1.4, style: TextStyle(size: 8.5, alignment: .center)),
            .init("個人目標（期限）", weight: 2.6, style: .small), .init("状況", weight: 1.6, style: .small),
        ])
        let shown = skills.filter { (levels[$0.id] ?? 0) > 0 || required[$0.id] != nil || targetBySkill[$0.id] != nil }
        for skill in shown {
            let level = levels[skill.id] ?? 0
            let need = required[skill.id]
            let target = targetBySkill[skill.id]?.first { $0.level > level } ?? targetBySkill[skill.id]?.last
            var status = ""
            var statusStyle = TextStyle.small
            if let need, level < need {
                status = "不足 \(need - level)"
                statusStyle = TextStyle(size: 8, bold: true, color: .warning)
            } else if let target, level < target.level, target.dueDate < printedOn {
                status = "期限超過"
                statusStyle = TextStyle(size: 8, bold: true, color: .warning)
            } else if let target, level >= target.level {
                status = "目標達成"
            }
            table.append([
                .text(categories[skill.categoryID] ?? ""), .text("\(skill.code) \(skill.name)"),
                .styled("\(scale.symbol(level)) \(level)", TextStyle(size: 8.5, color: LevelPalette.text(level), alignment: .center),
                        fill: LevelPalette.fill(level)),
                .text(need.map { "Lv\($0)" } ?? "—"),
                .text(target.map { "Lv\($0.level)（\($0.dueDate.slashed)）" } ?? "—"),
                .styled(status, statusStyle, fill: nil),
            ])
        }
        if shown.isEmpty { table.append([.text(""), .text("評価されたスキルはまだありません"), .text(""), .text(""), .text(""), .text("")]) }
        return table
    }

    private var qualificationTable: Table {
        var table = Table(columns: [
            .init("資格", weight: 5, style: .small), .init("取得日", weight: 2, style: .small),
            .init("有効期限", weight: 2, style: .small), .init("状況", weight: 2, style: .small),
        ])
        let expiring = Dictionary(uniqueKeysWithValues: ExpiryReport.expiring(held, asOf: printedOn).map { ($0.held.id, $0) })
        for item in held.sorted(by: { $0.acquiredOn < $1.acquiredOn }) {
            let soon = expiring[item.id]
            table.append([
                .text(qualificationNames[item.qualificationID] ?? "?"), .text(item.acquiredOn.slashed),
                .text(item.expiresOn?.slashed ?? "無期限"),
                .styled(soon.map { $0.bucket == .expired ? "期限切れ" : "更新 \($0.bucket.label)" } ?? "有効",
                        soon == nil ? .small : TextStyle(size: 8, bold: true, color: .warning), fill: nil),
            ])
        }
        return table
    }

    private var planTable: Table {
        var table = Table(columns: [
            .init("期限", weight: 1.6, style: .small), .init("スキル", weight: 3.5, style: .small),
            .init("目標", weight: 1.2, style: .small), .init("メモ", weight: 4.5, style: .small),
        ])
        for target in targets {
            let skill = skillNames[target.skillID]
            table.append([
                .text(target.dueDate.slashed), .text(skill.map { "\($0.code) \($0.name)" } ?? "?"),
                .text("Lv\(target.level) \(scale.definition(target.level)?.label ?? "")"), .text(target.note),
            ])
        }
        return table
    }
}
