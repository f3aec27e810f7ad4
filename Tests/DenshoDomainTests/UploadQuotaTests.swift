import DenshoDomain
import Testing

@Suite("Upload quota")
struct UploadQuotaTests {
    static let quota = UploadQuota(uploadsPerAccount: 3, bytesPerAccount: 8 << 30, uploadsPerCompany: 20, bytesPerCompany: 40 << 30)
    static func usage(_ count: Int, _ gib: Int64) -> UploadUsage { UploadUsage(count: count, bytes: gib << 30) }

    static let cases: [(UploadUsage, UploadUsage, Int64, UploadQuota.Limit?)] = [
        (usage(0, 0), usage(0, 0), 4 << 30, nil),
        (usage(2, 4), usage(10, 20), 4 << 30, nil),  // exactly at the byte limits is allowed
        (usage(3, 0), usage(3, 0), 1, .accountUploads),
        (usage(1, 5), usage(1, 5), 4 << 30, .accountBytes),
        (usage(0, 0), usage(20, 0), 1, .companyUploads),
        (usage(0, 0), usage(5, 37), 4 << 30, .companyBytes),
        (usage(0, 0), usage(0, 0), .max, .accountBytes),  // no overflow on absurd lengths
    ]

    @Test(arguments: UploadQuotaTests.cases)
    func theFirstLimitPassedIsNamed(account: UploadUsage, company: UploadUsage, length: Int64, expected: UploadQuota.Limit?) {
        #expect(Self.quota.exceeded(adding: length, account: account, company: company) == expected)
    }

    @Test func defaultsAreThreeAndTwentyUploads() {
        let quota = UploadQuota()
        #expect(quota.uploadsPerAccount == 3 && quota.bytesPerAccount == 8 << 30)
        #expect(quota.uploadsPerCompany == 20 && quota.bytesPerCompany == 40 << 30)
    }
}
