import DenshoDomain
import Testing

@Suite("Clip times as people type and read them")
struct ClipTimeTests {
    @Test(arguments: [("83", 83.0), ("83.5", 83.5), ("1:23", 83), ("1:02:03", 3723), ("１：２３", 83), (" 0:05 ", 5)])
    func parses(text: String, seconds: Double) { #expect(ClipTime.seconds(text) == seconds) }

    @Test(arguments: ["", "abc", "-1", "1:2:3:4", "1:-5"])
    func refuses(text: String) { #expect(ClipTime.seconds(text) == nil) }

    @Test func formats() {
        #expect(ClipTime.clock(5.9) == "0:05")
        #expect(ClipTime.clock(83) == "1:23")
        #expect(ClipTime.clock(3723) == "1:02:03")
    }
}
