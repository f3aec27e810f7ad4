import DenshoDomain
import Foundation

/// Builds what a profile shows (skills, career progress, 10年後の自分, qualifications), shared by
/// the employee page, the staff dashboard and the JSON API.
struct ProfileBuilder {
    let env: PageEnvironment

    struct SkillRow {
        var id: String; var name: String; var category: String; var symbol: String; var level: Int; var target: String?
        /// The level's check ran out (recertification): struck through, with its last valid day.
        var expired: Bool = false
        var validThrough: String? = nil
    }
    struct GapRow { var skill: String; var current: String; var required: String }
    struct ProjectionRow { var year: Int; var service: Int; var age: String; var grade: String; var now: Bool }
    struct QualificationRow { var name: String; var acquired: String; var expires: String; var warning: String?; var expired: Bool }
    struct Career {
        var track: String
        var currentGrade: String
        var nextGrade: String?
        var eligible: Bool
        var gaps: [GapRow]
        var missingQualifications: [String]
        var projection: [ProjectionRow]
    }
    struct Profile {
        var id: String
        var name: String
        var kana: String
        var number: String
        var department: String
        var position: String
        var hireDate: String
        var serviceYears: Int
        var skills: [SkillRow]
        var career: Career?
        var qualifications: [QualificationRow]
        var mentor: String?
    }

    func profile(_ employee: Employee, company: Company) async throws -> Profile {
        let store = env.store, today = env.today
        let scale = try await store.levelScale(company: company.id)
        let levels = try await store.levels(of: employee.id, company: company.id)
        let skills = try await store.skills(company: company.id, includeRetired: false)
        let categories = Dictionary(uniqueKeysWithValues: try await store.categories(company: company.id).map { ($0.id, $0.name) })
        var targets: [Skill.ID: SkillTarget] = [:]
        for target in try await store.targets(company: company.id, employee: employee.id) { targets[target.skillID] = target }
        let skillNames = Dictionary(uniqueKeysWithValues: skills.map { ($0.id, $0.name) })
        let held = try await store.heldQualifications(company: company.id, employee: employee.id)
        let qualifications = try await store.qualifications(company: company.id)
        let qualificationNames = Dictionary(uniqueKeysWithValues: qualifications.map { ($0.id, $0.name) })
        let departments = try await store.departments(company: company.id)

        let checks = Dictionary(
            try await store.checkedLevels(company: company.id, employee: employee.id).map { ($0.skillID, $0) }, uniquingKeysWith: { a, _ in a })
        let skillRows = skills.filter { (levels[$0.id] ?? 0) > 0 || targets[$0.id] != nil }.map { skill in
            let level = levels[skill.id] ?? 0
            let check = level > 0 ? checks[skill.id] : nil
            return SkillRow(
                id: skill.id.description, name: skill.name, category: categories[skill.categoryID] ?? "",
                symbol: scale.symbol(level), level: level,
                target: targets[skill.id].map { "\(scale.symbol($0.level))（\($0.dueDate.slashed)）" },
                expired: check?.isExpired(on: today) ?? false, validThrough: check?.validThrough.slashed)
        }
        let tracks = try await store.tracks(company: company.id)
        let track = tracks.track(of: employee)
        var career: Career?
        if let track {
            let assessment = CareerAssessment(
                employee: employee, track: track, levels: levels, heldQualifications: held, asOf: today)
            let next = assessment.nextGrade
            let gap = next.map(assessment.gaps(for:))
            let projection = CareerProjection.project(employee: employee, track: track, asOf: today)
            career = Career(
                track: track.name, currentGrade: assessment.currentGrade?.name ?? "—", nextGrade: next?.name,
                eligible: gap?.isEligible ?? false,
                gaps: gap?.skillGaps.map {
                    GapRow(skill: skillNames[$0.skillID] ?? "#\($0.skillID)", current: scale.symbol($0.current), required: scale.symbol($0.required))
                } ?? [],
                missingQualifications: gap?.missingQualifications.map { qualificationNames[$0] ?? "#\($0)" } ?? [],
                projection: projection.map {
                    ProjectionRow(year: $0.calendarYear, service: $0.serviceYears, age: $0.age.map(String.init) ?? "—",
                                  grade: $0.grade?.name ?? "—", now: $0.yearsFromNow == 0)
                })
        }
        let expiring = Dictionary(
            ExpiryReport.expiring(held, asOf: today).map { ($0.held.id, $0) }, uniquingKeysWith: { a, _ in a })
        return Profile(
            id: employee.id.description, name: employee.name, kana: employee.kana, number: employee.number,
            department: departments.first { $0.id == employee.departmentID }?.name ?? "", position: employee.position,
            hireDate: employee.hireDate.slashed, serviceYears: employee.serviceYears(on: today), skills: skillRows, career: career,
            qualifications: held.map { item in
                let soon = expiring[item.id]
                return QualificationRow(
                    name: qualificationNames[item.qualificationID] ?? "", acquired: item.acquiredOn.slashed,
                    expires: item.expiresOn?.slashed ?? "—",
                    warning: soon.map { $0.bucket == .expired ? $0.bucket.label : "\($0.bucket.label)（あと\($0.daysLeft)日）" },
                    expired: soon?.bucket == .expired)
            },
            mentor: try await store.activeMentor(of: employee.id, company: company.id)?.name)
    }
}
