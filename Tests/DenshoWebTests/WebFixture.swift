import DenshoCodec
import DenshoDomain
import DenshoMedia
import DenshoStore
import DenshoTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdBcrypt
import HummingbirdTesting
import Logging
import NIOCore
@testable import DenshoWeb

/// Who makes a request in the access tests.
enum Persona: String, CaseIterable, CustomStringConvertible, Sendable {
    case anonymous, staff, supervisor, hr, admin
    /// The administrator of another member company.
    case other
    /// The association's office (産業未来創造会 事務局, demo login `kyogikai`): no company of its own,
    /// aggregates only.
    case association
    /// A script with an API token of the supervisor (`Authorization: Bearer`, no cookie, no form
    /// token): it may do what the supervisor may, in the same departments, and no more.
    case token

    var login: String? {
        switch self {
        case .anonymous: nil
        case .staff: "hanawa-staff"
        case .supervisor, .token: "hanawa-sup"
        case .hr: "hanawa-hr"
        case .admin: "hanawa-admin"
        case .other: "osarizawa-admin"
        case .association: "kyogikai"
        }
    }
    var description: String { rawValue }
}

/// A logged-in browser (its cookie and form token), or a script with an API token.
struct Browser: Sendable {
    var cookie: String?
    var csrf: String?
    /// An API token, sent as `Authorization: Bearer`.
    var bearer: String? = nil

    func headers(_ extra: HTTPFields = [:], csrf sendToken: Bool = true) -> HTTPFields {
        var headers = extra
        if let cookie { headers[.cookie] = "\(IdentityMiddleware.cookieName)=\(cookie)" }
        if sendToken, let csrf { headers[CSRFMiddleware.headerName] = csrf }
        if let bearer { headers[.authorization] = "Bearer \(bearer)" }
        return headers
    }
}

/// The demo companies in a real database file, plus one clip processed by the real media
/// pipeline, copied fresh for every test from a template made once per test run.
final class WebFixture: @unchecked Sendable {
    static let today = "2026-04-01"
    let directory: String
    let store: SQLiteStore
    let configuration: WebConfiguration

    init() async throws {
        let template = try await TemplateData.shared.path()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("densho-web-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: template, toPath: directory)
        store = try SQLiteStore(dataDirectory: directory)
        configuration = Self.configuration(dataRoot: directory)
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    static func configuration(dataRoot: String) -> WebConfiguration {
        var configuration = WebConfiguration(dataRoot: dataRoot, templatesDirectory: templatesDirectory)
        configuration.today = today
        configuration.maxUploadBytes = 8 << 20
        // 作業標準書 stills are taken by a child `densho`, as in production.
        configuration.executable = CLIRunner.binary.path
        return configuration
    }

    static let templatesDirectory: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Templates").path
    }()

    /// The application; `server` matters only for `.live` tests (`densho serve` uses `.http1WithSendfile()`).
    func application(server: HTTPServerBuilder = .http1()) async throws -> some ApplicationProtocol {
        let router = try await WebServer.buildRouter(configuration: configuration, store: store)
        return Application(router: router, server: server, logger: Self.quietLogger)
    }

    /// Request logs only for warnings and errors, so test output stays readable.
    static let quietLogger: Logger = {
        var logger = Logger(label: "densho-test")
        logger.logLevel = .warning
        return logger
    }()

    func company(_ code: String) async throws -> Company { try await store.company(code: code)! }

    func account(_ login: String) async throws -> Account { try await store.credentials(login: login)!.account }

    /// A session made directly in the store (bcrypt is tested once, in the login test); for
    /// `.token`, a fresh API token instead.
    func browser(_ persona: Persona) async throws -> Browser {
        guard let login = persona.login else { return Browser() }
        if persona == .token { return try await script(login: login) }
        return try await browser(login: login)
    }

    /// A script calling with a fresh API token of the account: no cookie, no form token.
    func script(login: String) async throws -> Browser {
        let token = "dsh_" + Tokens.random()
        _ = try await store.addAPIToken(account: try await account(login).id, name: "test script", tokenHash: Tokens.digest(token), by: "test")
        return Browser(bearer: token)
    }

    /// A logged-in browser for any account.
    func browser(login: String) async throws -> Browser {
        let account = try await account(login)
        let token = Tokens.random(), csrf = Tokens.random()
        try await store.createSession(SessionRecord(
            tokenHash: Tokens.digest(token), accountID: account.id, csrfToken: csrf, expiresAt: Date().timeIntervalSince1970 + 3600))
        return Browser(cookie: token, csrf: csrf)
    }

    /// The ready clip of hanawa (processed from a real generated video).
    func readyClip() async throws -> Clip {
        try await store.clips(company: try await company("hanawa").id, status: .ready).first!
    }

    /// A clip record (no file) whose processing failed, owned by `owner`.
    func failedClip(company: Company, owner: Employee.ID?, tag: String) async throws -> Clip {
        let (clip, _) = try await store.addClip(
            Clip(id: .init(0), companyID: company.id, ownerID: owner, title: "壊れた動画 \(tag)",
                 originalHash: String(repeating: "0", count: 56) + String(format: "%08x", abs(tag.hashValue) % 0xffffffff),
                 originalExtension: "mp4", originalName: "broken.mp4", originalSize: 10),
            by: "test")
        let job = try await store.claimJob(worker: "test", leaseSeconds: 30, now: Date().timeIntervalSince1970)!
        try await store.failJob(job.id, worker: "test", reason: "動画として読み込めません", final: true, backoffBase: 1,
                                now: Date().timeIntervalSince1970)
        return try await store.clip(clip.id, company: company.id)!
    }

    func employee(number: String, company code: String = "hanawa") async throws -> Employee {
        try await store.employee(number: number, company: try await company(code).id)!
    }

    /// The employee record behind a login.
    func employee(of login: String) async throws -> Employee {
        let account = try await account(login)
        return try await store.employee(account.employeeID!, company: account.companyID!)!
    }
}

/// Builds the template data directory once per test process.
actor TemplateData {
    static let shared = TemplateData()
    var built: String?

    func path() async throws -> String {
        if let built { return built }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("densho-web-template-\(UUID().uuidString)").path
        // Shared by every test of the run: removed when the test process exits.
        TemporaryFiles.removeAtExit(directory)
        let store = try SQLiteStore(dataDirectory: directory)
        let hash = Bcrypt.hash(DemoData.password, cost: 4)
        for dataset in DemoData.companies(asOf: LocalDate(parsing: WebFixture.today)!, passwordHash: hash) {
            _ = try await store.seed(dataset, by: "test")
        }
        _ = try await store.addAccount(DemoData.associationAccount(passwordHash: hash), company: nil, employee: nil, by: "test")
        // One real clip, processed by the real pipeline, owned by hanawa's young staff member.
        let hanawa = try await store.company(code: "hanawa")!
        let owner = try await store.credentials(login: "hanawa-staff")!.account.employeeID
        let source = try MediaFixtures.landscape()
        let library = MediaLibrary(root: directory)
        let stored = try library.storeOriginal(from: source, name: "lathe.mp4")
        let (clip, _) = try await store.addClip(
            Clip(id: .init(0), companyID: hanawa.id, ownerID: owner, title: "旋盤 段取り", tags: ["旋盤", "段取り"],
                 originalHash: stored.hash, originalExtension: stored.fileExtension, originalName: "lathe.mp4", originalSize: stored.size),
            by: "test")
        let job = try await store.claimJob(worker: "test", leaseSeconds: 60, now: Date().timeIntervalSince1970)!
        let manifest = try ClipProcessor.process(input: library.absolute(clip.originalPath), outputDirectory: library.absolute(clip.renditionDirectory))
        try await store.completeJob(job.id, worker: "test", probe: manifest.source, manifest: manifest)
        built = directory
        return directory
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
}
