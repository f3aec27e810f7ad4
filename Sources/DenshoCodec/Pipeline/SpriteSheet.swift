import CFFmpeg
import DenshoMedia

/// Lays storyboard tiles (small full-range YUV 4:2:0 pictures of one size) out on sheets of
/// `columns` × `rows`, row by row, as the WebVTT cues describe them.
struct SpriteSheet {
    let tileWidth: Int32
    let tileHeight: Int32
    let columns: Int
    let rows: Int

    /// Composes `tiles` into as many sheets as needed.
    func compose(_ tiles: [Frame]) throws -> [Frame] {
        stride(from: 0, to: tiles.count, by: columns * rows).map { start in
            Array(tiles[start..<min(tiles.count, start + columns * rows)])
        }.map(sheet)
    }

    private func sheet(_ tiles: [Frame]) -> Frame {
        let usedColumns = min(columns, tiles.count)
        let usedRows = (tiles.count + columns - 1) / columns
        let sheet = Frame()
        sheet.pointer.pointee.format = AV_PIX_FMT_YUVJ420P.rawValue
        sheet.pointer.pointee.width = Int32(usedColumns) * tileWidth
        sheet.pointer.pointee.height = Int32(usedRows) * tileHeight
        guard av_frame_get_buffer(sheet.pointer, 0) >= 0 else { fatalError("out of memory for a storyboard sheet") }
        let s = sheet.pointer.pointee
        // Black in full range: Y 0, chroma at the midpoint.
        fill(s.data.0!, linesize: s.linesize.0, width: Int(s.width), height: Int(s.height), value: 0)
        fill(s.data.1!, linesize: s.linesize.1, width: Int(s.width) / 2, height: Int(s.height) / 2, value: 128)
        fill(s.data.2!, linesize: s.linesize.2, width: Int(s.width) / 2, height: Int(s.height) / 2, value: 128)
        for (index, tile) in tiles.enumerated() {
            let x = index % columns, y = index / columns
            let t = tile.pointer.pointee
            guard t.width == tileWidth, t.height == tileHeight, t.format == AV_PIX_FMT_YUVJ420P.rawValue else { continue }
            copy(from: t.data.0!, t.linesize.0, to: s.data.0!, s.linesize.0, x: x * Int(tileWidth), y: y * Int(tileHeight),
                 width: Int(tileWidth), height: Int(tileHeight))
            copy(from: t.data.1!, t.linesize.1, to: s.data.1!, s.linesize.1, x: x * Int(tileWidth) / 2,
                 y: y * Int(tileHeight) / 2, width: Int(tileWidth) / 2, height: Int(tileHeight) / 2)
            copy(from: t.data.2!, t.linesize.2, to: s.data.2!, s.linesize.2, x: x * Int(tileWidth) / 2,
                 y: y * Int(tileHeight) / 2, width: Int(tileWidth) / 2, height: Int(tileHeight) / 2)
        }
        return sheet
    }

    private func fill(_ plane: UnsafeMutablePointer<UInt8>, linesize: Int32, width: Int, height: Int, value: UInt8) {
        for row in 0..<height { (plane + row * Int(linesize)).update(repeating: value, count: width) }
    }

    private func copy(from source: UnsafeMutablePointer<UInt8>, _ sourceLinesize: Int32, to destination: UnsafeMutablePointer<UInt8>,
                      _ destinationLinesize: Int32, x: Int, y: Int, width: Int, height: Int) {
        for row in 0..<height {
            (destination + (y + row) * Int(destinationLinesize) + x).update(from: source + row * Int(sourceLinesize), count: width)
        }
    }
}
