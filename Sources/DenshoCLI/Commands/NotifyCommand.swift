import ArgumentParser
import DenshoDomain
import DenshoWeb
import Foundation
import Logging

struct NotifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify", abstract: "Notifications: send a test, show the delivery queue, deliver now.",
        discussion: """
            `densho serve` delivers queued e-mails and webhook posts by itself; `send` does one pass
            without it. The mail server and webhook are set on the admin page (通知の送信設定).
            """,
        subcommands: [Test.self, List.self, Send.self], defaultSubcommand: List.self)

    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Post a test notification to an account and queue its e-mail (and webhook post).")
        @OptionGroup var options: GlobalOptions
        @Option(name: .customLong("to"), help: "The account's login.") var login: String
        @Option(help: "Send the e-mail to this address (default: the account's own notification address).") var email: String?
        @Flag(help: "Also post to the company's webhook.") var webhook = false

        func validate() throws {
            if let email, !EmailAddress.isValid(email) { throw ValidationError("'\(email)' is not an e-mail address") }
        }

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            let accounts = try await context.store.accounts(company: company.id)
            guard let account = accounts.first(where: { $0.login.lowercased() == login.lowercased() }) else {
                throw CLIError.unknown("account", login, candidates: accounts.map(\.login))
            }
            let settings = try await context.store.notificationSettings(company: company.id)
            let queued = try await context.store.queueTestNotification(account: account.id, email: email, webhook: webhook, company: company.id)
            for delivery in queued {
                print("queued \(delivery.channel.rawValue) delivery \(delivery.id) to \(delivery.shownRecipient)")
            }
            if !queued.contains(where: { $0.channel == .email }) {
                print(settings.sendsEmail ? "no e-mail: \(account.login) has no notification address (give --email)"
                                          : "no e-mail: the company has no mail server set")
            }
            if webhook, !queued.contains(where: { $0.channel == .webhook }) { print("no webhook post: the company has no webhook set") }
            print("The notification is in \(account.login)'s list; `densho serve` sends the rest (or `densho notify send`).")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The company's delivery queue, newest first.")
        @OptionGroup var options: GlobalOptions
        @Option(help: "How many deliveries to show.") var limit = 50

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            var table = DataTable([("id", "ID"), ("created", "作成"), ("channel", "経路"), ("recipient", "宛先"), ("state", "状態"),
                                   ("attempts", "試行"), ("sent", "送信"), ("error", "最後のエラー")])
            for delivery in try await context.store.deliveries(company: company.id, limit: limit) {
                table.append([.int(Int(delivery.id.rawValue)), .text(delivery.createdAt), .text(delivery.channel.rawValue),
                              .text(delivery.shownRecipient), .text(delivery.state.rawValue), .int(delivery.attempts),
                              Cell(delivery.sentAt), Cell(delivery.lastError)])
            }
            context.output.print(table)
        }
    }

    struct Send: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Deliver everything due now, for every company, in the foreground (what `densho serve` does every few seconds).")
        @OptionGroup var options: GlobalOptions
        @Flag(help: "Run the daily scan first (training due soon or overdue, qualifications expiring).") var scan = false
        @Flag(help: "Merge e-mails held for digests into one per person first, whatever the hour.") var digest = false

        func run() async throws {
            let context = try CLIContext(options)
            if scan {
                let posted = try await context.store.runDailyScan(today: context.today)
                print("daily scan: \(posted) notification(s) posted")
            }
            if digest {
                let digests = try await context.store.releaseDigests(day: nil)
                print("digests: \(digests) queued")
            }
            var logger = Logger(label: "densho-notify")
            logger.logLevel = .error
            let service = NotificationDeliveryService(store: context.store, options: .fromEnvironment(), today: context.today, logger: logger)
            let report = await service.deliverDue()
            print("sent \(report.sent), to retry later \(report.retrying), failed \(report.failed)")
        }
    }
}
