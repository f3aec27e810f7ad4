import ArgumentParser
import DenshoDomain

struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search people, skills, clips, chapters and manuals (Japanese-aware).",
        discussion: """
            Width, case, kana and 異体字 are folded, and words are also matched by their reading, typed in hiragana, \
            katakana or romaji: せんばん, センバン, ｾﾝﾊﾞﾝ and senban all find 旋盤. Several words find what contains \
            all of them. In a table, matches are shown in 【】.
            """)

    @OptionGroup var options: GlobalOptions
    @Argument(help: "Words to find (e.g. 旋盤, ようせつ, senban, \"NC 旋盤\").") var words: [String] = []
    @Option(help: "Maximum number of hits.") var limit: Int = 20
    @Flag(name: .customLong("rebuild-index"), help: "Rewrite every entry of the search index (after the reading dictionary changed).")
    var rebuildIndex = false

    func validate() throws {
        guard (1...500).contains(limit) else { throw ValidationError("--limit must be between 1 and 500") }
        guard rebuildIndex || !words.isEmpty else { throw ValidationError("Give the words to find (or --rebuild-index).") }
    }

    func run() async throws {
        let context = try CLIContext(options)
        if rebuildIndex {
            let entries = try await context.store.rebuildSearchIndex()
            Terminal.note("Rewrote \(entries) search entries.")
            guard !words.isEmpty else { return }
        }
        let company = try await context.company()
        let query = SearchQuery(words.joined(separator: " "))
        for notice in query.notices {
            switch notice {
            case .shortened: Terminal.note("The search was shortened to its first \(SearchQuery.maxCharacters) characters.")
            case .tooManyWords: Terminal.note("Only the first \(SearchQuery.maxTerms) words were searched.")
            case .nothingToSearch: throw ValidationError("Nothing to search for: type letters or digits.")
            }
        }
        // 【】 mark matches on a terminal; JSON and CSV carry the text as it is.
        let marked = context.output.format == .table
        var table = DataTable([("kind", "種類"), ("id", "ID"), ("title", "名前"), ("snippet", "一致")])
        for hit in try await context.store.search(query, company: company.id, limit: limit) {
            table.append([.text(hit.kind.rawValue), .int(Int(hit.id)), .text(marked ? hit.title.bracketed : hit.title.plain),
                          .text(marked ? hit.snippet.bracketed : hit.snippet.plain)])
        }
        context.output.print(table)
    }
}
