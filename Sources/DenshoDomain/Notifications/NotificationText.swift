import Foundation

/// What each kind of notification says, in Japanese and English: the one table that the web list
/// (the UI string table includes it under `notify.<kind>`), e-mails and webhook posts all read.
///
/// Placeholders, filled from the notification's params: `title` (the manual, clip, proposal or
/// qualification), `due` (a date), `name` (a person), `skill` and `level` (a self-assessment) and
/// `result` (a decision, stored as one of `results`' codes so each reader gets their own language).
public enum NotificationText {
    /// One sentence in both languages.
    public struct Sentence: Hashable, Sendable {
        public let ja: String
        public let en: String

        public init(ja: String, en: String) {
            self.ja = ja
            self.en = en
        }
    }

    public static func sentence(_ kind: NotificationKind) -> Sentence {
        switch kind {
        case .assignmentGiven: Sentence(ja: "研修「{title}」が割り当てられました。", en: "You have been assigned “{title}”.")
        case .assignmentDueSoon: Sentence(ja: "研修「{title}」の期限（{due}）が近づいています。", en: "“{title}” is due on {due}.")
        case .assignmentOverdue: Sentence(ja: "研修「{title}」の期限（{due}）が過ぎています。", en: "“{title}” was due on {due} and is overdue.")
        case .assignmentReopened:
            Sentence(ja: "「{title}」が改訂されました。もう一度見て確認してください。", en: "“{title}” was revised: please go through it again.")
        case .selfAssessmentWaiting:
            Sentence(ja: "{name}さんの自己評価（{skill}・レベル{level}）が承認を待っています。",
                     en: "{name}'s self-assessment ({skill}, level {level}) is waiting for approval.")
        case .selfAssessmentDecided:
            Sentence(ja: "自己評価（{skill}・レベル{level}）の結果：{result}", en: "Your self-assessment ({skill}, level {level}): {result}.")
        case .manualWaiting: Sentence(ja: "マニュアル「{title}」が承認を待っています。", en: "The manual “{title}” is waiting for approval.")
        case .manualDecided: Sentence(ja: "マニュアル「{title}」の結果：{result}", en: "Your manual “{title}”: {result}.")
        case .proposalDecided: Sentence(ja: "改善提案「{title}」の結果：{result}", en: "Your improvement proposal “{title}”: {result}.")
        case .qualificationExpiring:
            Sentence(ja: "{name}さんの資格「{title}」の有効期限は{due}です。", en: "{name}'s qualification “{title}” expires on {due}.")
        case .signOffRecorded:
            Sentence(ja: "実技確認（{skill}・レベル{level}）の結果：{result}。内容を見て確認してください。",
                     en: "Your practical sign-off ({skill}, level {level}): {result}. Please read it and confirm.")
        case .checkExpiring:
            Sentence(ja: "{name}さんの「{skill}」レベル{level}の確認は{due}まで有効です。再確認を予定してください。",
                     en: "{name}'s check of “{skill}” level {level} is valid until {due}: plan a recheck.")
        case .backupStale:
            Sentence(ja: "バックアップを確認してください（最後に成功したバックアップ：{due}）。{title}",
                     en: "Backups need attention (last good backup: {due}). {title}")
        case .test:
            Sentence(ja: "通知のテストです。これが届いていれば、通知の設定は正しく動いています。",
                     en: "A test notification: if you can read this, delivery works.")
        }
    }

    /// Words for `{result}`, by the code a notification stores.
    public static let results: [String: Sentence] = [
        "approved": Sentence(ja: "承認", en: "approved"),
        "returned": Sentence(ja: "差し戻し", en: "returned"),
        "adopted": Sentence(ja: "採用", en: "adopted"),
        "implemented": Sentence(ja: "実施済", en: "implemented"),
        "not-adopted": Sentence(ja: "不採用", en: "not adopted"),
        "passed": Sentence(ja: "合格", en: "passed"),
        "failed": Sentence(ja: "不合格", en: "not passed"),
    ]

    /// Fills a sentence of either language; `{result}` becomes the word of that language.
    public static func fill(_ template: String, params: [String: String], english: Bool) -> String {
        var values = params
        if let code = params["result"], let word = results[code] { values["result"] = english ? word.en : word.ja }
        return fillPlaceholders(template, values)
    }

    /// The notification's sentence in Japanese, or in English.
    public static func text(_ kind: NotificationKind, params: [String: String], english: Bool = false) -> String {
        let wording = sentence(kind)
        return fill(english ? wording.en : wording.ja, params: params, english: english)
    }

    static let footer = "伝承の通知設定により送信しています。 / Sent by Densho as chosen in your notification settings."

    /// An e-mail or webhook message: the Japanese sentence as the subject; Japanese, then English,
    /// then the link (absolute when the company set its address) as the body.
    public static func message(_ kind: NotificationKind, params: [String: String], link: String) -> (subject: String, body: String) {
        let ja = text(kind, params: params), en = text(kind, params: params, english: true)
        let opening = link.isEmpty ? "" : "\n\n" + link
        return ("【伝承】" + ja, ja + "\n" + en + opening + "\n\n-- \n" + footer + "\n")
    }

    /// Several messages to one person as one mail: the daily digest.
    public static func digest(_ bodies: [String]) -> (subject: String, body: String) {
        let items = bodies.map { body in
            // Each message without its footer; the digest has one.
            body.components(separatedBy: "\n\n-- \n").first ?? body
        }
        let subject = "【伝承】本日のお知らせ \(bodies.count)件 / \(bodies.count) notification\(bodies.count == 1 ? "" : "s")"
        return (subject, items.joined(separator: "\n\n----\n\n") + "\n\n-- \n" + footer + "\n")
    }
}
