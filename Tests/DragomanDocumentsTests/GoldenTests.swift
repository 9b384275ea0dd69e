import Foundation
import Testing
@testable import DragomanDocuments
@testable import DragomanPretranslate

/// Compares `output` with `Fixtures/<name>`; with DRAGOMAN_UPDATE_GOLDEN=1 in the
/// environment it rewrites the file instead (then review the diff).
func expectGolden(_ output: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = try Files.fixture(name)
    if ProcessInfo.processInfo.environment["DRAGOMAN_UPDATE_GOLDEN"] == "1" {
        try Data(output.utf8).write(to: url, options: .atomic)
        return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    if output != expected {
        let a = output.components(separatedBy: "\n"), b = expected.components(separatedBy: "\n")
        let line = Array(zip(a, b)).firstIndex { $0 != $1 } ?? min(a.count, b.count)
        Issue.record("""
            \(name) differs from the golden file at line \(line + 1):
              got:      \(line < a.count ? a[line] : "<end>")
              expected: \(line < b.count ? b[line] : "<end>")
            (DRAGOMAN_UPDATE_GOLDEN=1 swift test … rewrites the golden files)
            """, sourceLocation: sourceLocation)
    }
}

@Suite struct GoldenTests {
    let options = DocumentWriterOptions(date: Fixed.made, toolVersion: "0.1.0")

    @Test(arguments: [
        (DocumentFormat.xliff, "sample.xlf"),
        (.xliff12, "sample.xliff12.xlf"),
        (.tmx, "sample.tmx"),
        (.md, "sample.review.md"),
        (.html, "sample.review.html"),
        (.json, "sample.jsonl"),
    ])
    func plainTextSample(format: DocumentFormat, golden: String) throws {
        let document = try Sample.plainText()
        try expectGolden(try format.write(document, options: options), golden)
    }

    /// Fragments and assembled drafts (one a candidate, one the target) in every format.
    @Test(arguments: [
        (DocumentFormat.xliff, "sub-sentence.xlf"),
        (.xliff12, "sub-sentence.xliff12.xlf"),
        (.md, "sub-sentence.review.md"),
        (.html, "sub-sentence.review.html"),
        (.json, "sub-sentence.jsonl"),
    ])
    func subSentenceSample(format: DocumentFormat, golden: String) throws {
        try expectGolden(try format.write(try Sample.subSentence(), options: options), golden)
    }

    @Test func markdownSampleXLIFF() throws {
        try expectGolden(try DocumentFormat.xliff.write(try Sample.markdown(), options: options), "sample-markdown.xlf")
        try expectGolden(try DocumentFormat.xliff12.write(try Sample.markdown(), options: options), "sample-markdown.xliff12.xlf")
    }

    /// Without a date, two runs give the same bytes.
    @Test(arguments: DocumentFormat.allCases)
    func deterministic(format: DocumentFormat) throws {
        let document = try Sample.plainText()
        let a = try format.write(document), b = try format.write(document)
        #expect(a == b)
        #expect(!a.contains("2024-03-01"))
    }
}
