import Foundation

/// Hand-made-looking 力量表 workbooks written by `Tests/Fixtures/onboarding/make_workbooks.py`
/// (openpyxl), once per test run, with `expected.json` saying what each must import to.
public enum OnboardingFixtures {
    public struct Expected: Decodable, Sendable {
        public struct Person: Decodable, Sendable { public var number, name, furigana, department: String }
        public struct Skill: Decodable, Sendable { public var category, name: String }
        public struct Level: Decodable, Sendable { public var level: Int; public var label, symbol: String }
        public struct Company: Decodable, Sendable {
            public var departments: [String]
            public var people: [Person]
            public var skills: [Skill]
            public var scale: [Level]
        }
        public struct Evaluation: Decodable, Sendable, Hashable, CustomStringConvertible {
            public var number, skill: String
            public var level: Int
            public var cell: String

            public init(number: String, skill: String, level: Int, cell: String) {
                self.number = number
                self.skill = skill
                self.level = level
                self.cell = cell
            }

            public var description: String { "\(cell) \(number) \(skill)=\(level)" }
        }
        public struct Ambiguous: Decodable, Sendable { public var name: String; public var candidates: [String]; public var pick: String }
        public struct Layout: Decodable, Sendable {
            public var evaluations: [Evaluation]
            public var newSkills: [Skill]
            public var unmatched: [String]
            public var ambiguous: [Ambiguous]
            public var marks: [String: Int]
        }
        public var company: Company
        public var layouts: [String: Layout]
        public var bad: [String: String]
    }

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/onboarding/make_workbooks.py").path

    private static let lock = NSLock()
    nonisolated(unsafe) private static var made: URL?

    /// The folder holding the workbooks and `expected.json`.
    public static func directory() throws -> URL {
        lock.lock()
        defer { lock.unlock() }
        if let made { return made }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("densho-onboarding-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: url)
        try MediaFixtures.run("/usr/bin/env", ["python3", script, url.path])
        TemporaryFiles.removeAtExit(url.path)
        made = url
        return url
    }

    public static func expected() throws -> Expected {
        try JSONDecoder().decode(Expected.self, from: Data(contentsOf: try directory().appendingPathComponent("expected.json")))
    }

    public static func data(_ name: String) throws -> Data { try Data(contentsOf: try directory().appendingPathComponent(name)) }

    /// A workbook made by the script with extra arguments (`--big PATH`, `--big-junk PATH`).
    public static func generate(_ arguments: [String]) throws {
        try MediaFixtures.run("/usr/bin/env", ["python3", script] + arguments)
    }
}
