import DenshoDomain
import Foundation
import Hummingbird

/// What every page controller shares: the store, the renderer and the configuration.
struct PageEnvironment: Sendable {
    let store: any DenshoRepository
    let renderer: Renderer
    let configuration: WebConfiguration
    let gridCache = GridCache()
    let catalogCache = CatalogCache()
    let identities: IdentityCache
    /// Watch beacons, written together when they arrive together.
    let watches: WatchRecorder
    /// Child processes that decode video for printing: two at a time, eight more may wait.
    let printLimit = ChildLimit(maxRunning: 2, maxWaiting: 8)

    /// Today in Japan, or the pinned date of the configuration (tests, demos).
    var today: LocalDate {
        configuration.today.flatMap { LocalDate(parsing: $0) } ?? LocalDate(Date())
    }

    /// `http://host:port` the request was made to (its Host), for links printed on paper; nil
    /// when the request names no usable host.
    func origin(of request: Request) -> String? {
        guard let authority = request.head.authority, !authority.isEmpty,
            authority.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F && $0 != "/" && $0 != "@" && $0 != "\\" })
        else { return nil }
        let origin = (configuration.secureCookies ? "https://" : "http://") + authority
        return CompanySettings.isWebAddress(origin) ? origin : nil
    }

    /// The employee record linked to the account, if any.
    func ownEmployee(_ identity: Identity, company: Company) async throws -> Employee? {
        guard let id = identity.account.employeeID else { return nil }
        return try await store.employee(id, company: company.id)
    }

    /// An employee of the caller's company they may see, else 404 (never 403: ids of records
    /// the caller may not see must not be confirmed to exist).
    func visibleEmployee(_ id: Int64?, _ identity: Identity, company: Company) async throws -> Employee {
        guard let id, let employee = try await store.employee(Employee.ID(id), company: company.id),
            identity.policy.canViewEmployee(employee)
        else { throw WebError.notFound }
        return employee
    }
}

extension Parameters {
    /// A numeric route parameter, or 404 for anything else.
    func id(_ name: String = "id") throws -> Int64 {
        guard let text = get(name), let value = Int64(text) else { throw WebError.notFound }
        return value
    }
}

extension Request {
    func query(_ name: String) -> String? {
        uri.queryParameters.get(name).flatMap { $0.isEmpty ? nil : $0 }
    }
}
