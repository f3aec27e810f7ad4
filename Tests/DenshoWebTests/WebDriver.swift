#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A W3C WebDriver client for Debian's chromium through chromedriver: just the commands the
/// browser test needs.
final class WebDriver: @unchecked Sendable {
    let driver: Process
    let port: Int
    var session = ""

    struct Failure: Error, CustomStringConvertible { var description: String }
    static let elementKey = "element-6066-11e4-a52e-4f735466cecf"

    /// - Parameter window: the browser's window in CSS pixels; a phone is 390×844.
    init(window: (width: Int, height: Int) = (1280, 900)) async throws {
        let port = try LiveServer.freePort()
        driver = Process()
        driver.executableURL = URL(fileURLWithPath: "/usr/bin/chromedriver")
        driver.arguments = ["--port=\(port)"]
        driver.standardOutput = FileHandle.nullDevice
        driver.standardError = FileHandle.nullDevice
        try driver.run()
        self.port = port
        for _ in 0..<100 {
            if let (status, _) = try? PlainHTTP.request(port: port, method: "GET", path: "/status", body: nil), status == 200 { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        var chrome: [String: Any] = [
            "binary": "/usr/bin/chromium",
            "args": ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=\(max(window.width, 500)),\(window.height)",
                     "--autoplay-policy=no-user-gesture-required", "--lang=ja"],
        ]
        // A window cannot be narrower than about 500 px: a phone's viewport is emulated instead
        // (its width, touch, the device pixel ratio).
        if window.width < 500 {
            chrome["mobileEmulation"] = ["deviceMetrics": ["width": window.width, "height": window.height, "pixelRatio": 3, "touch": true]]
        }
        let capabilities: [String: Any] = ["capabilities": ["alwaysMatch": ["browserName": "chrome", "goog:chromeOptions": chrome]]]
        let value = try await call("POST", "/session", capabilities)
        session = (value as? [String: Any])?["sessionId"] as? String ?? ""
        guard !session.isEmpty else { throw Failure(description: "no WebDriver session: \(String(describing: value))") }
    }

    /// chromedriver ignores SIGTERM: it is killed outright (its browser is gone after `quit`).
    deinit {
        Glibc.kill(driver.processIdentifier, SIGKILL)
        driver.waitUntilExit()
    }

    func quit() async { _ = try? await call("DELETE", "/session/\(session)") }

    @discardableResult
    func call(_ method: String, _ path: String, _ body: Any? = nil) async throws -> Any? {
        let data = try body.map { try JSONSerialization.data(withJSONObject: $0) } ?? (method == "POST" ? Data("{}".utf8) : nil)
        let port = self.port
        let (status, response) = try await Task.detached { try PlainHTTP.request(port: port, method: method, path: path, body: data) }.value
        let json = try JSONSerialization.jsonObject(with: response.isEmpty ? Data("{}".utf8) : response) as? [String: Any]
        if status >= 400 { throw Failure(description: "\(method) \(path): \(status) \(String(decoding: response.prefix(400), as: UTF8.self))") }
        return json?["value"]
    }

    func open(_ url: String) async throws { try await call("POST", "/session/\(session)/url", ["url": url]) }

    var url: String { get async throws { try await call("GET", "/session/\(session)/url") as? String ?? "" } }

    func find(_ css: String) async throws -> String {
        let value = try await call("POST", "/session/\(session)/element", ["using": "css selector", "value": css])
        guard let id = (value as? [String: Any])?[Self.elementKey] as? String else { throw Failure(description: "no element \(css)") }
        return id
    }

    func findAll(_ css: String) async throws -> [String] {
        let value = try await call("POST", "/session/\(session)/elements", ["using": "css selector", "value": css])
        return (value as? [[String: Any]] ?? []).compactMap { $0[Self.elementKey] as? String }
    }

    func click(_ css: String) async throws { try await call("POST", "/session/\(session)/element/\(try await find(css))/click") }

    func type(_ css: String, _ text: String) async throws {
        let element = try await find(css)
        try await call("POST", "/session/\(session)/element/\(element)/clear")
        try await call("POST", "/session/\(session)/element/\(element)/value", ["text": text])
    }

    /// Sends keys to an element without clearing it first (WebDriver key codes such as `\u{E015}` for ArrowDown).
    func keys(_ css: String, _ text: String) async throws {
        try await call("POST", "/session/\(session)/element/\(try await find(css))/value", ["text": text])
    }

    func sendFile(_ css: String, _ path: String) async throws {
        try await call("POST", "/session/\(session)/element/\(try await find(css))/value", ["text": path])
    }

    func text(_ css: String) async throws -> String {
        try await call("GET", "/session/\(session)/element/\(try await find(css))/text") as? String ?? ""
    }

    func script(_ source: String, _ arguments: [Any] = []) async throws -> Any? {
        try await call("POST", "/session/\(session)/execute/sync", ["script": source, "args": arguments])
    }

    func asyncScript(_ source: String) async throws -> Any? {
        try await call("POST", "/session/\(session)/execute/async", ["script": source, "args": []])
    }

    func screenshot(to path: String) async {
        guard let base64 = try? await call("GET", "/session/\(session)/screenshot") as? String,
            let data = Data(base64Encoded: base64)
        else { return }
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try? data.write(to: URL(fileURLWithPath: path))
    }

    /// Polls until `condition` holds or `seconds` pass.
    func wait(_ what: String, seconds: Double = 10, _ condition: () async throws -> Bool) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if (try? await condition()) == true { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw Failure(description: "timed out waiting for \(what) (at \((try? await url) ?? "?"))")
    }
}
