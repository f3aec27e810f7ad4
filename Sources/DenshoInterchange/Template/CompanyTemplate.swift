import DenshoDomain
import Foundation

/// A company's skill catalogue, level scale, qualifications and career tracks as a JSON file that
/// another member company imports to start from (施策5-5: rolling Densho out across the city).
/// It carries no personal data: no employees, evaluations or accounts. Qualifications and tracks are
/// the dataset's own types, so a template's file and the company it seeds cannot drift apart.
public struct CompanyTemplate: Codable, Sendable, Equatable {
    public struct TemplateSkill: Codable, Sendable, Equatable {
        public var category: String
        public var code: String
        public var name: String
        public var description: String
        /// Wording per level, keyed by the level as text ("2").
        public var levels: [String: String]
    }

    public static let formatName = "densho-company-template"
    public var format = formatName
    public var version = 1
    /// The company it was exported from, for the record.
    public var source: String
    public var exportedOn: String
    public var levelScale: [LevelDefinition]
    public var categories: [String]
    public var skills: [TemplateSkill]
    public var qualifications: [DatasetQualification]
    public var tracks: [DatasetTrack]

    /// Reads the catalogue of `company` through the repository protocols.
    public static func export(company: Company, from store: any DenshoRepository, on date: LocalDate) async throws -> CompanyTemplate {
        let categories = try await store.categories(company: company.id).sorted { $0.sortOrder < $1.sortOrder }
        let categoryNames = Dictionary(uniqueKeysWithValues: categories.map { ($0.id, $0.name) })
        let skills = try await store.skills(company: company.id, includeRetired: false)
        let codes = Dictionary(uniqueKeysWithValues: skills.map { ($0.id, $0.code) })
        let qualifications = try await store.qualifications(company: company.id)
        let qualificationNames = Dictionary(uniqueKeysWithValues: qualifications.map { ($0.id, $0.name) })
        return CompanyTemplate(
            source: company.name, exportedOn: date.description,
            levelScale: try await store.levelScale(company: company.id).levels, categories: categories.map(\.name),
            skills: skills.map { skill in
                TemplateSkill(category: categoryNames[skill.categoryID] ?? "", code: skill.code, name: skill.name, description: skill.description,
                              levels: Dictionary(uniqueKeysWithValues: skill.levelDescriptions.map { (String($0.key), $0.value) }))
            },
            qualifications: qualifications.map { DatasetQualification(name: $0.name, issuer: $0.issuer, validityYears: $0.validityYears) },
            tracks: try await store.tracks(company: company.id).map { track in
                DatasetTrack(name: track.name, description: track.description, grades: track.grades.map { grade in
                    DatasetGrade(
                        code: grade.code, name: grade.name, typicalYears: grade.typicalYears, description: grade.description,
                        skills: Dictionary(grade.requiredSkills.compactMap { r in codes[r.skillID].map { ($0, r.level) } }, uniquingKeysWith: max),
                        qualifications: grade.requiredQualifications.compactMap { qualificationNames[$0] })
                })
            })
    }

    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// Parses and checks a template file: every grade's skills and qualifications must be in it.
    public static func decode(_ data: Data, file: String) throws -> CompanyTemplate {
        let template: CompanyTemplate
        do {
            template = try JSONDecoder().decode(CompanyTemplate.self, from: data)
        } catch {
            throw ImportError([ImportIssue(SourcePosition(file: file, line: 1), column: nil, "not a Densho company template (\(error))")])
        }
        guard template.format == formatName, template.version == 1 else {
            throw ImportError([ImportIssue(SourcePosition(file: file, line: 1), column: "format",
                                           "not a Densho company template (format \(template.format) version \(template.version))")])
        }
        var issues: [ImportIssue] = []
        let codes = Set(template.skills.map(\.code)), qualifications = Set(template.qualifications.map(\.name))
        if codes.count != template.skills.count { issues.append(ImportIssue(SourcePosition(file: file, line: 1), column: "skills", "skill codes repeat")) }
        for track in template.tracks {
            for grade in track.grades {
                for code in grade.skills.keys where !codes.contains(code) {
                    issues.append(ImportIssue(SourcePosition(file: file, line: 1), column: "\(track.name)/\(grade.code)", "unknown skill code '\(code)'"))
                }
                for name in grade.qualifications where !qualifications.contains(name) {
                    issues.append(ImportIssue(SourcePosition(file: file, line: 1), column: "\(track.name)/\(grade.code)", "unknown qualification '\(name)'"))
                }
            }
        }
        if !issues.isEmpty { throw ImportError(issues) }
        return template
    }

    /// A new company made from the template, with its first administrator.
    public func dataset(code: String, name: String, admin: NewAccount) -> CompanyDataset {
        CompanyDataset(
            code: code, name: name, levelScale: LevelScale(levels: levelScale), accounts: [DatasetAccount(account: admin)],
            categories: categories,
            skills: skills.map { skill in
                SkillRecord(source: SourcePosition(file: "template", line: 1), category: skill.category, code: skill.code, name: skill.name,
                            description: skill.description,
                            levelDescriptions: Dictionary(uniqueKeysWithValues: skill.levels.compactMap { key, value in Int(key).map { ($0, value) } }))
            },
            qualifications: qualifications, tracks: tracks)
    }
}
