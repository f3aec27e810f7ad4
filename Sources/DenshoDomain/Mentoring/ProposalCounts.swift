/// 改善提案 counted per person and per department (submitted and adopted), most active first.
public struct ProposalCounts: Sendable {
    public struct Row<Key: Hashable & Sendable>: Sendable {
        public var key: Key
        public var submitted: Int
        public var adopted: Int
    }

    public var byPerson: [Row<Employee.ID>]
    public var byDepartment: [Row<Department.ID?>]

    public init(_ proposals: [Proposal], employees: [Employee.ID: Employee]) {
        func rows<K: Hashable>(_ key: (Proposal) -> K) -> [Row<K>] {
            Dictionary(grouping: proposals, by: key).map { key, items in
                Row(key: key, submitted: items.count, adopted: items.filter { $0.status.isAdopted }.count)
            }.sorted { ($1.submitted, $1.adopted) < ($0.submitted, $0.adopted) }
        }
        byPerson = rows(\.submittedBy)
        byDepartment = rows { employees[$0.submittedBy]?.departmentID }
    }
}
