import Foundation

/// Checks a PDF with independent tools: poppler's pdftotext, pdffonts, pdfinfo and pdftoppm, and
/// zbar's zbarimg for QR codes on the rendered pages.
public struct PDFInspector {
    public let path: String

    public init(_ path: String) { self.path = path }

    /// Runs a tool and returns its standard output (it must exit 0 unless `allowFailure`).
    public static func output(_ tool: String, _ arguments: [String], allowFailure: Bool = false) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus != 0 && !allowFailure {
            throw FixtureError(message: "\(tool) \(arguments.joined(separator: " ")) failed: \(errors)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// The text, in reading order per page.
    public func text() throws -> String { try Self.output("/usr/bin/pdftotext", ["-layout", path, "-"]) }

    public var pageCount: Int {
        get throws {
            let info = try Self.output("/usr/bin/pdfinfo", [path])
            return Int(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }?.split(separator: " ").last ?? "") ?? 0
        }
    }

    /// Width × height in points of every page.
    public func pageSizes() throws -> [(Double, Double)] {
        let info = try Self.output("/usr/bin/pdfinfo", ["-f", "1", "-l", "9999", path])
        return info.split(separator: "\n").filter { $0.hasPrefix("Page") && $0.contains(" size:") }.compactMap { line in
            let words = line.split(separator: " ")
            guard let index = words.firstIndex(of: "size:"), let w = Double(words[index + 1]), let h = Double(words[index + 3]) else { return nil }
            return (w, h)
        }
    }

    /// (font name, embedded) per font the PDF uses.
    public func fonts() throws -> [(name: String, embedded: Bool)] {
        let listing = try Self.output("/usr/bin/pdffonts", [path])
        return listing.split(separator: "\n").dropFirst(2).map { line in
            let columns = line.split(separator: " ", omittingEmptySubsequences: true)
            // name type… encoding emb sub uni object ID: "emb" is the fifth column from the end.
            return (String(columns[0]), columns.count >= 5 && columns[columns.count - 5] == "yes")
        }
    }

    /// Renders every page to PNG at `dpi` into `directory`; returns the files, one per page.
    public func render(dpi: Int, into directory: String) throws -> [String] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        _ = try Self.output("/usr/bin/pdftoppm", ["-r", String(dpi), "-png", path, directory + "/page"])
        return try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".png") }.sorted()
            .map { directory + "/" + $0 }
    }

    /// Every QR code zbarimg decodes on `image`.
    public static func qrCodes(in image: String) throws -> [String] {
        try output("/usr/bin/zbarimg", ["-q", "--raw", "-Sdisable", "-Sqrcode.enable", image], allowFailure: true)
            .split(separator: "\n").map(String.init)
    }
}

/// Runs a short Python program (openpyxl reads our workbooks as an independent reader).
public enum Python {
    public static func run(_ program: String, _ arguments: [String] = []) throws -> String {
        try PDFInspector.output("/usr/bin/env", ["python3", "-c", program] + arguments)
    }
}
