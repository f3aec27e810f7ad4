/// Companies, their level scales, accounts, departments and employees.
///
/// Every query is scoped by company: one installation serves several member companies and none
/// may see another's records. Mutations name who made them (`by`) for the audit log.
public protocol OrganizationRepository: Sendable {
    /// Creates a company with the standard level scale and its first administrator account.
    func createCompany(code: String, name: String, admin: NewAccount) async throws -> Company
    func companies() async throws -> [Company]
    func company(code: String) async throws -> Company?
    func updateCompany(_ company: Company, by: String) async throws

    func levelScale(company: Company.ID) async throws -> LevelScale
    func setLevel(_ definition: LevelDefinition, company: Company.ID, by: String) async throws

    func accounts(company: Company.ID) async throws -> [Account]

    func addDepartment(name: String, company: Company.ID, by: String) async throws -> Department
    func departments(company: Company.ID) async throws -> [Department]
    func renameDepartment(_ id: Department.ID, to name: String, company: Company.ID, by: String) async throws

    /// Inserts `employee` (its id is ignored) and returns it with the assigned id.
    func addEmployee(_ employee: Employee, by: String) async throws -> Employee
    func updateEmployee(_ employee: Employee, by: String) async throws
    func employees(company: Company.ID, filter: EmployeeFilter) async throws -> [Employee]
    func employee(number: String, company: Company.ID) async throws -> Employee?
    func employee(_ id: Employee.ID, company: Company.ID) async throws -> Employee?
}

/// Which employees a listing returns.
public struct EmployeeFilter: Sendable {
    public var department: Department.ID?
    /// Active on this date; nil lists former employees too.
    public var activeOn: LocalDate?

    public init(department: Department.ID? = nil, activeOn: LocalDate? = nil) {
        self.department = department
        self.activeOn = activeOn
    }
}

/// A login. Roles are per company; the association role sees only aggregates across companies.
public struct Account: Identifiable, Hashable, Codable, Sendable {
    public typealias ID = EntityID<Account>
    public var id: ID
    public var companyID: Company.ID?
    public var login: String
    public var displayName: String
    public var role: Role
    public var employeeID: Employee.ID?

    public init(id: ID, companyID: Company.ID?, login: String, displayName: String, role: Role, employeeID: Employee.ID?) {
        self.id = id
        self.companyID = companyID
        self.login = login
        self.displayName = displayName
        self.role = role
        self.employeeID = employeeID
    }
}

/// What an account may do within its company.
public enum Role: String, Codable, Sendable, CaseIterable {
    case staff, supervisor, hr, admin
    /// 産業未来創造会 administrator: aggregated figures across member companies only.
    case association
}

/// A new account with its already-hashed password (hashing is not the store's business).
public struct NewAccount: Sendable {
    public var login: String
    public var displayName: String
    public var role: Role
    public var passwordHash: String

    public init(login: String, displayName: String, role: Role, passwordHash: String) {
        self.login = login
        self.displayName = displayName
        self.role = role
        self.passwordHash = passwordHash
    }
}
