import DenshoDomain
import DenshoInterchange
import DenshoPrint
import Foundation
import Hummingbird
import Logging
import NIOPosix

/// Printed sheets and the 力量表 workbook, offered where people look for them: career paths (HR,
/// recruiting), development sheets on a profile, the 作業標準書 on its manual, the map as PDF and
/// Excel on the 力量表. Every download checks login, role and company like the page it sits on.
struct DownloadController {
    let env: PageEnvironment

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/paths/{id}/sheet.pdf", use: careerPath)
        router.get("/employees/{id}/development.pdf", use: development)
        router.get("/manuals/{id}/sheet.pdf", use: manual)
        router.get("/skillmap.pdf", use: skillMapPDF)
        router.get("/skillmap.xlsx", use: skillMapWorkbook)
        router.get("/admin/template.json", use: template)
    }

    /// The company's catalogue and career tracks as a template for another member company.
    @Sendable func template(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, company) = try context.require { $0.canManageAccounts }
        let template = try await CompanyTemplate.export(company: company, from: env.store, on: env.today)
        return Self.download(ByteBuffer(bytes: try template.encoded()), type: "application/json",
                             name: "densho-template-\(company.code).json")
    }

    @Sendable func careerPath(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, company) = try context.require { $0.canViewCareerPaths }
        let id = try context.parameters.id()
        guard let track = try await env.store.tracks(company: company.id).first(where: { $0.id.rawValue == id }) else {
            throw WebError.notFound
        }
        let sheet = try await CareerPathSheet.load(track: track.name, company: company, from: env.store, asOf: env.today)
        return try await pdf(named: "キャリアパス_\(track.name).pdf") { try sheet.render() }
    }

    @Sendable func development(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.requireMember()
        let employee = try await env.visibleEmployee(try context.parameters.id(), identity, company: company)
        let sheet = try await DevelopmentSheet.load(employee: employee, company: company, from: env.store, asOf: env.today)
        return try await pdf(named: "個人育成シート_\(employee.number).pdf") { try sheet.render() }
    }

    /// The 作業標準書 takes stills from the clip, which means decoding video: a child `densho print
    /// manual` does it, so a decoder failure ends that process, not the service.
    @Sendable func manual(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (identity, company) = try context.requireMember()
        guard let working = try await env.store.manual(.init(try context.parameters.id()), company: company.id) else {
            throw WebError.notFound
        }
        // Staff print the live version or an approved 旧版; the working draft only those who write or approve it.
        let version = request.query("version")
        if version == "draft", !(identity.policy.canWriteManuals || identity.policy.canApproveManuals) { throw WebError.notFound }
        let manual: Manual
        do {
            manual = try await ManualSheet.version(version, of: working, company: company, in: env.store)
        } catch is PrintError {
            throw WebError.notFound
        }
        let name = (manual.documentNumber.isEmpty ? "作業標準書_\(manual.id.rawValue)" : manual.documentNumber) + ".pdf"
        guard let executable = env.configuration.executable else {
            // No executable to run (an embedded server): print without stills rather than decode here.
            let sheet = try await ManualSheet.load(manual, company: company, from: env.store, frames: NoStills(), asOf: env.today)
            return try await pdf(named: name) { try sheet.render() }
        }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("densho-print-\(UUID().uuidString).pdf").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        var arguments = ["print", "manual", String(manual.id.rawValue), "--version", version ?? "live", "--company", company.code, "--data-dir", env.configuration.dataRoot,
                         "--as-of", env.today.description, "-o", output]
        // Without a configured address, the QR codes lead where this person opened Densho.
        let base = CompanySettings.printBase(
            setting: try await env.store.settings(company: company.id).publicBaseURL, requestOrigin: env.origin(of: request))
        arguments += ["--base-url", base.base]
        let result: ChildCommand.Result
        do {
            result = try await env.printLimit.run { try await ChildCommand.run(executable, arguments, timeout: 120) }
        } catch is ChildLimit.Busy {
            throw WebError(.serviceUnavailable, ja: "印刷が混み合っています。少し待ってからもう一度お試しください。",
                           en: "Printing is busy. Please try again in a moment.", headers: [.retryAfter: "10"])
        }
        guard result.status == 0, let bytes = FileManager.default.contents(atPath: output) else {
            context.logger.error("print manual failed", metadata: ["status": "\(result.status)", "stderr": "\(result.stderr.suffix(500))"])
            throw WebError(.internalServerError, ja: "作業標準書を作成できませんでした。時間をおいて再度お試しください。",
                           en: "The work standard sheet could not be made. Please try again later.")
        }
        return Self.download(ByteBuffer(bytes: bytes), type: "application/pdf", name: name)
    }

    @Sendable func skillMapPDF(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (company, department, label) = try await scope(request, context)
        let sheet = try await SkillMapSheet.load(company: company, department: department, from: env.store, asOf: env.today)
        return try await pdf(named: "力量表_\(label)_\(env.today.description).pdf") { try sheet.render() }
    }

    @Sendable func skillMapWorkbook(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (company, department, label) = try await scope(request, context)
        let workbook = try await SkillMapWorkbook.load(company: company, department: department, from: env.store, asOf: env.today)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("densho-\(UUID().uuidString).xlsx").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let bytes = try await NIOThreadPool.singleton.runIfActive { () throws -> Data in
            try workbook.write(to: path)
            guard let data = FileManager.default.contents(atPath: path) else { throw WorkbookError.write("no output") }
            return data
        }
        return Self.download(
            ByteBuffer(bytes: bytes), type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            name: "力量表_\(label)_\(env.today.description).xlsx")
    }

    /// Which departments a map download covers: `dept` when the caller may see it (else 404);
    /// without it, the whole company for those who see every department, else their own.
    private func scope(_ request: Request, _ context: AppRequestContext) async throws -> (Company, Department?, String) {
        let (identity, company) = try context.require { $0.account.role != .association }
        let all = try await env.store.departments(company: company.id)
        let visible = identity.policy.visibleDepartments(all)
        if let requested = request.query("dept").flatMap(Int64.init) {
            guard let department = visible.first(where: { $0.id.rawValue == requested }) else { throw WebError.notFound }
            return (company, department, department.name)
        }
        if visible.count == all.count { return (company, nil, company.name) }
        guard let own = visible.first else { throw WebError.notFound }
        return (company, own, own.name)
    }

    /// Renders on NIO's thread pool: a PDF is seconds of CPU at worst and must not hold up the
    /// threads that serve requests.
    private func pdf(named name: String, _ render: @escaping @Sendable () throws -> PrintedDocument) async throws -> Response {
        let document = try await NIOThreadPool.singleton.runIfActive(render)
        var response = Self.download(ByteBuffer(bytes: document.pdf), type: "application/pdf", name: name)
        if !document.warnings.isEmpty { response.headers[.init("X-Densho-Print-Warnings")!] = String(document.warnings.count) }
        return response
    }

    /// An attachment with its (Japanese) file name in RFC 6266 / 5987 form.
    static func download(_ body: ByteBuffer, type: String, name: String) -> Response {
        let ascii = String(name.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0 != "\\" ? Character($0) : "_" })
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-._~"))) ?? ascii
        return Response(
            status: .ok,
            headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)",
                      .cacheControl: "private, no-store"],
            body: .init(byteBuffer: body))
    }
}

/// Used only when no `densho` executable is configured: every step gets a placeholder.
private struct NoStills: FrameSource {
    func stills(of clip: Clip, at times: [Double], maxWidth: Int) async -> [Still] {
        times.map { _ in .missing(reason: "静止画なし") }
    }
}
