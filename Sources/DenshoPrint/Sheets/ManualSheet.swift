import DenshoDomain

/// 作業標準書 (A4 landscape) printed from a 動画マニュアル: a header block with document number,
/// revision, author, approver and dates; then one row per step with 主なステップ / 急所 / 急所の理由,
/// a still from the clip at the step's start and a QR code that opens the clip at that moment.
public struct ManualSheet: Sendable {
    public var company: Company
    public var manual: Manual
    public var clip: Clip?
    /// One per step, in step order.
    public var stills: [Still]
    public var settings: CompanySettings
    public var printedOn: LocalDate
    public var warnings: [String]

    public init(
        company: Company, manual: Manual, clip: Clip?, stills: [Still], settings: CompanySettings, printedOn: LocalDate,
        warnings: [String] = []
    ) {
        self.company = company
        self.manual = manual
        self.clip = clip
        self.stills = stills
        self.settings = settings
        self.printedOn = printedOn
        self.warnings = warnings
    }

    /// Finds a manual by id, 文書番号 or title.
    public static func find(_ query: String, company: Company, in store: any DenshoRepository) async throws -> Manual {
        let manuals = try await store.manuals(company: company.id, clip: nil)
        if let id = Int64(query), let match = manuals.first(where: { $0.id.rawValue == id }) { return match }
        if let match = manuals.first(where: { $0.documentNumber == query && !query.isEmpty }) ?? manuals.first(where: { $0.title == query }) {
            return match
        }
        let names = manuals.prefix(10).map { "\($0.id.rawValue) \($0.documentNumber.isEmpty ? "" : $0.documentNumber + " ")\($0.title)" }
        throw PrintError.notFound("unknown manual '\(query)'; give its id, 文書番号 or title (e.g. \(names.joined(separator: "; ")))")
    }

    /// The version to print: `nil` or "live" is the latest approved 版 (the working copy while
    /// there is none), "draft" the working copy, a number that 版 (旧版 included).
    public static func version(_ key: String?, of manual: Manual, company: Company, in store: any DenshoRepository) async throws -> Manual {
        let revisions = try await store.revisions(of: manual.id, company: company.id)
        switch key {
        case nil, "live", "":
            return revisions.first.map(manual.version) ?? manual
        case "draft":
            return manual
        case let number?:
            guard let wanted = Int(number), let revision = revisions.first(where: { $0.revision == wanted }) else {
                throw PrintError.notFound("manual \(manual.id) has no version '\(number)' (approved: \(revisions.map { String($0.revision) }.joined(separator: ", ")); or live, draft)")
            }
            return manual.version(revision)
        }
    }

    public static func load(_ manual: Manual, company: Company, from store: any DenshoRepository, frames: any FrameSource, asOf: LocalDate)
        async throws -> ManualSheet
    {
        var warnings: [String] = []
        let clip = try await manual.clipID.asyncMap { try await store.clip($0, company: company.id) } ?? nil
        let stills: [Still]
        if let clip {
            stills = await frames.stills(of: clip, at: manual.steps.map(\.start), maxWidth: 480)
            for (index, still) in stills.enumerated() {
                if case .missing(let reason) = still { warnings.append("step \(index + 1): no still (\(reason)); a placeholder is printed") }
            }
        } else {
            stills = manual.steps.map { _ in .missing(reason: "動画なし") }
            if !manual.steps.isEmpty { warnings.append("the manual has no clip: steps are printed without stills or QR codes") }
        }
        return ManualSheet(company: company, manual: manual, clip: clip, stills: stills,
                           settings: try await store.settings(company: company.id), printedOn: asOf, warnings: warnings)
    }

    public func render() throws -> PrintedDocument {
        let size = PageSize.a4Landscape
        let document = try PDFDocument(size: size, title: "作業標準書 \(manual.title)", author: company.name)
        for warning in warnings { document.warnings.add(warning) }
        let base = CompanySettings.printBase(setting: settings.publicBaseURL, requestOrigin: nil)
        if clip != nil, base.localOnly {
            document.warnings.add("QR codes point at \(base.base), which opens only on this PC: set the address staff open "
                + "Densho at (densho company set --base-url URL, or 採用・印刷の設定 on the web)")
        }
        var flow = PageFlow(content: SheetFrame.content(size))
        placeHeader(into: &flow, document)
        flow.space(6)
        try stepTable().place(into: &flow, measuringWith: document)
        if manual.steps.isEmpty {
            flow.place(height: 20) { d, r in d.draw("手順がまだありません", in: r, TextStyle.body.colored(.muted)) }
        }
        let revision = manual.status == .approved ? "第\(manual.revision)版" + (manual.supersededAt != nil ? "（旧版）" : "") : "下書き"
        let frame = SheetFrame(title: "作業標準書 \(manual.title)", company: company.name, printedOn: printedOn,
                               reference: [manual.documentNumber, revision].filter { !$0.isEmpty }.joined(separator: "　"))
        let draft = manual.status != .approved
        flow.render(into: document) { d, page, pages in
            // Drawn first, under the content: the steps stay readable through it.
            if draft { d.drawWatermark(Self.draftWatermark, page: size) }
            frame.draw(d, page: page, of: pages)
        }
        return try document.finish()
    }

    /// Printed across every page of a sheet made from a working copy.
    public static let draftWatermark = "下書き・未承認"

    private func placeHeader(into flow: inout PageFlow, _ document: PDFDocument) {
        // Only an approved version names an approver: a draft printed with the last approval's
        // name and date would look approved.
        let approved = manual.status == .approved
        let version = manual.supersededAt.map { "第\(manual.revision)版（旧版・\(Self.day($0))改訂）" } ?? "第\(manual.revision)版"
        let cells: [(String, String)] = [
            ("文書番号", manual.documentNumber.isEmpty ? "—" : manual.documentNumber),
            ("版", approved ? version : "下書き（未承認）"),
            ("作成", manual.author),
            ("承認", approved ? manual.approver ?? "—" : "—"),
            ("承認日", approved ? manual.approvedAt.map(Self.day) ?? "—" : "—"),
            ("改訂理由", approved && !manual.revisionReason.isEmpty ? manual.revisionReason : "—"),
        ]
        flow.place(height: 52) { [manual, clip] d, r in
            let titleBox = Rect(x: r.x, y: r.y, width: r.width * 0.5, height: r.height)
            d.stroke(titleBox, .text, width: 1)
            d.draw("作業標準書", in: titleBox.inset(4), .label)
            d.drawFitted(manual.title, in: Rect(x: titleBox.x + 6, y: titleBox.y + 14, width: titleBox.width - 12, height: 24),
                         TextStyle(size: 16, bold: true, minimumSize: 8), centeredVertically: true)
            if let clip {
                d.drawFitted("動画: \(clip.title)", in: Rect(x: titleBox.x + 6, y: titleBox.maxY - 13, width: titleBox.width - 12, height: 11),
                             TextStyle.small.colored(.muted))
            }
            let cellWidth = (r.width - titleBox.width) / 3
            for (index, cell) in cells.enumerated() {
                let box = Rect(x: titleBox.maxX + cellWidth * Double(index % 3), y: r.y + 26 * Double(index / 3), width: cellWidth, height: 26)
                d.stroke(box)
                d.draw(cell.0, in: box.inset(dx: 3, dy: 2), .label)
                let warn = index == 1 && (!approved || manual.supersededAt != nil)
                let style = TextStyle(size: 9.5, bold: index == 1, color: warn ? .warning : .text, minimumSize: 6)
                d.drawFitted(cell.1, in: Rect(x: box.x + 3, y: box.y + 11, width: box.width - 6, height: 14), style)
            }
        }
    }

    /// `2026-11-25 10:30:00` or an ISO instant, shown as the date.
    static func day(_ timestamp: String) -> String {
        LocalDate(parsing: String(timestamp.prefix(10)))?.slashed ?? timestamp
    }

    private func stepTable() throws -> Table {
        var table = Table(columns: [
            .init("No", weight: 7, style: TextStyle(size: 11, bold: true, alignment: .center)),
            .init("写真", weight: 44),
            .init("主なステップ", weight: 52, style: TextStyle(size: 10, bold: true)),
            .init("急所", weight: 60, style: TextStyle(size: 9.5, color: .warning)),
            .init("急所の理由", weight: 52, style: .body),
            .init("時間", weight: 15, style: TextStyle(size: 8, alignment: .center)),
            .init("動画", weight: 25),
        ])
        table.padding = 3
        let photoHeight = Length.mm(23)
        let qrSide = Length.mm(21)
        for (index, step) in manual.steps.enumerated() {
            let still = stills.indices.contains(index) ? stills[index] : .missing(reason: "動画なし")
            let time = ClipTime.clock(step.start) + (step.end.map { "\n〜" + ClipTime.clock($0) } ?? "")
            let qr: Table.Cell
            if let clip {
                let url = settings.clipURL(clip.id, at: step.start)
                let code = try QRCode(url)
                qr = .custom(height: qrSide) { d, r in
                    d.draw(code, in: Rect(x: r.x + (r.width - qrSide) / 2, y: r.y, width: qrSide, height: qrSide))
                }
            } else {
                qr = .text("—")
            }
            table.append([
                .text(String(index + 1)),
                .custom(height: photoHeight) { d, r in
                    let box = Rect(x: r.x, y: r.y, width: r.width, height: photoHeight)
                    if let image = still.image { d.draw(image, in: box) } else if case .missing(let reason) = still {
                        d.placeholder(in: box, note: reason)
                    }
                },
                .text(step.mainStep), .text(step.keyPoint.isEmpty ? "—" : step.keyPoint),
                .text(step.reason.isEmpty ? "—" : step.reason), .text(time), qr,
            ])
        }
        return table
    }
}
