/// Counts the bytes a backup or verify has been through and tells its progress callback at most
/// every 100 ms: a progress bar needs no more, and a callback per 4 MiB read would cost time.
final class ProgressCounter {
    let total: Int64
    private let report: (@Sendable (_ done: Int64, _ total: Int64) -> Void)?
    private(set) var done: Int64 = 0
    private var lastReport = ContinuousClock.now

    init(total: Int64, report: (@Sendable (_ done: Int64, _ total: Int64) -> Void)?) {
        self.total = total
        self.report = report
    }

    func advance(_ bytes: Int) {
        done += Int64(bytes)
        guard let report else { return }
        let now = ContinuousClock.now
        if now - lastReport >= .milliseconds(100) {
            lastReport = now
            report(done, total)
        }
    }
}
