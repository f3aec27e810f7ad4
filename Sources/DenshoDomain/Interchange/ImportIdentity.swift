/// When a row of an import file is what is already stored, so that importing an export again (or
/// Excel's re-save of it: another encoding, CRLF, every field quoted) writes nothing and counts the
/// row as unchanged. People export, fix one row in Excel and import the whole file back.
public enum ImportIdentity {
    /// An evaluation as a file carries it: the occasion, the level and the note. The approval state
    /// is left out: it belongs to the approval workflow, not to the file (a self-assessment approved
    /// since the export is still the same entry, and an import never decides one).
    public struct Entry: Hashable, Sendable {
        public var occasion: Occasion
        public var level: Int
        /// The note as `ImportIdentity.note` compares it.
        public var note: String

        public init(_ evaluation: Evaluation) {
            occasion = Occasion(evaluation)
            level = evaluation.level
            note = ImportIdentity.note(evaluation.note)
        }
    }

    /// Who was evaluated in which skill, on which day, by whom, as which kind. A row that matches a
    /// stored entry this far, but not in level or note, is a changed entry; the history is never
    /// rewritten, so it is recorded as a new evaluation (of the same day, it then counts).
    public struct Occasion: Hashable, Sendable {
        public var employee: Employee.ID
        public var skill: Skill.ID
        public var evaluatedOn: LocalDate
        public var evaluator: Employee.ID?
        public var kind: EvaluationKind

        public init(_ evaluation: Evaluation) {
            employee = evaluation.employeeID
            skill = evaluation.skillID
            evaluatedOn = evaluation.evaluatedOn
            evaluator = evaluation.evaluatorID
            kind = evaluation.kind
        }
    }

    /// A note as compared: line ends as LF (Windows tools write CRLF inside a cell too) and no
    /// blanks or line breaks around it (imports trim cells).
    public static func note(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var afterCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\r" {
                scalars.append("\n")
                afterCR = true
                continue
            }
            if !(scalar == "\n" && afterCR) { scalars.append(scalar) }
            afterCR = false
        }
        let lines = String(scalars)
        guard let first = lines.firstIndex(where: { !$0.isWhitespace }), let last = lines.lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(lines[first...last])
    }

    /// An employee row is unchanged when every field a file carries equals the stored one (an empty
    /// 退職理由 and none are the same).
    public static func same(_ stored: Employee, _ imported: Employee) -> Bool {
        let person = stored.name == imported.name && stored.kana == imported.kana && stored.birthYear == imported.birthYear
        let employment = stored.hireDate == imported.hireDate && stored.leaveDate == imported.leaveDate
            && (stored.leaveReason ?? "") == (imported.leaveReason ?? "")
        let placement = stored.departmentID == imported.departmentID && stored.position == imported.position
            && stored.gradeID == imported.gradeID
        return person && employment && placement
    }

    /// A skill row is unchanged when category, name, description and the wording of every level on
    /// `scale` equal the stored ones (a skill's code matches whatever its case).
    public static func same(_ stored: Skill, _ imported: Skill, scale: LevelScale) -> Bool {
        func wording(_ skill: Skill) -> [Int: String] {
            skill.levelDescriptions.filter { scale.contains($0.key) && !$0.value.isEmpty }
        }
        return stored.categoryID == imported.categoryID && stored.name == imported.name
            && stored.description == imported.description && wording(stored) == wording(imported)
    }
}
