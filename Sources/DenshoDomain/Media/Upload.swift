/// A resumable upload in progress (tus 1.0): the bytes received so far live in a part file under
/// the data root; this record says how many and what the finished file becomes.
public struct Upload: Hashable, Codable, Sendable {
    /// Random hex, unguessable: it appears in the upload's URL.
    public var id: String
    public var companyID: Company.ID
    public var accountID: Account.ID
    public var length: Int64
    public var offset: Int64
    public var fileName: String
    public var title: String
    public var tags: [String]
    /// Unix seconds.
    public var createdAt: Double
    /// Set once the last byte arrived and the clip was registered.
    public var clipID: Clip.ID?

    public init(
        id: String, companyID: Company.ID, accountID: Account.ID, length: Int64, offset: Int64 = 0, fileName: String,
        title: String, tags: [String], createdAt: Double, clipID: Clip.ID? = nil
    ) {
        self.id = id
        self.companyID = companyID
        self.accountID = accountID
        self.length = length
        self.offset = offset
        self.fileName = fileName
        self.title = title
        self.tags = tags
        self.createdAt = createdAt
        self.clipID = clipID
    }

    public var isComplete: Bool { offset == length }

    /// Where the received bytes are kept, relative to the data root. The id is ours, never the client's text.
    public var partPath: String { "uploads/\(id).part" }
}

public protocol UploadRepository: Sendable {
    func createUpload(_ upload: Upload) async throws
    func upload(_ id: String, company: Company.ID) async throws -> Upload?
    func setUploadOffset(_ id: String, offset: Int64) async throws
    func finishUpload(_ id: String, clip: Clip.ID) async throws
    func deleteUpload(_ id: String) async throws
    /// Unfinished uploads created before `before` (unix seconds), to clean up.
    func staleUploads(before: Double) async throws -> [Upload]
}
