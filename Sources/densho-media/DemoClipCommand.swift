import ArgumentParser
import DenshoCodec
import DenshoMedia

/// One of the demo library's clips (`DemoClips.all`), made with libav alone.
struct DemoClipCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo-clip", abstract: "Write one of the demo clips as MP4.")
    @Argument(help: "Which clip (0-based index into the demo library).") var index: Int
    @Argument(help: "Output file.") var path: String

    func run() throws {
        guard DemoClips.all.indices.contains(index) else {
            throw ValidationError("there are \(DemoClips.all.count) demo clips (0…\(DemoClips.all.count - 1))")
        }
        do {
            try DemoClipMaker.make(path: path, scenes: DemoClips.all[index].scenes)
        } catch let error as MediaError {
            throw error.reported()
        }
    }
}
