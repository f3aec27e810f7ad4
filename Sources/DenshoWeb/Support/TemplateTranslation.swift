import Foundation
import HTTPTypes
import Mustache

/// Templates as each language's library holds them: every `{{t.key}}` replaced by the key's text, escaped, when the
/// templates load.
///
/// A page of the layout, its navigation and a form looks up a few dozen strings; through the template engine each
/// was a walk up the context stack with a dynamic cast at every level, a fifth of a results page's time. The text is
/// fixed per language, so it is put in once. Keys without text, or whose text would read as Mustache (`{{`), stay
/// look-ups of `t` and render as before.
enum TemplateTranslation {
    /// A library of the `.mustache` files in `directory` (named as `MustacheLibrary(directory:)` names them), with
    /// `strings` put in.
    static func library(directory: String, strings: [String: String]) throws -> MustacheLibrary {
        var library = MustacheLibrary()
        let root = URL(fileURLWithPath: directory).standardizedFileURL
        guard let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else {
            throw WebError(.internalServerError, ja: "テンプレートを読めません: \(directory)", en: "cannot read templates in \(directory)")
        }
        for case let file as URL in files where file.pathExtension == "mustache" {
            let relative = file.standardizedFileURL.path.dropFirst(root.path.count).drop { $0 == "/" }
            let name = String(relative.dropLast(".mustache".count))
            try library.register(translated(String(contentsOf: file, encoding: .utf8), strings: strings), named: name)
        }
        return library
    }

    /// `text` with each `{{t.key}}` whose key has text replaced by that text, HTML-escaped as `{{…}}` escapes it.
    static func translated(_ text: String, strings: [String: String]) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var rest = text[...]
        while let open = rest.range(of: "{{t.") {
            out += rest[..<open.lowerBound]
            let afterOpen = rest[open.upperBound...]
            // Only a plain key: letters, digits and underscores up to `}}`, and not a triple `{{{`.
            let key = afterOpen.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
            let afterKey = afterOpen[key.endIndex...]
            let triple = open.lowerBound > text.startIndex && text[text.index(before: open.lowerBound)] == "{"
            if !key.isEmpty, !triple, afterKey.hasPrefix("}}"), let value = strings[String(key)], !value.contains("{{") {
                out += HTML.escape(value)
                rest = afterKey.dropFirst(2)
            } else {
                out += rest[open]
                rest = afterOpen
            }
        }
        out += rest
        return out
    }
}
