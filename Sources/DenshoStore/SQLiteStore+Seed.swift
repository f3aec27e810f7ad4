import DenshoDomain
import GRDB

extension SQLiteStore {
    /// Loads a whole company in one transaction: either all of it is there afterwards or none.
    public func seed(_ dataset: CompanyDataset, by actor: String) async throws -> Company {
        let indexer = searchIndexer
        return try await pool.write { db in
            let company = try Self.insertCompany(
                db, code: dataset.code, name: dataset.name, retirementAge: dataset.retirementAge,
                multiSkillThreshold: dataset.multiSkillThreshold, scale: dataset.levelScale)
            for name in dataset.departments {
                _ = try Self.insertDepartment(db, name: name, company: company.id, actor: actor)
            }
            for name in dataset.categories {
                _ = try Self.insertCategory(db, name: name, company: company.id, actor: actor)
            }
            var index = try CompanyIndex(db, company: company.id)
            _ = try Self.importSkills(db, dataset.skills, &index, actor: actor)
            for q in dataset.qualifications {
                let saved = try Self.insertQualification(
                    db, Qualification(id: .init(0), companyID: company.id, name: q.name, issuer: q.issuer,
                                      validityYears: q.validityYears), actor: actor)
                index.qualifications[q.name] = saved.id
            }
            try Self.seedTracks(db, dataset.tracks, &index, actor: actor)
            _ = try Self.importEmployees(db, dataset.employees, &index, actor: actor)
            for entry in dataset.accounts {
                _ = try Self.insertAccount(
                    db, entry.account, company: company.id,
                    employee: entry.employeeNumber.flatMap { index.employees[$0]?.id })
            }
            _ = try Self.importEvaluations(db, dataset.evaluations, index, actor: actor)
            for held in dataset.heldQualifications {
                guard let employee = index.employees[held.employeeNumber], let q = index.qualifications[held.qualification]
                else { throw StoreError.notFound(entity: "employee or qualification", key: held.employeeNumber) }
                _ = try Self.insertHeld(
                    db, HeldQualification(id: .init(0), employeeID: employee.id, qualificationID: q, acquiredOn: held.acquiredOn,
                                          expiresOn: held.expiresOn, certificateNumber: held.certificateNumber),
                    company: company.id, actor: actor)
            }
            for target in dataset.targets {
                guard let employee = index.employees[target.employeeNumber], let skill = index.skill(target.skillCode)
                else { throw StoreError.notFound(entity: "employee or skill", key: target.employeeNumber) }
                _ = try Self.insertTarget(
                    db, SkillTarget(id: .init(0), employeeID: employee.id, skillID: skill, level: target.level,
                                    dueDate: target.dueDate, note: target.note),
                    company: company.id, actor: actor)
            }
            try Audit.record(db, company: company.id, actor: actor, entity: "company", id: company.id.rawValue,
                             action: "seed", after: company)
            try indexer.refresh(db)
            return company
        }
    }

    static func seedTracks(_ db: Database, _ tracks: [DatasetTrack], _ index: inout CompanyIndex, actor: String) throws {
        for spec in tracks {
            let track = try insertTrack(db, name: spec.name, description: spec.description, company: index.company, actor: actor)
            for (rank, g) in spec.grades.enumerated() {
                let skills = try g.skills.sorted { $0.key < $1.key }.map { code, level in
                    guard let id = index.skill(code) else { throw StoreError.notFound(entity: "skill", key: code) }
                    return SkillRequirement(skillID: id, level: level)
                }
                let qualifications = try g.qualifications.map { name in
                    guard let id = index.qualifications[name] else { throw StoreError.notFound(entity: "qualification", key: name) }
                    return id
                }
                let grade = try insertGrade(
                    db,
                    Grade(id: .init(0), trackID: track.id, rank: rank + 1, code: g.code, name: g.name,
                          typicalYears: g.typicalYears, description: g.description, requiredSkills: skills,
                          requiredQualifications: qualifications),
                    company: index.company, actor: actor)
                index.grades[CompanyIndex.key(g.code)] = grade.id
            }
        }
    }
}

extension SQLiteStore: MaintenanceRepository {}
