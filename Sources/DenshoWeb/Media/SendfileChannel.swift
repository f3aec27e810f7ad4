import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import Synchronization

/// Hummingbird's plain HTTP/1.1 child channel with `FileRegionHandler` at the head of each
/// connection's pipeline, so that video ranges go out with `sendfile` as nginx sends them.
///
/// Hummingbird's response writer takes only `ByteBuffer`s; without this, each MiB of a range is
/// read into user space and copied into the socket again. Only for plain TCP: under TLS the head
/// of the pipeline is the TLS handler's ciphertext side, where file bytes must never go.
struct SendfileHTTP1Channel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value
    let base: HTTP1Channel

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        base.setup(channel: channel, logger: logger).flatMapThrowing { value in
            try channel.pipeline.syncOperations.addHandler(FileRegionHandler(), position: .first)
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}

extension HTTPServerBuilder {
    /// HTTP/1.1 with `sendfile` for file delivery (see `SendfileHTTP1Channel`).
    static func http1WithSendfile(configuration: HTTP1Channel.Configuration = .init()) -> HTTPServerBuilder {
        .init { responder in SendfileHTTP1Channel(base: HTTP1Channel(responder: responder, configuration: configuration)) }
    }
}

/// Turns a response body's placeholder into a `FileRegion` below the HTTP encoder, where the
/// channel accepts `IOData`.
///
/// `FileDelivery` queues the region here (on the connection's event loop) and writes `marker` as
/// the body through Hummingbird's writer; the marker reaches this handler in order with the
/// response head, and the queued region goes out in its place. The marker is random per process
/// and never sent, so no response content can be mistaken for it. Regions still queued when the
/// connection goes away are closed.
final class FileRegionHandler: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = IOData
    typealias OutboundOut = IOData

    static let marker: ByteBuffer = {
        var generator = SystemRandomNumberGenerator()
        var buffer = ByteBuffer()
        for _ in 0..<4 { buffer.writeInteger(generator.next() as UInt64) }
        return buffer
    }()

    private var pending: [FileRegion] = []

    private static let sent = Atomic<Int>(0)
    /// Responses sent as file regions since the process started (tests check the path is taken).
    static var regionsSent: Int { sent.load(ordering: .relaxed) }

    /// Queues `region` for the next marker this connection writes; returns that marker.
    func enqueue(_ region: FileRegion) -> ByteBuffer {
        pending.append(region)
        return Self.marker
    }

    /// Takes back a region whose marker never reached the channel (the writer failed), so it
    /// cannot stand in for a later response's marker.
    func withdraw(_ region: FileRegion) {
        guard let index = pending.firstIndex(where: { $0.fileHandle === region.fileHandle }) else { return }
        try? pending.remove(at: index).fileHandle.close()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .byteBuffer(let buffer) = unwrapOutboundIn(data), !pending.isEmpty, buffer == Self.marker else {
            context.write(data, promise: promise)
            return
        }
        let region = pending.removeFirst()
        let written = context.eventLoop.makePromise(of: Void.self)
        written.futureResult.whenComplete { _ in try? region.fileHandle.close() }
        written.futureResult.cascade(to: promise)
        Self.sent.add(1, ordering: .relaxed)
        context.write(wrapOutboundOut(.fileRegion(region)), promise: written)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        for region in pending { try? region.fileHandle.close() }
        pending.removeAll()
    }
}
