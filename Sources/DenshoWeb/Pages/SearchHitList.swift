import DenshoDomain
import Foundation

/// The results page's hits as HTML. Built in Swift like the 力量表 grid: through the template engine every field of
/// every hit was a dynamic look-up and cast, and the list cost more than the search behind it. Every text passes
/// through `HTML.escape`; `<mark>` around matches is the only markup added.
struct SearchHitList {
    let hits: [SearchController.Hit]
    let language: Language

    func html() -> String {
        guard !hits.isEmpty else { return "" }
        var out = "<ul class=\"hits\">"
        out.reserveCapacity(hits.count * 400)
        // "{time}" split once: the label for chapter hits, with their time between.
        let atLabel = language.text("searchAt").components(separatedBy: "{time}")
        for hit in hits {
            out += "<li><span class=\"tag\">"
            HTML.escape(hit.kindLabel, into: &out)
            out += "</span> <a href=\""
            HTML.escape(hit.href, into: &out)
            out += "\">"
            Self.append(hit.title, to: &out)
            out += "</a>"
            if let at = hit.at {
                out += " <small class=\"muted\">"
                HTML.escape(atLabel.joined(separator: at), into: &out)
                out += "</small>"
            }
            out += "<br><small>"
            Self.append(hit.snippet, to: &out)
            out += "</small></li>"
        }
        out += "</ul>"
        return out
    }

    /// Escaped text with `<mark>` around its matches.
    static func append(_ text: MarkedText, to out: inout String) {
        for part in text.parts {
            if part.match { out += "<mark>" }
            HTML.escape(part.text, into: &out)
            if part.match { out += "</mark>" }
        }
    }
}
