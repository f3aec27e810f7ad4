/// The shape of one demo company: departments with the skill categories they work in.
struct DemoCompanyProfile {
    struct DepartmentProfile {
        var name: String
        var categories: [String]
        /// Relative headcount.
        var weight: Int
        /// Quality departments follow the 品質管理 track.
        var quality: Bool = false
    }

    var code: String
    var name: String
    var seed: UInt64
    var retirementAge: Int
    var activeHeadcount: Int
    var departments: [DepartmentProfile]
    /// Categories the company does not map at all.
    var excludedCategories: [String]
    /// Key skills of the technical track, in order of importance.
    var coreSkills: [String]
    /// Qualification that marks a skilled worker here (技能士 or JIS welding).
    var masterQualification: String
    var seniorQualification: String

    static let all: [DemoCompanyProfile] = [
        DemoCompanyProfile(
            code: "hanawa", name: "花輪精工株式会社", seed: 0x4841_4E41_5741, retirementAge: 65, activeHeadcount: 48,
            departments: [
                .init(name: "機械加工", categories: ["旋盤加工", "マシニング"], weight: 15),
                .init(name: "研削", categories: ["研削・仕上げ"], weight: 6),
                .init(name: "組立", categories: ["組立"], weight: 7),
                .init(name: "治具製作", categories: ["溶接", "マシニング"], weight: 4),
                .init(name: "検査", categories: ["検査・測定"], weight: 6, quality: true),
                .init(name: "品質保証", categories: ["品質保証", "検査・測定"], weight: 4, quality: true),
            ],
            excludedCategories: ["板金"], coreSkills: ["L01", "L03", "M01", "M04", "M02"],
            masterQualification: "機械加工技能士 2級", seniorQualification: "機械加工技能士 1級"),
        DemoCompanyProfile(
            code: "osarizawa", name: "尾去沢鉄工株式会社", seed: 0x4F53_4152_495A, retirementAge: 65, activeHeadcount: 34,
            departments: [
                .init(name: "溶接", categories: ["溶接"], weight: 12),
                .init(name: "板金", categories: ["板金"], weight: 8),
                .init(name: "組立", categories: ["組立"], weight: 5),
                .init(name: "機械加工", categories: ["旋盤加工", "研削・仕上げ"], weight: 3),
                .init(name: "検査", categories: ["検査・測定", "品質保証"], weight: 4, quality: true),
            ],
            excludedCategories: ["マシニング"], coreSkills: ["W01", "W02", "W03", "B02", "W06"],
            masterQualification: "JIS溶接技能者 (SN-2F)", seniorQualification: "非破壊試験技術者 (UT レベル2)"),
        DemoCompanyProfile(
            code: "oyu", name: "有限会社大湯製作所", seed: 0x4F59_5521, retirementAge: 60, activeHeadcount: 22,
            departments: [
                .init(name: "機械加工", categories: ["旋盤加工", "マシニング", "研削・仕上げ"], weight: 9),
                .init(name: "溶接", categories: ["溶接", "板金"], weight: 5),
                .init(name: "組立", categories: ["組立"], weight: 4),
                .init(name: "検査", categories: ["検査・測定", "品質保証"], weight: 3, quality: true),
            ],
            excludedCategories: [], coreSkills: ["L01", "L03", "M01", "W01", "A01"],
            masterQualification: "機械加工技能士 2級", seniorQualification: "機械加工技能士 1級"),
    ]
}
