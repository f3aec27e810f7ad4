import DenshoDomain
import Testing

/// Recertification: a check is valid through its last day and expired the day after; months
/// are calendar months (`LocalDate.adding(months:)`, short months clamp) less one day.
@Suite("Check expiry: validity boundaries")
struct CheckExpiryTests {
    static func day(_ text: String) -> LocalDate { LocalDate(parsing: text)! }

    static func check(on text: String, months: Int, skill: Int64 = 1, employee: Int64 = 1) -> CheckedLevel {
        let rule = SkillCheckRule(skillID: .init(skill), validityMonths: months)
        return CheckedLevel(employeeID: .init(employee), skillID: .init(skill), level: 3, method: .signOff,
                            checkedOn: day(text), validThrough: rule.validThrough(checkedOn: day(text))!)
    }

    @Test func validThroughTheLastDayExpiredTheDayAfter() {
        let check = Self.check(on: "2024-04-01", months: 24)
        #expect(check.validThrough == Self.day("2026-03-31"))
        #expect(!check.isExpired(on: Self.day("2026-03-31")))
        #expect(!check.isExpired(on: Self.day("2024-04-01")))
        #expect(check.isExpired(on: Self.day("2026-04-01")))
    }

    @Test func noValidityNeverExpires() {
        #expect(SkillCheckRule(skillID: .init(1)).validThrough(checkedOn: Self.day("2020-01-01")) == nil)
        let levels: [(employee: Employee.ID, skill: Skill.ID, level: Int, method: EvaluationMethod, on: LocalDate)] = [
            (.init(1), .init(1), 2, .supervisor, Self.day("2020-01-01")), (.init(1), .init(2), 3, .signOff, Self.day("2025-06-15")),
        ]
        let checked = CheckExpiry.checked(levels: levels, rules: [.init(2): SkillCheckRule(skillID: .init(2), validityMonths: 12)])
        #expect(checked.count == 1)
        #expect(checked.first?.skillID == Skill.ID(2) && checked.first?.validThrough == Self.day("2026-06-14"))
    }

    /// 31 January + 1 month is the last day of February (clamped), less one day.
    @Test(arguments: [
        ("2025-01-31", 1, "2025-02-27"), ("2024-01-31", 1, "2024-02-28"), ("2025-01-30", 1, "2025-02-27"),
        ("2025-03-31", 1, "2025-04-29"), ("2025-12-31", 2, "2026-02-27"), ("2025-01-01", 1, "2025-01-31"),
    ])
    func shortMonthsClamp(checked: String, months: Int, through: String) {
        #expect(Self.check(on: checked, months: months).validThrough == Self.day(through))
    }

    @Test func leapYears() {
        // Checked on 29 February: a year on there is no 29th, so the 28th, less one day.
        #expect(Self.check(on: "2024-02-29", months: 12).validThrough == Self.day("2025-02-27"))
        // Four years on there is one again.
        #expect(Self.check(on: "2024-02-29", months: 48).validThrough == Self.day("2028-02-28"))
        // The day before 1 March of a leap year is the 29th.
        #expect(Self.check(on: "2023-03-01", months: 12).validThrough == Self.day("2024-02-29"))
        #expect(Self.check(on: "2024-03-01", months: 12).validThrough == Self.day("2025-02-28"))
        let check = Self.check(on: "2023-03-01", months: 12)
        #expect(!check.isExpired(on: Self.day("2024-02-29")) && check.isExpired(on: Self.day("2024-03-01")))
    }

    @Test func monthsAddAcrossYears() {
        #expect(Self.day("2025-11-15").adding(months: 3) == Self.day("2026-02-15"))
        #expect(Self.day("2025-02-15").adding(months: -3) == Self.day("2024-11-15"))
        #expect(Self.day("2025-05-31").adding(months: 240) == Self.day("2045-05-31"))
    }

    @Test func expiringBucketsAndDaysLeft() {
        let today = Self.day("2026-04-01")
        let lastDay = Self.check(on: "2024-04-02", months: 24, skill: 1)   // through 2026-04-01
        let dayAfter = Self.check(on: "2024-04-01", months: 24, skill: 2)  // through 2026-03-31
        let in90 = Self.check(on: "2024-06-30", months: 24, skill: 3)      // through 2026-06-29: 89 days
        let far = Self.check(on: "2025-01-01", months: 24, skill: 4)       // through 2026-12-31
        let list = CheckExpiry.expiring([far, in90, lastDay, dayAfter], asOf: today)
        #expect(list.map(\.check.skillID) == [.init(2), .init(1), .init(3)])
        #expect(list.map(\.daysLeft) == [-1, 0, 89])
        #expect(list.map(\.bucket) == [.expired, .within30, .within90])
        #expect(CheckExpiry.expiring([in90], asOf: today, within: 30).isEmpty)
        // Exactly `within` days ahead is listed; one more is not.
        let edge = CheckedLevel(employeeID: .init(1), skillID: .init(5), level: 2, method: .supervisor, checkedOn: today,
                                validThrough: today.adding(days: 90))
        #expect(CheckExpiry.expiring([edge], asOf: today).first?.daysLeft == 90)
        #expect(CheckExpiry.expiring([edge], asOf: today.adding(days: -1)).isEmpty)
    }

    @Test func validityIsOneTo240Months() {
        #expect(throws: CheckError.self) { try SkillCheckRule(skillID: .init(1), validityMonths: 0).validated() }
        #expect(throws: CheckError.self) { try SkillCheckRule(skillID: .init(1), validityMonths: 241).validated() }
        #expect(throws: Never.self) { try SkillCheckRule(skillID: .init(1), validityMonths: 240).validated() }
    }
}

@Suite("Quiz scoring: exact answers, pass marks, attempts, order")
struct QuizScoringTests {
    static func quiz(_ questions: Int = 3, passPercent: Int = 80, attempts: Int? = 3) -> Quiz {
        Quiz(id: .init(1), companyID: .init(1), manualID: .init(1),
             questions: (0..<questions).map { index in
                 QuizQuestion(text: "問\(index + 1)", choices: ["ア", "イ", "ウ", "エ"], correct: index == 0 ? [0, 2] : [1])
             },
             passPercent: passPercent, attemptsAllowed: attempts)
    }

    static func attempt(passed: Bool) -> QuizAttempt {
        QuizAttempt(id: .init(1), quizID: .init(1), employeeID: .init(1), manualRevision: 1, answers: [], right: passed ? 3 : 0,
                    total: 3, passed: passed)
    }

    @Test func multipleCorrectChoicesMustMatchExactly() {
        let quiz = Self.quiz()
        #expect(QuizScoring.score(quiz, answers: [[0, 2], [1], [1]]).right == 3)
        let partial = QuizScoring.score(quiz, answers: [[0], [1], [1]])
        #expect(partial.right == 2 && !partial.marks[0].right && partial.marks[0].correct == [0, 2])
        let extra = QuizScoring.score(quiz, answers: [[0, 1, 2], [1], [1]])
        #expect(!extra.marks[0].right && extra.marks[0].chosen == [0, 1, 2])
        // Missing answers are wrong.
        let short = QuizScoring.score(quiz, answers: [[0, 2]])
        #expect(short.right == 1 && short.total == 3 && !short.passed)
        #expect(quiz.questions[0].multipleAnswers && !quiz.questions[1].multipleAnswers)
    }

    @Test(arguments: [(3, 80, 3), (5, 80, 4), (3, 50, 2), (10, 1, 1), (4, 75, 3), (7, 60, 5), (20, 100, 20), (1, 1, 1)])
    func passMarkRoundsUp(questions: Int, percent: Int, mark: Int) {
        #expect(Self.quiz(questions, passPercent: percent).passMark == mark)
    }

    @Test func passingNeedsThePassMark() {
        let quiz = Self.quiz(5, passPercent: 80)
        let four: [Set<Int>] = [[0, 2], [1], [1], [1], [0]]
        let three: [Set<Int>] = [[0, 2], [1], [1], [0], [0]]
        #expect(QuizScoring.score(quiz, answers: four).passed)
        #expect(QuizScoring.score(quiz, answers: four).percent == 80)
        #expect(!QuizScoring.score(quiz, answers: three).passed)
    }

    @Test func attemptsAllowedAndAfterAPass() {
        let two = Self.quiz(attempts: 2)
        #expect(QuizScoring.mayAttempt(two, attempts: []))
        #expect(QuizScoring.mayAttempt(two, attempts: [Self.attempt(passed: false)]))
        #expect(!QuizScoring.mayAttempt(two, attempts: [Self.attempt(passed: false), Self.attempt(passed: false)]))
        #expect(!QuizScoring.mayAttempt(two, attempts: [Self.attempt(passed: true)]))
        let unlimited = Self.quiz(attempts: nil)
        #expect(QuizScoring.mayAttempt(unlimited, attempts: Array(repeating: Self.attempt(passed: false), count: 12)))
        #expect(!QuizScoring.mayAttempt(unlimited, attempts: [Self.attempt(passed: false), Self.attempt(passed: true)]))
    }

    @Test func orderIsStableForASeedAndAPermutation() {
        let quiz = Self.quiz(8)
        let first = QuizScoring.order(quiz, seed: 42), again = QuizScoring.order(quiz, seed: 42)
        let questions = first.map { $0.question }, choices = first.map { $0.choices }
        #expect(questions == again.map { $0.question })
        #expect(choices == again.map { $0.choices })
        #expect(questions.sorted() == Array(0..<8))
        for item in first { #expect(item.choices.sorted() == Array(quiz.questions[item.question].choices.indices)) }
        // Some other seed gives another order (8! orders of the questions alone).
        let others = (1...5).map { seed in QuizScoring.order(quiz, seed: UInt64(seed)).map { $0.question } }
        #expect(others.contains { $0 != questions })
    }
}
