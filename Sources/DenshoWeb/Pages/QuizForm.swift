import DenshoDomain
import Foundation

/// The quiz editor's fields as typed, kept as text: a refused save shows the form again with
/// exactly what was typed (a wrong still time or an unticked answer must not wipe 20 questions
/// someone thumbed in on a phone).
///
/// Fields per question slot `i`: `text<i>`, four `choice<i>` (in order, blank ones allowed),
/// `correct<i>` (repeated: indexes 0–3 of the ticked choices) and `still<i>`; then `pass` and
/// `attempts` for the whole quiz.
struct QuizForm {
    struct Slot {
        var text = ""
        var choices = Array(repeating: "", count: QuizForm.choiceSlots)
        var correct: Set<Int> = []
        var still = ""

        /// The spare slot left empty: not a question.
        var isBlank: Bool { Self.blank(text) && choices.allSatisfy(Self.blank) && still.isEmpty }

        static func blank(_ text: String) -> Bool { text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
    }

    /// Every question offers this many choice fields; the blank ones are dropped on save.
    static let choiceSlots = Quiz.choiceRange.upperBound
    /// Blank question slots shown after the written ones, so a phone user adds questions without
    /// script (up to `Quiz.maxQuestions` in all).
    static let spareSlots = 3

    var slots: [Slot]
    var pass: String
    var attempts: String

    /// The saved quiz as the editor shows it (a new quiz: 80 % and 3 attempts, the domain's defaults).
    init(_ quiz: Quiz?) {
        let defaults = Quiz(id: .init(0), companyID: .init(0), manualID: .init(0), questions: [])
        slots = (quiz?.questions ?? []).map { question in
            var slot = Slot(text: question.text, correct: question.correct, still: question.stillAt.map(ManualController.format) ?? "")
            for (index, choice) in question.choices.enumerated() where index < Self.choiceSlots { slot.choices[index] = choice }
            return slot
        }
        pass = String(quiz?.passPercent ?? defaults.passPercent)
        attempts = (quiz ?? defaults).attemptsAllowed.map { String($0) } ?? ""
    }

    /// The posted editor. Blank slots are dropped, so the numbers in a refusal ("問2: …") are
    /// the numbers of the form shown again.
    init(form: FormFields) {
        var slots: [Slot] = []
        // One slot more than allowed is read, so too many questions are refused, not cut off.
        for index in 0...Quiz.maxQuestions {
            guard let text = form["text\(index)"] else { break }
            var slot = Slot(text: text, still: (form["still\(index)"] ?? "").trimmingCharacters(in: .whitespaces))
            for (position, choice) in form.all("choice\(index)").prefix(Self.choiceSlots).enumerated() { slot.choices[position] = choice }
            slot.correct = Set(form.all("correct\(index)").compactMap { Int($0) }.filter { (0..<Self.choiceSlots).contains($0) })
            if !slot.isBlank { slots.append(slot) }
        }
        self.slots = slots
        pass = (form["pass"] ?? "").trimmingCharacters(in: .whitespaces)
        attempts = (form["attempts"] ?? "").trimmingCharacters(in: .whitespaces)
    }

    /// The slots the editor shows: the written ones and a few spare (never over the maximum).
    var shownSlots: [Slot] {
        slots + Array(repeating: Slot(), count: max(0, min(Self.spareSlots, Quiz.maxQuestions - slots.count)))
    }

    /// The questions, pass mark and attempts; what cannot be read as such is refused with the
    /// question's number. The rest (counts, empty text, no correct choice) is `Quiz.validated()`'s.
    func parsed() throws(CheckError) -> (questions: [QuizQuestion], passPercent: Int, attemptsAllowed: Int?) {
        var questions: [QuizQuestion] = []
        for (index, slot) in slots.enumerated() {
            let number = index + 1
            let kept = slot.choices.indices.filter { !Slot.blank(slot.choices[$0]) }
            if slot.correct.contains(where: { !kept.contains($0) }) {
                throw CheckError.invalid(ja: "問\(number): 空の選択肢に正解の印があります。", en: "Question \(number): an empty choice is marked correct.")
            }
            var stillAt: Double?
            if !slot.still.isEmpty {
                guard let seconds = ClipTime.seconds(slot.still) else {
                    throw CheckError.invalid(ja: "問\(number): 場面の時刻は 0:12 または秒数で入力してください。",
                                             en: "Question \(number): give the scene as 0:12 or in seconds.")
                }
                stillAt = seconds
            }
            let correct = Set(kept.enumerated().filter { slot.correct.contains($0.element) }.map(\.offset))
            questions.append(QuizQuestion(
                text: slot.text.trimmingCharacters(in: .whitespacesAndNewlines),
                choices: kept.map { slot.choices[$0].trimmingCharacters(in: .whitespacesAndNewlines) }, correct: correct, stillAt: stillAt))
        }
        guard let passPercent = Int(pass) else {
            throw CheckError.invalid(ja: "合格点は1〜100%で指定してください。", en: "The pass mark must be 1–100%.")
        }
        var attemptsAllowed: Int?
        if !attempts.isEmpty {
            guard let number = Int(attempts) else {
                throw CheckError.invalid(ja: "受験できる回数は数字で入力してください（空欄なら無制限）。",
                                         en: "Give the attempts allowed as a number (blank: unlimited).")
            }
            attemptsAllowed = number
        }
        return (questions, passPercent, attemptsAllowed)
    }
}
