/// A 理解度テスト on one manual: a few multiple-choice questions staff answer on a phone after
/// watching. The quiz belongs to the manual; each attempt records the 版 (revision) it was taken
/// on, so a result always names the version of the work it checked.
public struct Quiz: Identifiable, Hashable, Codable, Sendable {
    public typealias ID = EntityID<Quiz>
    public static let maxQuestions = 20
    public static let choiceRange = 2...4

    public var id: ID
    public var companyID: Company.ID
    public var manualID: Manual.ID
    public var questions: [QuizQuestion]
    /// 合格点 in percent of the questions (1–100).
    public var passPercent: Int
    /// Attempts each person may make; nil for as many as they like.
    public var attemptsAllowed: Int?
    public var updatedBy: String

    public init(
        id: ID, companyID: Company.ID, manualID: Manual.ID, questions: [QuizQuestion], passPercent: Int = 80,
        attemptsAllowed: Int? = 3, updatedBy: String = ""
    ) {
        self.id = id
        self.companyID = companyID
        self.manualID = manualID
        self.questions = questions
        self.passPercent = passPercent
        self.attemptsAllowed = attemptsAllowed
        self.updatedBy = updatedBy
    }

    /// Correct answers needed to pass (at least one).
    public var passMark: Int { max(1, (questions.count * passPercent + 99) / 100) }

    /// Refuses a quiz staff could not answer or pass: no questions or more than 20, a question
    /// without text, with fewer than 2 or more than 4 choices, an empty choice or none correct.
    public func validated() throws(CheckError) -> Quiz {
        guard !questions.isEmpty else { throw .invalid(ja: "問題を1問以上入力してください。", en: "Add at least one question.") }
        guard questions.count <= Self.maxQuestions else {
            throw .invalid(ja: "問題は\(Self.maxQuestions)問までです。", en: "At most \(Self.maxQuestions) questions.")
        }
        guard (1...100).contains(passPercent) else {
            throw .invalid(ja: "合格点は1〜100%で指定してください。", en: "The pass mark must be 1–100%.")
        }
        if let attemptsAllowed, attemptsAllowed < 1 {
            throw .invalid(ja: "受験回数は1回以上にしてください。", en: "Allow at least one attempt.")
        }
        for (index, question) in questions.enumerated() {
            let number = index + 1
            guard !question.text.trimmed.isEmpty else {
                throw .invalid(ja: "問\(number): 問題文を入力してください。", en: "Question \(number): the question is empty.")
            }
            guard Self.choiceRange.contains(question.choices.count) else {
                throw .invalid(ja: "問\(number): 選択肢は2〜4個です。", en: "Question \(number): give 2–4 choices.")
            }
            guard !question.choices.contains(where: { $0.trimmed.isEmpty }) else {
                throw .invalid(ja: "問\(number): 空の選択肢があります。", en: "Question \(number): a choice is empty.")
            }
            guard !question.correct.isEmpty, question.correct.allSatisfy({ question.choices.indices.contains($0) }) else {
                throw .invalid(ja: "問\(number): 正解を1つ以上選んでください。", en: "Question \(number): mark at least one correct choice.")
            }
        }
        return self
    }
}

/// One question: 2–4 choices, one or more of them correct (all of them must be chosen, and no
/// other). An optional still from the manual's clip shows the moment asked about.
public struct QuizQuestion: Hashable, Codable, Sendable {
    public var text: String
    public var choices: [String]
    /// Indexes into `choices`.
    public var correct: Set<Int>
    /// Seconds into the manual's clip for a still shown with the question.
    public var stillAt: Double?

    public init(text: String, choices: [String], correct: Set<Int>, stillAt: Double? = nil) {
        self.text = text
        self.choices = choices
        self.correct = correct
        self.stillAt = stillAt
    }

    /// Whether more than one choice is correct (the page then offers check boxes).
    public var multipleAnswers: Bool { correct.count > 1 }
}

extension String {
    var trimmed: Substring {
        var text = self[...]
        while let first = text.first, first.isWhitespace { text = text.dropFirst() }
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return text
    }
}
