extension TrainingPlan {
    /// The plan as the store holds it: the company's employees (former ones too, kept when they
    /// worked some day of the year), its assignments, and the titles of its manuals and clips.
    public static func load(
        company: Company.ID, department: Department.ID?, fiscalYear: FiscalYear, from store: any DenshoRepository, today: LocalDate
    ) async throws -> TrainingPlan {
        let employees = try await store.employees(company: company, filter: EmployeeFilter(department: department))
        let departments = try await store.departments(company: company)
        var titles: [TrainingItem: String] = [:]
        for (manual, title) in try await store.liveTitles(company: company) { titles[.manual(manual)] = title }
        for clip in try await store.clips(company: company, status: nil) { titles[.clip(clip.id)] = clip.title }
        let assignments = try await store.assignments(company: company, employee: nil, item: nil)
        return TrainingPlan(
            fiscalYear: fiscalYear, employees: employees, departments: departments, assignments: assignments, titles: titles,
            today: today, department: department)
    }
}
