import DenshoCodec
import DenshoDomain
import DenshoMedia
import DenshoTestSupport
import Foundation
import Testing

@Suite("Inputs found by make fuzz")
struct RegressionTests {
    static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/fuzz/\(name)").path
    }

    @Test(arguments: [(-90.0, 90), (90.0, 270), (180.0, 180), (-180.0, 180), (0.0, 0), (-89.6, 90), (45.0, 0), (.nan, 0),
                      (.infinity, 0), (1e12, 0)])
    func rotationFromTheDisplayMatrixNeverTraps(degrees: Double, expected: Int) {
        #expect(Prober.rotation(displayDegrees: degrees) == expected)
    }

    @Test func damagedDisplayMatrixIsProbedAndFailsCleanly() throws {
        let path = Self.fixture("nan-display-matrix.mp4")
        #expect(try Prober.probe(path).video?.rotation == 0)
        let directory = MediaFixtures.directory.appendingPathComponent("out-nan-\(UUID().uuidString.prefix(6))").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(throws: MediaError.self) { try ClipProcessor.process(input: path, outputDirectory: directory) }
    }

    @Test func audioGoingBackwardsStillGivesAPlayableClip() throws {
        let directory = MediaFixtures.directory.appendingPathComponent("out-backwards-\(UUID().uuidString.prefix(6))").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let manifest = try ClipProcessor.process(input: Self.fixture("backwards-audio.webm"), outputDirectory: directory)
        #expect(manifest.warnings.contains { $0.contains("timestamps going backwards") })
        let facts = try StreamFacts.read(directory + "/clip.mp4")
        #expect(facts.video?.codec_name == "h264" && facts.audio?.codec_name == "aac")
    }
}
