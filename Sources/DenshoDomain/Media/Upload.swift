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

/// How much unfinished upload one account and one company may hold at once. An upload counts
/// from the moment it is created, with the length it declared: its part file may grow to that.
public struct UploadQuota: Hashable, Sendable {
    public var uploadsPerAccount: Int
    public var bytesPerAccount: Int64
    public var uploadsPerCompany: Int
    public var bytesPerCompany: Int64

    /// - Parameters:
    ///   - uploadsPerAccount: Unfinished uploads one account may hold.
    ///   - bytesPerAccount: Their declared bytes, together.
    ///   - uploadsPerCompany: Unfinished uploads of all the company's accounts.
    ///   - bytesPerCompany: Their declared bytes, together.
    public init(
        uploadsPerAccount: Int = 3, bytesPerAccount: Int64 = 8 << 30, uploadsPerCompany: Int = 20, bytesPerCompany: Int64 = 40 << 30
    ) {
        self.uploadsPerAccount = uploadsPerAccount
        self.bytesPerAccount = bytesPerAccount
        self.uploadsPerCompany = uploadsPerCompany
        self.bytesPerCompany = bytesPerCompany
    }

    /// Which limit an upload would go past.
    public enum Limit: String, Hashable, Sendable {
        case accountUploads, accountBytes, companyUploads, companyBytes
    }

    /// The first limit that one more upload of `length` bytes would exceed, given what is open.
    public func exceeded(adding length: Int64, account: UploadUsage, company: UploadUsage) -> Limit? {
        // Compared as "what is left" so that no sum can overflow.
        if account.count >= uploadsPerAccount { return .accountUploads }
        if length > bytesPerAccount - account.bytes { return .accountBytes }
        if company.count >= uploadsPerCompany { return .companyUploads }
        if length > bytesPerCompany - company.bytes { return .companyBytes }
        return nil
    }
}

/// Unfinished uploads and the bytes they declared.
public struct UploadUsage: Hashable, Sendable {
    public var count: Int
    public var bytes: Int64

    public init(count: Int, bytes: Int64) {
        self.count = count
        self.bytes = bytes
    }
}

/// An upload refused because the account or the company holds too much unfinished upload.
public struct UploadQuotaExceeded: Error, Hashable, Sendable, CustomStringConvertible {
    public var limit: UploadQuota.Limit
    public var quota: UploadQuota

    public init(limit: UploadQuota.Limit, quota: UploadQuota) {
        self.limit = limit
        self.quota = quota
    }

    public var description: String { "upload quota exceeded: \(limit.rawValue)" }
}

public protocol UploadRepository: Sendable {
    func createUpload(_ upload: Upload) async throws
    /// Creates the upload unless the account's or the company's unfinished uploads would then
    /// exceed `quota` (`UploadQuotaExceeded`): counted and inserted in one transaction, so
    /// simultaneous requests cannot both take the last place.
    func createUpload(_ upload: Upload, within quota: UploadQuota) async throws
    func upload(_ id: String, company: Company.ID) async throws -> Upload?
    /// Moves the offset from `expected` to `offset`; false (and nothing changed) when the stored
    /// offset is no longer `expected`, because another request moved it.
    func setUploadOffset(_ id: String, from expected: Int64, to offset: Int64) async throws -> Bool
    func finishUpload(_ id: String, clip: Clip.ID) async throws
    /// Deletes an unfinished upload's record (a finished one stays: it names its clip).
    func deleteUpload(_ id: String) async throws
    /// Unfinished uploads created before `before` (unix seconds): `MediaSweep` removes those whose
    /// part file was not written since.
    func staleUploads(before: Double) async throws -> [Upload]
}
