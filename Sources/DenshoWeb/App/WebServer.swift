import DenshoDomain
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// Builds the web application: middleware (logging and metrics, errors, identity, CSRF), the
/// page controllers, uploads, the JSON API and the operations endpoints.
public enum WebServer {
    public static func buildRouter(
        configuration: WebConfiguration, store: any DenshoRepository
    ) async throws -> Router<AppRequestContext> {
        let renderer = try await Renderer(directory: configuration.templatesDirectory)
        let metrics = Metrics()
        let identities = IdentityCache()
        let env = PageEnvironment(store: store, renderer: renderer, configuration: configuration, identities: identities,
                                  watches: WatchRecorder(store: store))
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: RequestLogMiddleware(metrics: metrics))
        // Outside the error middleware and the static files: error pages and files get the headers too.
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: ErrorMiddleware(renderer: renderer))
        // Inside the error middleware: it serves a file when the routes answer 404.
        router.add(middleware: FileMiddleware(
            configuration.templatesDirectory + "/static", urlBasePath: "/static", cacheControl: .init([(MediaType(type: .any), [.maxAge(3600)])]),
            searchForIndexHtml: false))
        router.add(middleware: IdentityMiddleware(store: store, configuration: configuration, cache: identities))
        router.add(middleware: UnreadCountMiddleware(store: store))
        router.add(middleware: CSRFMiddleware())

        OpsController(store: store, metrics: metrics, metricsToken: configuration.metricsToken).addRoutes(to: router)
        AuthController(store: store, renderer: renderer, configuration: configuration, identities: identities).addRoutes(to: router)
        DashboardController(env: env).addRoutes(to: router)
        SkillMapController(env: env).addRoutes(to: router)
        SkillMapImportController(env: env).addRoutes(to: router)
        OnboardingController(env: env).addRoutes(to: router)
        EmployeeController(env: env).addRoutes(to: router)
        CareerPathController(env: env).addRoutes(to: router)
        ClipController(env: env).addRoutes(to: router)
        UploadController(env: env).addRoutes(to: router)
        ManualController(env: env).addRoutes(to: router)
        QuizController(env: env).addRoutes(to: router)
        TrainingController(env: env).addRoutes(to: router)
        ChecklistController(env: env).addRoutes(to: router)
        SignOffController(env: env).addRoutes(to: router)
        TrainingPlanDownloads(env: env).addRoutes(to: router)
        ISORecordDownloads(env: env).addRoutes(to: router)
        SearchController(env: env).addRoutes(to: router)
        DownloadController(env: env).addRoutes(to: router)
        MentoringController(env: env).addRoutes(to: router)
        ProposalController(env: env).addRoutes(to: router)
        KPIController(env: env).addRoutes(to: router)
        PublishingController(env: env).addRoutes(to: router)
        AdminController(env: env).addRoutes(to: router)
        NotificationController(env: env).addRoutes(to: router)
        NotificationAdminController(env: env).addRoutes(to: router)
        APIController(env: env).addRoutes(to: router)
        return router
    }

    public static func buildApplication(
        configuration: WebConfiguration, store: any DenshoRepository, services: [any Service] = [], logger: Logger
    ) async throws -> some ApplicationProtocol {
        let router = try await buildRouter(configuration: configuration, store: store)
        return Application(
            router: router, server: .http1WithSendfile(),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Densho"),
            services: services, logger: logger)
    }
}
