#if canImport(Glibc)
import Glibc
#endif
import DenshoCodec
import DenshoDomain
import DenshoMedia
import DenshoStore
import Foundation

/// The web service under `wrk` on loopback, on the 1,000 × 300 benchmark company:
/// 1. video byte ranges (1 MiB, random offsets) from our server and from nginx serving the same
///    file in the same run;
/// 2. the 力量表 page of a 200 × 300 department at 16 connections (p99 latency);
/// 3. a JSON endpoint against `/livez`, the same server's hello-world route (same middleware,
///    same session cookie).
/// Each measured run follows a 2 s warm-up run on the same URL (caches filled, connections open).
enum WebBench {
    static let duration = "10s"
    static let connections = 16
    static let rangeFileBytes = 64 << 20

    static func run(directory: String, densho: String, log: @escaping @Sendable (String) -> Void) async throws -> [BenchResult] {
        for tool in ["/usr/bin/wrk", "/usr/sbin/nginx"] where !FileManager.default.isExecutableFile(atPath: tool) {
            throw BenchError("\(tool) is missing: run scripts/install-deps.sh")
        }
        let (root, store, company) = try await BenchDataset.copy(directory: directory, name: "web", log: log)
        let department = try await store.departments(company: company.id)[0]

        // A logged-in administrator (the session made directly, as login itself is not measured).
        let cookie = try await BenchServer.session(store: store, company: company, login: "bench-admin", role: .admin)

        // A ready clip whose rendition is a 64 MiB file (range delivery does not read the content).
        let clipPath = try await readyClip(store: store, company: company, root: root)
        log("web: rendition \(clipPath) (\(rangeFileBytes >> 20) MiB)")

        // `densho serve` itself (this release build), request logs off as in a quiet production setup.
        let server = try await BenchServer.start(densho: densho, dataDirectory: root)
        defer { server.stop() }
        let base = server.base

        // nginx serving the same rendition folder.
        let nginxPort = try freePort()
        let nginx = try startNginx(root: root, port: nginxPort)
        defer { kill(nginx.processIdentifier, SIGTERM); nginx.waitUntilExit() }
        try await waitFor("http://127.0.0.1:\(nginxPort)/1/clip.mp4")

        var results: [BenchResult] = []
        let script = root + "/range.lua"
        try """
            math.randomseed(os.time())
            request = function()
              local start = math.random(0, \(rangeFileBytes - (1 << 20)))
              local headers = {}
              for name, value in pairs(wrk.headers) do headers[name] = value end
              headers["Range"] = "bytes=" .. start .. "-" .. (start + \((1 << 20) - 1))
              return wrk.format("GET", nil, headers)
            end
            """.write(toFile: script, atomically: true, encoding: .utf8)
        for (url, headers) in [("http://127.0.0.1:\(nginxPort)/1/clip.mp4", [String]()), (base + "/clips/1/media/clip.mp4", ["-H", "Cookie: \(cookie)"])] {
            guard try curlStatus(url, headers + ["-H", "Range: bytes=0-1048575"]) == "206" else { throw BenchError("\(url) does not answer 206 to a range") }
        }
        log("web: range requests, nginx then densho (\(duration) each)")
        let nginxRanges = try wrk("http://127.0.0.1:\(nginxPort)/1/clip.mp4", script: script)
        let ourRanges = try wrk(base + "/clips/1/media/clip.mp4", script: script, cookie: cookie)
        results.append(BenchResult(
            name: "video ranges, 1 MiB at random offsets, \(connections) connections", ours: ourRanges.requestsPerSecond,
            reference: nginxRanges.requestsPerSecond, referenceName: "nginx, same file", target: "≥ 0.7× nginx",
            met: ourRanges.requestsPerSecond >= 0.7 * nginxRanges.requestsPerSecond, display: BenchResult.perSecond))

        log("web: 力量表 page, 200 × 300")
        let page = try wrk(base + "/skillmap?dept=\(department.id)", cookie: cookie)
        results.append(BenchResult(
            name: "skill-map page 200 × 300, \(connections) connections, p99 (\(Int(page.requestsPerSecond)) req/s)",
            ours: page.p99, reference: nil, referenceName: "—", target: "p99 < 100 ms", met: page.p99 < 0.1))

        log("web: JSON endpoint and hello world")
        let hello = try wrk(base + "/livez", cookie: cookie)
        for (path, name) in [("/api/v1/me", "JSON /api/v1/me"), ("/api/v1/skills", "JSON /api/v1/skills (300 skills)")] {
            let json = try wrk(base + path, cookie: cookie)
            results.append(BenchResult(
                name: name, ours: json.requestsPerSecond, reference: hello.requestsPerSecond,
                referenceName: "/livez (hello world), same server", target: "≥ 0.5×",
                met: json.requestsPerSecond >= 0.5 * hello.requestsPerSecond, display: BenchResult.perSecond))
        }

        // The player's watch beacon: a write per request (the session's ranges, the person's
        // coverage, their assignments), by a staff member with a session of their own.
        let person = try await store.employees(company: company.id, filter: .init())[0]
        let staffCookie = try await BenchServer.session(store: store, company: company, login: "bench-staff", role: .staff, employee: person.id)
        let beacon = root + "/beacon.lua"
        try """
            wrk.method = "POST"
            wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
            wrk.headers["Cookie"] = "\(staffCookie)"
            counter = 0
            request = function()
              counter = counter + 1
              return wrk.format(nil, nil, nil, "_csrf=-&clip=1&session=bench-" .. (counter % 64) .. "&ranges=0-1")
            end
            """.write(toFile: beacon, atomically: true, encoding: .utf8)
        guard try curlStatus(base + "/watch", ["-X", "POST", "-H", "Cookie: \(staffCookie)", "--data", "_csrf=-&clip=1&session=probe&ranges=0-1"]) == "202"
        else { throw BenchError("/watch does not answer 202") }
        log("web: watch beacons")
        let beacons = try wrk(base + "/watch", script: beacon)
        let helloAgain = try wrk(base + "/livez", cookie: staffCookie)
        results.append(BenchResult(
            name: "watch beacon POST /watch (written behind, merged per page)", ours: beacons.requestsPerSecond, reference: helloAgain.requestsPerSecond,
            referenceName: "/livez (hello world), same server and cookie", target: "≥ 0.5×",
            met: beacons.requestsPerSecond >= 0.5 * helloAgain.requestsPerSecond, display: BenchResult.perSecond))

        // The 実技確認 page a supervisor opens on the floor: a 12-step checklist for one trainee.
        let skills = try await store.skills(company: company.id, includeRetired: false)
        let checklist = try await store.saveChecklist(
            Checklist(id: .init(0), companyID: company.id, title: "ベンチ実技確認", skillID: skills[0].id, level: 2,
                      items: (1...12).map { ChecklistItem(step: "手順\($0)", keyPoint: "急所\($0)") }), by: "bench")
        let signOffURL = base + "/checks/checklists/\(checklist.id.rawValue)/signoff?trainee=\(person.id.rawValue)"
        guard try curlStatus(signOffURL, ["-H", "Cookie: \(cookie)"]) == "200" else { throw BenchError("the sign-off page does not answer 200") }
        log("web: sign-off page")
        let signOffPage = try wrk(signOffURL, cookie: cookie)
        results.append(BenchResult(
            name: "sign-off page (12 steps), \(connections) connections, p99 (\(Int(signOffPage.requestsPerSecond)) req/s)",
            ours: signOffPage.p99, reference: nil, referenceName: "—", target: "p99 < 100 ms", met: signOffPage.p99 < 0.1))
        return results
    }

    /// Processes a short clip for a real manifest, then makes the rendition 64 MiB.
    static func readyClip(store: SQLiteStore, company: Company, root: String) async throws -> String {
        let library = MediaLibrary(root: root)
        let input = root + "/bench-input.mp4"
        try DemoClipMaker.make(path: input, scenes: [.init(title: "ベンチ", caption: "範囲要求", color: "0x204060", seconds: 2)])
        let stored = try library.storeOriginal(from: input, name: "bench.mp4")
        let (clip, _) = try await store.addClip(
            Clip(id: .init(0), companyID: company.id, ownerID: nil, title: "ベンチ動画", originalHash: stored.hash,
                 originalExtension: stored.fileExtension, originalName: "bench.mp4", originalSize: stored.size), by: "bench")
        guard let job = try await store.claimJob(worker: "bench", leaseSeconds: 600, now: Date().timeIntervalSince1970) else {
            throw BenchError("no job for the benchmark clip")
        }
        let manifest = try ClipProcessor.process(input: library.absolute(clip.originalPath), outputDirectory: library.absolute(clip.renditionDirectory))
        try await store.completeJob(job.id, worker: "bench", probe: manifest.source, manifest: manifest)
        let path = library.absolute(clip.renditionDirectory) + "/" + manifest.video
        var generator = SystemRandomNumberGenerator()
        let bytes = Data((0..<rangeFileBytes / 8).flatMap { _ in withUnsafeBytes(of: generator.next() as UInt64) { Array($0) } })
        try bytes.write(to: URL(fileURLWithPath: path + ".tmp"))
        guard rename(path + ".tmp", path) == 0 else { throw BenchError("cannot replace the rendition") }
        return path
    }

    static func startNginx(root: String, port: Int) throws -> Process {
        let config = """
            worker_processes auto;
            daemon off;
            pid \(root)/nginx.pid;
            error_log \(root)/nginx-error.log;
            events { worker_connections 1024; }
            http {
              access_log off;
              sendfile on;
              tcp_nopush on;
              client_body_temp_path \(root)/nginx-tmp;
              proxy_temp_path \(root)/nginx-tmp;
              fastcgi_temp_path \(root)/nginx-tmp;
              uwsgi_temp_path \(root)/nginx-tmp;
              scgi_temp_path \(root)/nginx-tmp;
              types { video/mp4 mp4; }
              server { listen 127.0.0.1:\(port); root \(root)/renditions; }
            }
            """
        try config.write(toFile: root + "/nginx.conf", atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/sbin/nginx")
        process.arguments = ["-p", root, "-c", root + "/nginx.conf"]
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    struct WrkResult {
        var requestsPerSecond: Double
        var p99: Double
    }

    /// Runs wrk (2 threads, 16 connections) and reads requests per second and the 99th percentile.
    static func wrk(_ url: String, script: String? = nil, cookie: String? = nil, warmUp: Bool = true) throws -> WrkResult {
        if warmUp { _ = try wrk(url, script: script, cookie: cookie, warmUp: false, duration: "2s") }
        return try wrk(url, script: script, cookie: cookie, warmUp: false, duration: duration)
    }

    static func wrk(_ url: String, script: String?, cookie: String?, warmUp: Bool, duration: String) throws -> WrkResult {
        var arguments = ["-t2", "-c\(connections)", "-d\(duration)", "--latency"]
        if let script { arguments += ["-s", script] }
        if let cookie { arguments += ["-H", "Cookie: \(cookie)"] }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/wrk")
        process.arguments = arguments + [url]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if output.contains("Non-2xx or 3xx responses") { throw BenchError("wrk saw errors on \(url):\n\(output)") }
        guard let rps = output.firstMatch(of: /Requests\/sec:\s+([0-9.]+)/).flatMap({ Double($0.1) }),
            let p99 = output.firstMatch(of: /99%\s+([0-9.]+)(us|ms|s)/)
        else { throw BenchError("cannot read wrk's output:\n\(output)") }
        let scale = p99.2 == "us" ? 1e-6 : p99.2 == "ms" ? 1e-3 : 1
        return WrkResult(requestsPerSecond: rps, p99: (Double(p99.1) ?? 0) * scale)
    }

    static func curlStatus(_ url: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}"] + arguments + [url]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return output
    }

    static func waitFor(_ url: String) async throws {
        for _ in 0..<200 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["curl", "-sf", "-o", "/dev/null", url]
            process.standardError = FileHandle.nullDevice
            if (try? process.run()) != nil {
                process.waitUntilExit()
                if process.terminationStatus == 0 { return }
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw BenchError("\(url) did not answer")
    }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
