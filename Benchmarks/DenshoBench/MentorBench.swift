import DenshoDomain
import Foundation

/// Mentor pairing for 2,000 mentees × 400 mentors with capacity 5, against SciPy's
/// `linear_sum_assignment` on the expanded cost matrix (one column per unit of capacity, one
/// "no mentor" column per mentee) in the same run: the same optimal cost, and the time of each.
enum MentorBench {
    static let mentees = 2_000, mentors = 400, capacity = 5, skills = 60

    static func instance() -> ([MentorCandidate], [MenteeCandidate]) {
        var rng = SeededGenerator(seed: 20261126)
        let day = LocalDate(year: 2026, month: 4, day: 1)!
        func person(_ id: Int) -> Employee {
            Employee(id: .init(Int64(id)), companyID: .init(1), number: String(id), name: "社員 \(id)", hireDate: day,
                     departmentID: .init(Int64(id % 5 + 1)))
        }
        let skillIDs = (1...skills).map { Skill.ID(Int64($0)) }
        let mentorList = (0..<mentors).map { index in
            MentorCandidate(employee: person(100_000 + index), capacity: capacity, levels: Dictionary(uniqueKeysWithValues: skillIDs.map {
                ($0, rng.chance(0.15) ? Int.random(in: 3...4, using: &rng) : Int.random(in: 0...2, using: &rng))
            }))
        }
        let menteeList = (0..<mentees).map { index in
            let gaps = (0..<Int.random(in: 1...6, using: &rng)).map { _ in
                let required = Int.random(in: 2...4, using: &rng)
                return SkillGap(skillID: rng.pick(skillIDs), current: Int.random(in: 0..<required, using: &rng), required: required)
            }
            return MenteeCandidate(
                employee: person(index + 1), gaps: gaps,
                preferredMentors: rng.chance(0.1) ? [rng.pick(mentorList).employee.id] : [],
                supervisors: [rng.pick(mentorList).employee.id])
        }
        return (mentorList, menteeList)
    }

    static func run(directory: String, log: @Sendable (String) -> Void) async throws -> [BenchResult] {
        let (mentorList, menteeList) = instance()
        let rules = PairingRules()
        var result: PairingResult?
        let ours = await Timing.median(runs: 3) { result = MentorPairing.propose(mentors: mentorList, mentees: menteeList, rules: rules) }
        let pairing = result!

        // The same objective as costs: highest − score per pair, highest + bonus for no mentor.
        var evaluations: [[Int?]] = []
        var highest = 0
        for mentee in menteeList {
            let row = mentorList.map { MentorPairing.evaluate($0, mentee, rules: rules)?.score }
            highest = max(highest, row.compactMap { $0 }.max() ?? 0)
            evaluations.append(row)
        }
        let bonus = Int64(highest) * Int64(menteeList.count) + 1
        let unassigned = Int64(highest) + bonus
        let forbidden: Int64 = 1 << 40
        let columns = mentors * capacity + mentees
        var matrix = [Int64](repeating: forbidden, count: mentees * columns)
        for (i, row) in evaluations.enumerated() {
            for (j, score) in row.enumerated() {
                guard let score else { continue }
                for slot in 0..<capacity { matrix[i * columns + j * capacity + slot] = Int64(highest - score) }
            }
            matrix[i * columns + mentors * capacity + i] = unassigned
        }
        let oursCost = Int64(pairing.pairs.count) * Int64(highest) - Int64(pairing.totalScore)
            + Int64(pairing.unmatched.count) * unassigned
        let file = directory + "/mentor-costs.bin"
        try matrix.withUnsafeBytes { try Data($0).write(to: URL(fileURLWithPath: file)) }
        log("mentor: SciPy linear_sum_assignment on \(mentees) × \(columns)…")
        let script = """
            import sys, time, numpy as np
            from scipy.optimize import linear_sum_assignment
            c = np.fromfile(sys.argv[1], dtype='<i8').reshape(int(sys.argv[2]), int(sys.argv[3]))
            best = None
            for _ in range(3):
                t = time.perf_counter(); r, k = linear_sum_assignment(c); t = time.perf_counter() - t
                best = t if best is None else min(best, t)
            print(int(c[r, k].sum()), best)
            """
        let output = try PythonRunner.run(script, [file, String(mentees), String(columns)]).split(separator: " ")
        try? FileManager.default.removeItem(atPath: file)
        guard output.count == 2, let scipyCost = Int64(output[0]), let scipyTime = Double(output[1].trimmingCharacters(in: .whitespacesAndNewlines))
        else { throw BenchError("unexpected SciPy output: \(output)") }
        log("mentor: our cost \(oursCost), SciPy's \(scipyCost); \(pairing.pairs.count) pairs, score \(pairing.totalScore)")
        return [BenchResult(
            name: "mentor pairing (2,000 × 400, capacity 5): same optimum \(oursCost == scipyCost ? "yes" : "NO")",
            ours: ours, reference: scipyTime, referenceName: "SciPy linear_sum_assignment", target: "≤ 2×, same cost",
            met: oursCost == scipyCost && ours <= 2 * scipyTime)]
    }
}

/// Runs `python3 -c` and returns its standard output.
enum PythonRunner {
    static func run(_ program: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", program] + arguments
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw BenchError("python3 failed (is SciPy installed? run scripts/install-deps.sh)") }
        return String(decoding: data, as: UTF8.self)
    }
}
