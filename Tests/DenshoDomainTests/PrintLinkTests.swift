import Testing
@testable import DenshoDomain

/// Where the QR codes of a printed 作業標準書 lead: the setting, else where the sheet was printed
/// from, and whether phones on the floor can open it.
@Suite("Printed QR links")
struct PrintLinkTests {
    @Test func theSettingComesFirstThenTheRequestThenTheFallback() {
        #expect(CompanySettings.printBase(setting: "http://192.168.1.20:8080", requestOrigin: "http://localhost:8080")
            == ("http://192.168.1.20:8080", false))
        #expect(CompanySettings.printBase(setting: nil, requestOrigin: "http://192.168.1.20:8080") == ("http://192.168.1.20:8080", false))
        #expect(CompanySettings.printBase(setting: nil, requestOrigin: nil) == (CompanySettings.fallbackBaseURL, true))
        #expect(CompanySettings.printBase(setting: "javascript:alert(1)", requestOrigin: "https://densho.example.jp")
            == ("https://densho.example.jp", false))
    }

    @Test(arguments: [
        ("http://localhost:8080", true), ("http://127.0.0.1:8080", true), ("http://[::1]:8080", true), ("http://0.0.0.0:8080", true),
        ("http://densho.localhost", true), ("http://192.168.1.20:8080", false), ("https://densho.example.jp", false),
    ])
    func localOnlyAddresses(address: String, local: Bool) {
        #expect(CompanySettings.isLocalOnly(address) == local)
    }
}
