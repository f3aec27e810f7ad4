#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CFileCopy
import Dispatch
import DenshoMedia
import Foundation
import Synchronization

/// Why a copy or a hash stopped.
enum CopyFailure: Error {
    /// The source could not be opened or read (gone, unreadable, an I/O error on its disk).
    case source(path: String, code: Int32)
    /// Writing the target failed (`ENOSPC` when its disk is full, `EIO`/`ENODEV` when it went away).
    case target(path: String, code: Int32)
    /// The bytes read do not have the expected SHA-256: nothing of them was kept.
    case mismatch(actual: String, size: Int64)

    var isTargetFull: Bool {
        if case .target(_, let code) = self { return code == ENOSPC || code == EDQUOT }
        return false
    }
}

/// Reads files with large reads (4 MiB) into one buffer, hashing what passes through (SHA-256
/// with the processor's SHA extensions, on a second core while the copy is written), and writes
/// copies that are fsynced before they are named. One copier per thread: the buffer is its own.
final class FileCopier {
    static let bufferSize = 4 << 20
    private let buffer: UnsafeMutableRawBufferPointer

    init() {
        buffer = .allocate(byteCount: Self.bufferSize, alignment: 4096)
    }

    deinit { buffer.deallocate() }

    /// SHA-256 and size of a file. `progress` is told each read's byte count.
    func hash(_ path: String, progress: (Int) -> Void = { _ in }) throws(CopyFailure) -> (sha256: String, size: Int64) {
        let input = open(path, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw .source(path: path, code: errno) }
        defer { _ = close(input) }
        let stream = DenshoMedia.SHA256.Stream()
        let buffer = self.buffer
        let size = try pump(input, path: path) { count, _ throws(CopyFailure) in
            stream.update(UnsafeRawBufferPointer(start: buffer.baseAddress, count: count))
            progress(count)
        }
        return (stream.finish(), size)
    }

    /// Copies `source` to the new file `destination` (which must not exist) and hashes the copy.
    /// With `expected`, bytes of another hash are refused: the caller removes `destination`. The
    /// copy is read-only and fsynced when this returns.
    ///
    /// Where the kernel can copy between the two files (`copy_file_range`, same kind of file
    /// system), it does, and what was written is read back from the page cache and hashed on the
    /// second core while the next chunk is copied: the hash then checks the backup's own bytes.
    /// Elsewhere (a USB disk with another file system) the bytes pass through one buffer, hashed
    /// while they are written.
    func copy(from source: String, to destination: String, expected: String?,
              progress: (Int) -> Void = { _ in }) throws(CopyFailure) -> (sha256: String, size: Int64) {
        let input = open(source, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw .source(path: source, code: errno) }
        defer { _ = close(input) }
        let output = open(destination, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard output >= 0 else { throw .target(path: destination, code: errno) }
        var outputOpen = true
        defer { if outputOpen { _ = close(output) } }
        var stream = DenshoMedia.SHA256.Stream()
        var size: Int64
        if let copied = try kernelCopy(input, to: output, destination: destination, stream: stream, progress: progress) {
            size = copied
        } else {
            // Start again through user space: it tells a source that cannot be read from a target
            // that cannot be written, which the kernel's copy does not.
            guard ftruncate(output, 0) == 0, lseek(output, 0, SEEK_SET) == 0, lseek(input, 0, SEEK_SET) == 0 else {
                throw .target(path: destination, code: errno)
            }
            stream = DenshoMedia.SHA256.Stream()
            size = try bufferedCopy(input, source: source, to: output, destination: destination, stream: stream, progress: progress)
        }
        let hash = stream.finish()
        if let expected, expected != hash { throw .mismatch(actual: hash, size: size) }
        guard fchmod(output, 0o444) == 0, fsync(output) == 0 else { throw .target(path: destination, code: errno) }
        outputOpen = false
        guard close(output) == 0 else { throw .target(path: destination, code: errno) }
        return (hash, size)
    }

    /// The kernel's copy, chunk by chunk, with each chunk read back and hashed while the next is
    /// copied. nil when the kernel cannot copy these files or failed part-way for a reason other
    /// than a full disk (the caller starts again through user space).
    private func kernelCopy(_ input: Int32, to output: Int32, destination: String, stream: DenshoMedia.SHA256.Stream,
                            progress: (Int) -> Void) throws(CopyFailure) -> Int64? {
        let work = KernelCopyWork(input: input, output: output, buffer: buffer, stream: stream)
        work.copyChunk(at: 0)
        var offset: Int64 = 0
        while true {
            let (length, failure) = (work.copied, work.copyFailure)
            if failure == ENOSPC || failure == EDQUOT { throw .target(path: destination, code: failure) }
            if failure != 0 { return nil }
            if length == 0 { return offset }
            let start = offset
            DispatchQueue.concurrentPerform(iterations: 2) { part in
                if part == 0 { work.hash(at: start, length: length) } else { work.copyChunk(at: start + Int64(length)) }
            }
            if work.readFailure != 0 { return nil }
            _ = densho_start_writeback(output, offset, Int64(length))
            progress(length)
            offset += Int64(length)
        }
    }

    /// Through the buffer: each chunk hashed on a second core while this one writes it.
    private func bufferedCopy(_ input: Int32, source: String, to output: Int32, destination: String,
                              stream: DenshoMedia.SHA256.Stream, progress: (Int) -> Void) throws(CopyFailure) -> Int64 {
        let buffer = self.buffer
        return try pump(input, path: source) { count, offset throws(CopyFailure) in
            let work = ChunkWork(chunk: UnsafeRawBufferPointer(start: buffer.baseAddress, count: count), stream: stream, output: output)
            DispatchQueue.concurrentPerform(iterations: 2) { part in
                if part == 0 { work.hash() } else { work.writeChunk() }
            }
            let failure = work.failure.load(ordering: .acquiring)
            if failure != 0 { throw .target(path: destination, code: failure) }
            _ = densho_start_writeback(output, offset, Int64(count))
            progress(count)
        }
    }

    /// Reads `input` to its end in buffer-sized chunks, handing each one's byte count and offset
    /// to `chunk` (the bytes are in `buffer`); returns the size read.
    private func pump(_ input: Int32, path: String, chunk: (Int, Int64) throws(CopyFailure) -> Void) throws(CopyFailure) -> Int64 {
        var size: Int64 = 0
        while true {
            let count = read(input, buffer.baseAddress, buffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                throw .source(path: path, code: errno)
            }
            if count == 0 { return size }
            try chunk(count, size)
            size += Int64(count)
        }
    }

    /// Writes `data` to `path` through a temporary file beside it, fsynced, then renamed: a reader
    /// sees the old file or the new one, never a part.
    static func writeAtomically(_ data: Data, to path: String) throws(CopyFailure) {
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = directory + "/" + SnapshotLayout.temporaryPrefix + UUID().uuidString
        let output = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard output >= 0 else { throw .target(path: temporary, code: errno) }
        var failure = data.withUnsafeBytes { writeAll(output, $0) }
        if failure == 0, fsync(output) != 0 { failure = errno }
        if close(output) != 0, failure == 0 { failure = errno }
        if failure == 0, rename(temporary, path) != 0 { failure = errno }
        guard failure == 0 else {
            _ = unlink(temporary)
            throw .target(path: path, code: failure)
        }
        syncDirectory(directory)
    }

    /// Writes all of `bytes` to `descriptor` (again after a short write or an interruption); the
    /// errno of a failure, 0 when everything was written.
    static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32 {
        var written = 0
        while written < bytes.count {
            let wrote = write(descriptor, bytes.baseAddress! + written, bytes.count - written)
            if wrote < 0 {
                if errno == EINTR { continue }
                return errno
            }
            written += wrote
        }
        return 0
    }

    /// Makes a rename or a new file in `directory` durable (best effort: some file systems refuse).
    static func syncDirectory(_ directory: String) {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        _ = close(descriptor)
    }

    /// Creates `path` and missing parents as folders.
    static func makeDirectory(_ path: String) throws(CopyFailure) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .target(path: path, code: Self.code(of: error) ?? EIO)
        }
    }

    /// The POSIX error number inside a Foundation error, if it carries one.
    static func code(of error: any Error) -> Int32? {
        let nsError = error as NSError
        if nsError.domain == NSPOSIXErrorDomain { return Int32(nsError.code) }
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError { return code(of: underlying) }
        if nsError.domain == NSCocoaErrorDomain && nsError.code == CocoaError.fileWriteOutOfSpace.rawValue { return ENOSPC }
        return nil
    }

    /// The system's words for an error number.
    static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}

/// The kernel copy's two halves, run at once on two cores: hashing the chunk just copied (read back
/// into the buffer) and copying the next. Each writes only its own results; `concurrentPerform`
/// returning orders them before the caller reads them.
private final class KernelCopyWork: @unchecked Sendable {
    static let chunk = FileCopier.bufferSize
    let input: Int32
    let output: Int32
    let buffer: UnsafeMutableRawBufferPointer
    let stream: DenshoMedia.SHA256.Stream
    /// The last `copyChunk`: bytes copied (0 at the end) and errno (0 when none).
    var copied = 0
    var copyFailure: Int32 = 0
    var readFailure: Int32 = 0

    init(input: Int32, output: Int32, buffer: UnsafeMutableRawBufferPointer, stream: DenshoMedia.SHA256.Stream) {
        self.input = input
        self.output = output
        self.buffer = buffer
        self.stream = stream
    }

    func copyChunk(at offset: Int64) {
        var done = 0
        copyFailure = 0
        while done < Self.chunk {
            let count = densho_copy_file_range(input, offset + Int64(done), output, offset + Int64(done), Self.chunk - done)
            if count < 0 {
                if errno == EINTR { continue }
                copyFailure = errno
                break
            }
            if count == 0 { break }
            done += count
        }
        copied = done
    }

    func hash(at offset: Int64, length: Int) {
        var done = 0
        while done < length {
            let count = pread(output, buffer.baseAddress! + done, length - done, off_t(offset) + off_t(done))
            if count < 0 {
                if errno == EINTR { continue }
                readFailure = errno
                return
            }
            if count == 0 {
                readFailure = EIO
                return
            }
            done += count
        }
        stream.update(UnsafeRawBufferPointer(start: buffer.baseAddress, count: length))
    }
}

/// The two halves of copying one chunk, run at once on two cores: both only read the chunk, and
/// each touches its own state (the hash, the output file), so sharing them is safe.
private final class ChunkWork: @unchecked Sendable {
    let chunk: UnsafeRawBufferPointer
    let stream: DenshoMedia.SHA256.Stream
    let output: Int32
    /// The `errno` of a failed write, 0 while none failed.
    let failure = Atomic<Int32>(0)

    init(chunk: UnsafeRawBufferPointer, stream: DenshoMedia.SHA256.Stream, output: Int32) {
        self.chunk = chunk
        self.stream = stream
        self.output = output
    }

    func hash() { stream.update(chunk) }

    func writeChunk() {
        let code = FileCopier.writeAll(output, chunk)
        if code != 0 { failure.store(code, ordering: .releasing) }
    }
}

/// Runs blocking file work on a thread of its own, so a long copy never holds one of Swift's few
/// cooperative threads (the web server's) for minutes.
enum BlockingIO {
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let thread = Thread {
                continuation.resume(with: Result(catching: body))
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
    }
}

/// Set when the task that started blocking work is cancelled; the work looks at it between files.
final class CancelFlag: Sendable {
    private let state = Mutex(false)

    var isSet: Bool { state.withLock { $0 } }

    func set() { state.withLock { $0 = true } }
}
