import CSHA256
import Foundation
import Testing
@testable import DenshoMedia

/// The hash originals are named by: standard vectors, every split of the input, both the SHA
/// extensions and the portable code, and a file against coreutils' `sha256sum`.
@Suite("SHA-256", .serialized)
struct SHA256Tests {
    static let vectors: [(String, String)] = [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ]

    func bothPaths(_ body: () throws -> Void) rethrows {
        defer { densho_sha256_force_portable(0) }
        for portable in [0, 1] {
            densho_sha256_force_portable(Int32(portable))
            try body()
        }
    }

    @Test func standardVectors() {
        bothPaths {
            for (input, expected) in Self.vectors {
                #expect(SHA256.hex(of: Array(input.utf8)) == expected, "\(input.prefix(10)) portable=\(!SHA256.accelerated)")
            }
            #expect(SHA256.hex(of: [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        }
    }

    @Test func everySplitGivesTheSameDigest() {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<1000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let whole = SHA256.hex(of: bytes)
        bothPaths {
            for size in [1, 3, 55, 56, 63, 64, 65, 127, 128, 129, 999] {
                let stream = SHA256.Stream()
                var offset = 0
                while offset < bytes.count {
                    let end = min(bytes.count, offset + size)
                    bytes[offset..<end].withUnsafeBytes { stream.update($0) }
                    offset = end
                }
                #expect(stream.finish() == whole, "chunks of \(size)")
            }
        }
    }

    @Test func aFileAgreesWithSha256sum() throws {
        let path = FileManager.default.temporaryDirectory.path + "/sha-\(UUID().uuidString).bin"
        defer { try? FileManager.default.removeItem(atPath: path) }
        var generator = SystemRandomNumberGenerator()
        // 3 MiB and a bit: more than one read is not needed, but the tail is not a whole block.
        let data = Data((0..<(3 << 20) + 77).map { _ in UInt8.random(in: 0...255, using: &generator) })
        try data.write(to: URL(fileURLWithPath: path))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let reference = String(output.prefix(64))
        try bothPaths {
            let (hash, size) = try SHA256.hex(ofFile: path)
            #expect(hash == reference && size == Int64(data.count))
        }
    }
}
