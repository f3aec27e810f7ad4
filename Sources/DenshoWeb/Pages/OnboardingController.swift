import DenshoDomain
import DenshoInterchange
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The 力量表 onboarding wizard: an admin or HR person uploads the company's own hand-made Excel
/// 力量表, checks how its marks read and who its people and skills are, previews every cell that
/// would change and imports it in one go. The engine is `OnboardingImport` (shared with the CLI);
/// these pages keep the upload between steps (`OnboardingUploads`) and turn the plan into forms.
/// The decisions are saved under the file's name when it is imported, so next month's workbook
/// asks nothing.
///
/// Only the upload needs the page's script (the app reads no multipart bodies): the file is the
/// request body, as on `/skillmap/import`. Every later step is a plain form, posted and redirected.
struct OnboardingController {
    let env: PageEnvironment

    var uploads: OnboardingUploads { OnboardingUploads(dataRoot: env.configuration.dataRoot) }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/onboarding/skillmap", use: form)
        router.post("/onboarding/skillmap", use: upload)
        router.get("/onboarding/skillmap/{token}", use: show)
        router.post("/onboarding/skillmap/{token}", use: decide)
        router.post("/onboarding/skillmap/{token}/commit", use: commit)
    }

    struct FormView { var maxMB: Int; var tooLarge: String }
    struct Problems: Codable { var problems: [String] }

    @Sendable func form(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.require { $0.canOnboardWorkbooks }
        let limit = OnboardingImport.maxBytes >> 20
        return env.renderer.page(.onboardingUpload, title: context.language.text("obTitle"), context: context,
                                 data: FormView(maxMB: limit, tooLarge: OnboardingView.fill(context.language.text("obTooLarge"), ["mb": limit])),
                                 section: "skillmap")
    }

    /// The workbook as the request body (its name in `X-File-Name`). A file that is no 力量表 is
    /// refused here, with the reason as JSON for the page's script and nothing kept; otherwise
    /// 303 to its plan.
    @Sendable func upload(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.canOnboardWorkbooks }
        let file = SkillMapImportController.fileName(request.headers[SkillMapImportController.fileNameHeader])
        let tooLarge = Self.refusal(.tooLarge(limitMB: OnboardingImport.maxBytes >> 20))
        do {
            if let length = request.headers[.contentLength].flatMap(Int.init), length > OnboardingImport.maxBytes { throw tooLarge }
            let body: ByteBuffer
            do {
                body = try await request.body.collect(upTo: OnboardingImport.maxBytes)
            } catch is NIOTooManyBytesError {
                throw tooLarge
            }
            let data = Data(body.readableBytesView)
            // Read whole now: a protected, old-format or table-less file never reaches the disk.
            _ = try await readPlan(data, file: file, mapping: nil, identity: identity, company: company)
            let saved = try await env.store.onboardingMapping(company: company.id, name: OnboardingImport.mappingName(file))
            let token = try uploads.save(data, OnboardingUploads.Upload(
                company: company.id.rawValue, login: identity.account.login, file: file, uploadedAt: Date().timeIntervalSince1970,
                remembered: saved != nil, mapping: nil))
            return .redirect(to: "/onboarding/skillmap/\(token)", type: .normal)
        } catch let error as WebError where error.status == .unprocessableContent || error.status == .contentTooLarge {
            return try JSONResponse.make(Problems(problems: [error.message(context.language)]), status: error.status)
        }
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.canOnboardWorkbooks }
        let (token, upload, data) = try load(context, identity, company)
        let plan = try await readPlan(data, file: upload.file, mapping: upload.mapping, identity: identity, company: company)
        return try await render(plan, token: token, upload: upload, company: company, context: context)
    }

    /// Keeps the form's decisions with the upload, then back to the plan they make.
    @Sendable func decide(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.canOnboardWorkbooks }
        let (token, loaded, data) = try load(context, identity, company)
        var request = request
        let form = try await request.form(context: context)
        let current = try await readPlan(data, file: loaded.file, mapping: loaded.mapping, identity: identity, company: company)
        var upload = loaded
        upload.mapping = OnboardingDecisions.mapping(form, plan: current)
        try uploads.update(token, upload)
        return .redirect(to: "/onboarding/skillmap/\(token)", type: .normal)
    }

    struct DoneView { var file: String; var levels: String; var added: String }

    /// Imports the plan of the saved decisions, the one the page previewed (never fields changed
    /// since), and forgets the upload.
    @Sendable func commit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.require { $0.canOnboardWorkbooks }
        let (token, upload, data) = try load(context, identity, company)
        var plan = try await readPlan(data, file: upload.file, mapping: upload.mapping, identity: identity, company: company)
        guard plan.canCommit else {
            return try await render(plan, token: token, upload: upload, company: company, context: context, status: .unprocessableContent)
        }
        guard uploads.claim(token) else { throw WebError.notFound }
        do {
            _ = try await OnboardingImport.commit(plan, company: company.id, store: env.store, by: identity.account.login)
        } catch let error as ImportError {
            uploads.release(token)
            plan.problems = error.issues.map { context.language == .ja ? $0.japanese ?? $0.message : $0.message }
            return try await render(plan, token: token, upload: upload, company: company, context: context, status: .unprocessableContent)
        } catch {
            uploads.release(token)
            throw error
        }
        uploads.remove(token)
        let counts = OnboardingView.Counts(plan)
        let language = context.language
        let view = DoneView(
            file: upload.file,
            levels: OnboardingView.fill(language.text("obDoneLevels"), ["levels": counts.levels, "unchanged": plan.unchanged]),
            added: OnboardingView.fill(language.text("obDoneAdded"), ["people": counts.people, "skills": counts.skills]))
        return env.renderer.page(.onboardingDone, title: language.text("obDone"), context: context, data: view, section: "skillmap")
    }

    func render(
        _ plan: OnboardingPlan, token: String, upload: OnboardingUploads.Upload, company: Company, context: AppRequestContext,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let store = env.store
        var chosen: [String: Employee] = [:]
        for person in plan.people {
            if case .employee(let number)? = person.choice, !person.candidates.contains(where: { $0.number == number }),
                let employee = try await store.employee(number: number, company: company.id)
            {
                chosen[number] = employee
            }
        }
        let scale = try await store.levelScale(company: company.id)
        let skills = try await store.skills(company: company.id, includeRetired: false)
        let categories = try await store.categories(company: company.id)
        let departments = try await store.departments(company: company.id)
        let view = OnboardingView(plan: plan, scale: scale, skills: skills, categories: categories, departments: departments, chosen: chosen,
                                  language: context.language)
        return env.renderer.page(.onboardingPlan, title: "\(context.language.text("obTitle")) — \(upload.file)", context: context,
                                 data: view.data(token: token, upload: upload), status: status, section: "skillmap")
    }

    /// The caller's own upload named by the route, else 404.
    func load(_ context: AppRequestContext, _ identity: Identity, _ company: Company) throws -> (String, OnboardingUploads.Upload, Data) {
        let token = context.parameters.get("token") ?? ""
        let (upload, data) = try uploads.load(token, company: company.id, login: identity.account.login)
        return (token, upload, data)
    }

    /// The plan with `mapping` (nil: the decisions saved for this file name). The evaluations are
    /// the caller's: their 社員番号, or none for an account without an employee record.
    func readPlan(_ data: Data, file: String, mapping: OnboardingMapping?, identity: Identity, company: Company) async throws -> OnboardingPlan {
        let evaluator = try await env.ownEmployee(identity, company: company)?.number
        do {
            return try await OnboardingImport.plan(data, file: file, company: company.id, store: env.store, asOf: env.today,
                                                   evaluator: evaluator, mapping: mapping)
        } catch let error as OnboardingError {
            throw Self.refusal(error)
        }
    }

    /// Why a file is not a 力量表 Densho can read, in the reader's language.
    static func refusal(_ error: OnboardingError) -> WebError {
        let english = error.description.prefix(1).uppercased() + error.description.dropFirst()
        if case .tooLarge = error { return WebError(.contentTooLarge, ja: error.japanese, en: english) }
        return WebError(.unprocessableContent, ja: error.japanese, en: english)
    }
}
