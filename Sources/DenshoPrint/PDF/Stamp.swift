import CCairo

/// A short text laid out once and drawn many times (a level mark in 60,000 matrix cells), which
/// spares pango the layout work per cell.
public final class Stamp {
    let layout: OpaquePointer
    let color: Color
    public let width: Double
    public let height: Double

    init(document: PDFDocument, text: String, style: TextStyle) {
        layout = pango_cairo_create_layout(document.cr)
        color = style.color
        pango_layout_set_font_description(layout, document.font(style))
        pango_layout_set_text(layout, text, -1)
        var w: Int32 = 0
        var h: Int32 = 0
        pango_layout_get_size(layout, &w, &h)
        width = Double(w) / Double(PANGO_SCALE)
        height = Double(h) / Double(PANGO_SCALE)
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(layout)) }
}

extension PDFDocument {
    public func stamp(_ text: String, _ style: TextStyle) -> Stamp { Stamp(document: self, text: text, style: style) }

    /// Draws `stamp` centred in `rect`.
    public func draw(_ stamp: Stamp, centeredIn rect: Rect) {
        setColor(stamp.color)
        cairo_move_to(cr, rect.x + (rect.width - stamp.width) / 2, rect.y + (rect.height - stamp.height) / 2)
        pango_cairo_show_layout(cr, stamp.layout)
    }

    /// Fills many rectangles of one colour as one path (one fill operator in the PDF).
    public func fill(_ rects: [Rect], _ color: Color) {
        guard !rects.isEmpty else { return }
        setColor(color)
        for rect in rects { cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height) }
        cairo_fill(cr)
    }

    /// Strokes many rectangles of one colour and width as one path.
    public func stroke(_ rects: [Rect], _ color: Color, width: Double) {
        guard !rects.isEmpty else { return }
        setColor(color)
        cairo_set_line_width(cr, width)
        for rect in rects { cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height) }
        cairo_stroke(cr)
    }
}
