import ArgumentParser
import DenshoDomain

struct GapsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gaps",
        abstract: "Show what an employee lacks for the next grade, grade eligibility and the 「10年後の自分」 view.")

    @OptionGroup var options: GlobalOptions
    @Argument(help: "Employee: 社員番号 or name.") var employee: String
    @Option(help: "Career track (default: the track of the employee's grade).") var track: String?
    @Option(help: "Years to project.") var years: Int = 10

    func run() async throws {
        let context = try CLIContext(options)
        let company = try await context.company()
        let resolver = Resolver(context: context, company: company)
        let e = try await resolver.employee(employee)
        let tracks = try await context.store.tracks(company: company.id)
        let t: CareerTrack
        if let track {
            t = try await resolver.track(track)
        } else if let found = tracks.track(of: e) {
            t = found
        } else {
            throw CLIError.message("no career track yet: add one with `densho path add`")
        }
        let assessment = CareerAssessment(
            employee: e, track: t, levels: try await context.store.levels(of: e.id, company: company.id),
            heldQualifications: try await context.store.heldQualifications(company: company.id, employee: e.id),
            asOf: context.today)
        let projection = CareerProjection.project(employee: e, track: t, asOf: context.today, years: years)
        if options.format == .json {
            struct Report: Encodable {
                var employee: Employee
                var track: String
                var currentGrade: Grade?
                var next: GradeGap?
                var eligibility: [GradeGap]
                var projection: [ProjectionStep]
            }
            return context.output.printJSON(Report(
                employee: e, track: t.name, currentGrade: assessment.currentGrade, next: assessment.nextGradeGaps,
                eligibility: assessment.eligibility, projection: projection))
        }
        let skills = try await resolver.skillsByID()
        let qualifications = try await resolver.qualificationNames()
        let current = assessment.currentGrade.map { "\($0.code) \($0.name)" } ?? "未格付"
        print(Terminal.paint("\(e.name)（\(e.number)）", .bold) + "  \(t.name)  現在: \(current)  勤続\(e.serviceYears(on: context.today))年")
        if let gap = assessment.nextGradeGaps {
            print("\n次の等級: " + Terminal.paint("\(gap.grade.code) \(gap.grade.name)", .bold)
                + (gap.isEligible ? Terminal.paint("  要件をすべて満たしています", .green) : ""))
            var table = DataTable([("skill", "不足スキル"), ("current", "現在"), ("required", "必要")])
            for g in gap.skillGaps {
                table.append([Cell(skills[g.skillID].map { "\($0.code) \($0.name)" }), .int(g.current), .int(g.required)])
            }
            if !gap.skillGaps.isEmpty { print(Output(format: .table).renderTable(table), terminator: "") }
            for q in gap.missingQualifications { print("  不足資格: \(qualifications[q] ?? "?")") }
            if gap.yearsShort > 0 { print("  目安の勤続年数まであと\(gap.yearsShort)年") }
        } else {
            print("\n最上位の等級です。")
        }
        print("\n等級ごとの要件充足:")
        for g in assessment.eligibility {
            let missing = g.skillGaps.count + g.missingQualifications.count
            print("  \(g.grade.code) \(DisplayWidth.pad(g.grade.name, to: 14)) "
                + (g.isEligible ? Terminal.paint("✓ 充足", .green) : Terminal.paint("✗ 不足\(missing)件", .yellow)))
        }
        print("\n" + Terminal.paint("\(years)年後の自分", .bold) + "（等級の目安年数から）")
        for step in projection where step.yearsFromNow == 0 || step.yearsFromNow % 2 == 0 || step.yearsFromNow == years {
            let age = step.age.map { " \($0)歳" } ?? ""
            print("  \(step.calendarYear)年  勤続\(DisplayWidth.pad(String(step.serviceYears), to: 2, right: true))年\(age)  "
                + (step.grade.map { "\($0.code) \($0.name)" } ?? "—"))
        }
    }
}
