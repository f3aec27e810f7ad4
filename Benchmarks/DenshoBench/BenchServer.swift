#if canImport(Glibc)
import Glibc
#endif
import DenshoDomain
import DenshoMedia
import DenshoStore
import Foundation

/// `densho serve` (this release build) on a free loopback port, as the web benchmarks run it: request logs off,
/// no media workers, the benchmark's date.
struct BenchServer {
    let process: Process
    let base: String

    static func start(densho: String, dataDirectory: String) async throws -> BenchServer {
        let port = try WebBench.freePort()
        let server = Process()
        server.executableURL = URL(fileURLWithPath: densho)
        server.arguments = ["serve", "--data-dir", dataDirectory, "--port", String(port), "--workers", "0", "--as-of", BenchDataset.asOf.description,
                            "--templates", FileManager.default.currentDirectoryPath + "/Templates"]
        server.environment = ProcessInfo.processInfo.environment.merging(["DENSHO_LOG": "warning"]) { _, new in new }
        server.standardError = FileHandle.nullDevice
        server.standardOutput = FileHandle.nullDevice
        try server.run()
        let base = "http://127.0.0.1:\(port)"
        do {
            try await WebBench.waitFor(base + "/healthz")
        } catch {
            kill(server.processIdentifier, SIGTERM)
            throw error
        }
        return BenchServer(process: server, base: base)
    }

    func stop() {
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
    }

    /// A logged-in account's session cookie, made directly in the store (logging in is not what is measured).
    static func session(
        store: SQLiteStore, company: Company, login: String, role: Role, employee: Employee.ID? = nil
    ) async throws -> String {
        let account = try await store.addAccount(
            NewAccount(login: login, displayName: login, role: role, passwordHash: "-"), company: company.id, employee: employee, by: "bench")
        let token = Hex.encode((0..<32).map { _ in UInt8.random(in: 0...255) })
        try await store.createSession(SessionRecord(
            tokenHash: SHA256.hex(of: Array(token.utf8)), accountID: account.id, csrfToken: "-", expiresAt: Date().timeIntervalSince1970 + 86400))
        return "densho_session=\(token)"
    }
}
