import Foundation

/// Recognises "the disk is full" however it arrives: a POSIX `ENOSPC` (directly or under a
/// Foundation error), Foundation's own out-of-space code, or libav's text for it. The store and the
/// media core each turn it into their own typed error; this is the one place that knows the forms.
public enum DiskSpace {
    public static func isFull(_ error: any Error) -> Bool {
        let nsError = error as NSError
        if nsError.domain == NSPOSIXErrorDomain && nsError.code == Int(ENOSPC) { return true }
        if nsError.domain == NSCocoaErrorDomain && nsError.code == CocoaError.fileWriteOutOfSpace.rawValue { return true }
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, isFull(underlying) { return true }
        return "\(error)".contains("No space left on device")
    }
}
