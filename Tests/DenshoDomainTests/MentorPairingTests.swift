import DenshoDomain
import Testing

@Suite("Mentor pairing: exact optimum under the rules")
struct MentorPairingTests {
    static let day = LocalDate(year: 2026, month: 4, day: 1)!

    static func person(_ id: Int64, department: Int64) -> Employee {
        Employee(id: .init(id), companyID: .init(1), number: "\(id)", name: "社員 \(id)", hireDate: day, departmentID: .init(department))
    }

    /// A random small case: mentors with capacities and levels, mentees with gaps, preferences
    /// and supervisors among the mentors.
    static func randomCase(_ rng: inout SeededGenerator) -> ([MentorCandidate], [MenteeCandidate]) {
        let skills = (1...4).map { Skill.ID(Int64($0)) }
        let mentors = (0..<Int.random(in: 0...3, using: &rng)).map { index in
            MentorCandidate(
                employee: person(Int64(100 + index), department: Int64.random(in: 1...2, using: &rng)),
                capacity: Int.random(in: 0...2, using: &rng),
                levels: Dictionary(uniqueKeysWithValues: skills.map { ($0, Int.random(in: 0...4, using: &rng)) }))
        }
        let mentees = (0..<Int.random(in: 0...6, using: &rng)).map { index in
            let gaps = skills.filter { _ in rng.chance(0.5) }.map { skill in
                let required = Int.random(in: 1...4, using: &rng)
                return SkillGap(skillID: skill, current: Int.random(in: 0..<required, using: &rng), required: required)
            }
            let ids = mentors.map(\.employee.id)
            return MenteeCandidate(
                employee: person(Int64(index + 1), department: Int64.random(in: 1...2, using: &rng)), gaps: gaps,
                preferredMentors: Set(ids.filter { _ in rng.chance(0.25) }), supervisors: Set(ids.filter { _ in rng.chance(0.2) }))
        }
        return (mentors, mentees)
    }

    /// Every way of giving each mentee one allowed mentor or none, within capacities: the best
    /// (matched count, total score).
    static func bruteForce(_ mentors: [MentorCandidate], _ mentees: [MenteeCandidate], _ rules: PairingRules) -> (Int, Int) {
        let capacities = mentors.map { min($0.capacity, rules.maxPairsPerMentor ?? .max) }
        var best = (0, 0)
        var used = [Int](repeating: 0, count: mentors.count)
        func visit(_ index: Int, _ matched: Int, _ score: Int) {
            if index == mentees.count {
                if matched > best.0 || (matched == best.0 && score > best.1) { best = (matched, score) }
                return
            }
            visit(index + 1, matched, score)
            for (j, mentor) in mentors.enumerated() where used[j] < capacities[j] {
                guard let evaluation = MentorPairing.evaluate(mentor, mentees[index], rules: rules) else { continue }
                used[j] += 1
                visit(index + 1, matched + 1, score + evaluation.score)
                used[j] -= 1
            }
        }
        visit(0, 0, 0)
        return best
    }

    @Test func matchesBruteForceOnRandomCasesAndKeepsEveryRule() {
        var rng = SeededGenerator(seed: 2026)
        for round in 0..<400 {
            let (mentors, mentees) = Self.randomCase(&rng)
            let rules = PairingRules(requireOtherDepartment: round % 3 == 0, maxPairsPerMentor: round % 4 == 0 ? 1 : nil)
            let result = MentorPairing.propose(mentors: mentors, mentees: mentees, rules: rules)
            let expected = Self.bruteForce(mentors, mentees, rules)
            #expect(result.pairs.count == expected.0 && result.totalScore == expected.1, "round \(round)")
            #expect(result.pairs.count + result.unmatched.count == mentees.count)
            for pair in result.pairs {
                let mentor = mentors.first { $0.employee.id == pair.mentor }!
                let mentee = mentees.first { $0.employee.id == pair.mentee }!
                #expect(!mentee.supervisors.contains(pair.mentor), "a supervisor mentors their own staff")
                if rules.requireOtherDepartment { #expect(mentor.employee.departmentID != mentee.employee.departmentID) }
                #expect(pair.covered.allSatisfy { (mentor.levels[$0.skillID] ?? 0) >= max(3, $0.required) })
            }
            for mentor in mentors {
                let load = result.pairs.filter { $0.mentor == mentor.employee.id }.count
                #expect(load <= min(mentor.capacity, rules.maxPairsPerMentor ?? .max))
            }
            #expect(Set(result.pairs.map(\.mentee)).count == result.pairs.count)
        }
    }

    @Test func capacitatedAssignmentMatchesBruteForceOnRandomCosts() {
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<300 {
            let rows = Int.random(in: 0...6, using: &rng), columns = Int.random(in: 0...3, using: &rng)
            let capacities = (0..<columns).map { _ in Int.random(in: 0...2, using: &rng) }
            let costs: [Int64] = (0..<(rows * columns)).map { _ in
                rng.chance(0.2) ? CapacitatedAssignment.forbidden : Int64.random(in: 0...20, using: &rng)
            }
            let stay = Int64.random(in: 0...25, using: &rng)
            let assignment = CapacitatedAssignment.solve(rows: rows, capacities: capacities, costs: costs, unassignedCost: stay)
            func total(_ a: [Int?]) -> Int64 { a.enumerated().map { i, j in j.map { costs[i * columns + $0] } ?? stay }.reduce(0, +) }
            var best = Int64.max
            var used = [Int](repeating: 0, count: columns)
            var current: [Int?] = []
            func visit(_ i: Int) {
                if i == rows { best = min(best, total(current)); return }
                current.append(nil); visit(i + 1); current.removeLast()
                for j in 0..<columns where used[j] < capacities[j] && costs[i * columns + j] != CapacitatedAssignment.forbidden {
                    used[j] += 1; current.append(j); visit(i + 1); current.removeLast(); used[j] -= 1
                }
            }
            visit(0)
            #expect(total(assignment) == best)
        }
    }

    /// 斜めの関係: a mentee's own supervisor is never their mentor, even when the supervisor would
    /// be the best one by far (teaches every gap, and is the one the mentee asked for).
    @Test func ownSupervisorIsNeverTheMentorEvenWhenBestScoring() {
        let rules = PairingRules()
        let gaps = [SkillGap(skillID: .init(1), current: 1, required: 3), SkillGap(skillID: .init(2), current: 0, required: 2)]
        let supervisor = MentorCandidate(employee: Self.person(50, department: 1), capacity: 3, levels: [.init(1): 4, .init(2): 4])
        let colleague = MentorCandidate(employee: Self.person(60, department: 2), capacity: 3, levels: [.init(1): 3])
        let asked = MenteeCandidate(employee: Self.person(1, department: 1), gaps: gaps, preferredMentors: [supervisor.employee.id])
        var supervised = asked
        supervised.supervisors = [supervisor.employee.id]

        // Were they not the mentee's supervisor: 20 + 20 + 15 = 55 points against the colleague's 20.
        let unrestricted = MentorPairing.propose(mentors: [supervisor, colleague], mentees: [asked], rules: rules)
        #expect(unrestricted.pairs.map(\.mentor) == [supervisor.employee.id] && unrestricted.pairs.map(\.score) == [55])

        let allowed = MentorPairing.evaluate(supervisor, supervised, rules: rules) != nil
        #expect(!allowed)
        let result = MentorPairing.propose(mentors: [supervisor, colleague], mentees: [supervised], rules: rules)
        #expect(result.pairs.map(\.mentor) == [colleague.employee.id])
        #expect(result.pairs.map(\.score) == [20] && result.pairs.allSatisfy { !$0.preferred })
        // With no one else, no pair at all rather than the supervisor.
        let alone = MentorPairing.propose(mentors: [supervisor], mentees: [supervised], rules: rules)
        #expect(alone.pairs.isEmpty && alone.unmatched.first?.reason == "条件に合うメンターがいません")
    }

    @Test func edgeCasesGiveClearResults() {
        let mentee = MenteeCandidate(employee: Self.person(1, department: 1), gaps: [SkillGap(skillID: .init(1), current: 1, required: 2)])
        let none = MentorPairing.propose(mentors: [], mentees: [mentee], rules: PairingRules())
        #expect(none.pairs.isEmpty && none.unmatched.first?.reason == "メンターが登録されていません")
        let mentor = MentorCandidate(employee: Self.person(9, department: 2), capacity: 1, levels: [.init(1): 4])
        let others = (2...4).map { MenteeCandidate(employee: Self.person(Int64($0), department: 1), gaps: []) }
        let crowded = MentorPairing.propose(mentors: [mentor], mentees: [mentee] + others, rules: PairingRules())
        #expect(crowded.pairs.count == 1 && crowded.pairs[0].mentee == mentee.employee.id)  // the one whose gap it covers
        #expect(crowded.pairs[0].covered.map(\.skillID) == [.init(1)] && crowded.pairs[0].crossDepartment)
        #expect(crowded.unmatched.count == 3 && crowded.unmatched.allSatisfy { $0.reason == "メンターの受け入れ枠が足りません" })
        let sameDepartment = MentorPairing.propose(
            mentors: [MentorCandidate(employee: Self.person(9, department: 1), capacity: 2, levels: [:])], mentees: [mentee],
            rules: PairingRules(requireOtherDepartment: true))
        #expect(sameDepartment.unmatched.first?.reason == "条件に合うメンターがいません")
    }
}
