#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Runs a program to completion and reports its wall time and peak resident memory (from
/// `wait4`'s rusage), so our binary and the reference tools are measured the same way.
struct ChildProcess {
    struct Measurement {
        var seconds: Double
        var peakMegabytes: Double
    }

    static func measure(_ executable: String, _ arguments: [String], quiet: Bool = true) throws -> Measurement {
        var pid: pid_t = 0
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if quiet {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let start = ContinuousClock.now
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else { throw BenchError("cannot start \(executable): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = (ContinuousClock.now - start).seconds
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            throw BenchError("\(executable) \(arguments.joined(separator: " ")) failed (status \(status))")
        }
        return Measurement(seconds: seconds, peakMegabytes: Double(usage.ru_maxrss) / 1024)
    }
}
