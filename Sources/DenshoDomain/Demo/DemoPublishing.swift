/// What the demo companies print about themselves: a recruiting page, the support they give, and
/// stories from young staff who agreed to share them.
public enum DemoPublishing {
    public static func settings(companyCode: String) -> CompanySettings {
        CompanySettings(
            recruitingURL: "https://example.jp/\(companyCode)/recruit",
            publicBaseURL: nil,
            supportPrograms: [
                "資格取得支援：受験料・講習費を会社が全額負担（技能検定・玉掛け・フォークリフトなど）",
                "合格祝い金：技能士2級 3万円、1級 5万円",
                "メンター制度：入社から3年間、先輩社員が月1回の面談で相談に乗ります",
                "動画マニュアルでいつでも復習：ベテランの急所を動画で確認できます",
            ],
            recruitingMessage: "鹿角で、ものづくりの技を身につけよう。入社後の道のりと、会社の支援をご紹介します。")
    }

    /// Stories in young staff's words (the demo gives them to the newest employees, with consent).
    public static let stories = [
        "入社したときは図面も読めませんでしたが、先輩が動画マニュアルで急所を教えてくれて、2年目でNC旋盤の段取りを一人で任されるようになりました。",
        "地元で働きながら技能検定2級に合格できました。受験料を会社が出してくれたのも大きかったです。次は1級を目指しています。",
    ]
}

extension DemoData {
    /// The association's login (産業未来創造会 事務局): aggregated figures across member companies only.
    public static func associationAccount(passwordHash: String) -> NewAccount {
        NewAccount(login: "kyogikai", displayName: "産業未来創造会 事務局", role: .association, passwordHash: passwordHash)
    }
}
