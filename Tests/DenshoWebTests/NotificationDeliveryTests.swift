#if canImport(Glibc)
import Glibc
#endif
import DenshoDomain
import DenshoStore
import DenshoTestSupport
import Foundation
import Testing
@testable import DenshoWeb

/// A Python program beside a test (a mail server, a webhook receiver): started with its output in
/// a log file, stopped with SIGTERM.
final class PythonProcess: @unchecked Sendable {
    let process = Process()

    init(_ arguments: [String], log: String) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    /// SIGKILL: the test runner's children inherit a signal mask that blocks SIGTERM, which
    /// Python then never sees (the process would outlive the test).
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit { stop() }
}

/// The whole way out, with real processes: `densho serve` sends through a real SMTP server
/// (aiosmtpd, from PyPI) and posts to a local HTTP receiver; a receiver that is down is retried
/// until it is back; a delivery queued when the server stops goes out after a restart.
@Suite("Notification delivery: a real mail server and webhook receiver", .serialized, .timeLimit(.minutes(10)))
struct NotificationDeliveryTests {
    /// Records each POST body in a file of its own and answers 200.
    static let receiver = """
        import http.server, os, sys
        directory, port = sys.argv[1], int(sys.argv[2])
        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                name = os.path.join(directory, "%d-%d.json" % (os.getpid(), len(os.listdir(directory))))
                with open(name + ".tmp", "wb") as f:
                    f.write(body)
                os.rename(name + ".tmp", name)
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")
            def log_message(self, *args):
                pass
        http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
        """

    /// Each mail of a Maildir as Python's own parser reads it (RFC 2047 subject, base64 body).
    static let mailReader = """
        import email, email.header, glob, json, os, sys
        mails = []
        for path in sorted(glob.glob(os.path.join(sys.argv[1], "new", "*"))):
            with open(path, "rb") as f:
                message = email.message_from_binary_file(f)
            subject = str(email.header.make_header(email.header.decode_header(message["Subject"])))
            body = message.get_payload(decode=True).decode("utf-8")
            mails.append({"subject": subject, "to": message["To"], "body": body})
        print(json.dumps(mails, ensure_ascii=False))
        """

    struct Mail: Decodable { var subject: String; var to: String; var body: String }

    static func mails(_ directory: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: directory + "/new")) ?? []
    }

    static func posts(_ directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
    }

    static func listening(_ port: Int) -> Bool {
        guard let fd = try? Loopback.connect(port: port) else { return false }
        close(fd)
        return true
    }

    @Test func mailAndWebhookArriveOnceAreRetriedAndSurviveARestart() async throws {
        try #require((try? Python.run("import aiosmtpd")) != nil, "aiosmtpd is missing: `make deps` installs it (python3 -m pip install aiosmtpd)")
        let fixture = try await WebFixture()
        let hanawa = try await fixture.company("hanawa")
        let staff = try await fixture.account("hanawa-staff")
        let work = fixture.directory + "/notify-test"
        let mailDirectory = work + "/mail", hookDirectory = work + "/hooks", script = work + "/receiver.py"
        try FileManager.default.createDirectory(atPath: hookDirectory, withIntermediateDirectories: true)
        try Self.receiver.write(toFile: script, atomically: true, encoding: .utf8)
        let smtpPort = try LiveServer.freePort(), hookPort = try LiveServer.freePort()
        try await fixture.store.setNotificationSettings(
            NotificationSettings(smtpHost: "127.0.0.1", smtpPort: smtpPort, smtpSender: "densho@example.jp",
                                 webhookURL: "http://127.0.0.1:\(hookPort)/hook"),
            company: hanawa.id, by: "test")
        try await fixture.store.setPreferences(NotificationPreference(email: "staff@example.jp"), account: staff.id, by: "test")

        let smtp = try PythonProcess(["-m", "aiosmtpd", "-n", "-l", "127.0.0.1:\(smtpPort)", "-c", "aiosmtpd.handlers.Mailbox", mailDirectory],
                                     log: work + "/smtp.log")
        defer { smtp.stop() }
        func startReceiver() async throws -> PythonProcess {
            let receiver = try PythonProcess([script, hookDirectory, String(hookPort)], log: work + "/receiver.log")
            let up = try await pollUntil(timeout: .seconds(20)) { Self.listening(hookPort) }
            try #require(up, "the webhook receiver did not start")
            return receiver
        }
        var receiver = try await startReceiver()
        defer { receiver.stop() }
        let smtpUp = try await pollUntil(timeout: .seconds(20)) { Self.listening(smtpPort) }
        try #require(smtpUp, "aiosmtpd did not start")

        let environment = ["DENSHO_DELIVERY_INTERVAL": "0.1", "DENSHO_DELIVERY_BACKOFF": "0.3"]
        let server = try LiveServer(dataRoot: fixture.directory)
        server.environment = environment
        try await server.start()
        defer { server.kill(SIGTERM) }
        func serverLog() -> String { (try? String(contentsOfFile: server.log, encoding: .utf8)) ?? "" }
        let cli = try CLIRunner()
        cli.environment["DENSHO_DATA"] = fixture.directory
        func notify() throws -> String { try cli.ok("notify", "test", "--to", "hanawa-staff", "--webhook", "--company", "hanawa") }
        func newest() async throws -> Delivery? { try await fixture.store.deliveries(company: hanawa.id, limit: 1).first }

        // 1. One mail and one post, once each.
        let queued = try notify()
        #expect(queued.contains("queued email") && queued.contains("queued webhook"), "\(queued)")
        let arrived = try await pollUntil(timeout: .seconds(30)) {
            Self.mails(mailDirectory).count == 1 && Self.posts(hookDirectory).count == 1
        }
        try #require(arrived, "nothing arrived: \(serverLog())")
        try await Task.sleep(for: .seconds(1))
        #expect(Self.mails(mailDirectory).count == 1 && Self.posts(hookDirectory).count == 1, "delivered once each")
        let first = try await fixture.store.deliveries(company: hanawa.id, limit: 2)
        #expect(first.count == 2 && first.allSatisfy { $0.state == .sent && $0.attempts == 1 }, "\(first)")

        let mails = try JSONDecoder().decode([Mail].self, from: Data(try Python.run(Self.mailReader, [mailDirectory]).utf8))
        #expect(mails.first?.subject == "【伝承】通知のテストです。これが届いていれば、通知の設定は正しく動いています。")
        #expect(mails.first?.to == "staff@example.jp")
        #expect(mails.first?.body.contains("A test notification: if you can read this, delivery works.") == true)
        let post = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: hookDirectory + "/" + Self.posts(hookDirectory)[0]))) as? [String: Any]
        #expect((post?["text"] as? String)?.contains("A test notification") == true, "Slack reads `text`")
        #expect(((post?["body"] as? [String: Any])?["text"] as? String)?.contains("通知のテストです") == true, "LINE WORKS reads `body.text`")
        #expect((post?["title"] as? String)?.contains("For ") == true)

        // 2. With the receiver down, the post is retried, and delivered once it is back.
        receiver.stop()
        _ = try notify()
        let retried = try await pollUntil(timeout: .seconds(30)) {
            guard let delivery = try await newest() else { return false }
            return delivery.channel == .webhook && delivery.state == .queued && delivery.attempts >= 2
        }
        try #require(retried, "not retried: \(serverLog())")
        receiver = try await startReceiver()
        let delivered = try await pollUntil(timeout: .seconds(30)) { try await newest()?.state == .sent }
        try #require(delivered, "not delivered after the receiver came back: \(serverLog())")
        let late = try #require(try await newest())
        #expect(late.attempts > 1 && late.lastError?.contains("webhook") == true, "\(late)")
        #expect(Self.posts(hookDirectory).count == 2)

        // 3. A delivery still queued when the server stops goes out after it starts again.
        receiver.stop()
        _ = try notify()
        let tried = try await pollUntil(timeout: .seconds(30)) {
            guard let delivery = try await newest() else { return false }
            return delivery.state == .queued && delivery.attempts >= 1
        }
        try #require(tried, "the third post was never tried: \(serverLog())")
        server.kill(SIGTERM)
        let waiting = try #require(try await newest())
        #expect(waiting.state == .queued && Self.posts(hookDirectory).count == 2, "\(waiting)")
        receiver = try await startReceiver()
        let again = try LiveServer(dataRoot: fixture.directory)
        again.environment = environment
        try await again.start()
        defer { again.kill(SIGTERM) }
        let survived = try await pollUntil(timeout: .seconds(30)) { Self.posts(hookDirectory).count == 3 }
        try #require(survived, "lost across the restart: \((try? String(contentsOfFile: again.log, encoding: .utf8)) ?? "")")
        try await Task.sleep(for: .seconds(1))
        #expect(Self.posts(hookDirectory).count == 3 && Self.mails(mailDirectory).count == 3, "each delivered once")
        let all = try await fixture.store.deliveries(company: hanawa.id, limit: 10)
        #expect(all.count == 6 && all.allSatisfy { $0.state == .sent }, "\(all.map { ($0.id, $0.channel, $0.state, $0.attempts) })")
    }
}
