import HTTPTypes
import Hummingbird

extension Request {
    /// The value of one cookie, read straight from the `Cookie` header(s).
    ///
    /// Every request asks for two cookies (language and session); Hummingbird's `cookies` parses
    /// each into a `Cookie` with its attributes, which cost a tenth of a small request's time.
    /// Our cookies' values are hex tokens and language codes, so no decoding is needed: the
    /// first `name=value` pair wins, as browsers send the most specific cookie first.
    func cookieValue(_ name: String) -> String? {
        for header in headers[values: .cookie] {
            for pair in header.utf8.split(separator: UInt8(ascii: ";")) {
                var pair = pair[...]
                while pair.first == UInt8(ascii: " ") || pair.first == UInt8(ascii: "\t") { pair = pair.dropFirst() }
                guard let equals = pair.firstIndex(of: UInt8(ascii: "=")), pair[..<equals].elementsEqual(name.utf8) else { continue }
                var value = pair[pair.index(after: equals)...]
                while value.last == UInt8(ascii: " ") || value.last == UInt8(ascii: "\t") { value = value.dropLast() }
                if value.count >= 2, value.first == UInt8(ascii: "\""), value.last == UInt8(ascii: "\"") {
                    value = value.dropFirst().dropLast()
                }
                return String(Substring(value))
            }
        }
        return nil
    }
}
