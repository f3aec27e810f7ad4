import DenshoDomain
import Foundation

/// Ways a clip arrives damaged: cut short, flipped bits, a mangled container header, zeroed or
/// repeated stretches of data.
enum Mutations {
    static func mutate(_ data: Data, _ random: inout SeededGenerator) -> (String, Data) {
        var bytes = [UInt8](data)
        switch Int.random(in: 0..<5, using: &random) {
        case 0:
            let keep = Int.random(in: 0..<bytes.count, using: &random)
            return ("truncated", Data(bytes.prefix(keep)))
        case 1:
            for _ in 0..<Int.random(in: 1...64, using: &random) {
                let index = Int.random(in: 0..<bytes.count, using: &random)
                bytes[index] ^= UInt8(1 << Int.random(in: 0..<8, using: &random))
            }
            return ("bitflip", Data(bytes))
        case 2:
            // Container headers sit in the first kilobytes (ftyp, moov with faststart, EBML, RIFF).
            let end = min(bytes.count, 4096)
            for _ in 0..<Int.random(in: 1...16, using: &random) {
                bytes[Int.random(in: 0..<end, using: &random)] = UInt8.random(in: 0...255, using: &random)
            }
            return ("header", Data(bytes))
        case 3:
            let start = Int.random(in: 0..<bytes.count, using: &random)
            let length = min(bytes.count - start, Int.random(in: 1...65_536, using: &random))
            for i in start..<(start + length) { bytes[i] = 0 }
            return ("zeroed", Data(bytes))
        default:
            let start = Int.random(in: 0..<bytes.count, using: &random)
            let length = min(bytes.count - start, Int.random(in: 1...32_768, using: &random))
            let at = Int.random(in: 0..<bytes.count, using: &random)
            bytes.insert(contentsOf: bytes[start..<(start + length)], at: at)
            return ("spliced", Data(bytes))
        }
    }
}

/// Small clips in the containers and codecs phones and cameras produce.
enum Seeds {
    struct Seed { var data: Data; var ext: String }

    static func make(in directory: String) throws -> [Seed] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let specs: [(String, [String])] = [
            ("mp4", ["-f", "lavfi", "-i", "testsrc2=size=320x240:rate=30", "-f", "lavfi", "-i", "sine=sample_rate=48000", "-t", "2",
                     "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-movflags", "+faststart", "-shortest"]),
            ("mov", ["-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-f", "lavfi", "-i", "sine=sample_rate=44100", "-t", "2",
                     "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-shortest"]),
            ("mkv", ["-f", "lavfi", "-i", "testsrc2=size=320x240:rate=30", "-t", "2", "-c:v", "libx265", "-preset", "ultrafast",
                     "-x265-params", "log-level=error", "-pix_fmt", "yuv420p10le"]),
            ("webm", ["-f", "lavfi", "-i", "testsrc2=size=320x240:rate=30", "-f", "lavfi", "-i", "sine=sample_rate=48000", "-t", "2",
                      "-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-c:a", "libopus", "-shortest"]),
        ]
        return try specs.map { ext, arguments in
            let path = "\(directory)/seed.\(ext)"
            try DenshoFuzz.run("/usr/bin/ffmpeg", ["-y", "-hide_banner", "-loglevel", "error"] + arguments + [path], env: [:])
            return Seed(data: try Data(contentsOf: URL(fileURLWithPath: path)), ext: ext)
        }
    }
}
