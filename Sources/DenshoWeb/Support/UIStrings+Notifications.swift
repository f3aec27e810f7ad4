import DenshoDomain

/// The notification pages' words. The notifications' own sentences come from the domain's
/// `NotificationText` (the same words as e-mails and webhook posts), under `notify.<kind>`.
extension UIStrings {
    static let notificationTable: [(key: String, ja: String, en: String)] = notificationPages + notificationSentences

    static let notificationSentences: [(key: String, ja: String, en: String)] = NotificationKind.allCases.map { kind in
        let sentence = NotificationText.sentence(kind)
        return (key: kind.stringKey, ja: sentence.ja, en: sentence.en)
    }

    static let notificationPages: [(key: String, ja: String, en: String)] = [
        ("notifications", "お知らせ", "Notifications"),
        ("notifyUnread", "未読", "unread"),
        ("notifyNone", "お知らせはありません。", "No notifications."),
        ("notifyMarkAllRead", "すべて既読にする", "Mark all as read"),
        ("notifySettings", "通知の設定", "Notification settings"),
        ("notifyExplain", "お知らせはいつもこの一覧に届きます。ここで選んだ種類は、メールや会社のチャットにも送られます。",
         "Notifications always arrive in this list; the kinds you tick here also go by e-mail or to the company's chat."),
        ("notifyEmailAddress", "通知を受け取るメールアドレス", "E-mail address for notifications"),
        ("notifyKind", "お知らせの種類", "Kind"),
        ("notifyByEmail", "メール", "E-mail"),
        ("notifyByWebhook", "チャット", "Chat"),
        ("notifyDigest", "メールは1日1回まとめて受け取る", "Send my e-mails as one daily digest"),
        ("notifyNoMailServer", "会社のメールサーバーが設定されていないため、今はメールは送られません。",
         "The company has no mail server set: no e-mails are sent for now."),
        ("notifyNoWebhook", "会社のチャット（Webhook）が設定されていないため、今はチャットには送られません。",
         "The company has no chat webhook set: nothing goes to the chat for now."),
        ("notifyCompany", "通知の送信設定（会社）", "Notification delivery (company)"),
        ("notifyCompanyExplain", "メールサーバーとチャットのWebhookを設定すると、各自が選んだお知らせがメールやチャットにも送られます。空欄にするとその経路は使いません。",
         "With a mail server and a chat webhook set, the notifications each person chose also go by e-mail or to the chat. Leave a field empty to turn that way off."),
        ("notifySMTPHost", "メールサーバー（SMTP）", "Mail server (SMTP)"),
        ("notifySMTPPort", "ポート", "Port"),
        ("notifySMTPSender", "送信元アドレス", "Sender address"),
        ("notifySMTPTLS", "暗号化", "Encryption"),
        ("notifySMTPTLSNone", "なし（社内の中継サーバーへ送る）", "None (to a relay inside the company)"),
        ("notifySMTPTLSNote", "伝承は暗号化（TLS）なしのSMTPだけで送ります。TLSや認証が必要なメールサービス（Microsoft 365、Gmail など）へは、サーバー上の中継（Postfix など）を経由させ、ここにはその中継（例: localhost、ポート25）を指定してください。",
         "Densho sends by plain SMTP only (no TLS). For a provider that requires TLS or a login (Microsoft 365, Gmail …), run a relay such as Postfix on the server and enter that relay here (for example localhost, port 25)."),
        ("notifyWebhookURL", "チャットのWebhook URL（Slack・LINE WORKS など）", "Chat webhook URL (Slack, LINE WORKS …)"),
        ("notifyQueue", "送信キュー（新しい順）", "Delivery queue (newest first)"),
        ("notifyChannel", "経路", "Channel"),
        ("notifyRecipient", "宛先", "Recipient"),
        ("notifySubject", "件名", "Subject"),
        ("notifyAttempts", "試行", "Attempts"),
        ("notifyLastError", "最後のエラー", "Last error"),
        ("notifyCreated", "作成", "Created"),
        ("notifyQueueEmpty", "送信したものはまだありません。", "Nothing has been sent yet."),
        ("notifyChannel.email", "メール", "E-mail"),
        ("notifyChannel.webhook", "チャット", "Chat"),
        ("notifyState.queued", "送信待ち", "Queued"),
        ("notifyState.sending", "送信中", "Sending"),
        ("notifyState.sent", "送信済", "Sent"),
        ("notifyState.failed", "失敗", "Failed"),
        ("notifyState.held", "まとめ待ち", "Held for the digest"),
        ("notifyState.merged", "まとめて送信", "Sent in a digest"),
        ("notifyKind.assignment-given", "研修の割り当て", "Training assigned to me"),
        ("notifyKind.assignment-due-soon", "研修の期限が近い", "My training due soon"),
        ("notifyKind.assignment-overdue", "研修の期限切れ", "My training overdue"),
        ("notifyKind.assignment-reopened", "改訂による再受講", "My training reopened by a revision"),
        ("notifyKind.self-assessment-waiting", "承認待ちの自己評価", "Self-assessments waiting for me"),
        ("notifyKind.self-assessment-decided", "自分の自己評価の結果", "My self-assessment decided"),
        ("notifyKind.manual-waiting", "承認待ちのマニュアル", "Manuals waiting for me"),
        ("notifyKind.manual-decided", "自分のマニュアルの承認結果", "My manual decided"),
        ("notifyKind.proposal-decided", "自分の改善提案の結果", "My proposal decided"),
        ("notifyKind.qualification-expiring", "資格の有効期限（自分・チーム）", "Qualifications expiring (mine, my team's)"),
        ("notifyKind.test", "テスト", "Test"),
    ]
}

extension Language {
    /// A notification's sentence in this language, from the one table (`notify.<kind>`).
    func sentence(of notification: AppNotification) -> String {
        NotificationText.fill(text(notification.kind.stringKey), params: notification.params, english: self == .en)
    }
}
