import Foundation
import Hummingbird

/// The UI language: Japanese by default, English when chosen (a cookie remembers the choice).
public enum Language: String, Sendable, CaseIterable {
    case ja, en

    static let cookieName = "densho_lang"

    /// The cookie if set, else Japanese: the people using Densho read Japanese first, whatever
    /// their browser's settings say.
    init(request: Request) {
        self = request.cookieValue(Self.cookieName).flatMap(Language.init(rawValue:)) ?? .ja
    }

    /// Every UI string in this language, keyed by name (templates use `{{t.key}}`).
    var strings: [String: String] { self == .ja ? UIStrings.japanese : UIStrings.english }

    func text(_ key: String) -> String { strings[key] ?? key }
}
