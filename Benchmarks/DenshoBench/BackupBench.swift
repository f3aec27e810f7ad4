#if canImport(Glibc)
import Glibc
#endif
import DenshoDomain
import DenshoMedia
import DenshoStore
import Foundation

/// `densho backup` against `rsync -a`, and `densho verify` against `sha256sum`, on the same files:
/// - DENSHO_BENCH_BACKUP_GB (default 10) of originals in 50 MB files, registered as clips; a first
///   backup, and an rsync mirror made at the same moment;
/// - five times 1 % new originals added; each time the next backup into the same folder against
///   `rsync -a` of the same change into the mirror, taking turns to go first; medians (target: at
///   most 1.2×);
/// - `densho verify` hashing every original against `sha256sum` of the same files (target: at
///   least 0.8× its speed).
/// Needs three times the data's size free in the bench folder; removes it all at the end.
enum BackupBench {
    static let rsync = "/usr/bin/rsync", sha256sum = "/usr/bin/sha256sum"
    static let fileSize = 50_000_000

    static func run(directory: String, densho: String, log: @escaping @Sendable (String) -> Void) async throws -> [BenchResult] {
        guard FileManager.default.isExecutableFile(atPath: rsync) else { throw BenchError("rsync is missing: run scripts/install-deps.sh") }
        let gigabytes = Double(ProcessInfo.processInfo.environment["DENSHO_BENCH_BACKUP_GB"] ?? "") ?? 10
        let count = max(2, Int(gigabytes * 1e9) / fileSize)
        let added = max(1, count / 100)
        let root = directory + "/backup-bench"
        try? FileManager.default.removeItem(atPath: root)
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let needed = Int64(count + 5 * added) * Int64(fileSize) * 4
        if let free = MediaLibrary(root: root).freeBytes(), free < needed {
            throw BenchError(String(format: "the backup bench needs %.1f GB free in %@ (%.1f GB are): set DENSHO_BENCH_BACKUP_GB lower",
                                    Double(needed) / 1e9, root, Double(free) / 1e9))
        }
        let data = root + "/data", backup = root + "/backup", mirror = root + "/mirror", durable = root + "/mirror-fsync"
        _ = try ChildProcess.measure(densho, ["--data-dir", data, "demo"])
        let store = try SQLiteStore(dataDirectory: data)
        let company = try await store.companies()[0]
        let library = MediaLibrary(root: data)

        log(String(format: "backup: writing %d originals of %.0f MB (%.1f GB) …", count, Double(fileSize) / 1e6, Double(count * fileSize) / 1e9))
        var pattern = [UInt8](repeating: 0, count: fileSize)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for index in pattern.indices {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            pattern[index] = UInt8(truncatingIfNeeded: state >> 56)
        }
        var paths: [String] = []
        func addOriginals(_ range: Range<Int>) async throws {
            for number in range {
                // Each file unique (its first bytes), all of them incompressible.
                let stamp = Array(String(format: "densho-bench-original-%08d", number).utf8)
                pattern.replaceSubrange(0..<stamp.count, with: stamp)
                let scratch = root + "/incoming.mp4"
                try Data(pattern).write(to: URL(fileURLWithPath: scratch))
                let stored = try library.storeOriginal(from: scratch, name: "bench-\(number).mp4", move: true)
                paths.append(library.absolute(MediaPaths.original(hash: stored.hash, extension: stored.fileExtension)))
                _ = try await store.addClip(
                    Clip(id: .init(0), companyID: company.id, ownerID: nil, title: "bench \(number)", originalHash: stored.hash,
                         originalExtension: stored.fileExtension, originalName: "bench-\(number).mp4", originalSize: stored.size),
                    by: "bench")
            }
        }
        try await addOriginals(0..<count)
        sync()
        let first = try ChildProcess.measure(densho, ["--data-dir", data, "backup", backup])
        log(String(format: "backup: first backup of %.1f GB in %.1f s", Double(count * fileSize) / 1e9, first.seconds))
        _ = try ChildProcess.measure(rsync, ["-a", data + "/", mirror + "/"])
        _ = try ChildProcess.measure(rsync, ["-a", data + "/", durable + "/"])

        // Five rounds of 1 % new originals each, ours and rsync taking turns to go first (a VM's
        // disk varies by half from one run to the next: one pair of runs says little); medians.
        let rounds = 5
        var ours: [Double] = [], theirs: [Double] = [], synced: [Double] = []
        for round in 0..<rounds {
            let first = count + round * added
            try await addOriginals(first..<(first + added))
            sync()
            // A second apart from the previous snapshot, which names snapshots by the second.
            try await Task.sleep(for: .seconds(1))
            if round % 2 == 0 {
                ours.append(try ChildProcess.measure(densho, ["--data-dir", data, "backup", backup]).seconds)
                sync()
                theirs.append(try ChildProcess.measure(rsync, ["-a", data + "/", mirror + "/"]).seconds)
            } else {
                theirs.append(try ChildProcess.measure(rsync, ["-a", data + "/", mirror + "/"]).seconds)
                sync()
                ours.append(try ChildProcess.measure(densho, ["--data-dir", data, "backup", backup]).seconds)
            }
            sync()
            // rsync made durable as a backup is (each file fsynced before it counts): the same work as ours.
            synced.append(try ChildProcess.measure(rsync, ["-a", "--fsync", data + "/", durable + "/"]).seconds)
            sync()
        }
        log("backup: second backups " + ours.map { String(format: "%.0f", $0 * 1000) }.joined(separator: " ") + " ms; rsync -a "
            + theirs.map { String(format: "%.0f", $0 * 1000) }.joined(separator: " ") + " ms; rsync -a --fsync "
            + synced.map { String(format: "%.0f", $0 * 1000) }.joined(separator: " ") + " ms")
        let median = { (values: [Double]) in values.sorted()[values.count / 2] }
        let total = count + rounds * added
        var results = [BenchResult(
            name: String(format: "second backup, %d new of %d originals (%.1f GB), median of %d", added, total,
                         Double(total * fileSize) / 1e9, rounds),
            ours: median(ours), reference: median(theirs), referenceName: "rsync -a of the same change", target: "≤ 1.2×",
            met: median(ours) <= 1.2 * median(theirs))]
        results.append(BenchResult(
            name: "the same, against rsync made as durable (--fsync)", ours: median(ours), reference: median(synced),
            referenceName: "rsync -a --fsync of the same change", target: "≤ 1.2×", met: median(ours) <= 1.2 * median(synced)))

        // Hashing: every original, ours (with the database checks) against sha256sum of the same files.
        sync()
        let sums = try ChildProcess.measure(sha256sum, paths)
        let verify = try ChildProcess.measure(densho, ["--data-dir", data, "verify"])
        let bytes = Double(paths.count * fileSize)
        log(String(format: "verify: %.0f MB/s; sha256sum %.0f MB/s", bytes / verify.seconds / 1e6, bytes / sums.seconds / 1e6))
        results.append(BenchResult(
            name: String(format: "verify: re-hash %.1f GB of originals", bytes / 1e9), ours: verify.seconds, reference: sums.seconds,
            referenceName: "sha256sum", target: "≥ 0.8× its speed", met: verify.seconds <= sums.seconds / 0.8))
        return results
    }
}
