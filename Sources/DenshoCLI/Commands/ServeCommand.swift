import ArgumentParser
import DenshoDomain
import DenshoStore
import DenshoWeb
import Foundation
import Hummingbird
import Logging

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the web app and JSON API, with media workers supervised beside it.",
        discussion: "Stops gracefully on SIGINT/SIGTERM: requests in flight finish, workers get SIGTERM.")

    @OptionGroup var options: GlobalOptions
    @Option(help: "Address to listen on (0.0.0.0 for the office network).") var host = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080
    @Option(help: "Media worker processes to keep running (0 for none).") var workers = 1
    @Flag(name: .customLong("secure-cookies"), help: "Mark cookies Secure (when served behind TLS).") var secureCookies = false
    @Option(help: "Folder of the Mustache templates (default: Templates/ of the installation).") var templates: String?
    @Option(name: .customLong("max-upload-mb"), help: "Largest clip accepted, in MiB.") var maxUploadMegabytes: Int = 4096
    @Option(
        name: .customLong("metrics-token"),
        help: "Ask for 'Authorization: Bearer TOKEN' on /metrics (default: DENSHO_METRICS_TOKEN, else open).")
    var metricsToken: String?

    func run() async throws {
        let context = try CLIContext(options)
        let dataRoot = (options.resolvedDataDirectory as NSString).standardizingPath
        var configuration = WebConfiguration(
            dataRoot: dataRoot, templatesDirectory: templates ?? WebConfiguration.defaultTemplatesDirectory())
        configuration.host = host
        configuration.port = port
        configuration.secureCookies = secureCookies
        configuration.maxUploadBytes = Int64(maxUploadMegabytes) << 20
        configuration.metricsToken = metricsToken ?? ProcessInfo.processInfo.environment["DENSHO_METRICS_TOKEN"]
        configuration.today = options.asOf ?? ProcessInfo.processInfo.environment["DENSHO_TODAY"]
        var logger = Logger(label: "densho")
        logger.logLevel = ProcessInfo.processInfo.environment["DENSHO_LOG"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
        configuration.executable = executable
        let supervisor = WorkerSupervisor(
            executable: executable, arguments: ["worker", "--data-dir", dataRoot], count: workers, logger: logger)
        let app = try await WebServer.buildApplication(
            configuration: configuration, store: context.store, services: [supervisor], logger: logger)
        Terminal.note("Densho: http://\(host == "0.0.0.0" ? "localhost" : host):\(port)  (data: \(dataRoot), workers: \(workers))")
        try await app.runService()
    }
}
