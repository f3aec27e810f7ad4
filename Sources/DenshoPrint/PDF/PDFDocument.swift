import CCairo

/// A PDF being drawn with cairo, its text set with pango. Vector output; cairo embeds the subset of
/// the Noto CJK font that the sheet uses, so it prints the same on any PC.
///
/// Not thread-safe: one document is drawn by one task from start to finish.
public final class PDFDocument {
    let surface: OpaquePointer
    let cr: OpaquePointer
    let layout: OpaquePointer
    private let sink: Unmanaged<ByteSink>
    private var fonts: [String: OpaquePointer] = [:]
    private var size: PageSize
    public private(set) var pageCount = 0
    /// Warnings collected while drawing (text that could not fit even at its smallest size).
    public var warnings = PrintWarnings()

    /// Bytes cairo writes, kept in memory: the CLI writes them to a file, the web app sends them.
    final class ByteSink {
        var bytes: [UInt8] = []
    }

    public init(size: PageSize, title: String, author: String) throws(PrintError) {
        self.size = size
        let sink = Unmanaged.passRetained(ByteSink())
        self.sink = sink
        let write: cairo_write_func_t = { closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
            let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
            sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }
        guard let surface = cairo_pdf_surface_create_for_stream(write, sink.toOpaque(), size.width, size.height),
            cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let cr = cairo_create(surface)
        else {
            sink.release()
            throw .cairo("cannot create a PDF surface")
        }
        self.surface = surface
        self.cr = cr
        self.layout = pango_cairo_create_layout(cr)
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, author)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Densho 伝承")
    }

    deinit {
        for font in fonts.values { pango_font_description_free(font) }
        g_object_unref(UnsafeMutableRawPointer(layout))
        cairo_destroy(cr)
        cairo_surface_destroy(surface)
        sink.release()
    }

    /// Starts the next page (the first call starts page 1) in `size`, or the document's size.
    public func beginPage(_ size: PageSize? = nil) {
        if pageCount > 0 { cairo_show_page(cr) }
        if let size, size != self.size {
            self.size = size
            cairo_pdf_surface_set_size(surface, size.width, size.height)
        }
        pageCount += 1
    }

    public var pageSize: PageSize { size }

    /// Ends the document and returns its bytes.
    public func finish() throws(PrintError) -> PrintedDocument {
        if pageCount == 0 { beginPage() }
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else { throw .cairo(String(cString: cairo_status_to_string(status))) }
        return PrintedDocument(pdf: sink.takeUnretainedValue().bytes, pageCount: pageCount, warnings: warnings.messages)
    }

    // MARK: Fonts

    func font(_ style: TextStyle) -> OpaquePointer {
        let key = "\(style.size)|\(style.bold)"
        if let font = fonts[key] { return font }
        let font = pango_font_description_new()!
        pango_font_description_set_family(font, TextStyle.fontFamily)
        pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        // Absolute size is in device units, which are points on a PDF surface.
        pango_font_description_set_absolute_size(font, style.size * Double(PANGO_SCALE))
        fonts[key] = font
        return font
    }

    func setColor(_ color: Color) {
        cairo_set_source_rgb(cr, color.red, color.green, color.blue)
    }
}
