/// Which parts of a clip a person has actually played, as merged time ranges.
///
/// The player reports the ranges it played without a jump (seeking starts a new range), so
/// seeking to the end adds only the few seconds played there. A clip counts as watched when
/// `watchedShare` of its duration is covered; a manual when every step's range is.
public struct WatchCoverage: Hashable, Codable, Sendable {
    /// Share of a clip (or of each step's range) that must have been played.
    public static let watchedShare = 0.9
    /// Ranges closer than this are one: a player's timeupdates are ~0.25 s apart, and a record
    /// of a thousand slivers would only make every write slower.
    public static let joinGap = 0.5
    /// What one beacon may carry.
    public static let maxRangesPerBeacon = 500

    /// Disjoint, sorted, non-empty ranges in seconds.
    public private(set) var ranges: [PlayedRange]

    public init(_ ranges: [PlayedRange] = []) {
        self.ranges = []
        add(ranges)
    }

    /// Adds ranges in any order, overlapping or not; invalid ones (NaN, negative length) are dropped.
    public mutating func add(_ more: [PlayedRange]) {
        let all = (ranges + more.compactMap(\.normalized)).sorted { $0.start < $1.start }
        var merged: [PlayedRange] = []
        for range in all {
            if let last = merged.last, range.start <= last.end + Self.joinGap {
                merged[merged.count - 1].end = max(last.end, range.end)
            } else {
                merged.append(range)
            }
        }
        ranges = merged
    }

    /// Seconds played in total.
    public var seconds: Double { ranges.reduce(0) { $0 + ($1.end - $1.start) } }

    /// Seconds of `window` that were played.
    public func seconds(in window: PlayedRange) -> Double {
        ranges.reduce(0) { total, range in
            total + max(0, min(range.end, window.end) - max(range.start, window.start))
        }
    }

    /// The played share of `0…duration` (0 when the duration is unknown or zero).
    public func share(ofDuration duration: Double) -> Double {
        guard duration.isFinite, duration > 0 else { return 0 }
        return min(1, seconds(in: PlayedRange(start: 0, end: duration)) / duration)
    }

    public func isWatched(duration: Double) -> Bool { share(ofDuration: duration) >= Self.watchedShare - 1e-9 }

    /// Whether each step's range (to its end, else the next step's start, else the clip's end)
    /// was played to `watchedShare`. A manual without steps needs the whole clip.
    public func coversSteps(_ steps: [ManualStep], duration: Double) -> Bool {
        let windows = Self.stepWindows(steps, duration: duration)
        guard !windows.isEmpty else { return isWatched(duration: duration) }
        return windows.allSatisfy { window in
            let length = window.end - window.start
            return length <= 0 || seconds(in: window) / length >= Self.watchedShare - 1e-9
        }
    }

    /// The share of the steps' total time that was played (for progress bars).
    public func stepShare(_ steps: [ManualStep], duration: Double) -> Double {
        let windows = Self.stepWindows(steps, duration: duration)
        guard !windows.isEmpty else { return share(ofDuration: duration) }
        let total = windows.reduce(0) { $0 + max(0, $1.end - $1.start) }
        guard total > 0 else { return 0 }
        return min(1, windows.reduce(0) { $0 + seconds(in: $1) } / total)
    }

    static func stepWindows(_ steps: [ManualStep], duration: Double) -> [PlayedRange] {
        steps.enumerated().compactMap { index, step in
            let next = index + 1 < steps.count ? steps[index + 1].start : duration
            let end = min(step.end ?? next, duration > 0 ? duration : .infinity)
            return end > step.start ? PlayedRange(start: step.start, end: end) : nil
        }
    }
}

/// One stretch of continuous playback, in seconds of the clip.
public struct PlayedRange: Hashable, Codable, Sendable {
    public var start: Double
    public var end: Double

    public init(start: Double, end: Double) {
        self.start = start
        self.end = end
    }

    var normalized: PlayedRange? {
        guard start.isFinite, end.isFinite, end > start else { return nil }
        return PlayedRange(start: max(0, start), end: end)
    }

    /// Parses the player's wire form `"0-4.5,10-12"`; nil for anything else.
    public static func parseList(_ text: String, limit: Int = WatchCoverage.maxRangesPerBeacon) -> [PlayedRange]? {
        if text.isEmpty { return [] }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count <= limit else { return nil }
        var ranges: [PlayedRange] = []
        for part in parts {
            let ends = part.split(separator: "-", omittingEmptySubsequences: false)
            guard ends.count == 2, let start = Double(ends[0]), let end = Double(ends[1]), start.isFinite, end.isFinite,
                  start >= 0, end >= start
            else { return nil }
            ranges.append(PlayedRange(start: start, end: end))
        }
        return ranges
    }
}

/// How much playback a beacon may claim: at most `maxRate` times the wall-clock time since the
/// watch session began, plus `slack` for the first seconds and clock skew. A page that claims the
/// whole clip a moment after it opened (a forged or "seek to the end" beacon) is refused.
public struct WatchPlausibility: Sendable {
    public var maxRate: Double
    public var slack: Double

    public init(maxRate: Double = 2, slack: Double = 10) {
        self.maxRate = maxRate
        self.slack = slack
    }

    public func allows(playedSeconds: Double, sessionAge: Double) -> Bool {
        playedSeconds <= max(0, sessionAge) * maxRate + slack
    }
}

/// One beacon from a player: everything its page (the watch session) has played of a clip so far.
public struct WatchBeacon: Hashable, Sendable {
    public var employee: Employee.ID
    public var clip: Clip.ID
    public var manual: Manual.ID?
    public var session: String
    public var ranges: [PlayedRange]
    public var company: Company.ID

    /// 1–64 ASCII letters, digits or '-' (the page's random id).
    public static func isSessionID(_ text: String) -> Bool {
        (1...64).contains(text.utf8.count) && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
    }

    public init(employee: Employee.ID, clip: Clip.ID, manual: Manual.ID?, session: String, ranges: [PlayedRange], company: Company.ID) {
        self.employee = employee
        self.clip = clip
        self.manual = manual
        self.session = session
        self.ranges = ranges
        self.company = company
    }
}
