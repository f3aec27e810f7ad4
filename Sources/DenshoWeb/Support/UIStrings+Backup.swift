extension UIStrings {
    /// The admin page's backup card.
    static let backupTable: [(key: String, ja: String, en: String)] = [
        ("backups", "バックアップ", "Backups"),
        ("backupLastGood", "最後に成功したバックアップ", "Last good backup"),
        ("backupNone", "成功したバックアップはまだありません。densho serve --backup-dir で毎晩のバックアップを設定してください。",
         "No good backup yet: set up nightly backups with densho serve --backup-dir."),
        ("backupLastFailed", "最後のバックアップは失敗しました", "The last backup failed"),
        ("backupProblems", "検証で見つかった問題", "Problems the last verify found"),
        ("backupStaleNote", "2日以上バックアップが成功していません。", "No backup has succeeded for more than two days."),
    ]
}
