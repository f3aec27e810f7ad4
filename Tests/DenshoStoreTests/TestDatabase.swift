import DenshoDomain
import Foundation
@testable import DenshoStore

/// A real database file in a fresh temporary directory, removed when the test's scope ends.
final class TestDatabase {
    let directory: URL
    let store: SQLiteStore

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("densho-store-\(UUID().uuidString)")
        store = try SQLiteStore(dataDirectory: directory.path)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    var path: String { store.path }

    /// A company with one department, two skills, two employees.
    func smallCompany(code: String = "acme") async throws -> (Company, [Employee], [Skill]) {
        let company = try await store.createCompany(
            code: code, name: "\(code) 株式会社", admin: NewAccount(login: "\(code)-admin", displayName: "管理者", role: .admin, passwordHash: "x"))
        let department = try await store.addDepartment(name: "機械加工", company: company.id, by: "test")
        let category = try await store.addCategory(name: "旋盤加工", company: company.id, by: "test")
        var skills: [Skill] = []
        for (code, name) in [("L-01", "汎用旋盤 外径加工"), ("L-02", "NC旋盤 段取り")] {
            skills.append(try await store.addSkill(
                Skill(id: .init(0), companyID: company.id, categoryID: category.id, code: code, name: name), by: "test"))
        }
        var employees: [Employee] = []
        for (number, name, born) in [("1001", "黒澤 修", 1962), ("1002", "佐藤 翔太", 2003)] {
            employees.append(try await store.addEmployee(
                Employee(id: .init(0), companyID: company.id, number: number, name: name, kana: "",
                         hireDate: LocalDate(year: 2020, month: 4, day: 1)!, birthYear: born, departmentID: department.id),
                by: "test"))
        }
        return (company, employees, skills)
    }
}

extension LocalDate {
    static func d(_ text: String) -> LocalDate { LocalDate(parsing: text)! }
}
