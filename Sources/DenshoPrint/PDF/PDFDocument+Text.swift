import CCairo

extension PDFDocument {
    /// Lays `text` out in `style`, wrapped at `width` (nil: one line per paragraph).
    private func prepare(_ text: String, _ style: TextStyle, width: Double?) {
        pango_layout_set_font_description(layout, font(style))
        pango_layout_set_width(layout, width.map { Int32(max(1, $0) * Double(PANGO_SCALE)) } ?? -1)
        let alignment: PangoAlignment = switch style.alignment {
        case .left: PANGO_ALIGN_LEFT
        case .center: PANGO_ALIGN_CENTER
        case .right: PANGO_ALIGN_RIGHT
        }
        pango_layout_set_alignment(layout, alignment)
        pango_layout_set_text(layout, text, -1)
    }

    private var layoutSize: (width: Double, height: Double) {
        var w: Int32 = 0
        var h: Int32 = 0
        pango_layout_get_size(layout, &w, &h)
        return (Double(w) / Double(PANGO_SCALE), Double(h) / Double(PANGO_SCALE))
    }

    /// The size `text` takes, wrapped at `width`.
    public func measure(_ text: String, _ style: TextStyle, width: Double? = nil) -> (width: Double, height: Double) {
        prepare(text, style, width: width)
        return layoutSize
    }

    /// The height `text` takes wrapped at `width`.
    public func height(of text: String, _ style: TextStyle, width: Double) -> Double {
        measure(text, style, width: width).height
    }

    /// Draws `text` wrapped into `rect` from its top; returns the height used (which may be more
    /// than the rectangle's: callers that can grow use `height(of:)` first).
    @discardableResult
    public func draw(_ text: String, in rect: Rect, _ style: TextStyle, centeredVertically: Bool = false) -> Double {
        prepare(text, style, width: rect.width)
        let used = layoutSize.height
        let y = centeredVertically ? rect.y + max(0, (rect.height - used) / 2) : rect.y
        setColor(style.color)
        cairo_move_to(cr, rect.x, y)
        pango_cairo_show_layout(cr, layout)
        return used
    }

    /// The largest size from `style.size` down to `style.minimumSize` at which `text` fits `rect`.
    /// Where even the smallest does not fit, the text is still drawn whole at that size (spilling
    /// over) and a warning names it: nothing is silently cut off.
    public func fitted(_ text: String, in rect: Rect, _ style: TextStyle) -> TextStyle {
        var size = style.size
        while size > style.minimumSize {
            if measure(text, style.with(size: size), width: rect.width).height <= rect.height + 0.5 { return style.with(size: size) }
            size = max(style.minimumSize, size - 0.5)
        }
        let smallest = style.with(size: style.minimumSize)
        if measure(text, smallest, width: rect.width).height > rect.height + 0.5 {
            warnings.add("text does not fit its box even at \(style.minimumSize) pt: 「\(text.prefix(30))」")
        }
        return smallest
    }

    /// Draws `text` shrunk as needed to fit `rect`.
    public func drawFitted(_ text: String, in rect: Rect, _ style: TextStyle, centeredVertically: Bool = true) {
        draw(text, in: rect, fitted(text, in: rect, style), centeredVertically: centeredVertically)
    }

    /// Draws one line of `text` turned 90° anticlockwise (read bottom to top), its baseline end at
    /// the bottom of `rect`, shrunk to fit the rectangle's height; used for skill names over narrow
    /// matrix columns.
    public func drawRotated(_ text: String, in rect: Rect, _ style: TextStyle) {
        var chosen = style
        while chosen.size > style.minimumSize, measure(text, chosen).width > rect.height {
            chosen = chosen.with(size: max(style.minimumSize, chosen.size - 0.5))
        }
        var size = measure(text, chosen)
        if size.width > rect.height {
            // Two lines before giving up: wrap at the rectangle's height.
            size = measure(text, chosen, width: rect.height)
            if size.height > rect.width + 0.5 {
                warnings.add("column heading does not fit even at \(style.minimumSize) pt: 「\(text.prefix(30))」")
            }
        }
        cairo_save(cr)
        cairo_translate(cr, rect.x + (rect.width - size.height) / 2, rect.maxY)
        cairo_rotate(cr, -.pi / 2)
        setColor(chosen.color)
        cairo_move_to(cr, 0, 0)
        pango_cairo_show_layout(cr, layout)
        cairo_restore(cr)
    }
}

extension PDFDocument {
    /// Large pale text across the page (下書き・未承認 on drafts): readable through the content,
    /// so a copy of an unapproved sheet cannot pass for the approved one.
    public func drawWatermark(_ text: String, page: PageSize) {
        let style = TextStyle(size: 72, bold: true, color: Color(0.85, 0.85, 0.85))
        let size = measure(text, style)
        cairo_save(cr)
        cairo_translate(cr, page.width / 2, page.height / 2)
        cairo_rotate(cr, -.pi / 7)
        setColor(style.color)
        cairo_move_to(cr, -size.width / 2, -size.height / 2)
        pango_cairo_show_layout(cr, layout)
        cairo_restore(cr)
    }
}
