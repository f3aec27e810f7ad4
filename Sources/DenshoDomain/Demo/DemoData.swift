/// Realistic, deterministic demo data for three small Kazuno manufacturers (machining,
/// metalwork, precision parts): departments, 40+ skills with level wording, three years of
/// evaluations, qualifications with expiry dates, two career tracks each, and veterans near
/// retirement so that the at-risk analysis has something true to say.
///
/// The same `asOf` date always gives the same data; dates are placed relative to it so that
/// expiring qualifications and recent evaluations exist whenever the demo is created.
public enum DemoData {
    /// Password of every demo account, printed by `densho demo`.
    public static let password = "densho-demo"

    public static func companies(asOf: LocalDate, passwordHash: String) -> [CompanyDataset] {
        DemoCompanyProfile.all.map { profile in
            var builder = DemoCompanyBuilder(profile: profile, asOf: asOf, passwordHash: passwordHash)
            return builder.build()
        }
    }
}

/// Builds one company's dataset from its profile.
struct DemoCompanyBuilder {
    let profile: DemoCompanyProfile
    let asOf: LocalDate
    let passwordHash: String
    var random: SeededGenerator

    init(profile: DemoCompanyProfile, asOf: LocalDate, passwordHash: String) {
        self.profile = profile
        self.asOf = asOf
        self.passwordHash = passwordHash
        self.random = SeededGenerator(seed: profile.seed)
    }

    /// A generated person before they become an `EmployeeRecord`.
    struct Person {
        var number: String
        var name: String
        var kana: String
        var hireDate: LocalDate
        var birthYear: Int
        var department: DemoCompanyProfile.DepartmentProfile
        var aptitude: Int
        var leaveDate: LocalDate?
        var leaveReason: String?
        var position = ""
        var gradeCode: String?
    }

    var skills: [DemoSkill] {
        DemoCatalog.skills.filter { !profile.excludedCategories.contains($0.category) }
    }

    mutating func build() -> CompanyDataset {
        var people = makePeople()
        let tracks = makeTracks()
        assignGrades(&people, tracks: tracks)
        let file = "demo:\(profile.code)"
        let employees = people.enumerated().map { index, p in
            EmployeeRecord(
                source: SourcePosition(file: file, line: index + 2), number: p.number, name: p.name, kana: p.kana,
                hireDate: p.hireDate, birthYear: p.birthYear, department: p.department.name, position: p.position,
                gradeCode: p.gradeCode, leaveDate: p.leaveDate, leaveReason: p.leaveReason)
        }
        let head = people[0]
        let supervisor = people.first { $0.position == "班長" } ?? head
        // The young staff member works under the demo supervisor, who approves their self-assessments.
        let today = asOf
        let isYoung = { (p: Person) in p.leaveDate == nil && p.hireDate.wholeYears(until: today) <= 2 }
        let young = people.first { isYoung($0) && $0.department.name == supervisor.department.name }
            ?? people.first(where: isYoung) ?? people.last!
        let hr = people.first { $0.department.quality && $0.leaveDate == nil } ?? head
        func account(_ suffix: String, _ role: Role, _ person: Person) -> DatasetAccount {
            DatasetAccount(
                account: NewAccount(
                    login: "\(profile.code)-\(suffix)", displayName: person.name, role: role, passwordHash: passwordHash),
                employeeNumber: person.number)
        }
        return CompanyDataset(
            code: profile.code, name: profile.name, retirementAge: profile.retirementAge, multiSkillThreshold: 3,
            accounts: [
                account("admin", .admin, head), account("hr", .hr, hr),
                account("sup", .supervisor, supervisor), account("staff", .staff, young),
            ],
            departments: profile.departments.map(\.name),
            categories: DemoCatalog.categories.filter { c in skills.contains { $0.category == c } },
            skills: skills.enumerated().map { index, s in
                SkillRecord(
                    source: SourcePosition(file: file, line: index + 2), category: s.category, code: s.code,
                    name: s.name, description: "\(s.category): \(s.name)",
                    levelDescriptions: DemoCatalog.levelDescriptions(for: s))
            },
            qualifications: DemoCatalog.qualifications, tracks: tracks, employees: employees,
            evaluations: makeEvaluations(people, file: file), heldQualifications: makeQualifications(people),
            targets: makeTargets(people))
    }

    // MARK: People

    mutating func makePeople() -> [Person] {
        var people: [Person] = []
        let totalWeight = profile.departments.map(\.weight).reduce(0, +)
        var number = 1001
        for department in profile.departments {
            let count = max(2, profile.activeHeadcount * department.weight / totalWeight)
            for index in 0..<count {
                // The first of each department is a veteran; the rest spread from new hires up.
                let age: Int
                if index == 0 {
                    age = profile.retirementAge - Int.random(in: 1...4, using: &random)
                } else if index == 1 {
                    age = Int.random(in: 40...55, using: &random)
                } else {
                    age = random.pick([19, 20, 22, 23, 25, 27, 29, 31, 34, 38, 42, 46, 50])
                        + Int.random(in: 0...2, using: &random)
                }
                people.append(makePerson(number: number, age: age, department: department))
                number += 1
            }
        }
        // Names as a family register writes them (異体字), which people type in the everyday form: searching 高橋
        // must find 髙橋 﨑子, and 山崎 must find 山﨑. The names change after the draws, so everything else stays.
        if profile.code == "hanawa", let first = people.firstIndex(where: { $0.name.hasPrefix("高橋 ") }) {
            people[first].name = "髙橋 﨑子"
            people[first].kana = "タカハシ サキコ"
        }
        if profile.code == "hanawa", people.count > 12 {
            let given = people[12].name.split(separator: " ").last.map(String.init) ?? "太郎"
            let givenKana = people[12].kana.split(separator: " ").last.map(String.init) ?? "タロウ"
            people[12].name = "山﨑 " + given
            people[12].kana = "ヤマザキ " + givenKana
        }
        // Former employees: some left within three years of hiring, a few retired.
        for index in 0..<(profile.activeHeadcount / 6) {
            var person = makePerson(
                number: number, age: Int.random(in: 20...30, using: &random), department: random.pick(profile.departments))
            let stayed = Int.random(in: 120...1000, using: &random)
            person.hireDate = asOf.adding(days: -Int.random(in: 1100...2600, using: &random))
            person.leaveDate = person.hireDate.adding(days: stayed)
            person.leaveReason = index % 3 == 0 ? "転居 (県外)" : index % 3 == 1 ? "転職" : "家業を継ぐため"
            people.append(person)
            number += 1
        }
        return people
    }

    mutating func makePerson(number: Int, age: Int, department: DemoCompanyProfile.DepartmentProfile) -> Person {
        let family = random.pick(DemoNames.family)
        let female = random.chance(0.22)
        let given = random.pick(female ? DemoNames.female : DemoNames.male)
        let hireAge = age < 24 ? age - min(age - 18, 1 + Int.random(in: 0...1, using: &random))
            : random.chance(0.6) ? 18 + Int.random(in: 0...4, using: &random) : min(age, 24 + Int.random(in: 0...14, using: &random))
        let birthYear = asOf.year - age
        let hireYear = max(birthYear + 18, birthYear + hireAge)
        let hireDate = LocalDate(year: min(hireYear, asOf.year), month: 4, day: 1)!
        return Person(
            number: String(number), name: "\(family.0) \(given.0)", kana: "\(family.1) \(given.1)",
            hireDate: hireDate <= asOf ? hireDate : asOf.adding(days: -30), birthYear: birthYear,
            department: department, aptitude: random.pick([-1, 0, 0, 0, 1]))
    }

    // MARK: Levels

    /// The level `person` had in `skill` on `date`.
    func level(_ person: Person, _ skill: DemoSkill, on date: LocalDate) -> Int {
        guard person.hireDate <= date else { return 0 }
        let years = Double(person.hireDate.days(until: date)) / 365.25
        let common = ["共通・安全", "保全・物流"].contains(skill.category)
        let home = person.department.categories.contains(skill.category)
        var level: Int
        if home || common {
            // One level every few years, slower for harder skills; 4 only after long practice.
            let pace = 2.0 + 2.5 * Double(skill.difficulty)
            level = (years >= 0.25 ? 1 : 0) + Int(years / pace) + person.aptitude
            if skill.category == "品質保証" && !person.department.quality { level = min(level, 2) }
            if years < 15 || person.aptitude < 0 { level = min(level, 3) }
        } else {
            // Cross-training (多能工化): a stable subset of other skills, never beyond working level.
            let hash = (Int(person.number)! &* 31 &+ skill.code.unicodeScalars.reduce(0) { $0 &* 7 &+ Int($1.value) })
            guard hash % 4 == 0 else { return 0 }
            level = min(2, Int(years / 4))
        }
        let age = date.year - person.birthYear
        if skill.niche && age < 55 { level = min(level, 2) }
        if skill.niche && age >= 55 && (home || common) { level = 4 }
        return max(0, min(4, level))
    }

    /// Review dates: twice a year over the last five years (so KPIs over five years have a history).
    var reviewDates: [LocalDate] {
        (0..<10).map { asOf.adding(days: -30 - 182 * $0) }.reversed()
    }

    mutating func makeEvaluations(_ people: [Person], file: String) -> [EvaluationRecord] {
        var records: [EvaluationRecord] = []
        var line = 2
        let heads = Dictionary(grouping: people.filter { $0.leaveDate == nil }, by: \.department.name)
            .mapValues { $0.first!.number }
        for person in people {
            let evaluator = heads[person.department.name] == person.number ? people[0].number : heads[person.department.name]
            for skill in skills {
                var last = 0
                for date in reviewDates where person.hireDate <= date && (person.leaveDate.map { date < $0 } ?? true) {
                    let value = level(person, skill, on: date)
                    guard value > 0, value != last || date.month == reviewDates.last!.month else { continue }
                    records.append(EvaluationRecord(
                        source: SourcePosition(file: file, line: line), employeeNumber: person.number,
                        skillCode: skill.code, level: value, evaluatedOn: date, evaluatorNumber: evaluator,
                        note: value > last && last > 0 ? "レベルアップ" : ""))
                    line += 1
                    last = value
                }
            }
            // Young staff have self-assessments waiting for their supervisor.
            if person.leaveDate == nil && person.hireDate.wholeYears(until: asOf) < 3 {
                for skill in skills.filter({ person.department.categories.contains($0.category) }).prefix(2) {
                    let current = level(person, skill, on: asOf)
                    guard current < 4 else { continue }
                    records.append(EvaluationRecord(
                        source: SourcePosition(file: file, line: line), employeeNumber: person.number,
                        skillCode: skill.code, level: current + 1, evaluatedOn: max(person.hireDate, asOf.adding(days: -7)),
                        evaluatorNumber: person.number, kind: .self, note: "動画マニュアルで手順を確認し、一人で3回できた"))
                    line += 1
                }
            }
        }
        return records
    }

    // MARK: Careers

    func makeTracks() -> [DatasetTrack] {
        let c = profile.coreSkills
        return [
            DatasetTrack(
                name: "技能職コース", description: "現場の技能を磨き、班長・職長からマイスターへ進むコース",
                grades: [
                    .init(code: "G1", name: "見習い", typicalYears: 0, description: "安全と基本作業を覚える",
                          skills: ["C01": 1, "C02": 1]),
                    .init(code: "G2", name: "技能員", typicalYears: 3, description: "主要作業を一人でこなす",
                          skills: ["C01": 2, "C03": 2, c[0]: 2, c[1]: 2, "I01": 2],
                          qualifications: ["フォークリフト運転技能講習"]),
                    .init(code: "G3", name: "班長", typicalYears: 7, description: "班をまとめ、後輩を指導する",
                          skills: ["C03": 3, c[0]: 3, c[1]: 3, c[2]: 2, c[3]: 2, "Q02": 2],
                          qualifications: ["玉掛け技能講習", profile.masterQualification]),
                    .init(code: "G4", name: "職長", typicalYears: 12, description: "工程と品質に責任を持つ",
                          skills: [c[0]: 3, c[1]: 3, c[2]: 3, c[3]: 3, c[4]: 2, "C04": 3, "Q01": 2],
                          qualifications: ["玉掛け技能講習", profile.masterQualification]),
                    .init(code: "G5", name: "マイスター", typicalYears: 20, description: "技能を標準化し、次の世代へ伝承する",
                          skills: [c[0]: 4, c[1]: 4, c[4]: 3, "C04": 4],
                          qualifications: [profile.seniorQualification]),
                ]),
            DatasetTrack(
                name: "品質管理コース", description: "測定・検査から品質保証の責任者へ進むコース",
                grades: [
                    .init(code: "Q1", name: "検査員", typicalYears: 0, description: "測定器を正しく使う",
                          skills: ["C01": 1, "I01": 1, "I03": 1]),
                    .init(code: "Q2", name: "品質担当", typicalYears: 4, description: "検査成績書を任される",
                          skills: ["I01": 2, "I03": 2, "I05": 2, "C03": 2], qualifications: ["QC検定 3級"]),
                    .init(code: "Q3", name: "品質リーダー", typicalYears: 9, description: "不具合の原因を突き止め再発を防ぐ",
                          skills: ["I02": 2, "I05": 3, "Q01": 3, "Q02": 3], qualifications: ["QC検定 2級"]),
                    .init(code: "Q4", name: "品質保証責任者", typicalYears: 15, description: "顧客と監査に対して品質を保証する",
                          skills: ["Q03": 3, "Q04": 3, "Q05": 3, "I02": 3], qualifications: ["QC検定 2級"]),
                ]),
        ]
    }

    mutating func assignGrades(_ people: inout [Person], tracks: [DatasetTrack]) {
        for index in people.indices {
            let service = people[index].hireDate.wholeYears(until: asOf)
            let track = tracks[people[index].department.quality ? 1 : 0]
            var reached = track.grades.lastIndex { $0.typicalYears <= service } ?? 0
            if reached > 0 && random.chance(0.3) { reached -= 1 }
            people[index].gradeCode = track.grades[reached].code
            people[index].position = ["", "", "班長", "職長", "工場長"][min(reached, 4)]
        }
        people[0].position = "工場長"
    }

    mutating func makeQualifications(_ people: [Person]) -> [DatasetHeldQualification] {
        var held: [DatasetHeldQualification] = []
        let validity = Dictionary(uniqueKeysWithValues: DemoCatalog.qualifications.map { ($0.name, $0.validityYears) })
        func add(_ person: Person, _ name: String, afterYears: Int) {
            let acquired = person.hireDate.adding(years: afterYears).adding(days: Int.random(in: 0...200, using: &random))
            guard acquired <= asOf, person.leaveDate.map({ acquired < $0 }) ?? true else { return }
            var expires: LocalDate?
            if let years = validity[name] ?? nil {
                var renewal = acquired
                while renewal.adding(years: years) < asOf { renewal = renewal.adding(years: years) }
                // One in ten lapsed: its renewal was missed and it shows as expired.
                expires = random.chance(0.1) ? renewal : renewal.adding(years: years)
            }
            held.append(DatasetHeldQualification(
                employeeNumber: person.number, qualification: name, acquiredOn: acquired, expiresOn: expires,
                certificateNumber: "\(profile.code.prefix(2).uppercased())-\(person.number)-\(held.count + 1)"))
        }
        for person in people {
            let service = person.hireDate.wholeYears(until: asOf)
            let department = person.department
            if department.categories.contains("溶接") {
                add(person, "アーク溶接特別教育", afterYears: 0)
                if service >= 3 { add(person, "JIS溶接技能者 (SN-2F)", afterYears: 3) }
            }
            if service >= 1 && random.chance(0.7) { add(person, "フォークリフト運転技能講習", afterYears: 1) }
            if service >= 2 && random.chance(0.5) { add(person, "玉掛け技能講習", afterYears: 2) }
            if service >= 4 && random.chance(0.2) { add(person, "床上操作式クレーン運転技能講習", afterYears: 4) }
            if service >= 5 && random.chance(0.15) { add(person, "危険物取扱者 乙種第4類", afterYears: 5) }
            if department.categories.contains("旋盤加工") || department.categories.contains("マシニング") {
                if service >= 5 { add(person, "機械加工技能士 2級", afterYears: 5) }
                if service >= 12 && person.aptitude >= 0 { add(person, "機械加工技能士 1級", afterYears: 12) }
            }
            if department.quality {
                if service >= 2 { add(person, "QC検定 3級", afterYears: 2) }
                if service >= 6 && person.aptitude >= 0 { add(person, "QC検定 2級", afterYears: 6) }
                if service >= 8 && profile.code == "osarizawa" { add(person, "非破壊試験技術者 (UT レベル2)", afterYears: 8) }
            }
            if department.categories.contains("組立") && service >= 3 && random.chance(0.3) {
                add(person, "有機溶剤作業主任者", afterYears: 3)
            }
        }
        return held
    }

    mutating func makeTargets(_ people: [Person]) -> [DatasetTarget] {
        var targets: [DatasetTarget] = []
        for person in people where person.leaveDate == nil && person.hireDate.wholeYears(until: asOf) < 5 {
            for skill in skills.filter({ person.department.categories.contains($0.category) }).prefix(2) {
                let current = level(person, skill, on: asOf)
                guard current < 3 else { continue }
                let due = asOf.adding(days: Int.random(in: -40...300, using: &random))
                targets.append(DatasetTarget(
                    employeeNumber: person.number, skillCode: skill.code, level: current + 1, dueDate: due,
                    note: "メンターと月1回確認"))
            }
        }
        return targets
    }
}
