import DenshoDomain
import DenshoMedia
import DenshoTestSupport
import Foundation
import Testing

@Suite("Container sniffing: is an upload a video at all")
struct ContainerSnifferTests {
    static let source = ["-f", "lavfi", "-i", "testsrc2=size=160x120:rate=25", "-t", "0.5"]

    /// Files as the ffmpeg CLI writes them, with the container their first bytes must announce.
    static let containers: [(String, [String], ContainerSniffer.Container)] = [
        ("sniff.mp4", ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"], .isoMedia),
        ("sniff.mov", ["-c:v", "mpeg4"], .isoMedia),
        ("sniff.3gp", ["-c:v", "h263", "-s", "176x144"], .isoMedia),
        ("sniff.mkv", ["-c:v", "mpeg4"], .matroska),
        ("sniff.webm", ["-c:v", "libvpx"], .matroska),
        ("sniff.avi", ["-c:v", "mpeg4"], .avi),
        ("sniff.ts", ["-c:v", "mpeg2video"], .mpegTS),
        ("sniff.m2ts", ["-c:v", "mpeg2video", "-f", "mpegts", "-mpegts_m2ts_mode", "1"], .mpegTS),
        ("sniff.mpg", ["-c:v", "mpeg1video"], .mpegPS),
        ("sniff.vob", ["-c:v", "mpeg2video", "-f", "vob"], .mpegPS),
        ("sniff.flv", ["-c:v", "flv"], .flv),
        ("sniff.wmv", ["-c:v", "wmv2"], .asf),
        ("sniff.mxf", ["-c:v", "mpeg2video", "-pix_fmt", "yuv422p", "-s", "720x576"], .mxf),
    ]

    @Test(arguments: ContainerSnifferTests.containers)
    func videosAreRecognised(name: String, arguments: [String], expected: ContainerSniffer.Container) throws {
        let path = try MediaFixtures.make(name, Self.source + arguments)
        #expect(ContainerSniffer.container(ofFile: path) == expected)
    }

    @Test func thingsThatAreNoVideoAreNot() throws {
        let html = Array("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>".utf8)
        #expect(ContainerSniffer.container(of: html) == nil)
        #expect(ContainerSniffer.container(of: []) == nil)
        #expect(ContainerSniffer.container(of: Array("PK\u{3}\u{4}".utf8) + [UInt8](repeating: 0, count: 100)) == nil)  // a zip
        #expect(ContainerSniffer.container(of: [0x47] + [UInt8](repeating: 0, count: 200)) == nil)  // one sync byte is no stream
        #expect(ContainerSniffer.container(ofFile: try MediaFixtures.randomBytes()) == nil)
        #expect(ContainerSniffer.container(ofFile: "/nonexistent/clip.mp4") == nil)
    }

    @Test func anOriginalKeepsAVideoExtensionAndNothingElse() {
        #expect(ContainerSniffer.storedName("段取り.MOV", container: .isoMedia) == "段取り.MOV")
        #expect(ContainerSniffer.storedName("evil.html", container: .isoMedia) == "clip.mp4")
        #expect(ContainerSniffer.storedName("no-extension", container: .matroska) == "clip.mkv")
    }
}
