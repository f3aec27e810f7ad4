import DenshoDomain
import Foundation
import Testing

/// The pure rules of the OJT loop: what counts as watched, how versions differ, when work is overdue.
@Suite struct TrainingRulesTests {
    func r(_ a: Double, _ b: Double) -> PlayedRange { PlayedRange(start: a, end: b) }

    @Test func overlappingAndOutOfOrderRangesMergeAndNinetyPercentCounts() {
        var coverage = WatchCoverage([r(50, 60), r(0, 10)])
        coverage.add([r(8, 30), r(29, 51), r(-5, 1), r(70, 69), r(.nan, 3)])
        #expect(coverage.ranges == [r(0, 60)])
        #expect(!coverage.isWatched(duration: 100))
        coverage.add([r(60, 89)])
        #expect(!coverage.isWatched(duration: 100), "89% is not enough")
        coverage.add([r(89, 90)])
        #expect(coverage.isWatched(duration: 100))
        #expect(WatchCoverage([r(95, 100)]).share(ofDuration: 100) == 0.05, "seeking to the end counts only what was played there")
        #expect(WatchCoverage([r(0, 200)]).share(ofDuration: 100) == 1)
        #expect(!WatchCoverage([r(0, 10)]).isWatched(duration: 0), "an unknown duration is never watched")
    }

    @Test func aManualNeedsEveryStepNotJustMostOfTheClip() {
        let steps = [ManualStep(mainStep: "a", start: 0), ManualStep(mainStep: "b", start: 40, end: 50), ManualStep(mainStep: "c", start: 90)]
        // 0–40, 40–50, 90–100: skipping step b entirely fails although 90% of the clip played.
        let skipped = WatchCoverage([r(0, 40), r(50, 100)])
        #expect(skipped.isWatched(duration: 100))
        #expect(!skipped.coversSteps(steps, duration: 100))
        #expect(WatchCoverage([r(0, 40), r(40, 49.5), r(90.5, 100)]).coversSteps(steps, duration: 100))
        #expect(abs(WatchCoverage([r(0, 40)]).stepShare(steps, duration: 100) - 40.0 / 60) < 1e-9)
    }

    @Test func beaconsParseStrictlyAndPlausibilityFollowsWallClock() {
        #expect(PlayedRange.parseList("0-4.5,10-12") == [r(0, 4.5), r(10, 12)])
        #expect(PlayedRange.parseList("") == [])
        for bad in ["x", "1-", "-1-2", "5-3", "1-2,,", "nan-3", "0-inf", "1e400-1e401"] {
            #expect(PlayedRange.parseList(bad) == nil, "\(bad)")
        }
        #expect(PlayedRange.parseList(Array(repeating: "0-1", count: 501).joined(separator: ",")) == nil)
        let rule = WatchPlausibility(maxRate: 2, slack: 10)
        #expect(rule.allows(playedSeconds: 10, sessionAge: 0))
        #expect(!rule.allows(playedSeconds: 120, sessionAge: 1))
        #expect(rule.allows(playedSeconds: 120, sessionAge: 55))
    }

    @Test func dueStatesUseOfficeDatesInJapan() throws {
        let due = try #require(LocalDate(parsing: "2026-12-15"))
        #expect(AssignmentState.of(completed: false, started: false, due: due, today: due) == .notStarted, "the due day is on time")
        #expect(AssignmentState.of(completed: false, started: true, due: due, today: due.adding(days: 1)) == .overdue)
        #expect(AssignmentState.of(completed: true, started: true, due: due, today: due.adding(days: 9)) == .completed)
        #expect(AssignmentState.of(completed: false, started: true, due: nil, today: due) == .inProgress)
        // 2026-12-15 23:30 in UTC is already the 16th in Tokyo: overdue there, whatever the server's zone.
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let late = utc.date(from: DateComponents(year: 2026, month: 12, day: 15, hour: 23, minute: 30))!
        #expect(LocalDate(late) == due.adding(days: 1))
        #expect(AssignmentState.of(completed: false, started: false, due: due, today: LocalDate(late)) == .overdue)
        // 14:00 UTC on the 15th is 23:00 in Tokyo: still the due day.
        let evening = utc.date(from: DateComponents(year: 2026, month: 12, day: 15, hour: 14))!
        #expect(AssignmentState.of(completed: false, started: false, due: due, today: LocalDate(evening)) == .notStarted)
    }

    @Test func theDiffFindsAddedRemovedAndChangedStepsByTheirMainStep() {
        let old = [ManualStep(mainStep: "清掃", keyPoint: "奥まで", start: 0, end: 5), ManualStep(mainStep: "芯出し", start: 5),
                   ManualStep(mainStep: "試し削り", start: 20), ManualStep(mainStep: "片付け", start: 40)]
        let new = [ManualStep(mainStep: "清掃", keyPoint: "爪の奥まで", start: 0, end: 5), ManualStep(mainStep: "段取り確認", start: 4),
                   ManualStep(mainStep: "芯出し", start: 6), ManualStep(mainStep: "片付け", start: 40)]
        let diff = ManualDiff(old: old, new: new, oldTitle: "a", newTitle: "a")
        #expect(!diff.isEmpty && !diff.titleChanged)
        #expect(diff.changes == [
            .changed(old: 1, new: 1, before: old[0], after: new[0], fields: [.keyPoint]),
            .added(new: 2, new[1]),
            .changed(old: 2, new: 3, before: old[1], after: new[2], fields: [.times]),
            .removed(old: 3, old[2]),
            .unchanged(old: 4, new: 4, new[3]),
        ])
        #expect(ManualDiff(old: old, new: old).isEmpty)
        // A removal and an addition at the same place pair up as one step rewritten.
        let rewritten = ManualDiff(old: [old[0], old[1]], new: [old[0], ManualStep(mainStep: "芯を出す", start: 5)])
        #expect(rewritten.changes.last == .changed(old: 2, new: 2, before: old[1], after: ManualStep(mainStep: "芯を出す", start: 5), fields: [.mainStep]))
    }
}
