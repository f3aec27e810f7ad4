import ArgumentParser
import DenshoCodec
import DenshoDomain
import DenshoMedia
import Foundation

/// Stills of a video: each as JPEG and as pixels in `--out`, described by one
/// `WorkerFrameSource.Entry` line each, in the order of `--at`.
struct StillsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stills", abstract: "Take stills at given times.")
    @Argument(help: "Video file.") var file: String
    @Option(help: "Times in seconds, comma-separated.") var at: String
    @Option(help: "Largest width in pixels.") var width: Int = 480
    @Option(name: .customLong("out"), help: "Folder for the stills (created).") var out: String

    func run() async throws {
        let times = try at.split(separator: ",").map { text -> Double in
            guard let seconds = Double(text), seconds.isFinite, seconds >= 0 else { throw ValidationError("'\(text)' is not a time in seconds") }
            return seconds
        }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let stills = await Stills.take(from: file, at: times, maxWidth: width)
        let encoder = JSONEncoder()
        for (index, still) in stills.enumerated() {
            var entry = WorkerFrameSource.Entry()
            switch still {
            case .image(let image):
                try Data(image.pixels).write(to: URL(fileURLWithPath: out + "/" + WorkerFrameSource.Entry.pixelsName(index)))
                if let jpeg = image.jpeg {
                    try Data(jpeg).write(to: URL(fileURLWithPath: out + "/" + WorkerFrameSource.Entry.jpegName(index)))
                }
                entry = .init(width: image.width, height: image.height, bytesPerRow: image.bytesPerRow)
            case .missing(let reason):
                entry.missing = reason
            }
            WorkerProtocol.emit(String(decoding: try encoder.encode(entry), as: UTF8.self))
        }
    }
}
