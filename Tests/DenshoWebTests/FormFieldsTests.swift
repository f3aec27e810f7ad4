import HTTPTypes
import Hummingbird
import Testing
@testable import DenshoWeb

/// The form decoder every post and player beacon goes through (bytes, not Foundation strings).
@Suite("Form fields")
struct FormFieldsTests {
    @Test func decodesPlusPercentAndJapanese() {
        // 「段取り 基本」 as a browser encodes it, a space as +, a literal + as %2B.
        let form = FormFields(encoded: "title=%E6%AE%B5%E5%8F%96%E3%82%8A+%E5%9F%BA%E6%9C%AC&sum=1%2B1&empty=&flag&clip=42")
        #expect(form["title"] == "段取り 基本")
        #expect(form["sum"] == "1+1")
        #expect(form["empty"] == "")
        #expect(form["flag"] == "")
        #expect(form.int64("clip") == 42)
        #expect(form["missing"] == nil)
    }

    @Test func keepsRepeatedNamesInOrder() {
        let form = FormFields(encoded: "skill=3&&skill=1&skill=2")
        #expect(form.all("skill") == ["3", "1", "2"])
        #expect(form["skill"] == "3")
        #expect(form.pairs.count == 3)
    }

    @Test func malformedEscapesAreKeptAsTyped() {
        #expect(FormFields(encoded: "a=100%&b=%zz&c=%4")["a"] == "100%")
        #expect(FormFields(encoded: "b=%zz")["b"] == "%zz")
        #expect(FormFields(encoded: "c=%4")["c"] == "%4")
        // Bytes that are no UTF-8 leave the value undecoded rather than half-decoded.
        #expect(FormFields(encoded: "d=%FF%FE+x")["d"] == "%FF%FE x")
        // Names are decoded like values; a value may contain '='.
        #expect(FormFields(encoded: "%E5%90%8D=a=b")["名"] == "a=b")
    }
}

/// The cookie lookup every request makes (language and session).
@Suite("Cookie lookup")
struct CookieLookupTests {
    @Test func findsTheNamedCookieAmongOthers() {
        func request(_ cookies: [String]) -> Request {
            var fields = HTTPFields()
            for cookie in cookies { fields.append(HTTPField(name: .cookie, value: cookie)) }
            return Request(head: HTTPRequest(method: .get, scheme: "http", authority: "x", path: "/", headerFields: fields), body: .init(buffer: .init()))
        }
        let one = request(["densho_lang=en; densho_session=abc123 ;other=1", "late=2"])
        #expect(one.cookieValue("densho_session") == "abc123")
        #expect(one.cookieValue("densho_lang") == "en")
        #expect(one.cookieValue("late") == "2")
        #expect(one.cookieValue("densho") == nil)
        #expect(one.cookieValue("session") == nil)
        #expect(request(["a=\"quoted\"; b="]).cookieValue("a") == "quoted")
        #expect(request(["a=\"quoted\"; b="]).cookieValue("b") == "")
        #expect(request([]).cookieValue("a") == nil)
        #expect(FormFields(encoded: "n=+42\t").int64("n") == 42)
    }
}
