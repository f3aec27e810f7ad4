import CCairo

/// Short table text set straight from the font's glyphs, without a pango layout per cell. The ISO
/// 7.2 record of a 200-person department has 60,000 rows of eleven cells, and pango (even with one
/// re-used layout, or a prepared `Stamp` per string) costs about 10 µs a cell, more than the whole
/// budget. Each distinct string is converted to glyphs once, by the font's own character map (no
/// shaping, which cells of Japanese, digits and codes do not need); a page's cells are then drawn
/// with one `cairo_show_text_glyphs` per style, carrying their text, so the PDF stays searchable
/// and copyable (pdftotext reads 月 as 月, not as the radical ⽉ a glyph alone would map to).
///
/// A string the font lacks a character of, with a control character, or wider than its cell is
/// refused (`add` returns false) and the caller sets it with pango, which finds another font,
/// shrinks and wraps.
final class TextRuns {
    /// A class, so that a cell costs one reference count rather than three.
    private final class Run {
        let text: [CChar]
        let glyphs: [cairo_glyph_t]
        let clusters: [cairo_text_cluster_t]
        let width: Double

        init(text: [CChar], glyphs: [cairo_glyph_t], clusters: [cairo_text_cluster_t], width: Double) {
            self.text = text
            self.glyphs = glyphs
            self.clusters = clusters
            self.width = width
        }
    }

    let style: TextStyle
    private let document: PDFDocument
    private let font: OpaquePointer
    private let ascent: Double
    private let descent: Double
    private var cache: [String: Run?] = [:]
    // What the current page has queued: text, glyphs and clusters in the same order.
    private var text: [CChar] = []
    private var glyphs: [cairo_glyph_t] = []
    private var clusters: [cairo_text_cluster_t] = []

    /// Nil when cairo cannot make the font (the caller then sets everything with pango).
    init?(document: PDFDocument, style: TextStyle) {
        let face = cairo_toy_font_face_create(
            TextStyle.fontFamily, CAIRO_FONT_SLANT_NORMAL, style.bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        defer { cairo_font_face_destroy(face) }
        var matrix = cairo_matrix_t()
        cairo_matrix_init_scale(&matrix, style.size, style.size)
        var identity = cairo_matrix_t()
        cairo_matrix_init_identity(&identity)
        let options = cairo_font_options_create()
        defer { cairo_font_options_destroy(options) }
        cairo_surface_get_font_options(document.surface, options)
        guard let scaled = cairo_scaled_font_create(face, &matrix, &identity, options) else { return nil }
        guard cairo_scaled_font_status(scaled) == CAIRO_STATUS_SUCCESS else {
            cairo_scaled_font_destroy(scaled)
            return nil
        }
        var extents = cairo_font_extents_t()
        cairo_scaled_font_extents(scaled, &extents)
        self.font = scaled
        self.ascent = extents.ascent
        self.descent = extents.descent
        self.style = style
        self.document = document
    }

    deinit { cairo_scaled_font_destroy(font) }

    /// Queues `string` on one line in `rect`, placed by `alignment` (default: the style's) and
    /// centred vertically; false, queuing nothing, when it cannot be set this way (see above).
    func add(_ string: String, in rect: Rect, alignment: TextStyle.Alignment? = nil) -> Bool {
        if string.isEmpty { return true }
        let run: Run?
        if let cached = cache[string] {
            run = cached
        } else {
            // Bounded for records where nearly every string differs (evidence numbers).
            if cache.count >= 50_000 { cache.removeAll(keepingCapacity: true) }
            run = prepare(string)
            cache[string] = run
        }
        guard let run, run.width <= rect.width + 0.01 else { return false }
        let x: Double = switch alignment ?? style.alignment {
        case .left: rect.x
        case .center: rect.x + (rect.width - run.width) / 2
        case .right: rect.maxX - run.width
        }
        let baseline = rect.y + (rect.height - (ascent + descent)) / 2 + ascent
        text.append(contentsOf: run.text)
        clusters.append(contentsOf: run.clusters)
        for glyph in run.glyphs {
            glyphs.append(cairo_glyph_t(index: glyph.index, x: glyph.x + x, y: glyph.y + baseline))
        }
        return true
    }

    /// Draws what the page has queued, in one operation; call before the page ends.
    func flush() {
        guard !glyphs.isEmpty else { return }
        document.setColor(style.color)
        let cr = document.cr
        cairo_set_scaled_font(cr, font)
        text.withUnsafeBufferPointer { t in
            glyphs.withUnsafeBufferPointer { g in
                clusters.withUnsafeBufferPointer { c in
                    cairo_show_text_glyphs(cr, t.baseAddress, Int32(t.count), g.baseAddress, Int32(g.count), c.baseAddress, Int32(c.count),
                                           cairo_text_cluster_flags_t(rawValue: 0))
                }
            }
        }
        text.removeAll(keepingCapacity: true)
        glyphs.removeAll(keepingCapacity: true)
        clusters.removeAll(keepingCapacity: true)
    }

    private func prepare(_ string: String) -> Run? {
        guard !string.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) else { return nil }
        var glyphList: UnsafeMutablePointer<cairo_glyph_t>? = nil
        var glyphCount: Int32 = 0
        var clusterList: UnsafeMutablePointer<cairo_text_cluster_t>? = nil
        var clusterCount: Int32 = 0
        var flags = cairo_text_cluster_flags_t(rawValue: 0)
        var extents = cairo_text_extents_t()
        let status = string.withCString { (chars: UnsafePointer<CChar>) -> cairo_status_t in
            cairo_scaled_font_text_extents(font, chars, &extents)
            return cairo_scaled_font_text_to_glyphs(
                font, 0, 0, chars, -1, &glyphList, &glyphCount, &clusterList, &clusterCount, &flags)
        }
        defer {
            cairo_glyph_free(glyphList)
            cairo_text_cluster_free(clusterList)
        }
        guard status == CAIRO_STATUS_SUCCESS, flags.rawValue == 0, let firstGlyph = glyphList, let firstCluster = clusterList else {
            return nil
        }
        let glyphs = Array(UnsafeBufferPointer(start: firstGlyph, count: Int(glyphCount)))
        // Glyph 0 is .notdef: a character this font does not have.
        guard !glyphs.isEmpty, !glyphs.contains(where: { $0.index == 0 }) else { return nil }
        return Run(text: Array(string.utf8CString.dropLast()), glyphs: glyphs,
                   clusters: Array(UnsafeBufferPointer(start: firstCluster, count: Int(clusterCount))), width: extents.x_advance)
    }
}

/// A straight line from (x0, y0) to (x1, y1).
struct Segment {
    var x0: Double
    var y0: Double
    var x1: Double
    var y1: Double
}

extension PDFDocument {
    func textRuns(_ style: TextStyle) -> TextRuns? { TextRuns(document: self, style: style) }

    /// Strokes many segments of one colour and width as one path (one operator in the PDF).
    func stroke(_ segments: [Segment], _ color: Color, width: Double) {
        guard !segments.isEmpty else { return }
        setColor(color)
        cairo_set_line_width(cr, width)
        for s in segments {
            cairo_move_to(cr, s.x0, s.y0)
            cairo_line_to(cr, s.x1, s.y1)
        }
        cairo_stroke(cr)
    }

    /// `count` horizontal rules from `x0` to `x1`, the first at `first`, then every `spacing`
    /// points down: drawn as one vertical stroke as wide as the rules are long, dashed so that
    /// each dash is one rule `width` thick (one path operator for a page of rows).
    func rules(x0: Double, x1: Double, first: Double, spacing: Double, count: Int, _ color: Color, width: Double) {
        guard count > 0, x1 > x0, spacing > width else { return }
        cairo_save(cr)
        setColor(color)
        cairo_set_line_width(cr, x1 - x0)
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT)
        let dashes = [width, spacing - width]
        cairo_set_dash(cr, dashes, 2, 0)
        let x = (x0 + x1) / 2, top = first - width / 2
        cairo_move_to(cr, x, top)
        cairo_line_to(cr, x, top + Double(count - 1) * spacing + width)
        cairo_stroke(cr)
        cairo_restore(cr)
    }
}
