import DenshoDomain
import DenshoMedia
import DenshoStore
import DenshoTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import DenshoWeb

@Suite("Backups on the admin page, in /metrics and as an alert")
struct BackupWebTests {
    @Test func metricsAndTheAdminPageShowTheLastGoodBackup() async throws {
        let fixture = try await WebFixture()
        let admin = try await fixture.browser(.admin)
        try await fixture.application().test(.router) { client in
            let before = try await client.execute(uri: "/metrics", method: .get)
            #expect(!before.text.contains("densho_backup_age_seconds"), "absent until the first good backup")
            let page = try await client.execute(uri: "/admin/users", method: .get, headers: admin.headers())
            #expect(page.text.contains("成功したバックアップはまだありません"))
        }
        let finished = Date().timeIntervalSince1970 - 3 * 3600
        try await fixture.store.recordBackupRun(BackupRun(
            kind: .backup, startedAt: finished - 60, finishedAt: finished, ok: true, stamp: "20260401-023000", files: 3,
            bytesCopied: 1000, problems: 0, message: ""))
        try await fixture.store.recordBackupRun(BackupRun(
            kind: .verify, startedAt: finished, finishedAt: finished + 10, ok: false, stamp: "20260401-023000", files: 3,
            bytesCopied: 0, problems: 1, message: "CORRUPT originals/ab/x.mp4 — used by clip:1 「段取り」"))
        try await fixture.application().test(.router) { client in
            let metrics = try await client.execute(uri: "/metrics", method: .get)
            #expect(metrics.text.contains("densho_backup_last_success_timestamp_seconds \(finished)"), "\(metrics.text)")
            #expect(metrics.text.contains("densho_backup_age_seconds "))
            #expect(metrics.text.contains("densho_backup_verify_problems 1.0"))
            let page = try await client.execute(uri: "/admin/users", method: .get, headers: admin.headers())
            #expect(page.text.contains("最後に成功したバックアップ"))
            #expect(page.text.contains("3時間前"))
            #expect(page.text.contains("1件（詳しくはサーバーで densho verify"))
            #expect(!page.text.contains("段取り"), "a verify report names clips of every company: the page gives only the count")
        }
    }

    @Test func adminsAreToldOnceADayWhenTheLastGoodBackupIsOld() async throws {
        let fixture = try await WebFixture()
        let service = BackupService(
            store: fixture.store, library: MediaLibrary(root: fixture.directory), options: .init(directory: fixture.directory + "/backup"),
            logger: WebFixture.quietLogger)
        let now = Date()
        try await fixture.store.recordBackupRun(BackupRun(
            kind: .backup, startedAt: now.timeIntervalSince1970 - 3 * 86400, finishedAt: now.timeIntervalSince1970 - 3 * 86400 + 60,
            ok: true, stamp: "x", files: 1, bytesCopied: 1, problems: 0, message: ""))
        await service.alertIfNeeded(serviceStarted: now, now: now)
        await service.alertIfNeeded(serviceStarted: now, now: now)
        let admin = try await fixture.account("hanawa-admin")
        let staff = try await fixture.account("hanawa-staff")
        let alerts = try await fixture.store.notifications(account: admin.id, limit: 50).filter { $0.kind == .backupStale }
        #expect(alerts.count == 1)
        #expect(try await fixture.store.notifications(account: staff.id, limit: 50).allSatisfy { $0.kind != .backupStale })
        #expect(NotificationText.text(.backupStale, params: alerts[0].params).contains("バックアップ"))
    }

    @Test func theNightlyRunIsAtTheChosenTimeInJapan() {
        let tokyo = TimeZone(identifier: "Asia/Tokyo")!
        // 2026-04-01 01:00 JST → 02:30 the same day; 03:00 JST → 02:30 the next day.
        let early = Date(timeIntervalSince1970: 1_774_972_800)  // 2026-04-01 01:00 JST (2026-03-31 16:00 UTC)
        #expect(BackupService.nextRun(after: early, hour: 2, minute: 30, timeZone: tokyo).timeIntervalSince(early) == 5400)
        let late = early.addingTimeInterval(2 * 3600)
        #expect(BackupService.nextRun(after: late, hour: 2, minute: 30, timeZone: tokyo).timeIntervalSince(late) == 86400 - 1800)
        #expect(BackupService.Options.time("02:30").map { $0.hour == 2 && $0.minute == 30 } == true)
        #expect(BackupService.Options.time("24:00") == nil)
    }
}
