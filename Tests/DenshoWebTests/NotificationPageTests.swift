import DenshoDomain
import DenshoStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
@testable import DenshoWeb

@Suite("Notifications: the list, the header's badge, choices, the mail format")
struct NotificationPageTests {
    @Test func theBadgeCountsUnreadAndOpeningOneMarksItRead() async throws {
        let fixture = try await WebFixture()
        let hanawa = try await fixture.company("hanawa")
        let staff = try await fixture.account("hanawa-staff")
        _ = try await fixture.store.markRead(account: staff.id, ids: nil)
        _ = try await fixture.store.postNotification(
            company: hanawa.id, accounts: [staff.id], kind: .proposalDecided, params: ["title": "工具の姿置き", "result": "adopted"],
            link: "/proposals", dedupe: nil)
        let id = try #require(try await fixture.store.notifications(account: staff.id, limit: 1).first?.id)
        let browser = try await fixture.browser(.staff)
        let page: HTTPFields = [.accept: "text/html,application/xhtml+xml"]
        try await fixture.application().test(.router) { client in
            let home = try await client.execute(uri: "/", method: .get, headers: browser.headers(page))
            #expect(home.text.contains("id=\"notifications-link\""))
            #expect(home.text.contains("<span class=\"count\" title=\"未読\">1</span>"))

            let list = try await client.execute(uri: "/notifications", method: .get, headers: browser.headers(page))
            #expect(list.status == .ok)
            #expect(list.text.contains("<li class=\"unread\"><a href=\"/notifications/\(id)\">改善提案「工具の姿置き」の結果：採用</a>"))

            let opened = try await client.execute(uri: "/notifications/\(id)", method: .get, headers: browser.headers(page))
            #expect(opened.status == .seeOther && opened.headers[.location] == "/proposals")
            #expect(try await fixture.store.unreadCount(account: staff.id) == 0)
            let after = try await client.execute(uri: "/", method: .get, headers: browser.headers(page))
            #expect(!after.text.contains("class=\"count\""), "no badge when all is read")

            // In English, the same notification in English.
            var english = browser.headers(page)
            english[.cookie] = (english[.cookie] ?? "") + "; \(Language.cookieName)=en"
            let translated = try await client.execute(uri: "/notifications", method: .get, headers: english)
            #expect(translated.text.contains("Your improvement proposal “工具の姿置き”: adopted."))

            // Someone else's notification is not found.
            let other = try await fixture.browser(.supervisor)
            let foreign = try await client.execute(uri: "/notifications/\(id)", method: .get, headers: other.headers(page))
            #expect(foreign.status == .notFound)
        }
    }

    @Test func eachPersonChoosesWhatAlsoGoesByMailOrChat() async throws {
        let fixture = try await WebFixture()
        let staff = try await fixture.account("hanawa-staff")
        let browser = try await fixture.browser(.staff)
        try await fixture.application().test(.router) { client in
            let form = try await client.execute(uri: "/notifications/settings", method: .get, headers: browser.headers())
            #expect(form.text.contains("name=\"email_kind\" value=\"proposal-decided\""))
            #expect(!form.text.contains("value=\"self-assessment-waiting\""), "staff approve nothing")
            let saved = try await PageTests.post(
                client, "/notifications/settings",
                "email=sato%40example.jp&email_kind=proposal-decided&email_kind=assignment-due-soon&webhook_kind=assignment-overdue&digest=1",
                as: browser)
            #expect(saved.status == .seeOther)
            let preference = try await fixture.store.preferences(account: staff.id)
            #expect(preference == NotificationPreference(
                email: "sato@example.jp", emailKinds: [.proposalDecided, .assignmentDueSoon], webhookKinds: [.assignmentOverdue], digest: true))
            let refused = try await PageTests.post(client, "/notifications/settings", "email=sato%0D%0ABcc%3A+x%40example.jp", as: browser)
            #expect(refused.status == .badRequest)
        }
    }

    @Test func theCompanysMailServerAndWebhookAreCheckedBeforeTheyAreSaved() async throws {
        let fixture = try await WebFixture()
        let hanawa = try await fixture.company("hanawa")
        let admin = try await fixture.browser(.admin)
        try await fixture.application().test(.router) { client in
            let tls = try await PageTests.post(
                client, "/admin/notifications", "smtpHost=smtp.example.jp&smtpPort=587&smtpSender=densho%40example.jp&smtpTLS=starttls", as: admin)
            #expect(tls.status == .badRequest && tls.text.contains("中継"))
            let saved = try await PageTests.post(
                client, "/admin/notifications",
                "smtpHost=localhost&smtpPort=25&smtpSender=densho%40example.jp&smtpTLS=none&webhookURL=https%3A%2F%2Fhooks.example.jp%2Fs%2Fsecret",
                as: admin)
            #expect(saved.status == .seeOther)
            #expect(try await fixture.store.notificationSettings(company: hanawa.id) == NotificationSettings(
                smtpHost: "localhost", smtpPort: 25, smtpSender: "densho@example.jp", webhookURL: "https://hooks.example.jp/s/secret"))
            let page = try await client.execute(uri: "/admin/notifications", method: .get, headers: admin.headers())
            #expect(page.status == .ok && page.text.contains("value=\"localhost\""))
        }
    }

    @Test func mailsCarryJapaneseIntactAsEncodedWordsAndBase64() throws {
        let subject = "【伝承】改善提案「工具の姿置き」の結果：採用 — とても長い件名でも一語が七十五文字を超えないように折り返します"
        let message = MailMessage(from: "densho@example.jp", to: "sato@example.jp", subject: subject, body: "一行目\n.二行目\n")
        let text = message.rendered()
        let head = text.components(separatedBy: "\r\n\r\n")[0]
        #expect(head.contains("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64"))
        #expect(head.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 }, "header lines stay short")
        // The encoded words decode back to the subject.
        let subjectLines = head.components(separatedBy: "Subject: ")[1].components(separatedBy: "\r\nDate:")[0]
        let decoded = subjectLines.components(separatedBy: "\r\n ").map { word -> String in
            let payload = word.dropFirst("=?UTF-8?B?".count).dropLast(2)
            return String(decoding: Data(base64Encoded: String(payload)) ?? Data(), as: UTF8.self)
        }.joined()
        #expect(decoded == subject)
        let body = text.components(separatedBy: "\r\n\r\n")[1].replacingOccurrences(of: "\r\n", with: "")
        #expect(String(decoding: Data(base64Encoded: body) ?? Data(), as: UTF8.self) == "一行目\r\n.二行目\r\n")
        #expect(MailMessage.dotStuffed("a\r\n.b\r\n..c\r\n") == "a\r\n..b\r\n...c\r\n")
    }
}
