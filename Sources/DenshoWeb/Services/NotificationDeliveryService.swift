import DenshoDomain
import Foundation
import Logging
import NIOPosix
import ServiceLifecycle

/// How the delivery queue is worked (`densho serve`, `densho notify send`).
public struct DeliveryOptions: Sendable {
    /// Seconds between passes over the queue.
    public var interval: Double = 2
    /// Seconds before the first retry; each later one waits twice as long, at most ten minutes
    /// (`Job.backoff`).
    public var backoffBase: Double = 30
    /// Seconds a sender holds a message; one that dies lets it go after this.
    public var leaseSeconds: Double = 120
    /// The hour in Japan from which the day's digests go out.
    public var digestHour = 7
    /// Seconds to wait for the mail server (connecting, each reply) and for a webhook.
    public var smtpTimeout: Double = 10
    public var webhookTimeout: Double = 10

    public init() {}

    /// The defaults, with `DENSHO_DELIVERY_INTERVAL` and `DENSHO_DELIVERY_BACKOFF` (seconds) applied:
    /// tests retry within a second instead of half a minute.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> DeliveryOptions {
        var options = DeliveryOptions()
        if let interval = environment["DENSHO_DELIVERY_INTERVAL"].flatMap(Double.init), interval > 0 { options.interval = interval }
        if let backoff = environment["DENSHO_DELIVERY_BACKOFF"].flatMap(Double.init), backoff > 0 { options.backoffBase = backoff }
        return options
    }
}

/// What one pass over the queue did.
public struct DeliveryPassReport: Sendable, Equatable {
    public var sent = 0
    /// Failed attempts that will be tried again.
    public var retrying = 0
    /// Failed for good (refused, or out of attempts).
    public var failed = 0

    public init() {}
}

/// Sends queued e-mails and webhook posts beside the web server, never inside a request: claims
/// what is due, sends it, records the outcome (a failure is retried with backoff). Also runs the
/// daily scan (at start and when the day changes) and releases the day's digests. Everything it
/// works from is in the database, so nothing is lost when the server stops: a message it held
/// when the process died goes out after its lease.
public struct NotificationDeliveryService: Service {
    public let store: any DenshoRepository
    public let options: DeliveryOptions
    /// The date of the scans when pinned (tests, demos); nil for today in Japan.
    public let today: LocalDate?
    public let logger: Logger
    /// Who holds leases (`notify-host-1234`).
    let worker: String

    /// - Parameters:
    ///   - store: The queue, and the company settings each message is sent with.
    ///   - options: Pace, retries and timeouts.
    ///   - today: A pinned date for the daily scan; nil for the real date in Japan.
    ///   - logger: Where failures are reported.
    public init(store: any DenshoRepository, options: DeliveryOptions, today: LocalDate? = nil, logger: Logger) {
        self.store = store
        self.options = options
        self.today = today
        self.logger = logger
        worker = "notify-\(SMTPClient.localName())-\(ProcessInfo.processInfo.processIdentifier)"
    }

    public func run() async throws {
        var scanned: LocalDate?
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            let day = today ?? LocalDate(Date())
            if scanned != day {
                do {
                    let posted = try await store.runDailyScan(today: day)
                    scanned = day
                    if posted > 0 { logger.info("daily scan posted \(posted) notification(s)") }
                } catch {
                    logger.error("daily scan failed: \(error)")
                }
            }
            await releaseDigests(day: day)
            _ = await deliverDue()
            let pause = options.interval
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(pause)) }
        }
    }

    /// The day's digests, once the digest hour has come (once a day however often it is asked).
    func releaseDigests(day: LocalDate) async {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = LocalDate.japan
        guard calendar.component(.hour, from: Date()) >= options.digestHour else { return }
        do {
            let digests = try await store.releaseDigests(day: day)
            if digests > 0 { logger.info("queued \(digests) daily digest(s)") }
        } catch {
            logger.error("releasing digests failed: \(error)")
        }
    }

    /// Sends every message due now, one after another (at most 200, so a shutdown is not kept
    /// waiting), and records each outcome.
    public func deliverDue() async -> DeliveryPassReport {
        var report = DeliveryPassReport()
        for _ in 0..<200 where !Task.isCancelled && !Task.isShuttingDownGracefully {
            let claimed: Delivery?
            do {
                claimed = try await store.claimDelivery(worker: worker, leaseSeconds: options.leaseSeconds, now: Date().timeIntervalSince1970)
            } catch {
                logger.error("cannot read the delivery queue: \(error)")
                break
            }
            guard let delivery = claimed else { break }
            do {
                try await send(delivery)
                try await store.completeDelivery(delivery.id, worker: worker)
                report.sent += 1
            } catch {
                let final = (error as? SMTPError)?.isPermanent ?? (error as? WebhookError)?.isPermanent ?? false
                let out = final || delivery.attempts >= delivery.maxAttempts
                logger.warning("\(delivery.channel.rawValue) delivery \(delivery.id) failed (attempt \(delivery.attempts)): \(error)")
                do {
                    try await store.failDelivery(delivery.id, worker: worker, reason: String(describing: error), final: final,
                                                 backoffBase: max(options.backoffBase, 0.05), now: Date().timeIntervalSince1970)
                } catch {
                    logger.error("cannot record the failure of delivery \(delivery.id): \(error)")
                }
                if out { report.failed += 1 } else { report.retrying += 1 }
            }
        }
        return report
    }

    /// One message by its channel, with the company's settings as they are now.
    func send(_ delivery: Delivery) async throws {
        switch delivery.channel {
        case .email:
            let settings = try await store.notificationSettings(company: delivery.companyID)
            guard settings.sendsEmail else { throw SMTPError.noServer }
            let client = SMTPClient(host: settings.smtpHost, port: settings.smtpPort, timeout: options.smtpTimeout)
            let message = MailMessage(from: settings.smtpSender, to: delivery.recipient, subject: delivery.subject, body: delivery.body)
            // The socket conversation blocks: on NIO's thread pool, never on a cooperative thread.
            try await NIOThreadPool.singleton.runIfActive { try client.send(message) }
        case .webhook:
            try await WebhookPoster(timeout: options.webhookTimeout).post(to: delivery.recipient, title: delivery.subject, text: delivery.body)
        }
    }
}
