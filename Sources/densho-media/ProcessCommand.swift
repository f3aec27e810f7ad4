import ArgumentParser
import DenshoCodec
import DenshoMedia

/// One clip in one pass (`ClipProcessor`), progress and outcome as `WorkerProtocol` lines.
struct ProcessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "process", abstract: "Transcode a clip in one pass.")
    @Argument(help: "Input video.") var input: String
    @Argument(help: "Output directory.") var outputDirectory: String
    @Option(name: .customLong("chapter-spacing")) var chapterSpacing: Double = 5
    @Option(name: .customLong("short-side")) var shortSide: Int = 720
    @Option(name: .customLong("memory-mb")) var memoryMegabytes: Int?
    @Option(name: .customLong("decoder-threads")) var decoderThreads: Int?
    @Flag(name: .customLong("slice-threads")) var sliceThreads = false
    @Option(name: .customLong("filter-threads")) var filterThreads: Int?

    func run() throws {
        var options = ProcessingOptions()
        options.chapterSpacing = chapterSpacing
        options.shortSide = shortSide
        if let decoderThreads { options.decoderThreads = decoderThreads }
        if let filterThreads { options.filterThreads = filterThreads }
        options.sliceThreading = sliceThreads
        if let memoryMegabytes { WorkerProtocol.limitMemory(megabytes: memoryMegabytes) }
        do {
            _ = try ClipProcessor.process(input: input, outputDirectory: outputDirectory, options: options) {
                WorkerProtocol.reportProgress($0)
            }
            WorkerProtocol.reportDone()
        } catch let error as MediaError {
            throw error.reported()
        }
    }
}
