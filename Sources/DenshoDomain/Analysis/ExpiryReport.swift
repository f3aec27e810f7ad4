/// How soon a held qualification runs out.
public enum ExpiryBucket: Int, Hashable, Codable, Sendable, CaseIterable, Comparable {
    case expired = 0
    case within30 = 30
    case within60 = 60
    case within90 = 90

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public var label: String {
        switch self {
        case .expired: "期限切れ"
        case .within30: "30日以内"
        case .within60: "60日以内"
        case .within90: "90日以内"
        }
    }
}

/// A qualification that expired or expires soon.
public struct ExpiringQualification: Hashable, Codable, Sendable {
    public var held: HeldQualification
    public var daysLeft: Int
    public var bucket: ExpiryBucket
}

public enum ExpiryReport {
    /// Qualifications expiring within `days` of `asOf` (and those already expired, which are the most
    /// urgent), soonest first. Buckets are 30/60/90 days; a longer window puts the rest in the 90 bucket.
    public static func expiring(
        _ held: [HeldQualification], asOf: LocalDate, within days: Int = 90
    ) -> [ExpiringQualification] {
        held.compactMap { item -> ExpiringQualification? in
            guard let expires = item.expiresOn else { return nil }
            let left = asOf.days(until: expires)
            guard left <= days else { return nil }
            let bucket: ExpiryBucket =
                left < 0 ? .expired : left <= 30 ? .within30 : left <= 60 ? .within60 : .within90
            return ExpiringQualification(held: item, daysLeft: left, bucket: bucket)
        }
        .sorted { ($0.daysLeft, $0.held.id) < ($1.daysLeft, $1.held.id) }
    }
}
