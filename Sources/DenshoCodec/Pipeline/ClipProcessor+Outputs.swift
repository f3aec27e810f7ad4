import DenshoDomain
import DenshoMedia
import Foundation

extension ClipProcessor {
    /// Writes the poster, storyboard and manifest beside the finished MP4, then renames every
    /// output into place; the manifest goes last, so its presence means the set is complete.
    func finishOutputs() throws -> ClipManifest {
        let start = startTime ?? 0
        let measured = max(videoEnd, audioEnd) - start
        let clipDuration = measured > 0 ? measured : duration
        guard let posterFrame = poster ?? lastFrame else { throw MediaError(.corrupt, "no picture for a poster") }
        try JPEGWriter.write(posterFrame, to: temporary(Self.posterName))

        let rows = max(1, (options.maxTiles + options.tileColumns - 1) / options.tileColumns)
        let layout = SpriteSheet(tileWidth: Int32(tileSize.width), tileHeight: Int32(tileSize.height),
                                 columns: options.tileColumns, rows: rows)
        var spriteNames: [String] = []
        for (index, sheet) in try layout.compose(tiles).enumerated() {
            let name = "storyboard-\(index + 1).jpg"
            try JPEGWriter.write(sheet, to: temporary(name), qscale: 5)
            spriteNames.append(name)
        }
        let relativeTiles = tileTimes.map { max(0, $0 - start) }
        let vtt = RenditionPlan.storyboardVTT(
            tileTimes: relativeTiles, duration: clipDuration, sprites: spriteNames, columns: options.tileColumns, rows: rows,
            tileWidth: tileSize.width, tileHeight: tileSize.height)
        try Data(vtt.utf8).write(to: URL(fileURLWithPath: temporary(Self.vttName)))

        let cuts = sceneChanges.map { ClipManifest.SceneChange(time: max(0, $0.time - start), score: $0.score) }
        let manifest = ClipManifest(
            source: probe, video: Self.videoName, width: outputSize.width, height: outputSize.height,
            duration: clipDuration, hasAudio: hasAudio, poster: Self.posterName,
            storyboard: .init(vtt: Self.vttName, sprites: spriteNames, tileWidth: tileSize.width, tileHeight: tileSize.height,
                              columns: options.tileColumns, tiles: tiles.count, interval: interval),
            sceneChanges: cuts,
            suggestedChapters: RenditionPlan.chapters(from: cuts.map(\.time), duration: clipDuration, spacing: options.chapterSpacing),
            warnings: warnings)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(manifest).write(to: URL(fileURLWithPath: temporary(Self.manifestName)))

        // Older sprites from an earlier run would confuse players; the new set replaces them.
        let existing = (try? FileManager.default.contentsOfDirectory(atPath: outputDirectory)) ?? []
        for name in existing where name.hasPrefix("storyboard-") && !spriteNames.contains(name) {
            try? FileManager.default.removeItem(atPath: final(name))
        }
        for name in [Self.posterName] + spriteNames + [Self.vttName, Self.videoName, Self.manifestName] {
            if rename(temporary(name), final(name)) != 0 {
                throw MediaError(.output, "cannot move \(name) into place: \(String(cString: strerror(errno)))")
            }
        }
        progress?(1)
        return manifest
    }
}
