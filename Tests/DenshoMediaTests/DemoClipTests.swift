import DenshoCodec
import DenshoDomain
import DenshoMedia
import DenshoTestSupport
import Foundation
import Testing

@Suite("Demo clips made with libav alone")
struct DemoClipTests {
    @Test func stepsBecomeScenesAndChapters() throws {
        let directory = MediaFixtures.directory.appendingPathComponent("demo-\(UUID().uuidString.prefix(6))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let clip = directory + "/demo.mp4"
        try DemoClipMaker.make(path: clip, scenes: [
            .init(title: "① 段取り", caption: "急所 突き出しは直径の3倍以内", color: "0x102a43", seconds: 3),
            .init(title: "② 測定", caption: "急所 初品は全箇所測る", color: "0x2f80c0", seconds: 3),
        ])
        let facts = try StreamFacts.read(clip)
        #expect(facts.video?.codec_name == "h264" && facts.video?.width == 1280 && facts.audio?.codec_name == "aac")
        #expect(abs(Double(facts.video?.duration ?? "0")! - 6) < 0.1)
        var options = ProcessingOptions()
        options.chapterSpacing = 2
        let manifest = try ClipProcessor.process(input: clip, outputDirectory: directory + "/out", options: options)
        #expect(manifest.suggestedChapters.count == 2 && abs(manifest.suggestedChapters[1] - 3) <= 0.5)
        #expect(!FileManager.default.fileExists(atPath: clip + ".partial"))
    }
}
