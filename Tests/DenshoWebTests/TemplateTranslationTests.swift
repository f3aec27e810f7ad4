import Foundation
import Testing
@testable import DenshoWeb

@Suite("Templates with the string table put in when they load")
struct TemplateTranslationTests {
    @Test func keysBecomeEscapedTextAndAnythingElseStays() {
        let strings = ["a": "A & <b> \"q\" 'x'", "b": "x{{y", "c": "C"]
        let text = "{{t.a}} {{{t.c}}} {{t.b}} {{t.missing}} {{t.c}}{{#t.c}}z{{/t.c}} {{ t.c }} {{t.c.d}} {{t.}}"
        #expect(TemplateTranslation.translated(text, strings: strings)
            == "A &amp; &lt;b&gt; &quot;q&quot; &#39;x&#39; {{{t.c}}} {{t.b}} {{t.missing}} C{{#t.c}}z{{/t.c}} {{ t.c }} {{t.c.d}} {{t.}}")
    }

    /// Every `{{t.key}}` of every template has text in both languages: a key missing from the table would render as
    /// nothing on the page.
    @Test(arguments: Language.allCases)
    func everyKeyOfEveryTemplateHasText(language: Language) throws {
        let directory = WebFixture.templatesDirectory
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".mustache") }
        #expect(files.count >= 40)
        for file in files {
            let text = try String(contentsOfFile: directory + "/" + file, encoding: .utf8)
            let translated = TemplateTranslation.translated(text, strings: language.strings)
            #expect(!translated.contains("{{t."), "\(file) in \(language): \(translated.components(separatedBy: "{{t.").dropFirst().map { $0.prefix(30) })")
        }
        _ = try TemplateTranslation.library(directory: directory, strings: language.strings)
    }
}
