import DenshoDomain
import DenshoInterchange
import DenshoStore
import Foundation

/// Search on the 1,000-employee benchmark company plus 500 manuals of 20 steps (issue 17):
/// 1. p99 of the header box's suggestions and of the results page (20 hits) under wrk at 16 connections, over a mix of
///    queries in kanji, hiragana, romaji, half-width kana and several words;
/// 2. the index's share of an import of 100,000 evaluations: what the import's own refresh costs, and what even a
///    rebuild of every entry would add.
enum SearchBench {
    static let manuals = 500
    static let stepsPerManual = 20
    static let queries = ["旋盤", "せんばん", "senban", "ようせつ", "yousetsu", "NC 旋盤", "段取り 確認", "治具", "ﾁｬｯｸ", "めんとり",
                          "芯出し", "しゃいん", "社員 12", "ばり", "スキル1", "とるく"]

    static func run(directory: String, densho: String, log: @escaping @Sendable (String) -> Void) async throws -> [BenchResult] {
        let (root, store, company) = try await BenchDataset.copy(directory: directory, name: "search", log: log)
        var results: [BenchResult] = []

        log("search: adding \(manuals) manuals of \(stepsPerManual) steps")
        var random = SeededGenerator(seed: 17)
        for index in 0..<manuals {
            _ = try await store.addManual(manual(index, company: company.id, random: &random), by: "bench")
        }
        var entries = 0
        let rebuild = try await Timing.once { entries = try await store.rebuildSearchIndex() }
        log(String(format: "search: index of %d entries built in %.2f s", entries, rebuild))

        // What the store's search costs by itself, one query at a time, for reading the HTTP figures beside it.
        // SEARCH_BENCH_DETAIL=1 adds each query's time; SEARCH_BENCH_ROUNDS=N repeats more (for a profiler).
        let environment = ProcessInfo.processInfo.environment
        let rounds = environment["SEARCH_BENCH_ROUNDS"].flatMap(Int.init) ?? 20
        func milliseconds(_ texts: [String], limit: Int, snippets: Bool) async throws -> Double {
            let time = try await Timing.once {
                for _ in 0..<rounds {
                    for text in texts { _ = try await store.search(SearchQuery(text), company: company.id, limit: limit, snippets: snippets, visible: nil) }
                }
            }
            return time * 1000 / Double(rounds * texts.count)
        }
        for (limit, snippets) in [(8, false), (20, false), (20, true)] {
            _ = try await milliseconds(queries, limit: limit, snippets: snippets)  // warm
            log(String(format: "search: the store's search alone, %d hits%@: %.2f ms a query", limit, snippets ? " with snippets" : "",
                       try await milliseconds(queries, limit: limit, snippets: snippets)))
            if environment["SEARCH_BENCH_DETAIL"] != nil {
                for query in queries { log(String(format: "  %@: %.2f ms", query, try await milliseconds([query], limit: limit, snippets: snippets))) }
            }
        }

        // 1. Queries over HTTP.
        let cookie = try await BenchServer.session(store: store, company: company, login: "bench-search", role: .admin)
        let server = try await BenchServer.start(densho: densho, dataDirectory: root)
        defer { server.stop() }
        for (route, name) in [("/search/suggest", "suggestions (8 hits, JSON)"), ("/search", "results page (20 hits with snippets)")] {
            let script = root + "/search\(route.replacingOccurrences(of: "/", with: "-")).lua"
            let paths = queries.map { route + "?q=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0) }
            for path in paths where try WebBench.curlStatus(server.base + path, ["-H", "Cookie: \(cookie)"]) != "200" {
                throw BenchError("\(path) does not answer 200")
            }
            try """
                paths = { \(paths.map { "\"\($0)\"" }.joined(separator: ", ")) }
                counter = 0
                request = function()
                  counter = counter + 1
                  return wrk.format("GET", paths[(counter % #paths) + 1])
                end
                """.write(toFile: script, atomically: true, encoding: .utf8)
            log("search: \(name), \(queries.count) queries in turn")
            let run = try WebBench.wrk(server.base + route, script: script, cookie: cookie)
            results.append(BenchResult(
                name: "search \(name), \(WebBench.connections) connections, p99 (\(Int(run.requestsPerSecond)) req/s)",
                ours: run.p99, reference: nil, referenceName: "—", target: "p99 < 20 ms", met: run.p99 < 0.020))
        }

        // 2. The index and an import of 100,000 evaluations, into a copy of the same database.
        let csv = try EvaluationCSV.read(Data(BenchDataset.importCSV(rows: 100_000).utf8), file: "import-100k.csv")
        let copyPath = root + "/import.sqlite"
        try await store.backup(to: copyPath)
        let copy = try SQLiteStore(path: copyPath)
        let importTime = try await Timing.once {
            _ = try await copy.importRecords(.evaluations(csv), company: company.id, dryRun: false, by: "bench")
        }
        var refreshed = 0
        let refreshTime = try await Timing.once { refreshed = try await copy.refreshSearchIndex() }
        let fullRebuild = try await Timing.once { _ = try await copy.rebuildSearchIndex() }
        log(String(format: "search: import %.2f s; refresh after it %d entries in %.4f s; full rebuild %.2f s",
                   importTime, refreshed, refreshTime, fullRebuild))
        // What the index adds to an import is its refresh in the import's transaction: levels are not indexed, so
        // it finds nothing to rewrite. A rebuild of every entry (after the reading dictionary changed) is shown too.
        results.append(BenchResult(
            name: "import 100,000 evaluations: the index brought up to date after it", ours: refreshTime, reference: importTime,
            referenceName: "the import itself", target: "adds < 10%", met: refreshTime < 0.1 * importTime))
        results.append(BenchResult(
            name: "rebuild of every index entry (\(entries): 1,000 people, 300 skills, 500 manuals)", ours: fullRebuild, reference: importTime,
            referenceName: "the 100,000-evaluation import", target: "—", met: true))
        return results
    }

    /// A manual in the words of a machine shop: a machine and a task, steps with 急所 and reasons.
    static func manual(_ index: Int, company: Company.ID, random: inout SeededGenerator) -> Manual {
        let machines = ["NC旋盤", "汎用旋盤", "マシニングセンタ", "半自動溶接機", "TIG溶接機", "プレスブレーキ", "シャーリング", "ボール盤", "平面研削盤"]
        let tasks = ["段取り", "芯出し", "刃物交換", "日常点検", "溶接条件の設定", "寸法測定", "面取り", "仕上げ", "治具の取り付け"]
        let things = ["工作物", "バイト", "チャック", "治具", "溶接トーチ", "母材", "ワーク", "センタードリル", "エンドミル", "ノギス", "マイクロメータ"]
        let actions = ["を取り付ける", "を締め付ける", "を確認する", "を清掃する", "の芯出しをする", "を測定する", "を交換する", "の面取りをする", "のバリを取る"]
        let keyPoints = ["突き出しは径の3倍まで", "締め付けトルクを守る", "切粉を素手で触らない", "ビード幅を均一にする", "バリを残さない", "ゼロ点を合わせる",
                         "保護めがねを掛ける", "回転を止めてから触る"]
        let reasons = ["びびりを防ぐため", "寸法不良を防ぐため", "けがを防ぐため", "溶け込み不足を防ぐため", "次工程で組めなくなるため", ""]
        let steps = (0..<stepsPerManual).map { step in
            ManualStep(mainStep: random.pick(things) + random.pick(actions), keyPoint: random.pick(keyPoints), reason: random.pick(reasons),
                       start: Double(step * 10))
        }
        return Manual(id: .init(0), companyID: company, clipID: nil, title: "\(random.pick(machines))の\(random.pick(tasks)) \(index + 1)",
                      documentNumber: String(format: "WI-%04d", index + 1), author: "bench", steps: steps)
    }
}
