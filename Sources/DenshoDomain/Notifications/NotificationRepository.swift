/// Notifications, each person's delivery choices, the company's mail server and webhook, and the
/// durable queue of e-mails and webhook posts that `densho serve` works through with retries.
///
/// Changes that notify (an assignment, a decision) post inside their own transaction; this
/// protocol posts for the daily scan and the command line.
public protocol NotificationRepository: Sendable {
    /// The account's notifications, newest first.
    func notifications(account: Account.ID, limit: Int) async throws -> [AppNotification]
    /// One of the account's notifications (nil for anyone else's).
    func notification(_ id: AppNotification.ID, account: Account.ID) async throws -> AppNotification?
    /// Unread notifications: one indexed count, asked for every page.
    func unreadCount(account: Account.ID) async throws -> Int
    /// Marks the account's notifications `ids` (every one when nil) read; returns how many were unread.
    @discardableResult
    func markRead(account: Account.ID, ids: [AppNotification.ID]?) async throws -> Int

    /// The account's choices (nothing beyond the list when never set).
    func preferences(account: Account.ID) async throws -> NotificationPreference
    /// Refuses an address that is not one (`StoreError.invalid`).
    func setPreferences(_ preference: NotificationPreference, account: Account.ID, by: String) async throws
    func notificationSettings(company: Company.ID) async throws -> NotificationSettings
    /// Refuses what `NotificationSettings.validate` refuses (`StoreError.invalid`); audited.
    func setNotificationSettings(_ settings: NotificationSettings, company: Company.ID, by: String) async throws

    /// Posts a notification to each account of `company` (once per `dedupe` key and account) and
    /// queues the deliveries they chose; returns those deliveries.
    @discardableResult
    func postNotification(
        company: Company.ID, accounts: [Account.ID], kind: NotificationKind, params: [String: String], link: String, dedupe: String?
    ) async throws -> [Delivery]
    /// A `test` notification for the account, sent whatever its choices: by e-mail to `email` (else
    /// the account's own address, if any) and, with `webhook`, to the company's webhook. Channels
    /// the company has not set up are skipped. Returns the deliveries queued.
    func queueTestNotification(account: Account.ID, email: String?, webhook: Bool, company: Company.ID) async throws -> [Delivery]

    /// Takes the oldest due delivery (or one whose sender's lease ran out) and leases it.
    func claimDelivery(worker: String, leaseSeconds: Double, now: Double) async throws -> Delivery?
    /// Records that the leased delivery went out.
    func completeDelivery(_ id: Delivery.ID, worker: String) async throws
    /// Records a failed attempt: tried again after `Job.backoff` unless `final` or out of attempts.
    func failDelivery(_ id: Delivery.ID, worker: String, reason: String, final: Bool, backoffBase: Double, now: Double) async throws
    /// The company's deliveries, newest first (the admin page, `densho notify list`).
    func deliveries(company: Company.ID, limit: Int) async throws -> [Delivery]
    /// Merges each recipient's held e-mails into one digest delivery; returns how many digests
    /// were queued. With `day`, only the first call for that day does anything (the daily run,
    /// across restarts and processes); without, it merges at once.
    @discardableResult
    func releaseDigests(day: LocalDate?) async throws -> Int

    /// Posts what a day brings, once per item and person however often it runs: training due
    /// within three days or overdue, and qualifications expiring within 60 days (to the holder
    /// and their department's supervisors). Returns how many notifications were posted.
    @discardableResult
    func runDailyScan(today: LocalDate) async throws -> Int
}
