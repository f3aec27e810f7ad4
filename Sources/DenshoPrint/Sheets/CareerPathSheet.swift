import DenshoDomain

/// The recruiting sheet (A4) for one career track: the ladder from new hire to the top grade with
/// typical years, the skills and qualifications each grade asks for, what the company supports,
/// stories employees agreed to share (without their names) and a QR code to the recruiting page.
public struct CareerPathSheet: Sendable {
    public var company: Company
    public var track: CareerTrack
    public var skills: [Skill.ID: Skill]
    public var qualifications: [Qualification.ID: Qualification]
    public var scale: LevelScale
    public var settings: CompanySettings
    /// (byline, text) of consented stories, already anonymized.
    public var stories: [(byline: String, text: String)]
    /// Current employees per grade, a sign that the ladder is walked.
    public var headcount: [Grade.ID: Int]
    public var printedOn: LocalDate

    /// Gathers the sheet's content. Unknown track names fail with the names there are.
    public static func load(track name: String, company: Company, from store: any DenshoRepository, asOf: LocalDate)
        async throws -> CareerPathSheet
    {
        let tracks = try await store.tracks(company: company.id)
        guard let track = tracks.first(where: { $0.name == name }) else {
            throw PrintError.notFound("unknown career track '\(name)'; the company has: \(tracks.map(\.name).joined(separator: ", "))")
        }
        let employees = try await store.employees(company: company.id, filter: EmployeeFilter(activeOn: asOf))
        let byID = Dictionary(uniqueKeysWithValues: employees.map { ($0.id, $0) })
        var stories: [(String, String)] = []
        for story in try await store.stories(company: company.id, consentedOnly: true) {
            guard let employee = byID[story.employeeID] else { continue }  // former staff are not quoted
            let grade = employee.gradeID.flatMap { id in tracks.flatMap(\.grades).first { $0.id == id } }
            stories.append((EmployeeStory.byline(for: employee, grade: grade, asOf: asOf), story.text))
        }
        return CareerPathSheet(
            company: company, track: track,
            skills: Dictionary(uniqueKeysWithValues: try await store.skills(company: company.id, includeRetired: true).map { ($0.id, $0) }),
            qualifications: Dictionary(uniqueKeysWithValues: try await store.qualifications(company: company.id).map { ($0.id, $0) }),
            scale: try await store.levelScale(company: company.id), settings: try await store.settings(company: company.id),
            stories: stories,
            headcount: Dictionary(grouping: employees.compactMap(\.gradeID), by: { $0 }).mapValues(\.count),
            printedOn: asOf)
    }

    public func render() throws -> PrintedDocument {
        let size = PageSize.a4Portrait
        let document = try PDFDocument(size: size, title: "キャリアパス \(track.name) — \(company.name)", author: company.name)
        var flow = PageFlow(content: SheetFrame.content(size))
        let width = flow.content.width

        let title = "\(company.name)で育つ — \(track.name)のキャリアパス"
        flow.place(height: document.height(of: title, .title, width: width) + 4) { d, r in d.draw(title, in: r, .title) }
        for text in [settings.recruitingMessage, track.description] where !text.isEmpty {
            flow.place(height: document.height(of: text, .body, width: width) + 4) { d, r in d.draw(text, in: r, .body) }
        }
        flow.space(6)
        placeLadder(into: &flow)
        flow.space(8)
        placeSection("等級ごとに求められること", into: &flow, document)
        gradeTable.place(into: &flow, measuringWith: document)
        if !settings.supportPrograms.isEmpty {
            flow.space(8)
            placeSection("会社のサポート（資格取得支援など）", into: &flow, document)
            for program in settings.supportPrograms {
                let text = "・" + program
                flow.place(height: document.height(of: text, .body, width: width - 8) + 2) { d, r in
                    d.draw(text, in: r.inset(dx: 4, dy: 0), .body)
                }
            }
        }
        if !stories.isEmpty {
            flow.space(8)
            placeSection("先輩の声", into: &flow, document)
            for story in stories {
                let quote = "「\(story.text)」"
                let height = document.height(of: quote, .body, width: width - 16) + document.height(of: story.byline, .small, width: width) + 10
                flow.place(height: height) { d, r in
                    d.fill(Rect(x: r.x, y: r.y + 2, width: 2.5, height: r.height - 6), .accent)
                    let used = d.draw(quote, in: Rect(x: r.x + 10, y: r.y + 2, width: r.width - 16, height: r.height), .body)
                    d.draw("— " + story.byline, in: Rect(x: r.x + 10, y: r.y + 4 + used, width: r.width - 16, height: 12),
                           TextStyle.small.colored(.muted))
                }
            }
        }
        flow.space(10)
        if let url = settings.recruitingURL, !url.isEmpty {
            let code = try QRCode(url)
            let side = Length.mm(28)
            flow.place(height: side + 4) { d, r in
                d.draw(code, in: Rect(x: r.maxX - side, y: r.y, width: side, height: side))
                let text = Rect(x: r.x, y: r.y + 6, width: r.width - side - 10, height: side)
                let used = d.draw("採用情報・工場見学のお申し込みはこちら", in: text, TextStyle.heading.aligned(.right))
                d.draw(url, in: Rect(x: text.x, y: text.y + used + 4, width: text.width, height: 14), TextStyle.small.aligned(.right))
            }
        } else {
            document.warnings.add("no recruiting URL is set, so the sheet has no QR code (densho company set --recruiting-url URL)")
        }
        let frame = SheetFrame(title: "キャリアパス \(track.name)", company: company.name, printedOn: printedOn)
        flow.render(into: document) { d, page, pages in frame.draw(d, page: page, of: pages) }
        return try document.finish()
    }

    private func placeSection(_ title: String, into flow: inout PageFlow, _ document: PDFDocument) {
        // A heading never ends a page: keep room for it and the first lines under it.
        if flow.remaining < 60 { flow.newPage() }
        flow.place(height: 20) { d, r in
            d.draw(title, in: r, .heading)
            d.line(from: (r.x, r.maxY - 3), to: (r.maxX, r.maxY - 3), .accent, width: 0.8)
        }
    }

    /// 「何年目にどこにいるか」: a staircase of grades against typical years of service.
    private func placeLadder(into flow: inout PageFlow) {
        let grades = track.grades
        guard !grades.isEmpty else { return }
        let height = Length.mm(58)
        let maxYears = max(10, (grades.map(\.typicalYears).max() ?? 0) + 2)
        flow.place(height: height) { d, r in
            d.draw("入社からの歩み（目安）", in: r, .label)
            let plot = Rect(x: r.x + 4, y: r.y + 14, width: r.width - 8, height: r.height - 30)
            let stepHeight = plot.height / Double(grades.count)
            func x(_ years: Int) -> Double { plot.x + plot.width * Double(years) / Double(maxYears) }
            d.line(from: (plot.x, plot.maxY), to: (plot.maxX, plot.maxY), .rule)
            for year in stride(from: 0, through: maxYears, by: maxYears > 20 ? 5 : 1) {
                d.line(from: (x(year), plot.maxY), to: (x(year), plot.maxY + 3), .rule)
                d.draw(year == 0 ? "入社" : "\(year)年", in: Rect(x: x(year) - 15, y: plot.maxY + 4, width: 30, height: 10),
                       TextStyle.tiny.aligned(.center))
            }
            var points: [(Double, Double)] = []
            for (index, grade) in grades.enumerated() {
                let top = plot.maxY - stepHeight * Double(index + 1)
                let start = x(grade.typicalYears)
                let end = index + 1 < grades.count ? x(grades[index + 1].typicalYears) : plot.maxX
                points.append((start, top + stepHeight))
                points.append((start, top))
                points.append((end, top))
                let shade = 0.93 - 0.5 * Double(index) / Double(max(1, grades.count))
                d.fill(Rect(x: start, y: top, width: plot.maxX - start, height: stepHeight), Color(shade, shade + 0.03, 1))
                let label = "\(grade.name)（\(grade.typicalYears == 0 ? "入社時" : "\(grade.typicalYears)年目〜")）"
                d.drawFitted(label, in: Rect(x: start + 3, y: top + 1, width: max(40, plot.maxX - start - 6), height: stepHeight - 2),
                             TextStyle(size: 8.5, bold: true, minimumSize: 6))
            }
            d.polyline(points, .accent, width: 1.5)
        }
    }

    private var gradeTable: Table {
        var table = Table(columns: [
            .init("等級", weight: 2.2, style: TextStyle(size: 9, bold: true)),
            .init("目安", weight: 1.1, style: .small),
            .init("役割", weight: 3.2, style: .small),
            .init("求められるスキル", weight: 4.5, style: .small),
            .init("必要な資格", weight: 2.6, style: .small),
        ])
        for grade in track.grades {
            let people = headcount[grade.id].map { "\n在籍 \($0)名" } ?? ""
            let skillLines = grade.requiredSkills.compactMap { requirement -> String? in
                guard let skill = self.skills[requirement.skillID] else { return nil }
                let label = scale.definition(requirement.level)?.label ?? ""
                return "\(skill.name) Lv\(requirement.level)\(label.isEmpty ? "" : "（\(label)）")"
            }
            let qualificationLines = grade.requiredQualifications.compactMap { self.qualifications[$0]?.name }
            table.append([
                .text("\(grade.code) \(grade.name)"),
                .text((grade.typicalYears == 0 ? "入社時" : "\(grade.typicalYears)年目〜") + people),
                .text(grade.description.isEmpty ? "—" : grade.description),
                .text(skillLines.isEmpty ? "—" : skillLines.joined(separator: "\n")),
                .text(qualificationLines.isEmpty ? "—" : qualificationLines.joined(separator: "\n")),
            ])
        }
        return table
    }
}
