/// Scoring and the order questions are shown in.
public enum QuizScoring {
    /// Marks `answers` (chosen choice indexes per question, in the quiz's own order): a question
    /// is right when exactly its correct choices were chosen. Missing answers are wrong.
    public static func score(_ quiz: Quiz, answers: [Set<Int>]) -> QuizResult {
        let marks = quiz.questions.enumerated().map { index, question in
            let chosen = index < answers.count ? answers[index] : []
            return QuizResult.Mark(chosen: chosen, correct: question.correct, right: chosen == question.correct)
        }
        let right = marks.filter(\.right).count
        return QuizResult(marks: marks, right: right, total: quiz.questions.count, passed: right >= quiz.passMark)
    }

    /// The order of questions and of each question's choices for one attempt: shuffled, but the
    /// same for the same `seed` (a reload keeps the order; the next attempt gets another).
    /// Answers are always submitted as indexes into the quiz's own order.
    public static func order(_ quiz: Quiz, seed: UInt64) -> [(question: Int, choices: [Int])] {
        var generator = SplitMix(seed: seed)
        let questions = Array(quiz.questions.indices).shuffled(using: &generator)
        return questions.map { index in (index, Array(quiz.questions[index].choices.indices).shuffled(using: &generator)) }
    }

    /// Whether `person` may start another attempt after `attempts` earlier ones.
    public static func mayAttempt(_ quiz: Quiz, attempts: [QuizAttempt]) -> Bool {
        if attempts.contains(where: \.passed) { return false }
        guard let allowed = quiz.attemptsAllowed else { return true }
        return attempts.count < allowed
    }

    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}

/// The outcome of one attempt, shown after submission: which questions were wrong and their
/// correct choices.
public struct QuizResult: Hashable, Codable, Sendable {
    public struct Mark: Hashable, Codable, Sendable {
        public var chosen: Set<Int>
        public var correct: Set<Int>
        public var right: Bool
    }
    public var marks: [Mark]
    public var right: Int
    public var total: Int
    public var passed: Bool

    public var percent: Int { total == 0 ? 0 : right * 100 / total }
}

/// One person's attempt at a quiz, kept for good (history, like evaluations).
public struct QuizAttempt: Identifiable, Hashable, Codable, Sendable {
    public typealias ID = EntityID<QuizAttempt>
    public var id: ID
    public var quizID: Quiz.ID
    public var employeeID: Employee.ID
    /// The manual's 版 the attempt was taken on.
    public var manualRevision: Int
    public var answers: [Set<Int>]
    public var right: Int
    public var total: Int
    public var passed: Bool
    public var takenAt: String

    public init(
        id: ID, quizID: Quiz.ID, employeeID: Employee.ID, manualRevision: Int, answers: [Set<Int>], right: Int, total: Int,
        passed: Bool, takenAt: String = ""
    ) {
        self.id = id
        self.quizID = quizID
        self.employeeID = employeeID
        self.manualRevision = manualRevision
        self.answers = answers
        self.right = right
        self.total = total
        self.passed = passed
        self.takenAt = takenAt
    }
}
