import DenshoDomain
import Foundation
import Hummingbird

/// Career tracks and grades with what each step requires (施策2-2: career paths made visible).
struct CareerPathController {
    let env: PageEnvironment

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/paths", use: list)
    }

    struct GradeView { var rank: Int; var code: String; var name: String; var years: Int; var description: String; var skills: [String]; var qualifications: [String] }
    struct TrackView { var id: String; var name: String; var description: String; var grades: [GradeView] }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, company) = try context.require { $0.canViewCareerPaths }
        let store = env.store
        let scale = try await store.levelScale(company: company.id)
        let skills = Dictionary(uniqueKeysWithValues: try await store.skills(company: company.id, includeRetired: true).map { ($0.id, $0.name) })
        let qualifications = Dictionary(uniqueKeysWithValues: try await store.qualifications(company: company.id).map { ($0.id, $0.name) })
        let tracks = try await store.tracks(company: company.id).map { track in
            TrackView(id: track.id.description, name: track.name, description: track.description, grades: track.grades.map { grade in
                GradeView(
                    rank: grade.rank, code: grade.code, name: grade.name, years: grade.typicalYears, description: grade.description,
                    skills: grade.requiredSkills.map { "\(skills[$0.skillID] ?? "?") \(scale.symbol($0.level))" },
                    qualifications: grade.requiredQualifications.map { qualifications[$0] ?? "?" })
            })
        }
        return env.renderer.page(.paths, title: context.language.text("careerPaths"), context: context, data: ["tracks": tracks])
    }
}
