#if canImport(Glibc)
import Glibc
#endif
import DenshoDomain
import Foundation

/// A minimal SMTP client (RFC 5321) over a POSIX socket: EHLO, MAIL FROM, RCPT TO, DATA with
/// dot-stuffing, QUIT; one message per connection, with a timeout on connecting and on every
/// reply. Plain SMTP only (no STARTTLS, no AUTH): see `NotificationSettings.smtpTLS` for why, and
/// for how a provider that requires TLS is reached through a local relay.
///
/// `send` blocks: call it off Swift's cooperative threads (the delivery service uses NIO's pool).
public struct SMTPClient: Sendable {
    public var host: String
    public var port: Int
    /// Seconds to wait for the connection, and for each reply.
    public var timeout: Double
    /// The name this side gives in EHLO.
    public var clientName: String

    public init(host: String, port: Int, timeout: Double = 10, clientName: String = SMTPClient.localName()) {
        self.host = host
        self.port = port
        self.timeout = timeout
        self.clientName = clientName
    }

    /// Sends one message; throws `SMTPError` (its `isPermanent` says whether trying again can help).
    public func send(_ message: MailMessage) throws {
        for address in [message.from, message.to] where !EmailAddress.isValid(address) { throw SMTPError.invalidAddress(address) }
        let connection = try SMTPConnection(host: host, port: port, timeout: timeout)
        defer { connection.close() }
        try connection.expect(connection.readReply(), 220, after: "connect")
        let hello = try connection.command("EHLO \(clientName)")
        if hello.code != 250 { try connection.expect(connection.command("HELO \(clientName)"), 250, after: "HELO") }
        try connection.expect(connection.command("MAIL FROM:<\(message.from)>"), 250, after: "MAIL FROM")
        try connection.expect(connection.command("RCPT TO:<\(message.to)>"), 250, 251, after: "RCPT TO")
        try connection.expect(connection.command("DATA"), 354, after: "DATA")
        try connection.write(MailMessage.dotStuffed(message.rendered()) + ".\r\n")
        try connection.expect(connection.readReply(), 250, after: "the message")
        // The message is accepted: a server that hangs up instead of answering QUIT changes nothing.
        _ = try? connection.command("QUIT")
    }

    /// This machine's host name, for EHLO.
    public static func localName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, 255) == 0 else { return "densho" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // EHLO wants a domain or an address literal; a name with anything else is not sent.
        return !name.isEmpty && name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") }) ? name : "densho"
    }
}

/// Why a mail was not sent.
public enum SMTPError: Error, Sendable, CustomStringConvertible {
    /// The company has no mail server set (any more).
    case noServer
    case invalidAddress(String)
    case unresolved(host: String)
    case connectionFailed(String)
    case timedOut
    /// The server hung up.
    case closed
    /// A reply that is not SMTP.
    case garbled(String)
    /// The server refused a step: its reply code and text.
    case rejected(step: String, code: Int, reply: String)

    /// A 5xx refusal or a bad address: the same message would be refused again.
    public var isPermanent: Bool {
        switch self {
        case .noServer, .invalidAddress: true
        case .rejected(_, let code, _): code >= 500
        default: false
        }
    }

    public var description: String {
        switch self {
        case .noServer: "the company has no mail server set"
        case .invalidAddress(let address): "not an address SMTP can carry: \(address)"
        case .unresolved(let host): "cannot resolve the mail server \(host)"
        case .connectionFailed(let reason): "cannot connect to the mail server: \(reason)"
        case .timedOut: "the mail server did not answer in time"
        case .closed: "the mail server closed the connection"
        case .garbled(let line): "not an SMTP reply: \(line.prefix(200))"
        case .rejected(let step, let code, let reply): "the mail server refused \(step): \(code) \(reply.prefix(300))"
        }
    }
}

/// One connection to a mail server: lines out, replies in, each with the timeout.
final class SMTPConnection {
    let fd: Int32
    private var buffer: [UInt8] = []
    /// The whole conversation's limit: a server that answers one byte at a time (each within the
    /// per-read timeout) must not hold the one delivery loop every company shares.
    let deadline: ContinuousClock.Instant

    init(host: String, port: Int, timeout: Double) throws {
        deadline = .now + .seconds(timeout * 6)
        fd = try SMTPConnection.connect(host: host, port: port, timeout: timeout)
        var limit = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - timeout.rounded(.down)) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    }

    func close() { _ = Glibc.close(fd) }

    /// Tries each address of `host` in turn, each with the timeout.
    static func connect(host: String, port: Int, timeout: Double) throws -> Int32 {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else { throw SMTPError.unresolved(host: host) }
        defer { freeaddrinfo(list) }
        var reason = "no address"
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let info = cursor {
            cursor = info.pointee.ai_next
            let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            guard fd >= 0 else {
                reason = String(cString: strerror(errno))
                continue
            }
            if let failure = connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen, timeout: timeout) {
                reason = failure
                _ = Glibc.close(fd)
                continue
            }
            return fd
        }
        throw SMTPError.connectionFailed("\(host):\(port): \(reason)")
    }

    /// A non-blocking connect waited for with `poll`; nil when connected, else why not.
    static func connect(_ fd: Int32, _ address: UnsafeMutablePointer<sockaddr>, _ length: socklen_t, timeout: Double) -> String? {
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
        defer { _ = fcntl(fd, F_SETFL, flags) }
        if Glibc.connect(fd, address, length) == 0 { return nil }
        guard errno == EINPROGRESS else { return String(cString: strerror(errno)) }
        var waiting = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        let ready = poll(&waiting, 1, Int32(timeout * 1000))
        if ready == 0 { return "timed out after \(timeout) s" }
        if ready < 0 { return String(cString: strerror(errno)) }
        var failure: Int32 = 0
        var size = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &failure, &size)
        return failure == 0 ? nil : String(cString: strerror(failure))
    }

    func write(_ text: String) throws {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            guard ContinuousClock.now < deadline else { throw SMTPError.timedOut }
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN || errno == EWOULDBLOCK { throw SMTPError.timedOut }
                throw SMTPError.connectionFailed(String(cString: strerror(errno)))
            }
            sent += n
        }
    }

    /// Sends a command line and reads its reply.
    func command(_ line: String) throws -> (code: Int, text: String) {
        try write(line + "\r\n")
        return try readReply()
    }

    /// A reply, with the lines of a multi-line one (`250-…`, then `250 …`) joined.
    func readReply() throws -> (code: Int, text: String) {
        var lines: [String] = []
        while true {
            let line = try readLine()
            guard line.utf8.count >= 3, let code = Int(line.prefix(3)) else { throw SMTPError.garbled(line) }
            lines.append(String(line.dropFirst(4)))
            if line.utf8.count == 3 || line.dropFirst(3).first == " " { return (code, lines.joined(separator: " / ")) }
            guard line.dropFirst(3).first == "-" else { throw SMTPError.garbled(line) }
        }
    }

    func expect(_ reply: (code: Int, text: String), _ accepted: Int..., after step: String) throws {
        guard accepted.contains(reply.code) else { throw SMTPError.rejected(step: step, code: reply.code, reply: reply.text) }
    }

    private func readLine() throws -> String {
        while true {
            if let end = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                var line = Array(buffer[..<end])
                buffer.removeSubrange(...end)
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                return String(decoding: line, as: UTF8.self)
            }
            guard buffer.count < 65_536 else { throw SMTPError.garbled("a reply line longer than 64 KiB") }
            guard ContinuousClock.now < deadline else { throw SMTPError.timedOut }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let n = recv(fd, &chunk, chunk.count, 0)
            if n == 0 { throw SMTPError.closed }
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN || errno == EWOULDBLOCK { throw SMTPError.timedOut }
                throw SMTPError.connectionFailed(String(cString: strerror(errno)))
            }
            buffer += chunk[..<n]
        }
    }
}
