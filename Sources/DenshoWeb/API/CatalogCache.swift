import DenshoDomain
import Foundation
import NIOCore
import Synchronization

/// Encoded JSON of a company's catalogue, kept until the data revision moves.
final class CatalogCache: Sendable {
    private let entries = Mutex<[Company.ID: (revision: Int64, body: ByteBuffer)]>([:])

    func body(company: Company.ID, revision: Int64, encode: () async throws -> Data) async throws -> ByteBuffer {
        if let hit = entries.withLock({ $0[company] }), hit.revision == revision { return hit.body }
        let body = ByteBuffer(bytes: try await encode())
        entries.withLock { $0[company] = (revision, body) }
        return body
    }
}
