import NIOCore

/// Runs a task's jobs on the connection's NIO event loop. A video range is one read and one
/// write; without this, each write hops from Swift's thread pool to the event loop and back.
final class EventLoopExecutor: TaskExecutor, @unchecked Sendable {
    let loop: any EventLoop

    init(_ loop: any EventLoop) { self.loop = loop }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
