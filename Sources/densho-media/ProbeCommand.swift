import ArgumentParser
import DenshoCodec
import DenshoMedia
import Foundation

/// The `MediaProbe` of a file as one line of JSON.
struct ProbeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "probe", abstract: "Print a video's MediaProbe as JSON.")
    @Argument(help: "Video file.") var file: String

    func run() throws {
        do {
            let probe = try Prober.probe(file)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            WorkerProtocol.emit(String(decoding: try encoder.encode(probe), as: UTF8.self))
        } catch let error as MediaError {
            throw error.reported()
        }
    }
}
