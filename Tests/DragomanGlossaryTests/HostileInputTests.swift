import DragomanFormats
import DragomanApp
import DragomanGlossary
import DragomanStore
import Foundation
import Testing

/// Broken and hostile glossary files (TSV and CSV): each is refused with the file, the
/// line and what to do, before anything is stored, or read correctly.
@Suite struct GlossaryHostileInputTests {
    static func importBytes(_ bytes: [UInt8], format: GlossaryFileFormat = .tsv, chunk: Int = 7,
                            into store: any GlossaryStore) throws -> ImportReport {
        var offset = 0
        return try GlossaryFiles.importDelimited(name: "terms.\(format)",
                                                 options: GlossaryImportOptions(format: format),
                                                 into: store) {
            guard offset < bytes.count else { return nil }
            defer { offset = min(bytes.count, offset + chunk) }
            return Array(bytes[offset..<min(bytes.count, offset + chunk)])
        }
    }

    static func records(_ bytes: [UInt8], _ dialect: DelimitedParser.Dialect = .tsv) throws -> [DelimitedParser.Record] {
        var parser = DelimitedParser(dialect: dialect)
        return try parser.feed(bytes) + parser.finish()
    }

    static let header = Array("arabic\tenglish\n".utf8)
    static func utf16LE(_ s: String) -> [UInt8] { s.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } }

    static let refused: [(name: String, bytes: [UInt8], format: GlossaryFileFormat, expected: [String])] = [
        ("Windows-1256", header + Array("غزة\tGaza\n".utf8) + [0xDB, 0xD2, 0xC9, 0x09] + Array("Gaza\n".utf8), .tsv,
         ["terms.tsv: line 3", "not valid UTF-8", "save the file as UTF-8"]),
        ("a truncated character", header + Array("غزة\tGaza\n".utf8) + Array("رفح".utf8).dropLast() + Array("\tRafah".utf8), .tsv,
         ["terms.tsv: line 3", "not valid UTF-8"]),
        ("a NUL byte", header + Array("غزة\tGa".utf8) + [0] + Array("za\n".utf8), .tsv,
         ["terms.tsv: line 2", "a NUL byte (field 2)", "UTF-8"]),
        ("UTF-16LE with a BOM", [0xFF, 0xFE] + utf16LE("arabic\tenglish\r\nغزة\tGaza\r\n"), .tsv,
         ["terms.tsv: line 1", "UTF-16", "iconv -f UTF-16 -t UTF-8"]),
        ("UTF-16BE with a BOM", [0xFE, 0xFF] + "arabic,english\nغزة,Gaza\n".utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }, .csv,
         ["terms.csv: line 1", "UTF-16", "iconv -f UTF-16 -t UTF-8"]),
        ("UTF-16LE without a BOM", utf16LE("arabic\tenglish\nغزة\tGaza\n"), .tsv,
         ["terms.tsv: line 1", "NUL byte", "iconv -f UTF-16 -t UTF-8"]),
        ("an unclosed quote", Array("arabic,english\nغزة,Gaza\nرفح,\"Rafah\n".utf8)
            + Array(repeating: UInt8(ascii: "x"), count: DelimitedParser.maxRecordBytes), .csv,
         ["terms.csv: line 3", "longer than 1 MB", "a quoted field is probably not closed"]),
        ("a line without end", header + Array(repeating: UInt8(ascii: "x"), count: DelimitedParser.maxRecordBytes + 1), .tsv,
         ["terms.tsv: line 2", "longer than 1 MB"]),
    ]

    @Test(arguments: Backend.allCases, 0..<refused.count)
    func badFilesAreRefusedWithTheirLineAndNothingIsStored(backend: Backend, index: Int) throws {
        let (name, bytes, format, expected) = Self.refused[index]
        let store = try backend.make()
        do {
            _ = try Self.importBytes(bytes, format: format, into: store)
            Issue.record("\(name): imported")
        } catch {
            for part in expected {
                #expect("\(error)".contains(part), "\(name): \(error)")
            }
        }
        #expect(try store.counts() == GlossaryCounts())
    }

    @Test func mixedLineEndsEndLinesAlike() throws {
        // CRLF (Windows), CR (old Mac, Excel's "CSV (Macintosh)") and LF in one file.
        let text = "arabic\tenglish\r\nغزة\tGaza\rرفح\tRafah\nالقدس\tJerusalem\r\n\r\rنابلس\tNablus"
        let records = try Self.records(Array(text.utf8))
        #expect(records.map(\.fields) == [["arabic", "english"], ["غزة", "Gaza"], ["رفح", "Rafah"],
                                          ["القدس", "Jerusalem"], ["نابلس", "Nablus"]])
        #expect(records.map(\.line) == [1, 2, 3, 4, 7])
        // In a quoted CSV field every line end becomes LF.
        let csv = try Self.records(Array("arabic,note\r\"سطر\r\nسطر\rسطر\",x\r\nغزة,y".utf8), .csv)
        #expect(csv.map(\.fields) == [["arabic", "note"], ["سطر\nسطر\nسطر", "x"], ["غزة", "y"]])
        #expect(csv.map(\.line) == [1, 2, 5])
    }

    @Test func crlfSplitAcrossChunksIsOneLineEnd() throws {
        let bytes = Array("arabic\tenglish\r\nغزة\tGaza\r\nرفح\tRafah\r\n".utf8)
        for chunk in 1...5 {
            var parser = DelimitedParser(dialect: .tsv)
            var records: [DelimitedParser.Record] = []
            var i = 0
            while i < bytes.count {
                records += try parser.feed(bytes[i..<min(bytes.count, i + chunk)])
                i += chunk
            }
            records += try parser.finish()
            #expect(records.map(\.line) == [1, 2, 3])
        }
    }

    @Test(arguments: Backend.allCases)
    func bidiControlsAreKeptInTermsAndIgnoredByLookup(backend: Backend) throws {
        let store = try backend.make()
        let report = try Self.importBytes(Array("arabic\tenglish\n\u{200F}غزة\u{200F}\tGaza\n\u{202B}رفح\u{202C}\t\u{2066}Rafah\u{2069}\n".utf8),
                                          into: store)
        #expect(report.entriesAdded == 2)
        #expect(try store.lookup("غزة", limit: 5, prefix: false).first?.term.text == "\u{200F}غزة\u{200F}")
        #expect(try store.lookup("رفح", limit: 5, prefix: false).first?.term.text == "\u{202B}رفح\u{202C}")
        #expect(try store.lookup("\u{200F}رفح", limit: 5, prefix: false).first?.term.text == "\u{202B}رفح\u{202C}")
    }
}
