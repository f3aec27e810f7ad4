/// Every Mustache page the app renders. The renderer checks at start that each one (and each
/// partial) exists, so a missing template stops `densho serve` from starting instead of
/// answering a request with a broken page.
enum PageTemplate: String, CaseIterable, Sendable {
    case cell, clip, clips, dashboard, employee, employees, error, kpi, login, manual, manuals, mentoring, password, paths
    case proposals, publishing, search, skillmap, tokens, users
    case skillmapImport = "skillmap-import"
    case onboardingUpload = "onboarding-upload", onboardingPlan = "onboarding-plan", onboardingDone = "onboarding-done"
    case manualDiff = "manual-diff"
    case training, trainingPerson = "training-person"
    case notifications
    case notificationSettings = "notification-settings"
    case notificationAdmin = "notification-admin"
    case quizEdit = "quiz-edit", quizTake = "quiz-take", quizResult = "quiz-result"
    case checks, checklist
    case signOffForm = "signoff-form"
    case signOffRecord = "signoff"
    case checkRules = "check-rules"

    /// Templates that pages include rather than render on their own.
    static let partials = ["layout", "profile-body"]

    static var allNames: [String] { allCases.map(\.rawValue) + partials }
}
