import DenshoDomain
import Testing

@Suite("Notification sentences, addresses and settings")
struct NotificationTextTests {
    @Test func placeholdersAreFilledOnceAndMissingOnesLeftEmpty() {
        #expect(fillPlaceholders("「{title}」は{due}まで", ["title": "段取り", "due": "2026/04/03"]) == "「段取り」は2026/04/03まで")
        #expect(fillPlaceholders("「{title}」{due}", ["title": "a"]) == "「a」")
        // A value that looks like a placeholder is text, not filled again.
        #expect(fillPlaceholders("{title} / {due}", ["title": "{due}", "due": "x"]) == "{due} / x")
        #expect(fillPlaceholders("{ not a name } {", [:]) == "{ not a name } {")
    }

    @Test(arguments: NotificationKind.allCases)
    func everyKindSpeaksBothLanguagesWithNoPlaceholderLeft(kind: NotificationKind) {
        let params = ["title": "T", "due": "2026/04/03", "name": "N", "skill": "S", "level": "2", "result": "approved"]
        for english in [false, true] {
            let text = NotificationText.text(kind, params: params, english: english)
            #expect(!text.isEmpty && !text.contains("{") && !text.contains("}"), "\(kind) \(english): \(text)")
        }
        #expect(NotificationText.sentence(kind).ja != NotificationText.sentence(kind).en)
    }

    @Test func resultsAreWordsOfTheReadersLanguage() {
        let params = ["title": "工具の姿置き", "result": "not-adopted"]
        #expect(NotificationText.text(.proposalDecided, params: params) == "改善提案「工具の姿置き」の結果：不採用")
        #expect(NotificationText.text(.proposalDecided, params: params, english: true) == "Your improvement proposal “工具の姿置き”: not adopted.")
        let message = NotificationText.message(.proposalDecided, params: params, link: "https://densho.example.jp/proposals")
        #expect(message.subject == "【伝承】改善提案「工具の姿置き」の結果：不採用")
        #expect(message.body.hasPrefix("改善提案「工具の姿置き」の結果：不採用\nYour improvement proposal"))
        #expect(message.body.contains("\n\nhttps://densho.example.jp/proposals\n"))
    }

    @Test(arguments: [
        ("sato@example.jp", true), ("s.sato+densho@mail.example.co.jp", true), ("root@localhost", true),
        ("", false), ("sato", false), ("@example.jp", false), ("sato@", false), ("a@b@c", false), ("sato@example..jp", false),
        ("sato @example.jp", false), ("sato@example.jp\r\nBcc: x@y.jp", false), ("<sato@example.jp>", false), ("佐藤@example.jp", false),
    ])
    func emailAddresses(text: String, valid: Bool) {
        #expect(EmailAddress.isValid(text) == valid, "\(text)")
    }

    @Test func settingsThatCannotWorkSayWhyInBothLanguages() throws {
        try NotificationSettings().validate()
        try NotificationSettings(smtpHost: "localhost", smtpPort: 25, smtpSender: "densho@example.jp", webhookURL: "http://127.0.0.1:9000/hook")
            .validate()
        do {
            try NotificationSettings(smtpHost: "localhost", smtpSender: "densho@example.jp", smtpTLS: "starttls").validate()
            Issue.record("TLS was accepted")
        } catch let problem as NotificationSetupError {
            #expect(problem == .unsupportedTLS("starttls"))
            #expect(problem.ja.contains("中継") && problem.en.contains("relay"))
        }
        #expect(throws: NotificationSetupError.invalidWebhook("ftp://example.jp/hook")) {
            try NotificationSettings(webhookURL: "ftp://example.jp/hook").validate()
        }
        #expect(throws: NotificationSetupError.invalidSender("")) { try NotificationSettings(smtpHost: "mail.example.jp").validate() }
        #expect(throws: NotificationSetupError.invalidEmail("x")) { try NotificationPreference(email: "x").validate() }
    }

    @Test func aWebhooksSecretPathIsNotShown() {
        func delivery(_ channel: DeliveryChannel, _ recipient: String) -> Delivery {
            Delivery(id: .init(1), companyID: .init(1), notificationID: nil, channel: channel, recipient: recipient, subject: "", body: "",
                     state: .queued, attempts: 0, maxAttempts: 12, nextAttemptAt: 0, lastError: nil, createdAt: "", sentAt: nil)
        }
        #expect(delivery(.webhook, "https://hooks.slack.com/services/T0/B0/XYZ").shownRecipient == "https://hooks.slack.com/…")
        #expect(delivery(.webhook, "http://127.0.0.1:9000").shownRecipient == "http://127.0.0.1:9000")
        #expect(delivery(.email, "sato@example.jp").shownRecipient == "sato@example.jp")
    }
}
