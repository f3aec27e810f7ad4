import CFFmpeg
import DenshoMedia

/// libav writes progress and statistics to standard error by default; Densho reports its own
/// progress and turns failures into `MediaError`, so only libav's errors are let through.
enum LibAVLog {
    static func quiet() { av_log_set_level(AV_LOG_ERROR) }
}
