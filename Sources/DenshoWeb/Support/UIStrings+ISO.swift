extension UIStrings {
    /// The ISO 9001 7.2 competence record (力量記録) downloads.
    static let isoTable: [(key: String, ja: String, en: String)] = [
        ("isoRecordPDF", "力量記録 ISO 7.2（PDF）", "Competence record ISO 7.2 (PDF)"),
        ("isoRecordExcel", "力量記録 ISO 7.2（Excel）", "Competence record ISO 7.2 (Excel)"),
    ]
}
