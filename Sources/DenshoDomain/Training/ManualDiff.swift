import Foundation

/// Step-level differences between two versions of a manual: which steps were added, removed, or
/// kept with changed text or times. Steps are matched by their 主なステップ (the longest common
/// subsequence), so a step inserted in the middle shows as one addition, not as every later step changed.
public struct ManualDiff: Hashable, Sendable {
    public enum Change: Hashable, Sendable {
        case added(new: Int, ManualStep)
        case removed(old: Int, ManualStep)
        /// Same 主なステップ with other 急所, reason or times; `fields` names what changed.
        case changed(old: Int, new: Int, before: ManualStep, after: ManualStep, fields: [Field])
        case unchanged(old: Int, new: Int, ManualStep)
    }

    public enum Field: String, Hashable, Sendable, CaseIterable {
        case mainStep, keyPoint, reason, times
    }

    public var titleChanged: Bool
    public var changes: [Change]

    /// Whether anything differs.
    public var isEmpty: Bool {
        !titleChanged && changes.allSatisfy { if case .unchanged = $0 { true } else { false } }
    }

    public init(old: [ManualStep], new: [ManualStep], oldTitle: String = "", newTitle: String = "") {
        titleChanged = oldTitle != newTitle
        let key = { (step: ManualStep) in step.mainStep.trimmingCharacters(in: .whitespaces) }
        // LCS table over the 主なステップ texts.
        let n = old.count, m = new.count
        var table = Array(repeating: Array(repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                table[i][j] = key(old[i]) == key(new[j]) ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var changes: [Change] = []
        var i = 0, j = 0
        var pendingRemoved: [(Int, ManualStep)] = []
        var pendingAdded: [(Int, ManualStep)] = []
        func flush() {
            // A removal and an addition at the same place are one step rewritten.
            let paired = min(pendingRemoved.count, pendingAdded.count)
            for k in 0..<paired {
                let (o, before) = pendingRemoved[k], (p, after) = pendingAdded[k]
                changes.append(.changed(old: o, new: p, before: before, after: after, fields: Self.fields(before, after)))
            }
            changes += pendingRemoved.dropFirst(paired).map { .removed(old: $0.0, $0.1) }
            changes += pendingAdded.dropFirst(paired).map { .added(new: $0.0, $0.1) }
            pendingRemoved = []
            pendingAdded = []
        }
        while i < n || j < m {
            if i < n, j < m, key(old[i]) == key(new[j]) {
                flush()
                let fields = Self.fields(old[i], new[j])
                changes.append(fields.isEmpty ? .unchanged(old: i + 1, new: j + 1, new[j])
                    : .changed(old: i + 1, new: j + 1, before: old[i], after: new[j], fields: fields))
                i += 1
                j += 1
            } else if j < m, i == n || table[i][j + 1] >= table[i + 1][j] {
                pendingAdded.append((j + 1, new[j]))
                j += 1
            } else {
                pendingRemoved.append((i + 1, old[i]))
                i += 1
            }
        }
        flush()
        self.changes = changes
    }

    static func fields(_ a: ManualStep, _ b: ManualStep) -> [Field] {
        var fields: [Field] = []
        if a.mainStep != b.mainStep { fields.append(.mainStep) }
        if a.keyPoint != b.keyPoint { fields.append(.keyPoint) }
        if a.reason != b.reason { fields.append(.reason) }
        if abs(a.start - b.start) > 0.05 || a.end.map({ e in b.end.map { abs(e - $0) > 0.05 } ?? true }) ?? (b.end != nil) {
            fields.append(.times)
        }
        return fields
    }
}
