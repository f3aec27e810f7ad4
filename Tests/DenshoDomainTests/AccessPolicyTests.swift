import DenshoDomain
import Testing

private let yes = true
private let no = false

/// Every role against every kind of record, with the answers written out by hand: a rule that
/// changes turns a cell of these tables red. Each table row is a role (in `Role.allCases` order);
/// each column, who asks about what.
///
/// Company 1 has three departments: A, the asking employee's own; B, one the account looks after;
/// C, another. Each column gives every role the same account and scope (even roles whose scope the
/// web app leaves empty), so that only the role makes a difference along a column.
@Suite("Access policy: every role × every kind of record")
struct AccessPolicyTests {
    static let company = Company.ID(1)
    static let otherCompany = Company.ID(2)
    static let departmentA = Department.ID(1)
    static let departmentB = Department.ID(2)
    static let departmentC = Department.ID(3)

    static func employee(_ id: Int64, _ company: Company.ID, _ department: Department.ID?) -> Employee {
        Employee(id: .init(id), companyID: company, number: "\(1000 + id)", name: "社員 \(id)", hireDate: Fixture.asOf,
                 departmentID: department)
    }

    /// The asking account's own employee record, in A.
    static let me = employee(1, company, departmentA)
    /// A colleague in B, a department the account looks after.
    static let colleague = employee(2, company, departmentB)
    /// A colleague in C, a department the account does not look after.
    static let stranger = employee(3, company, departmentC)
    /// Someone of another company, whose department id is one the account looks after.
    static let outsider = employee(4, otherCompany, departmentB)

    static func clip(_ id: Int64, _ company: Company.ID, owner: Employee.ID?) -> Clip {
        Clip(id: .init(id), companyID: company, ownerID: owner, title: "段取り \(id)", originalHash: String(repeating: "0", count: 64),
             originalExtension: "mp4", originalName: "段取り.mp4", originalSize: 1)
    }

    /// Who asks: an account of company 1 linked to employee 1 (own department A); one of the
    /// company linked to no employee record (as admin logins often are); one of no company whose
    /// employee link is left over. The last two have no own department, as the web app builds them.
    enum Asker: Sendable {
        case linked, noEmployeeLink, noCompany
    }

    static func policy(_ role: Role, _ asker: Asker, scope: Set<Department.ID>) -> AccessPolicy {
        let account: Account
        switch asker {
        case .linked:
            account = Account(id: .init(1), companyID: company, login: "me", displayName: "本人", role: role, employeeID: me.id)
        case .noEmployeeLink:
            account = Account(id: .init(2), companyID: company, login: "desk", displayName: "事務", role: role, employeeID: nil)
        case .noCompany:
            account = Account(id: .init(3), companyID: nil, login: "gone", displayName: "旧", role: role, employeeID: me.id)
        }
        return AccessPolicy(account: account, supervised: scope, ownDepartment: asker == .linked ? departmentA : nil)
    }

    /// A column of a table: who asks, what they look after, and about what.
    struct Column<Target: Sendable>: Sendable {
        var name: String
        var asker: Asker
        var scope: Set<Department.ID>
        var target: Target
    }

    /// Compares each column's answer with the table's.
    static func compare<Target: Sendable>(
        _ role: Role, _ expected: [Bool], _ columns: [Column<Target>], _ question: (AccessPolicy, Target) -> Bool
    ) {
        #expect(expected.count == columns.count, "one expectation per column")
        for (column, expectedAnswer) in zip(columns, expected) {
            let answer = question(Self.policy(role, column.asker, scope: column.scope), column.target)
            #expect(answer == expectedAnswer, "\(role) → \(column.name)")
        }
    }

    // MARK: Employees

    static let employeeColumns: [Column<Employee>] = [
        Column(name: "own record", asker: .linked, scope: [departmentB], target: me),
        Column(name: "own record, own department looked after", asker: .linked, scope: [departmentA, departmentB], target: me),
        Column(name: "colleague in a department looked after", asker: .linked, scope: [departmentB], target: colleague),
        Column(name: "colleague in another department", asker: .linked, scope: [departmentB], target: stranger),
        Column(name: "someone of another company", asker: .linked, scope: [departmentB], target: outsider),
        Column(name: "no employee link → colleague looked after", asker: .noEmployeeLink, scope: [departmentB], target: colleague),
        Column(name: "no company → own record", asker: .noCompany, scope: [departmentB], target: me),
    ]

    // Columns of the four tables below, in order: own record; own record, own department looked
    // after; colleague looked after; colleague in another department; another company's employee;
    // no employee link → colleague looked after; no company → own record.
    static let viewEmployeeTable: [(Role, [Bool])] = [
        (.staff, [yes, yes, no, no, no, no, no]),
        (.supervisor, [yes, yes, yes, no, no, yes, no]),
        (.hr, [yes, yes, yes, yes, no, yes, no]),
        (.admin, [yes, yes, yes, yes, no, yes, no]),
        (.association, [no, no, no, no, no, no, no]),
    ]

    static let evaluateTable: [(Role, [Bool])] = [
        (.staff, [no, no, no, no, no, no, no]),
        (.supervisor, [no, no, yes, no, no, yes, no]),
        (.hr, [no, no, no, no, no, no, no]),
        (.admin, [yes, yes, yes, yes, no, yes, no]),
        (.association, [no, no, no, no, no, no, no]),
    ]

    static let approveTable: [(Role, [Bool])] = [
        (.staff, [no, no, no, no, no, no, no]),
        (.supervisor, [no, no, yes, no, no, yes, no]),
        (.hr, [no, no, no, no, no, no, no]),
        (.admin, [yes, yes, yes, yes, no, yes, no]),
        (.association, [no, no, no, no, no, no, no]),
    ]

    static let selfAssessTable: [(Role, [Bool])] = [
        (.staff, [yes, yes, no, no, no, no, no]),
        (.supervisor, [yes, yes, no, no, no, no, no]),
        (.hr, [yes, yes, no, no, no, no, no]),
        (.admin, [yes, yes, no, no, no, no, no]),
        (.association, [no, no, no, no, no, no, no]),
    ]

    @Test(arguments: AccessPolicyTests.viewEmployeeTable)
    func viewingAnEmployee(role: Role, expected: [Bool]) {
        Self.compare(role, expected, Self.employeeColumns) { $0.canViewEmployee($1) }
    }

    /// Recording a supervisor's evaluation: never of oneself, never across companies.
    @Test(arguments: AccessPolicyTests.evaluateTable)
    func evaluating(role: Role, expected: [Bool]) {
        Self.compare(role, expected, Self.employeeColumns) { $0.canEvaluate($1) }
    }

    @Test(arguments: AccessPolicyTests.approveTable)
    func approvingASelfAssessment(role: Role, expected: [Bool]) {
        Self.compare(role, expected, Self.employeeColumns) { $0.canApprove($1) }
    }

    @Test(arguments: AccessPolicyTests.selfAssessTable)
    func selfAssessing(role: Role, expected: [Bool]) {
        Self.compare(role, expected, Self.employeeColumns) { $0.canSelfAssess($1) }
    }

    // MARK: Departments (力量表)

    /// Here the account looks after B only: its own department A is outside its scope.
    static let departmentColumns: [Column<Department.ID?>] = [
        Column(name: "own department", asker: .linked, scope: [departmentB], target: departmentA),
        Column(name: "department looked after", asker: .linked, scope: [departmentB], target: departmentB),
        Column(name: "another department", asker: .linked, scope: [departmentB], target: departmentC),
        Column(name: "no department", asker: .linked, scope: [departmentB], target: nil),
        Column(name: "no employee link → no department", asker: .noEmployeeLink, scope: [departmentB], target: nil),
        Column(name: "no employee link → department looked after", asker: .noEmployeeLink, scope: [departmentB], target: departmentB),
        Column(name: "no company → department looked after", asker: .noCompany, scope: [departmentB], target: departmentB),
    ]

    // Columns: own department; looked after; another; none; no employee link → none; no employee
    // link → looked after; no company → looked after.
    static let viewDepartmentTable: [(Role, [Bool])] = [
        (.staff, [yes, no, no, no, no, no, no]),
        (.supervisor, [yes, yes, no, no, no, yes, no]),
        (.hr, [yes, yes, yes, yes, yes, yes, no]),
        (.admin, [yes, yes, yes, yes, yes, yes, no]),
        (.association, [no, no, no, no, no, no, no]),
    ]

    @Test(arguments: AccessPolicyTests.viewDepartmentTable)
    func viewingADepartment(role: Role, expected: [Bool]) {
        Self.compare(role, expected, Self.departmentColumns) { $0.canViewDepartment($1) }
    }

    // MARK: Clips

    static let clipColumns: [Column<Clip>] = [
        Column(name: "own clip", asker: .linked, scope: [departmentB], target: clip(1, company, owner: me.id)),
        Column(name: "a colleague's clip", asker: .linked, scope: [departmentB], target: clip(2, company, owner: colleague.id)),
        Column(name: "a clip of no one", asker: .linked, scope: [departmentB], target: clip(3, company, owner: nil)),
        Column(name: "a clip of another company", asker: .linked, scope: [departmentB], target: clip(4, otherCompany, owner: outsider.id)),
        Column(name: "no employee link → a clip of no one", asker: .noEmployeeLink, scope: [departmentB],
               target: clip(3, company, owner: nil)),
        Column(name: "no company → own clip", asker: .noCompany, scope: [departmentB], target: clip(1, company, owner: me.id)),
    ]

    // Columns: own clip; a colleague's; no one's; another company's; no employee link → no one's;
    // no company → own clip.
    static let editClipTable: [(Role, [Bool])] = [
        (.staff, [yes, no, no, no, no, no]),
        (.supervisor, [yes, yes, yes, no, yes, no]),
        (.hr, [yes, no, no, no, no, no]),
        (.admin, [yes, yes, yes, no, yes, no]),
        (.association, [no, no, no, no, no, no]),
    ]

    @Test(arguments: AccessPolicyTests.editClipTable)
    func editingAClip(role: Role, expected: [Bool]) {
        Self.compare(role, expected, Self.clipColumns) { $0.canEditClip($1) }
    }

    // Same columns. Whoever uploaded a clip may delete it, whatever their role; supervisors and
    // admins any of the company's; the association none.
    static let deleteClipTable: [(Role, [Bool])] = [
        (.staff, [yes, no, no, no, no, no]),
        (.supervisor, [yes, yes, yes, no, yes, no]),
        (.hr, [yes, no, no, no, no, no]),
        (.admin, [yes, yes, yes, no, yes, no]),
        (.association, [no, no, no, no, no, no]),
    ]

    @Test(arguments: AccessPolicyTests.deleteClipTable)
    func deletingAClip(role: Role, expected: [Bool]) {
        Self.compare(role, expected, Self.clipColumns) { $0.canDeleteClip($1) }
    }

    // MARK: What a role may do at all

    // Columns: import skill maps; approve manuals; write manuals; manage accounts; company KPIs;
    // career paths; manage mentoring; publishing; record meetings; decide proposals; submit
    // proposals; submit proposals with no employee link; onboard the company's own workbooks.
    static let roleFlagTable: [(Role, [Bool])] = [
        (.staff, [no, no, yes, no, no, yes, no, no, no, no, yes, no, no]),
        (.supervisor, [yes, yes, yes, no, no, yes, no, no, yes, yes, yes, no, no]),
        (.hr, [no, no, no, no, yes, yes, yes, yes, yes, yes, yes, no, yes]),
        (.admin, [yes, yes, yes, yes, yes, yes, yes, yes, yes, yes, yes, no, yes]),
        (.association, [no, no, no, no, no, no, no, no, no, no, no, no, no]),
    ]

    @Test(arguments: AccessPolicyTests.roleFlagTable)
    func roleFlags(role: Role, expected: [Bool]) {
        let linked = Self.policy(role, .linked, scope: [Self.departmentB])
        let unlinked = Self.policy(role, .noEmployeeLink, scope: [Self.departmentB])
        let flags: [(String, Bool)] = [
            ("canImportSkillMaps", linked.canImportSkillMaps),
            ("canApproveManuals", linked.canApproveManuals),
            ("canWriteManuals", linked.canWriteManuals),
            ("canManageAccounts", linked.canManageAccounts),
            ("canSeeCompanyKPIs", linked.canSeeCompanyKPIs),
            ("canViewCareerPaths", linked.canViewCareerPaths),
            ("canManageMentoring", linked.canManageMentoring),
            ("canManagePublishing", linked.canManagePublishing),
            ("canRecordMeetings", linked.canRecordMeetings),
            ("canDecideProposals", linked.canDecideProposals),
            ("canSubmitProposals", linked.canSubmitProposals),
            ("canSubmitProposals without an employee link", unlinked.canSubmitProposals),
            ("canOnboardWorkbooks", linked.canOnboardWorkbooks),
        ]
        #expect(expected.count == flags.count, "one expectation per flag")
        for ((name, answer), want) in zip(flags, expected) {
            #expect(answer == want, "\(role): \(name)")
        }
    }

    // MARK: The tables themselves

    /// A role added to `Role` must get a row in every table.
    @Test func everyTableHasOneRowPerRoleAndOneAnswerPerColumn() {
        let tables: [(String, [(Role, [Bool])], Int)] = [
            ("viewEmployee", Self.viewEmployeeTable, Self.employeeColumns.count),
            ("evaluate", Self.evaluateTable, Self.employeeColumns.count),
            ("approve", Self.approveTable, Self.employeeColumns.count),
            ("selfAssess", Self.selfAssessTable, Self.employeeColumns.count),
            ("viewDepartment", Self.viewDepartmentTable, Self.departmentColumns.count),
            ("editClip", Self.editClipTable, Self.clipColumns.count),
            ("deleteClip", Self.deleteClipTable, Self.clipColumns.count),
            ("roleFlags", Self.roleFlagTable, 13),
        ]
        for (name, table, columns) in tables {
            #expect(table.map { $0.0 } == Role.allCases, "\(name)")
            #expect(table.allSatisfy { $0.1.count == columns }, "\(name)")
        }
    }

    /// The visible departments are those `canViewDepartment` answers yes for, in the company's order.
    @Test func departmentMenuOffersTheVisibleOnes() {
        let all = [Self.departmentC, Self.departmentB, Self.departmentA].map { Department(id: $0, companyID: Self.company, name: "部署 \($0)") }
        let supervisor = Self.policy(.supervisor, .linked, scope: [Self.departmentB])
        #expect(supervisor.visibleDepartments(all).map(\.id) == [Self.departmentB, Self.departmentA])
        #expect(Self.policy(.staff, .linked, scope: []).visibleDepartments(all).map(\.id) == [Self.departmentA])
        #expect(Self.policy(.association, .noCompany, scope: []).visibleDepartments(all).isEmpty)
    }
}
