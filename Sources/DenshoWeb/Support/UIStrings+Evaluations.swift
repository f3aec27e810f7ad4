extension UIStrings {
    /// The self-assessment loop (confirmation, 差し戻し with a reason, staff home), the 力量表
    /// cell's method and evidence, and recertification (期限切れ checks).
    static let evaluationTable: [(key: String, ja: String, en: String)] = [
        ("evSavedSelf", "自己評価を送信しました。上長の承認を待っています。", "Your self-assessment was sent. It now waits for your supervisor."),
        ("evSavedSupervisor", "評価を記録しました。", "The evaluation was recorded."),
        ("evSelfDateToday", "自己評価は今日の日付で記録されます。", "A self-assessment is always dated today."),
        ("evReturnReason", "差し戻しの理由", "Reason for returning it"),
        ("evReturnedBecause", "差し戻しの理由:", "Returned because:"),
        ("evClaimedLevel", "申告レベル", "Claimed level"),
        ("evCurrentLevel", "現在のレベル", "Current level"),
        ("evMyAssessments", "わたしの自己評価", "My self-assessments"),
        ("evWaitingApproval", "承認待ち", "Waiting for approval"),
        ("evReturnedState", "差し戻し", "Returned"),
        ("evApprovedState", "承認済", "Approved"),
        ("expiryExpired", "期限切れ", "Expired"),
        ("expiryWithin30", "30日以内", "Within 30 days"),
        ("expiryWithin60", "60日以内", "Within 60 days"),
        ("expiryWithin90", "90日以内", "Within 90 days"),
        ("evAssessAgain", "もう一度評価する", "Assess again"),
        ("evMethod", "方法", "Method"),
        ("evEvidence", "根拠", "Evidence"),
        ("evSignOffLink", "実技確認 #{id}", "Sign-off #{id}"),
        ("evQuizEvidence", "筆記 #{id}", "Quiz #{id}"),
        ("evSaveAndNext", "記録して次の人へ", "Save and go to the next person"),
        ("evNextPerson", "次の人", "Next person"),
        ("evLastPerson", "部署の最後の人です。", "This is the last person of the department."),
        ("evCheckExpired", "期限切れ", "Expired"),
        ("evCheckExpiredTitle", "確認の有効期限切れ（再確認が必要）", "The check has expired (recheck needed)"),
        ("evValidThrough", "有効期限", "Valid through"),
        ("evDaysLeft", "残日数", "Days left"),
        ("evChecksExpiring", "期限が近い技能確認", "Skill checks expiring soon"),
    ]
}
