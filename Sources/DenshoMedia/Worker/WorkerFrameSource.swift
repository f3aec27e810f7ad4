import DenshoDomain
import Foundation

/// Stills from clips' renditions for printed sheets, decoded by `densho-media stills` in a child
/// process. The child leaves each still as its JPEG and its pixels (`RasterImage`'s layout) in a
/// scratch folder and describes them on standard output as `WorkerFrameSource.Entry` lines.
public struct WorkerFrameSource: FrameSource {
    public let dataRoot: String

    public init(dataRoot: String) { self.dataRoot = dataRoot }

    /// One still as the child describes it: its size, or why there is none.
    public struct Entry: Codable, Sendable {
        public var width: Int?
        public var height: Int?
        public var bytesPerRow: Int?
        public var missing: String?

        public init(width: Int? = nil, height: Int? = nil, bytesPerRow: Int? = nil, missing: String? = nil) {
            self.width = width
            self.height = height
            self.bytesPerRow = bytesPerRow
            self.missing = missing
        }

        /// File names of the `index`-th still in the scratch folder.
        public static func jpegName(_ index: Int) -> String { "still-\(index + 1).jpg" }
        public static func pixelsName(_ index: Int) -> String { "still-\(index + 1).bgrx" }
    }

    public func stills(of clip: Clip, at times: [Double], maxWidth: Int) async -> [Still] {
        guard let manifest = clip.manifest else {
            let reason = clip.status == .failed ? "動画の処理に失敗しました" : "動画を処理中です"
            return times.map { _ in .missing(reason: reason) }
        }
        return await Self.stills(from: "\(dataRoot)/\(clip.renditionDirectory)/\(manifest.video)", at: times, maxWidth: maxWidth)
    }

    /// Stills of any video file, through `densho-media stills --machine`.
    public static func stills(from path: String, at times: [Double], maxWidth: Int) async -> [Still] {
        guard !times.isEmpty else { return [] }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("densho-stills-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let unreadable = times.map { _ in Still.missing(reason: "動画ファイルを読めません") }
        guard let data = try? await MediaTool.run([
            "stills", path, "--at", times.map { String(format: "%.3f", $0) }.joined(separator: ","),
            "--width", String(maxWidth), "--out", scratch,
        ]) else { return unreadable }
        let entries = String(decoding: data, as: UTF8.self).split(separator: "\n")
            .compactMap { try? JSONDecoder().decode(Entry.self, from: Data($0.utf8)) }
        guard entries.count == times.count else { return unreadable }
        return entries.enumerated().map { index, entry in
            if let reason = entry.missing { return .missing(reason: reason) }
            guard let width = entry.width, let height = entry.height, let bytesPerRow = entry.bytesPerRow, width > 0, height > 0,
                  bytesPerRow >= width * 4,
                  let pixels = FileManager.default.contents(atPath: scratch + "/" + Entry.pixelsName(index)),
                  pixels.count >= bytesPerRow * height
            else { return .missing(reason: "動画ファイルを読めません") }
            let jpeg = FileManager.default.contents(atPath: scratch + "/" + Entry.jpegName(index)).map { [UInt8]($0) }
            return .image(RasterImage(width: width, height: height, bytesPerRow: bytesPerRow, pixels: [UInt8](pixels), jpeg: jpeg))
        }
    }
}
