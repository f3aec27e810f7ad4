import CXlsxWriter

/// A cell format in the font Japanese offices' workbooks use (游ゴシック) at `size` points, then
/// set up by `configure`: the one starting point of every format the exported workbooks add.
func officeFormat(
    _ workbook: UnsafeMutablePointer<lxw_workbook>, size: Double, _ configure: (UnsafeMutablePointer<lxw_format>) -> Void
) -> UnsafeMutablePointer<lxw_format> {
    let format = workbook_add_format(workbook)!
    format_set_font_name(format, "游ゴシック")
    format_set_font_size(format, size)
    configure(format)
    return format
}
