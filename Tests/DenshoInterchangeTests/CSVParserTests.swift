import DenshoInterchange
import Foundation
import Testing

@Suite("CSV parsing as Excel writes it")
struct CSVParserTests {
    @Test func parsesQuotesCommasNewlinesAndCRLF() throws {
        let text = "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\n\r\nlast,,\r\n"
        let records = try CSVParser.parse(text, file: "t.csv")
        #expect(records.map(\.fields) == [["a", "b", "c"], ["x, y", "say \"hi\"", "two\r\nlines"], ["last", "", ""]])
        #expect(records.map(\.line) == [1, 2, 5])  // the quoted newline and the blank line count
    }

    @Test func lastLineWithoutNewlineAndLoneCR() throws {
        #expect(try CSVParser.parse("a,b\rc,d", file: "t").map(\.fields) == [["a", "b"], ["c", "d"]])
    }

    @Test func unclosedQuoteIsAnErrorWithItsLine() {
        #expect(throws: CSVFormatError.self) { try CSVParser.parse("a\n\"open,b\n", file: "t.csv") }
        do {
            _ = try CSVParser.parse("a\n\"open,b\n", file: "t.csv")
        } catch {
            #expect("\(error)".contains("t.csv:2"))
        }
    }

    @Test func writerQuotesOnlyWhatNeedsIt() throws {
        let text = CSVWriter.write([["社員番号", "備考"], ["1001", "a,\"b\"\nc"]])
        #expect(text == "社員番号,備考\r\n1001,\"a,\"\"b\"\"\nc\"\r\n")
        #expect(try CSVParser.parse(text, file: "t").map(\.fields) == [["社員番号", "備考"], ["1001", "a,\"b\"\nc"]])
    }
}

@Suite("Text encodings of office CSV files")
struct TextDecodingTests {
    static let sample = "社員番号,氏名\n1001,髙橋 ①太郎㈱～\n"

    @Test func utf8WithAndWithoutBOM() throws {
        #expect(try TextDecoding.decode(Data(Self.sample.utf8), file: "a").text == Self.sample)
        let withBOM = Data([0xEF, 0xBB, 0xBF]) + Data(Self.sample.utf8)
        let decoded = try TextDecoding.decode(withBOM, file: "a")
        #expect(decoded.text == Self.sample)
        #expect(decoded.encoding == .utf8)
    }

    @Test func shiftJISWithWindowsExtensions() throws {
        let data = try TextDecoding.encode(Self.sample, as: .shiftJIS)
        #expect(data.count < Self.sample.utf8.count)  // two bytes per kanji, not three
        let decoded = try TextDecoding.decode(data, file: "a")
        #expect(decoded.encoding == .shiftJIS)
        #expect(decoded.text == Self.sample)
    }

    @Test func brokenBytesNameTheLine() throws {
        var bytes = Array("社員番号,氏名\n1001,佐藤\n".utf8)
        bytes += [0x31, 0x30, 0x30, 0x32, 0x2C, 0x82, 0xFF, 0x0A]  // 1002, then an invalid pair
        let error = #expect(throws: EncodingError.self) { try TextDecoding.decode(Data(bytes), file: "bad.csv") }
        #expect(error?.line == 3)
        #expect(error?.description.contains("bad.csv:3") == true)
    }

    @Test func exportWithBOMForExcel() throws {
        let data = try TextDecoding.encode("a\r\n", as: .utf8)
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
    }

    @Test func shiftJISExportRefusesWhatItCannotWrite() {
        #expect(throws: CSVFormatError.self) { try TextDecoding.encode("🙂", as: .shiftJIS) }
    }
}
