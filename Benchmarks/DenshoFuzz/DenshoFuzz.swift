import DenshoDomain
import Foundation

/// `make fuzz`: mutated clips through the real worker. Passes when the worker never dies, every
/// clip ends ready or failed with a reason, and every original still hashes to its name.
@main
struct DenshoFuzz {
    static func main() throws {
        let count = Int(ProcessInfo.processInfo.environment["FUZZ_COUNT"] ?? "") ?? 500
        let seed = UInt64(ProcessInfo.processInfo.environment["FUZZ_SEED"] ?? "") ?? 20_261_125
        let root = ProcessInfo.processInfo.environment["DENSHO_FUZZ_DIR"] ?? "Benchmarks/out/fuzz"
        let densho = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("densho").path
        try? FileManager.default.removeItem(atPath: root)
        let inputs = root + "/inputs", data = root + "/data"
        try FileManager.default.createDirectory(atPath: inputs, withIntermediateDirectories: true)
        let started = Date()

        log("making seed clips…")
        let seeds = try Seeds.make(in: root + "/seeds")
        log("mutating \(count) clips (seed \(seed))…")
        var random = SeededGenerator(seed: seed)
        var seen = Set<Data>()
        var kinds: [String: Int] = [:]
        while seen.count < count {
            let source = random.pick(seeds)
            let (kind, mutant) = Mutations.mutate(source.data, &random)
            guard seen.insert(mutant).inserted else { continue }
            kinds[kind, default: 0] += 1
            try mutant.write(to: URL(fileURLWithPath: "\(inputs)/\(String(format: "%04d", seen.count))-\(kind).\(source.ext)"))
        }

        var env = ProcessInfo.processInfo.environment
        env["DENSHO_DATA"] = data
        env["NO_COLOR"] = "1"
        try run(densho, ["init", "--code", "fuzz", "--name", "ファズ工業"], env: env)
        let files = try FileManager.default.contentsOfDirectory(atPath: inputs).sorted().map { inputs + "/" + $0 }
        for batch in stride(from: 0, to: files.count, by: 100) {
            try run(densho, ["clip", "add"] + files[batch..<min(files.count, batch + 100)], env: env)
        }
        log("running the worker over \(files.count) clips…")
        let worker = try run(densho, ["worker", "--until-empty", "--backoff", "0", "--timeout", "60", "--memory-mb", "2048"], env: env,
                             allowFailure: true)
        let clips = try JSONSerialization.jsonObject(
            with: Data(try run(densho, ["clip", "list", "--format", "json"], env: env).output.utf8)) as! [[String: Any]]

        var problems: [String] = []
        if worker.status != 0 { problems.append("the worker exited with status \(worker.status)") }
        if clips.count != files.count { problems.append("\(clips.count) clips for \(files.count) files") }
        var outcomes: [String: Int] = [:]
        var reasons: [String: Int] = [:]
        for clip in clips {
            let status = clip["status"] as? String ?? "?"
            outcomes[status, default: 0] += 1
            if status == "失敗" {
                let reason = clip["reason"] as? String ?? ""
                if reason.isEmpty { problems.append("clip \(clip["id"]!) failed without a reason") }
                reasons[String(reason.prefix { $0 != "(" }).trimmingCharacters(in: .whitespaces), default: 0] += 1
            } else if status != "視聴可" {
                problems.append("clip \(clip["id"]!) ended \(status)")
            }
        }
        var checked = 0
        for path in try FileManager.default.subpathsOfDirectory(atPath: data + "/originals") where path.contains(".") && !path.hasPrefix(".") {
            let name = (path as NSString).lastPathComponent
            guard let hash = name.split(separator: ".").first, hash.count == 64 else { continue }
            let actual = try run("/usr/bin/sha256sum", [data + "/originals/" + path], env: env).output.prefix(64)
            if actual != hash { problems.append("original \(name) changed") }
            checked += 1
        }

        print("\nDensho media fuzz — \(files.count) distinct mutated clips from \(seeds.count) seeds in "
            + String(format: "%.0f s", Date().timeIntervalSince(started)))
        print("mutations: " + kinds.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        print("outcomes:  " + outcomes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        print("failure reasons: " + reasons.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: "; "))
        print("originals re-hashed: \(checked), worker exit status \(worker.status)")
        if problems.isEmpty {
            print("fuzz: \(files.count) passed, 0 failed")
        } else {
            print(problems.prefix(20).joined(separator: "\n"))
            print("fuzz: \(files.count - problems.count) passed, \(problems.count) failed")
            exit(1)
        }
    }

    static func log(_ line: String) { FileHandle.standardError.write(Data(("fuzz: " + line + "\n").utf8)) }

    struct Result { var status: Int32; var output: String }

    @discardableResult
    static func run(_ tool: String, _ arguments: [String], env: [String: String], allowFailure: Bool = false) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.environment = env
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus != 0 && !allowFailure {
            throw FuzzError("\(tool) \(arguments.prefix(3).joined(separator: " ")) failed with status \(process.terminationStatus)")
        }
        return Result(status: process.terminationStatus, output: text)
    }
}

struct FuzzError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
