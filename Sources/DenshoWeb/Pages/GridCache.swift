import DenshoDomain
import Foundation
import NIOCore
import Synchronization

/// Rendered 力量表 grids, kept until the data revision moves. Supervisors open the same department
/// many times a day; rebuilding 60,000 cells each time would make the page slow for everyone.
final class GridCache: Sendable {
    struct Key: Hashable {
        var company: Company.ID
        var department: Department.ID
        var category: SkillCategory.ID?
        var today: LocalDate
        /// Which rows link to the cell page: every row, or only the viewer's own.
        var viewer: String
    }
    struct Entry { var revision: Int64; var html: ByteBuffer; var employees: Int; var skills: Int; var lastUse: UInt64 }

    private let entries = Mutex<[Key: Entry]>([:])
    private let clock = Atomic<UInt64>(0)
    let capacity: Int

    init(capacity: Int = 32) { self.capacity = capacity }

    func get(_ key: Key, revision: Int64) -> Entry? {
        let tick = clock.add(1, ordering: .relaxed).newValue
        return entries.withLock { entries in
            guard var entry = entries[key], entry.revision == revision else { return nil }
            entry.lastUse = tick
            entries[key] = entry
            return entry
        }
    }

    func put(_ key: Key, _ entry: Entry) {
        var entry = entry
        entry.lastUse = clock.add(1, ordering: .relaxed).newValue
        entries.withLock { entries in
            entries[key] = entry
            if entries.count > capacity, let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse })?.key {
                entries.removeValue(forKey: oldest)
            }
        }
    }
}

