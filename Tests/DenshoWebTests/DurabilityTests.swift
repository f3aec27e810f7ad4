#if canImport(Glibc)
import Glibc
#endif
import DenshoDomain
import DenshoStore
import DenshoTestSupport
import Foundation
import Synchronization
import Testing
@testable import DenshoWeb

/// Ids the server acknowledged, collected from concurrent writers, and how often it said no.
final class Acknowledged: Sendable {
    let ids = Mutex<[Int64]>([])
    /// Status → count of answers other than 201.
    let refusals = Mutex<[Int: Int]>([:])
}

/// Each test has a time limit and every loop a deadline: a server that refuses or stops answering
/// makes these tests fail with what it answered, never hang.
@Suite("A real server: SIGKILL during writes, interrupted uploads", .serialized, .timeLimit(.minutes(10)))
struct DurabilityTests {
    /// Writes acknowledged before the server is killed.
    static let writesBeforeKill = 200

    /// The data of a fixture with an API token for the supervisor, for scripts to write with.
    static func prepare() async throws -> (WebFixture, token: String) {
        let fixture = try await WebFixture()
        let token = "dsh_" + Tokens.random()
        _ = try await fixture.store.addAPIToken(account: try await fixture.account("hanawa-sup").id, name: "load", tokenHash: Tokens.digest(token), by: "test")
        return (fixture, token)
    }

    @Test func everyAcknowledgedWriteSurvivesSIGKILL() async throws {
        let (fixture, token) = try await Self.prepare()
        let hanawa = try await fixture.company("hanawa")
        let staff = try await fixture.employee(of: "hanawa-staff")
        let skills = try await fixture.store.skills(company: hanawa.id, includeRetired: false)
        let before = try await fixture.store.evaluations(company: hanawa.id, employee: staff.id, skill: nil, state: nil).count
        let server = try LiveServer(dataRoot: fixture.directory)
        try await server.start()

        let acknowledged = Acknowledged()
        let headers = ["Authorization": "Bearer \(token)", "Content-Type": "application/json"]
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<16 {
                group.addTask {
                    var n = 0
                    while true {
                        let skill = skills[(writer * 7 + n) % skills.count]
                        let body = #"{"employeeID": \#(staff.id), "skillID": \#(skill.id), "level": \#(n % 4 + 1), "note": "w\#(writer)-\#(n)"}"#
                        guard let (status, _, data) = try? await HTTP.request(
                            "\(server.baseURL)/api/v1/evaluations", method: "POST", headers: headers, body: Data(body.utf8))
                        else { return }  // the server is gone
                        if status == 201, let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let id = json["id"] as? Int {
                            acknowledged.ids.withLock { $0.append(Int64(id)) }
                        } else {
                            acknowledged.refusals.withLock { $0[status, default: 0] += 1 }
                        }
                        n += 1
                    }
                }
            }
            group.addTask {
                // Kill once plenty of writes are in flight, or after a minute whatever was answered:
                // writes the server refuses must end the test with a message, not leave it waiting.
                _ = try await pollUntil(timeout: .seconds(60), interval: .milliseconds(20)) {
                    acknowledged.ids.withLock { $0.count } >= Self.writesBeforeKill
                }
                server.kill(SIGKILL)
            }
            try await group.waitForAll()
        }
        let ids = acknowledged.ids.withLock { $0 }
        let refusals = acknowledged.refusals.withLock { $0 }
        try #require(ids.count >= Self.writesBeforeKill,
                     "only \(ids.count) writes acknowledged within a minute; other answers (status: count): \(refusals.sorted { $0.key < $1.key })")

        // The file itself: integrity, and every write the clients were told about is there.
        let reopened = try SQLiteStore(dataDirectory: fixture.directory)
        #expect(try reopened.integrityCheck() == "ok")
        let stored = Set(try await reopened.evaluations(company: hanawa.id, employee: staff.id, skill: nil, state: nil).map(\.id.rawValue))
        let missing = ids.filter { !stored.contains($0) }
        #expect(missing.isEmpty, "\(missing.count) acknowledged writes lost")
        #expect(stored.count >= before + ids.count)

        // And the restarted server serves them.
        let again = try LiveServer(dataRoot: fixture.directory)
        try await again.start()
        let (status, _, data) = try await HTTP.request(
            "\(again.baseURL)/api/v1/evaluations?employee=\(staff.id)", headers: ["Authorization": "Bearer \(token)"])
        #expect(status == 200)
        let listed = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] ?? []
        #expect(listed.count == stored.count)
        again.kill(SIGTERM)
    }

    @Test func anUploadCutOffMidwayResumesFromWhatArrived() async throws {
        let (fixture, _) = try await Self.prepare()
        let server = try LiveServer(dataRoot: fixture.directory)
        try await server.start()
        let browser = try await fixture.browser(.staff)
        let cookie = "\(IdentityMiddleware.cookieName)=\(browser.cookie!)"
        let common = ["Cookie": cookie, "X-CSRF-Token": browser.csrf!, "Tus-Resumable": "1.0.0"]
        let bytes = [UInt8](UploadTests.mp4Bytes(2_000_000, seed: 7))

        let (created, headers, _) = try await HTTP.request(
            "\(server.baseURL)/uploads", method: "POST", headers: common.merging(["Upload-Length": String(bytes.count)]) { a, _ in a })
        #expect(created == 201)
        let location = try #require(headers["location"])

        // The phone sends the headers for everything, then loses its connection after 1.2 MB.
        let request = "PATCH \(location) HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: \(cookie)\r\nX-CSRF-Token: \(browser.csrf!)\r\n"
            + "Tus-Resumable: 1.0.0\r\nContent-Type: application/offset+octet-stream\r\nUpload-Offset: 0\r\n"
            + "Content-Length: \(bytes.count)\r\n\r\n"
        try DroppedConnection.send(port: server.port, Array(request.utf8) + bytes[..<1_200_000])

        var offset = 0
        for _ in 0..<50 {
            let (_, head, _) = try await HTTP.request("\(server.baseURL)\(location)", method: "HEAD", headers: common)
            offset = Int(head["upload-offset"] ?? "0") ?? 0
            if offset > 0 { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(offset > 0 && offset <= 1_200_000, "kept \(offset) bytes")

        let (status, done, _) = try await HTTP.request(
            "\(server.baseURL)\(location)", method: "PATCH",
            headers: common.merging(["Content-Type": "application/offset+octet-stream", "Upload-Offset": String(offset)]) { a, _ in a },
            body: Data(bytes[offset...]))
        #expect(status == 204)
        let clipID = try #require(done["densho-clip"].flatMap(Int64.init))
        let hanawa = try await fixture.company("hanawa")
        let clip = try #require(try await fixture.store.clip(.init(clipID), company: hanawa.id))
        let original = try Data(contentsOf: URL(fileURLWithPath: fixture.directory + "/" + clip.originalPath))
        #expect(original == Data(bytes), "the resumed upload must equal the file, byte for byte")
        server.kill(SIGTERM)
    }

    /// Two requests writing the same upload at the same offset used to mix their bytes in one
    /// file. The second is refused with 409 while the first writes; the first wins whole.
    @Test func twoWritersAtOneOffsetOneWinsTheOtherGets409() async throws {
        let (fixture, _) = try await Self.prepare()
        let hanawa = try await fixture.company("hanawa")
        let server = try LiveServer(dataRoot: fixture.directory)
        try await server.start()
        let browser = try await fixture.browser(.staff)
        let cookie = "\(IdentityMiddleware.cookieName)=\(browser.cookie!)"
        let common = ["Cookie": cookie, "X-CSRF-Token": browser.csrf!, "Tus-Resumable": "1.0.0"]
        let winner = [UInt8](UploadTests.mp4Bytes(400_000, seed: 7))
        let loser = [UInt8](UploadTests.mp4Bytes(400_000, seed: 13))
        let (created, headers, _) = try await HTTP.request(
            "\(server.baseURL)/uploads", method: "POST", headers: common.merging(["Upload-Length": String(winner.count)]) { a, _ in a })
        #expect(created == 201)
        let location = try #require(headers["location"])
        let part = fixture.directory + "/uploads/" + (location.split(separator: "/").last.map(String.init) ?? "") + ".part"
        func partSize() -> Int {
            var info = stat()
            return stat(part, &info) == 0 ? Int(info.st_size) : -1
        }

        // The first writer sends its headers and half of its bytes, then stalls.
        let first = try HeldConnection(port: server.port)
        let head = "PATCH \(location) HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: \(cookie)\r\nX-CSRF-Token: \(browser.csrf!)\r\n"
            + "Tus-Resumable: 1.0.0\r\nContent-Type: application/offset+octet-stream\r\nUpload-Offset: 0\r\n"
            + "Content-Length: \(winner.count)\r\n\r\n"
        try first.send(Array(head.utf8) + winner[..<200_000])
        for _ in 0..<200 where partSize() < 100_000 { try await Task.sleep(for: .milliseconds(50)) }
        #expect(partSize() >= 100_000, "the first writer's bytes are arriving")

        // A second writer at the same offset meanwhile: refused at once, with the offset to resume from.
        let (status, answer, _) = try await HTTP.request(
            "\(server.baseURL)\(location)", method: "PATCH",
            headers: common.merging(["Content-Type": "application/offset+octet-stream", "Upload-Offset": "0"]) { a, _ in a },
            body: Data(loser))
        #expect(status == 409)
        #expect(answer["upload-offset"] == "0")

        // The first writer goes on and wins, whole.
        try first.send(Array(winner[200_000...]))
        let response = try first.responseHead()
        #expect(response.status == 204)
        let clipID = try #require(response.headers["densho-clip"].flatMap(Int64.init))
        let clip = try #require(try await fixture.store.clip(.init(clipID), company: hanawa.id))
        let original = try Data(contentsOf: URL(fileURLWithPath: fixture.directory + "/" + clip.originalPath))
        #expect(original == Data(winner), "the original holds the first writer's bytes and nothing of the second's")
        server.kill(SIGTERM)
    }
}
