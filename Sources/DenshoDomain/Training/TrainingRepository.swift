/// Manuals' links to skills, courses, assignments, watch records and acknowledgements.
public protocol TrainingRepository: Sendable {
    /// Skills a manual teaches (what the gap analysis assigns it for).
    func setManualSkills(_ manual: Manual.ID, skills: [Skill.ID], company: Company.ID, by: String) async throws
    func manualSkills(company: Company.ID) async throws -> [Manual.ID: [Skill.ID]]

    func addCourse(_ course: Course, by: String) async throws -> Course
    func courses(company: Company.ID) async throws -> [Course]

    /// Assigns `items` (in order; `course` groups them) to `employees`; people who already have
    /// an item keep their row (a new due date replaces the old one while it is not completed).
    /// Returns the assignments created or updated. Notifies each person once.
    func assign(
        _ items: [TrainingItem], course: Course.ID?, to employees: [Employee.ID], due: LocalDate?, company: Company.ID,
        by: String
    ) async throws -> [Assignment]
    func assignments(company: Company.ID, employee: Employee.ID?, item: TrainingItem?) async throws -> [Assignment]
    func removeAssignment(_ id: Assignment.ID, company: Company.ID, by: String) async throws

    /// Records a page's playback of a clip (cumulative ranges of its watch session) and updates
    /// the person's assignments that use the clip. Refuses (`StoreError.invalid`) more playback
    /// than `plausibility` allows for the session's age. Returns the person's merged coverage.
    func recordWatch(
        employee: Employee.ID, clip: Clip.ID, manual: Manual.ID?, session: String, ranges: [PlayedRange], now: Double,
        plausibility: WatchPlausibility, company: Company.ID
    ) async throws -> WatchCoverage
    /// Several beacons in one transaction (the web app gathers those that arrive together): one
    /// result each, a refused beacon failing alone.
    func recordWatches(_ beacons: [WatchBeacon], now: Double, plausibility: WatchPlausibility) async throws
        -> [Result<WatchCoverage, any Error>]
    func watchCoverage(employee: Employee.ID, clip: Clip.ID, company: Company.ID) async throws -> WatchCoverage
    /// 読了確認 of the live version: refused unless it was watched (every step of a manual, 90% of a
    /// clip). Completes the person's assignments for it.
    func acknowledge(employee: Employee.ID, item: TrainingItem, company: Company.ID, by: String) async throws -> Acknowledgement
    func acknowledgements(company: Company.ID, item: TrainingItem?, employee: Employee.ID?) async throws -> [Acknowledgement]

    /// Per manual and clip: assigned, not started, in progress, completed, overdue on `today`.
    func trainingReport(company: Company.ID, department: Department.ID?, today: LocalDate) async throws -> [TrainingReportRow]
    /// Assignments not completed whose due date is on or before `through` (every company): for the daily reminder scan.
    func openAssignments(dueThrough: LocalDate) async throws -> [Assignment]
    /// Each manual's title as approved (the working copy's for one never approved): what lists,
    /// reports and the annual plan show, so a draft's title is not published before approval.
    func liveTitles(company: Company.ID) async throws -> [Manual.ID: String]
}
