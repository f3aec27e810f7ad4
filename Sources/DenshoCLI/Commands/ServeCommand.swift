import ArgumentParser
import DenshoDomain
import DenshoMedia
import DenshoStore
import DenshoWeb
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the web app and JSON API, with media workers supervised beside it.",
        discussion: """
            Stops gracefully on SIGINT/SIGTERM: requests in flight finish, workers get SIGTERM.
            Notification e-mails and webhook posts are sent beside it; DENSHO_DELIVERY_INTERVAL and
            DENSHO_DELIVERY_BACKOFF (seconds) set how often the queue is read and the first retry's wait.
            """)

    @OptionGroup var options: GlobalOptions
    @Option(help: "Address to listen on (0.0.0.0 for the office network).") var host = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080
    @Option(help: "Media worker processes to keep running (0 for none).") var workers = 1
    @Flag(name: .customLong("secure-cookies"), help: "Mark cookies Secure (when served behind TLS).") var secureCookies = false
    @Option(help: "Folder of the Mustache templates (default: Templates/ of the installation).") var templates: String?
    @Option(name: .customLong("max-upload-mb"), help: "Largest clip accepted, in MiB.") var maxUploadMegabytes: Int = 4096
    @Option(name: .customLong("uploads-per-account"), help: "Unfinished uploads one account may hold at once.")
    var uploadsPerAccount: Int = UploadQuota().uploadsPerAccount
    @Option(name: .customLong("upload-gib-per-account"), help: "Declared GiB of one account's unfinished uploads, together.")
    var uploadGiBPerAccount: Int = Int(UploadQuota().bytesPerAccount >> 30)
    @Option(name: .customLong("uploads-per-company"), help: "Unfinished uploads of one company's accounts at once.")
    var uploadsPerCompany: Int = UploadQuota().uploadsPerCompany
    @Option(name: .customLong("upload-gib-per-company"), help: "Declared GiB of one company's unfinished uploads, together.")
    var uploadGiBPerCompany: Int = Int(UploadQuota().bytesPerCompany >> 30)
    @Option(name: .customLong("min-free-mb"), help: "MiB to keep free on the data directory's disk; larger uploads are refused.")
    var minimumFreeMegabytes: Int = Int(WebConfiguration.defaultMinimumFreeBytes >> 20)
    @Option(name: .customLong("stale-upload-hours"), help: "Hours without a byte after which an unfinished upload is removed.")
    var staleUploadHours: Double = MediaSweep().staleUploadAge / 3600
    @Option(
        name: .customLong("metrics-token"),
        help: "Ask for 'Authorization: Bearer TOKEN' on /metrics (default: DENSHO_METRICS_TOKEN, else open).")
    var metricsToken: String?
    @Option(
        name: .customLong("backup-dir"),
        help: ArgumentHelp("Folder for nightly backups on a second disk or NAS (default: DENSHO_BACKUP_DIR, else none).", valueName: "dir"))
    var backupDirectory: String?
    @Option(name: .customLong("backup-keep"), help: "Nightly snapshots to keep.") var backupKeep: Int = 7
    @Option(name: .customLong("backup-at"), help: ArgumentHelp("Time of the nightly backup, in Japan (Asia/Tokyo).", valueName: "HH:MM"))
    var backupAt: String = "02:30"

    func validate() throws {
        guard uploadsPerAccount > 0, uploadsPerCompany > 0, uploadGiBPerAccount > 0, uploadGiBPerCompany > 0 else {
            throw ValidationError("upload quotas must be at least 1")
        }
        guard minimumFreeMegabytes >= 0, staleUploadHours > 0 else {
            throw ValidationError("--min-free-mb must not be negative and --stale-upload-hours must be positive")
        }
        guard BackupService.Options.time(backupAt) != nil else { throw ValidationError("--backup-at takes a time as HH:MM (02:30)") }
        guard backupKeep >= 1 else { throw ValidationError("--backup-keep must be at least 1") }
    }

    func run() async throws {
        let context = try CLIContext(options)
        let dataRoot = (options.resolvedDataDirectory as NSString).standardizingPath
        var configuration = WebConfiguration(
            dataRoot: dataRoot, templatesDirectory: templates ?? WebConfiguration.defaultTemplatesDirectory())
        configuration.host = host
        configuration.port = port
        configuration.secureCookies = secureCookies
        configuration.maxUploadBytes = Int64(maxUploadMegabytes) << 20
        configuration.uploadQuota = UploadQuota(
            uploadsPerAccount: uploadsPerAccount, bytesPerAccount: Int64(uploadGiBPerAccount) << 30,
            uploadsPerCompany: uploadsPerCompany, bytesPerCompany: Int64(uploadGiBPerCompany) << 30)
        configuration.minimumFreeBytes = Int64(minimumFreeMegabytes) << 20
        configuration.sweep.staleUploadAge = staleUploadHours * 3600
        configuration.metricsToken = metricsToken ?? ProcessInfo.processInfo.environment["DENSHO_METRICS_TOKEN"]
        configuration.today = options.asOf ?? ProcessInfo.processInfo.environment["DENSHO_TODAY"]
        configuration.delivery = DeliveryOptions.fromEnvironment()
        var logger = Logger(label: "densho")
        logger.logLevel = ProcessInfo.processInfo.environment["DENSHO_LOG"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
        configuration.executable = executable
        let supervisor = WorkerSupervisor(
            executable: executable, arguments: ["worker", "--data-dir", dataRoot], count: workers, logger: logger)
        let sweeper = MediaSweepService(
            store: context.store, library: MediaLibrary(root: dataRoot), sweep: configuration.sweep,
            interval: configuration.sweepInterval, logger: logger)
        let delivery = NotificationDeliveryService(
            store: context.store, options: configuration.delivery, today: configuration.today.flatMap(LocalDate.init(parsing:)),
            logger: logger)
        var services: [any Service] = [supervisor, sweeper, delivery]
        let backupFolder = backupDirectory ?? ProcessInfo.processInfo.environment["DENSHO_BACKUP_DIR"].flatMap { $0.isEmpty ? nil : $0 }
        if let backupFolder, let time = BackupService.Options.time(backupAt) {
            services.append(BackupService(
                store: context.store, library: MediaLibrary(root: dataRoot),
                options: .init(directory: backupFolder, keep: backupKeep, hour: time.hour, minute: time.minute), logger: logger))
        }
        let app = try await WebServer.buildApplication(
            configuration: configuration, store: context.store, services: services, logger: logger)
        Terminal.note("Densho: http://\(host == "0.0.0.0" ? "localhost" : host):\(port)  (data: \(dataRoot), workers: \(workers)"
            + (backupFolder.map { ", nightly backup at \(backupAt) to \($0)" } ?? ", no nightly backup: set --backup-dir") + ")")
        try await app.runService()
    }
}
