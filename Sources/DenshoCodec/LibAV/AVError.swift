import CFFmpeg
import DenshoMedia

extension MediaError {
    /// An error for a negative libav return code, with libav's text.
    static func av(_ kind: Kind, _ what: String, _ code: Int32) -> MediaError {
        MediaError(code == -ENOSPC ? .diskFull : kind, "\(what): \(averrorText(code))")
    }

}

/// libav's text for an error code (`Invalid data found when processing input`).
func averrorText(_ code: Int32) -> String {
    CStrings.filled { densho_strerror(code, $0, $1) }
}

/// Throws for a negative libav return code.
@discardableResult
func check(_ code: Int32, _ kind: MediaError.Kind, _ what: @autoclosure () -> String) throws -> Int32 {
    if code < 0 { throw MediaError.av(kind, what(), code) }
    return code
}
