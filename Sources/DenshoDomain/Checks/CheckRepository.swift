/// Quizzes, checklists, sign-offs and per-skill check rules.
public protocol CheckRepository: Sendable {
    /// Saves the manual's quiz (creating or replacing its questions; attempts keep the answers
    /// they were scored on).
    func saveQuiz(_ quiz: Quiz, by: String) async throws -> Quiz
    func quiz(manual: Manual.ID, company: Company.ID) async throws -> Quiz?
    func quizzes(company: Company.ID) async throws -> [Quiz]
    /// Scores and records an attempt on the manual's live 版. Refused (`StoreError.invalid`) when
    /// no attempts are left or the person already passed. A pass on a skill-linked manual records
    /// nothing by itself: levels come from sign-offs (the quiz is their prerequisite where required).
    func attemptQuiz(_ quiz: Quiz.ID, employee: Employee.ID, answers: [Set<Int>], company: Company.ID, by: String) async throws
        -> (attempt: QuizAttempt, result: QuizResult)
    func quizAttempts(company: Company.ID, quiz: Quiz.ID?, employee: Employee.ID?) async throws -> [QuizAttempt]

    func saveChecklist(_ checklist: Checklist, by: String) async throws -> Checklist
    func checklist(_ id: Checklist.ID, company: Company.ID) async throws -> Checklist?
    func checklists(company: Company.ID) async throws -> [Checklist]

    /// Records a sign-off; a pass records the checklist's level as an evaluation (method 実技確認,
    /// the sign-off as evidence, the manual's live 版) in the same transaction. Refused when the
    /// skill's rule wants a passed quiz the trainee does not have.
    func signOff(_ signOff: SignOff, by: String) async throws -> SignOff
    func signOffs(company: Company.ID, employee: Employee.ID?) async throws -> [SignOff]
    func signOffRecord(_ id: SignOff.ID, company: Company.ID) async throws -> SignOff?
    /// The trainee's 確認 of the result (once).
    func acknowledgeSignOff(_ id: SignOff.ID, employee: Employee.ID, company: Company.ID, by: String) async throws -> SignOff

    func setCheckRule(_ rule: SkillCheckRule, company: Company.ID, by: String) async throws
    func checkRules(company: Company.ID) async throws -> [Skill.ID: SkillCheckRule]
    /// Current levels of skills with a validity, with their last valid day.
    func checkedLevels(company: Company.ID, employee: Employee.ID?) async throws -> [CheckedLevel]
    /// Sends a back a pending self-assessment with a reason (差し戻し).
    func returnEvaluation(_ id: Evaluation.ID, reason: String, decidedBy: Employee.ID?, company: Company.ID, by: String)
        async throws -> Evaluation

    /// The ISO 9001 7.2 record: every current level of the person or department's people.
    func isoRecord(_ scope: ISORecordScope, company: Company.ID) async throws -> [ISORecordRow]
}
