import ArgumentParser
import DenshoDomain

extension EmployeeCommand {
    /// Stories for recruiting sheets: printed (without names) only while the employee consents.
    struct Story: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add or list an employee's story for recruiting sheets (printed anonymized, only with consent).")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "社員番号 or name (omit to list every story).") var employee: String?
        @Option(help: "The story, in the employee's words.") var text: String?
        @Flag(help: "The employee agrees to the story appearing on printed recruiting material.") var consent = false
        @Option(help: "Withdraw consent for the story with this id.") var withdraw: Int64?

        func run() async throws {
            let context = try CLIContext(options)
            let company = try await context.company()
            if let withdraw {
                try await context.store.setStoryConsent(.init(withdraw), consented: false, company: company.id, by: context.actor)
                print("Story \(withdraw) will no longer be printed.")
                return
            }
            let resolver = Resolver(context: context, company: company)
            if let employee, let text {
                let person = try await resolver.employee(employee)
                let story = try await context.store.addStory(
                    EmployeeStory(id: .init(0), employeeID: person.id, text: text, consented: consent, writtenOn: context.today),
                    company: company.id, by: context.actor)
                print("Added story \(story.id.rawValue) for \(person.name)" + (consent ? " (consented: printed anonymized)." : " (not printed until consent is given)."))
                return
            }
            let people = try await resolver.employeesByID()
            let only = try await employee.asyncMap { try await resolver.employee($0).id }
            var table = DataTable([("id", "ID"), ("employee", "社員"), ("consented", "同意"), ("written_on", "日付"), ("text", "本文")])
            for story in try await context.store.stories(company: company.id, consentedOnly: false) where only == nil || story.employeeID == only {
                table.append([.int(Int(story.id.rawValue)), .text(people[story.employeeID]?.name ?? "?"),
                              .text(story.consented ? "あり" : "なし"), .text(story.writtenOn.slashed), .text(story.text)])
            }
            context.output.print(table)
        }
    }
}
