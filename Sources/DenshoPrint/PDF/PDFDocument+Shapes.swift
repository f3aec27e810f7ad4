import CCairo
import DenshoDomain

extension PDFDocument {
    public func fill(_ rect: Rect, _ color: Color) {
        setColor(color)
        cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
        cairo_fill(cr)
    }

    public func stroke(_ rect: Rect, _ color: Color = .rule, width: Double = 0.5) {
        setColor(color)
        cairo_set_line_width(cr, width)
        cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
        cairo_stroke(cr)
    }

    public func line(from: (Double, Double), to: (Double, Double), _ color: Color = .rule, width: Double = 0.5) {
        setColor(color)
        cairo_set_line_width(cr, width)
        cairo_move_to(cr, from.0, from.1)
        cairo_line_to(cr, to.0, to.1)
        cairo_stroke(cr)
    }

    /// A polyline through `points` (for step diagrams).
    public func polyline(_ points: [(Double, Double)], _ color: Color, width: Double) {
        guard let first = points.first else { return }
        setColor(color)
        cairo_set_line_width(cr, width)
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
        cairo_move_to(cr, first.0, first.1)
        for point in points.dropFirst() { cairo_line_to(cr, point.0, point.1) }
        cairo_stroke(cr)
    }

    public func circle(center: (Double, Double), radius: Double, _ color: Color) {
        setColor(color)
        cairo_arc(cr, center.0, center.1, radius, 0, 2 * .pi)
        cairo_fill(cr)
    }

    /// Draws `image` scaled to fit `rect`, keeping its aspect ratio, centred.
    public func draw(_ image: RasterImage, in rect: Rect) {
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(image.width), Int32(image.height)) else { return }
        defer { cairo_surface_destroy(surface) }
        cairo_surface_flush(surface)
        guard let data = cairo_image_surface_get_data(surface) else { return }
        let stride = Int(cairo_image_surface_get_stride(surface))
        image.pixels.withUnsafeBufferPointer { source in
            for row in 0..<image.height {
                (data + row * stride).update(from: source.baseAddress! + row * image.bytesPerRow, count: image.width * 4)
            }
        }
        cairo_surface_mark_dirty(surface)
        if let jpeg = image.jpeg {
            // cairo's PDF output embeds attached JPEG data as it is; cairo frees its copy.
            let copy = malloc(jpeg.count)!
            jpeg.withUnsafeBytes { copy.copyMemory(from: $0.baseAddress!, byteCount: jpeg.count) }
            cairo_surface_set_mime_data(surface, CAIRO_MIME_TYPE_JPEG, copy.assumingMemoryBound(to: UInt8.self), UInt(jpeg.count),
                                        { free($0) }, copy)
        }
        let scale = min(rect.width / Double(image.width), rect.height / Double(image.height))
        let w = Double(image.width) * scale, h = Double(image.height) * scale
        cairo_save(cr)
        cairo_translate(cr, rect.x + (rect.width - w) / 2, rect.y + (rect.height - h) / 2)
        cairo_scale(cr, scale, scale)
        cairo_set_source_surface(cr, surface, 0, 0)
        cairo_paint(cr)
        cairo_restore(cr)
    }

    /// A grey box with a short note where a picture should be (a clip frame that could not be read).
    public func placeholder(in rect: Rect, note: String) {
        fill(rect, Color(hex: 0xF2F2F2))
        stroke(rect, .faint)
        draw(note, in: rect.inset(3), TextStyle.tiny.aligned(.center), centeredVertically: true)
    }

    /// Draws `code` as vector squares filling `rect` (square, quiet zone included).
    public func draw(_ code: QRCode, in rect: Rect) {
        let side = min(rect.width, rect.height)
        let modules = Double(code.size + 2 * QRCode.quietZone)
        let unit = side / modules
        fill(Rect(x: rect.x, y: rect.y, width: side, height: side), .white)
        setColor(.black)
        for row in 0..<code.size {
            var column = 0
            while column < code.size {
                guard code.isDark(row: row, column: column) else {
                    column += 1
                    continue
                }
                // One rectangle per run of dark modules keeps the PDF small and the edges clean.
                var end = column
                while end + 1 < code.size, code.isDark(row: row, column: end + 1) { end += 1 }
                cairo_rectangle(
                    cr, rect.x + Double(QRCode.quietZone + column) * unit, rect.y + Double(QRCode.quietZone + row) * unit,
                    Double(end - column + 1) * unit, unit)
                column = end + 1
            }
        }
        cairo_fill(cr)
    }
}
