import DenshoCodec
import DenshoDomain
import DenshoInterchange
import DenshoMedia
import DenshoPrint
import DenshoStore
import Foundation

/// Printed sheets and the workbook at the sizes the issue names, each against a reference on the
/// same machine where one exists:
/// - a 30-step 作業標準書 on a 60 s clip: our stills against the `ffmpeg` CLI taking the same 30
///   frames (one seek-and-decode each, as a script would), then the whole sheet;
/// - the 200 × 300 力量表 as A3 PDF (no reference: nothing else here lays out this sheet);
/// - the ISO 9001 7.2 record of the same 200-person department as A4 PDF (~60,000 rows, no reference);
/// - the 200 × 300 workbook against openpyxl writing the same values, fills and frozen panes.
enum PrintBench {
    static func run(directory: String, densho: String, log: @escaping @Sendable (String) -> Void) async throws -> [BenchResult] {
        var results: [BenchResult] = []
        let store = try await BenchDataset.open(directory: directory, log: log)
        let company = try await store.company(code: "bench")!
        let department = try await store.departments(company: company.id)[0]
        let asOf = BenchDataset.asOf

        // 1. 作業標準書: 30 steps with stills from a processed 60 s 1080p clip.
        let data = directory + "/print-data"
        let rendition = data + "/renditions/1"
        let source = directory + "/media-1080p30-60s.mp4"
        if !FileManager.default.fileExists(atPath: source) {
            _ = try MediaBench.fixture(source, log: log, MediaBench.hdArguments)
        }
        if !FileManager.default.fileExists(atPath: rendition + "/manifest.json") {
            log("print: processing the 60 s clip once for its rendition…")
            try FileManager.default.createDirectory(atPath: data + "/renditions", withIntermediateDirectories: true)
            _ = try ChildProcess.measure(densho, ["media", "process", source, rendition])
        }
        let manifest = try JSONDecoder().decode(ClipManifest.self, from: Data(contentsOf: URL(fileURLWithPath: rendition + "/manifest.json")))
        let clip = Clip(id: .init(1), companyID: company.id, ownerID: nil, title: "ベンチマーク用 60秒", status: .ready,
                        originalHash: "bench", originalExtension: "mp4", originalName: "bench.mp4", originalSize: 0, manifest: manifest)
        let times = (0..<30).map { Double($0) * 1.97 + 0.4 }
        let steps = times.enumerated().map { index, start in
            ManualStep(mainStep: "手順\(index + 1)：工具を所定の位置に戻し、次の工程の準備をする", keyPoint: "刃先を手前に向けない・置く前に切粉を払う",
                       reason: "次に使う人がけがをしない。切粉が残ると寸法が狂う", start: start)
        }
        let manual = Manual(id: .init(1), companyID: company.id, clipID: clip.id, title: "ベンチマーク 30手順の作業標準書",
                            documentNumber: "BENCH-M-030", status: .approved, revision: 3, author: "若手スタッフ", approver: "班長",
                            approvedAt: "2026-04-01 09:00:00", updatedAt: "2026-04-01 09:00:00", steps: steps)
        let frames = WorkerFrameSource(dataRoot: data)
        var stills: [Still] = []
        let stillsTime = try await Timing.median(runs: 5) { stills = await frames.stills(of: clip, at: times, maxWidth: 480) }
        guard stills.allSatisfy({ $0.image != nil }) else { throw BenchError("some stills could not be taken") }
        let video = rendition + "/" + manifest.video
        let scratch = directory + "/print-ffmpeg"
        try? FileManager.default.removeItem(atPath: scratch)
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let ffmpegStills = try await Timing.median(runs: 3) {
            for (index, time) in times.enumerated() {
                _ = try ChildProcess.measure(MediaBench.ffmpeg, [
                    "-y", "-ss", String(time), "-i", video, "-frames:v", "1", "-vf", "scale=480:-2", "\(scratch)/\(index).png",
                ])
            }
        }
        var pages = 0
        let manualTime = try await Timing.median(runs: 5) {
            let sheet = ManualSheet(company: company, manual: manual, clip: clip,
                                    stills: await frames.stills(of: clip, at: times, maxWidth: 480),
                                    settings: CompanySettings(publicBaseURL: "https://densho.example.jp"), printedOn: asOf)
            let document = try sheet.render()
            pages = document.pageCount
            try Data(document.pdf).write(to: URL(fileURLWithPath: directory + "/print-manual-30.pdf"))
        }
        results.append(BenchResult(
            name: "作業標準書 stills (30 steps, 60 s 1080p clip)", ours: stillsTime, reference: ffmpegStills,
            referenceName: "ffmpeg CLI, 30 frames", target: "≤ 1×", met: stillsTime <= ffmpegStills))
        results.append(BenchResult(
            name: "作業標準書 PDF (30 steps with stills and QR codes, \(pages) pages)", ours: manualTime, reference: nil,
            referenceName: "—", target: "< 2 s", met: manualTime < 2))

        // 2. The 力量表 of the 200 × 300 department on A3.
        var mapPages = 0
        let mapTime = try await Timing.median(runs: 5) {
            let sheet = try await SkillMapSheet.load(company: company, department: department, from: store, asOf: asOf)
            let document = try sheet.render()
            mapPages = document.pageCount
            try Data(document.pdf).write(to: URL(fileURLWithPath: directory + "/print-skillmap-200x300.pdf"))
        }
        results.append(BenchResult(
            name: "力量表 PDF (200 × 300, A3, \(mapPages) pages)", ours: mapTime, reference: nil, referenceName: "—",
            target: "< 2 s", met: mapTime < 2))

        // 3. The ISO 9001 7.2 record of the same 200-person department: every current level with
        // method, evaluator, date and evidence, some 60,000 rows (no reference).
        var isoPages = 0
        var isoRows = 0
        let isoTime = try await Timing.median(runs: 5) {
            let sheet = try await ISORecordSheet.load(.department(department.id), company: company, from: store, asOf: asOf)
            let document = try sheet.render()
            isoPages = document.pageCount
            isoRows = sheet.rows.count
            try Data(document.pdf).write(to: URL(fileURLWithPath: directory + "/print-iso-record-200.pdf"))
        }
        results.append(BenchResult(
            name: "ISO record PDF, 200-person department (\(isoRows) rows, \(isoPages) pages)", ours: isoTime, reference: nil,
            referenceName: "—", target: "< 2 s", met: isoTime < 2))

        // 4. The workbook of the same department, and openpyxl writing the same cells.
        let book = directory + "/print-skillmap-200x300.xlsx"
        var workbook: SkillMapWorkbook?
        let bookTime = try await Timing.median(runs: 5) {
            let loaded = try await SkillMapWorkbook.load(company: company, department: department, from: store, asOf: asOf)
            try loaded.write(to: book)
            workbook = loaded
        }
        let matrix = workbook!.sheets[0].matrix
        let grid = matrix.employees.map { e in matrix.skills.map { String(matrix.level(e.id, $0.id)) }.joined(separator: ",") }
            .joined(separator: "\n")
        try Data(grid.utf8).write(to: URL(fileURLWithPath: directory + "/print-grid.csv"))
        let script = """
            import sys, openpyxl
            from openpyxl.styles import PatternFill
            fills = [PatternFill("solid", fgColor=c) for c in ["FFFFFF", "FDF3C4", "CFE8D5", "8FD0A6", "3AA86B"]]
            wb = openpyxl.Workbook(); ws = wb.active; ws.title = "dept"
            for r, line in enumerate(open(sys.argv[1]), start=3):
                for c, v in enumerate(line.strip().split(","), start=3):
                    cell = ws.cell(r, c, int(v)); cell.fill = fills[int(v)]
            ws.freeze_panes = "C3"
            wb.save(sys.argv[2])
            """
        let python = "/usr/bin/env"
        let openpyxlTime = try await Timing.median(runs: 3) {
            _ = try ChildProcess.measure(python, ["python3", "-c", script, directory + "/print-grid.csv", directory + "/print-openpyxl.xlsx"])
        }
        results.append(BenchResult(
            name: "力量表 xlsx (200 × 300, fills, validation, frozen panes)", ours: bookTime, reference: openpyxlTime,
            referenceName: "openpyxl, same cells", target: "< 2 s", met: bookTime < 2))
        return results
    }
}
