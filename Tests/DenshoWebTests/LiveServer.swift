#if canImport(Glibc)
import Glibc
#endif
import DenshoTestSupport
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The real `densho serve` in a child process on a free loopback port, over a copy of the test
/// data: for what only a real process shows (SIGKILL, dropped connections, a real browser).
final class LiveServer: @unchecked Sendable {
    let dataRoot: String
    let port: Int
    let workers: Int
    private(set) var process: Process?
    var baseURL: String { "http://127.0.0.1:\(port)" }
    let log: String
    /// Variables added to the server's environment (`DENSHO_DELIVERY_BACKOFF` …).
    var environment: [String: String] = [:]

    init(dataRoot: String, workers: Int = 0) throws {
        self.dataRoot = dataRoot
        self.workers = workers
        port = try Self.freePort()
        log = dataRoot + "/serve.log"
    }

    func start() async throws {
        let process = Process()
        process.executableURL = CLIRunner.binary
        process.arguments = ["serve", "--data-dir", dataRoot, "--port", String(port), "--workers", String(workers),
                             "--templates", WebFixture.templatesDirectory, "--as-of", WebFixture.today, "--max-upload-mb", "64"]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, added in added }
        FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        handle.seekToEndOfFile()
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        self.process = process
        for _ in 0..<200 {
            if let (status, _, _) = try? await HTTP.request("\(baseURL)/healthz"), status == 200 { return }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw LiveServerError("densho serve did not come up: \((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")")
    }

    func kill(_ signal: Int32) {
        guard let process, process.isRunning else { return }
        Glibc.kill(process.processIdentifier, signal)
        process.waitUntilExit()
    }

    deinit { kill(SIGKILL) }

    /// Asks the kernel for an unused port.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        guard bound == 0 else { throw LiveServerError("bind failed") }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

struct LiveServerError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A minimal HTTP client for tests (URLSession, no redirects followed).
enum HTTP {
    final class NoRedirects: NSObject, URLSessionTaskDelegate {
        func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
            completionHandler(nil)
        }
    }
    nonisolated(unsafe) static let session = URLSession(configuration: .ephemeral, delegate: NoRedirects(), delegateQueue: nil)

    static func request(
        _ url: String, method: String = "GET", headers: [String: String] = [:], body: Data? = nil
    ) async throws -> (Int, [String: String], Data) {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        request.timeoutInterval = 30
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = body
        let (data, response) = try await session.data(for: request)
        let http = response as! HTTPURLResponse
        var fields: [String: String] = [:]
        for (key, value) in http.allHeaderFields { fields[String(describing: key).lowercased()] = String(describing: value) }
        return (http.statusCode, fields, data)
    }
}

/// Sends bytes over a plain TCP connection and closes it without reading: a phone losing its
/// network in the middle of a request.
enum DroppedConnection {
    static func send(port: Int, _ bytes: [UInt8]) throws {
        let fd = try Loopback.connect(port: port)
        defer { close(fd) }
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw LiveServerError("send failed") }
            sent += n
        }
        usleep(200_000)  // let the server read what arrived before the connection goes away
    }
}

/// A request sent in parts over a plain TCP connection, with the response read at the end: a
/// slow phone stalling in the middle of a chunk.
final class HeldConnection {
    let fd: Int32

    init(port: Int) throws {
        fd = try Loopback.connect(port: port)
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    func send(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw LiveServerError("send failed") }
            sent += n
        }
    }

    /// The response's status and headers (names in lower case).
    func responseHead() throws -> (status: Int, headers: [String: String]) {
        var response = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while response.range(of: Data("\r\n\r\n".utf8)) == nil {
            let n = recv(fd, &buffer, buffer.count, 0)
            guard n > 0 else { throw LiveServerError("no response") }
            response.append(contentsOf: buffer[0..<n])
        }
        let head = String(decoding: response[..<response.range(of: Data("\r\n\r\n".utf8))!.lowerBound], as: UTF8.self)
        let lines = head.components(separatedBy: "\r\n")
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let status = Int(lines.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
        return (status, headers)
    }
}

/// HTTP/1.1 over a plain socket with `Connection: close`, for chromedriver: FoundationNetworking's
/// URLSession never returns chromedriver's answer to a new session on this system.
enum PlainHTTP {
    static func request(port: Int, method: String, path: String, body: Data?) throws -> (Int, Data) {
        let fd = try Loopback.connect(port: port)
        defer { close(fd) }
        var timeout = timeval(tv_sec: 120, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let payload = body ?? Data()
        var request = Data("\(method) \(path) HTTP/1.1\r\nHost: localhost:\(port)\r\nConnection: close\r\n".utf8)
        request += Data("Content-Type: application/json\r\nContent-Length: \(payload.count)\r\n\r\n".utf8) + payload
        try request.withUnsafeBytes { raw in
            var sent = 0
            while sent < raw.count {
                let n = Glibc.send(fd, raw.baseAddress! + sent, raw.count - sent, Int32(MSG_NOSIGNAL))
                guard n > 0 else { throw LiveServerError("send failed") }
                sent += n
            }
        }
        var response = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        // chromedriver keeps the connection open whatever the request says: stop at Content-Length.
        while true {
            if let split = response.range(of: Data("\r\n\r\n".utf8)) {
                let head = String(decoding: response[..<split.lowerBound], as: UTF8.self).lowercased()
                if let line = head.split(separator: "\r\n").first(where: { $0.hasPrefix("content-length:") }),
                    let length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)),
                    response.count - split.upperBound >= length
                { break }
            }
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            response.append(contentsOf: buffer[0..<n])
        }
        guard let split = response.range(of: Data("\r\n\r\n".utf8)) else { throw LiveServerError("no HTTP response") }
        let head = String(decoding: response[..<split.lowerBound], as: UTF8.self)
        var content = Data(response[split.upperBound...])
        let status = Int(head.split(separator: " ").dropFirst().first ?? "") ?? 0
        if head.lowercased().contains("transfer-encoding: chunked") { content = dechunk(content) }
        return (status, content)
    }

    static func dechunk(_ data: Data) -> Data {
        var out = Data(), rest = data[...]
        while let line = rest.range(of: Data("\r\n".utf8)),
            let size = Int(String(decoding: rest[..<line.lowerBound], as: UTF8.self), radix: 16), size > 0
        {
            let start = line.upperBound
            out += rest[start..<start + size]
            rest = rest[(start + size + 2)...]
        }
        return out
    }
}

/// A TCP connection to a port on 127.0.0.1, as a file descriptor.
enum Loopback {
    static func connect(port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw LiveServerError("socket failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            throw LiveServerError("connect to \(port) failed")
        }
        return fd
    }
}
