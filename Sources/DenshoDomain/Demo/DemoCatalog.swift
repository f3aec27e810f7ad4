/// The demo skill catalogue: what a small Kazuno machining or metalwork shop maps.
struct DemoSkill {
    var category: String
    var code: String
    var name: String
    /// 0 basic … 2 advanced: how many years it typically takes.
    var difficulty: Int
    /// Old-school know-how held by veterans only (a succession risk).
    var niche: Bool = false
}

enum DemoCatalog {
    static let categories = ["共通・安全", "旋盤加工", "マシニング", "研削・仕上げ", "溶接", "板金", "組立", "検査・測定", "品質保証", "保全・物流"]

    static let skills: [DemoSkill] = [
        .init(category: "共通・安全", code: "C01", name: "5S・安全作業", difficulty: 0),
        .init(category: "共通・安全", code: "C02", name: "KY活動・ヒヤリハット報告", difficulty: 0),
        .init(category: "共通・安全", code: "C03", name: "図面読解", difficulty: 1),
        .init(category: "共通・安全", code: "C04", name: "作業標準書の作成", difficulty: 2),
        .init(category: "旋盤加工", code: "L01", name: "汎用旋盤 外径・端面加工", difficulty: 0),
        .init(category: "旋盤加工", code: "L02", name: "汎用旋盤 ねじ切り", difficulty: 2, niche: true),
        .init(category: "旋盤加工", code: "L03", name: "NC旋盤 段取り", difficulty: 1),
        .init(category: "旋盤加工", code: "L04", name: "NC旋盤 プログラミング", difficulty: 2),
        .init(category: "旋盤加工", code: "L05", name: "複合加工機 操作", difficulty: 2),
        .init(category: "マシニング", code: "M01", name: "マシニングセンタ 段取り", difficulty: 1),
        .init(category: "マシニング", code: "M02", name: "CAMプログラミング", difficulty: 2),
        .init(category: "マシニング", code: "M03", name: "治具設計・製作", difficulty: 2),
        .init(category: "マシニング", code: "M04", name: "工具選定・切削条件設定", difficulty: 1),
        .init(category: "マシニング", code: "M05", name: "5軸加工", difficulty: 2),
        .init(category: "研削・仕上げ", code: "G01", name: "平面研削", difficulty: 1),
        .init(category: "研削・仕上げ", code: "G02", name: "円筒研削", difficulty: 2),
        .init(category: "研削・仕上げ", code: "G03", name: "きさげ加工", difficulty: 2, niche: true),
        .init(category: "研削・仕上げ", code: "G04", name: "バリ取り・手仕上げ", difficulty: 0),
        .init(category: "溶接", code: "W01", name: "半自動溶接 (CO2)", difficulty: 0),
        .init(category: "溶接", code: "W02", name: "被覆アーク溶接", difficulty: 1),
        .init(category: "溶接", code: "W03", name: "TIG溶接 ステンレス", difficulty: 1),
        .init(category: "溶接", code: "W04", name: "TIG溶接 アルミ薄板", difficulty: 2, niche: true),
        .init(category: "溶接", code: "W05", name: "溶接ひずみ取り (ガス炎)", difficulty: 2, niche: true),
        .init(category: "溶接", code: "W06", name: "溶接ロボット ティーチング", difficulty: 1),
        .init(category: "板金", code: "B01", name: "シャーリング切断", difficulty: 0),
        .init(category: "板金", code: "B02", name: "プレスブレーキ曲げ", difficulty: 1),
        .init(category: "板金", code: "B03", name: "レーザー加工機 操作", difficulty: 1),
        .init(category: "板金", code: "B04", name: "展開図作成", difficulty: 2),
        .init(category: "組立", code: "A01", name: "機械組立", difficulty: 1),
        .init(category: "組立", code: "A02", name: "トルク管理・締結", difficulty: 0),
        .init(category: "組立", code: "A03", name: "空圧・油圧配管", difficulty: 1),
        .init(category: "組立", code: "A04", name: "制御盤配線", difficulty: 2),
        .init(category: "検査・測定", code: "I01", name: "ノギス・マイクロメータ測定", difficulty: 0),
        .init(category: "検査・測定", code: "I02", name: "三次元測定機", difficulty: 2),
        .init(category: "検査・測定", code: "I03", name: "外観検査", difficulty: 0),
        .init(category: "検査・測定", code: "I04", name: "表面粗さ・真円度測定", difficulty: 1),
        .init(category: "検査・測定", code: "I05", name: "検査成績書の作成", difficulty: 1),
        .init(category: "品質保証", code: "Q01", name: "QC七つ道具", difficulty: 1),
        .init(category: "品質保証", code: "Q02", name: "なぜなぜ分析", difficulty: 1),
        .init(category: "品質保証", code: "Q03", name: "工程FMEA", difficulty: 2),
        .init(category: "品質保証", code: "Q04", name: "ISO 9001 内部監査", difficulty: 2),
        .init(category: "品質保証", code: "Q05", name: "顧客クレーム対応", difficulty: 2),
        .init(category: "保全・物流", code: "P01", name: "設備の日常点検", difficulty: 0),
        .init(category: "保全・物流", code: "P02", name: "フォークリフト運搬", difficulty: 0),
        .init(category: "保全・物流", code: "P03", name: "クレーン・玉掛け作業", difficulty: 1),
    ]

    /// Level wording for a skill, in the standard scale's terms.
    static func levelDescriptions(for skill: DemoSkill) -> [Int: String] {
        [
            1: "指導者の下で\(skill.name)の基本作業ができる",
            2: "手順書どおり一人で\(skill.name)ができ、品質基準を満たす",
            3: "\(skill.name)を後輩に指導でき、不具合の原因を説明できる",
            4: "\(skill.name)の方法を改善し、作業標準書にまとめられる",
        ]
    }

    static let qualifications: [DatasetQualification] = [
        .init(name: "アーク溶接特別教育", issuer: "登録教習機関"),
        .init(name: "JIS溶接技能者 (SN-2F)", issuer: "日本溶接協会", validityYears: 1),
        .init(name: "フォークリフト運転技能講習", issuer: "登録教習機関 (社内規程: 5年ごとに再教育)", validityYears: 5),
        .init(name: "玉掛け技能講習", issuer: "登録教習機関 (社内規程: 5年ごとに再教育)", validityYears: 5),
        .init(name: "床上操作式クレーン運転技能講習", issuer: "登録教習機関"),
        .init(name: "危険物取扱者 乙種第4類", issuer: "秋田県 (保安講習: 3年ごと)", validityYears: 3),
        .init(name: "機械加工技能士 2級", issuer: "秋田県職業能力開発協会"),
        .init(name: "機械加工技能士 1級", issuer: "秋田県職業能力開発協会"),
        .init(name: "QC検定 3級", issuer: "日本規格協会"),
        .init(name: "QC検定 2級", issuer: "日本規格協会"),
        .init(name: "非破壊試験技術者 (UT レベル2)", issuer: "日本非破壊検査協会", validityYears: 5),
        .init(name: "有機溶剤作業主任者", issuer: "登録教習機関"),
    ]
}
