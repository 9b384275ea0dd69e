import Foundation
import Testing
import DragomanText
@testable import DragomanDocuments
@testable import DragomanPretranslate
@testable import DragomanTM

@Suite struct MergeTests {
    static let documents: [(String, @Sendable () throws -> PretranslatedDocument)] = [
        ("plain text, no final newline", { try Sample.plainText(finalNewline: false) }),
        ("plain text, final newline", { try Sample.plainText(finalNewline: true) }),
        ("markdown, final newline", { try Sample.markdown(finalNewline: true) }),
        ("markdown, no final newline", { try Sample.markdown(finalNewline: false) }),
        ("special characters", { try Sample.specialCharacters() }),
        ("fragments and assembled drafts", { try Sample.subSentence() }),
        ("overlapping fragments", { try Sample.overlappingFragments() }),
    ]

    @Test(arguments: [DocumentFormat.xliff, .xliff12], 0..<documents.count)
    func roundTripRebuildsTheTargetText(format: DocumentFormat, n: Int) throws {
        let document = try Self.documents[n].1()
        let xliff = try format.write(document)
        let merged = try XLIFFMerger().merge(xml: xliff)
        #expect(merged.text == document.targetText, "\(Self.documents[n].0)")
        #expect(merged.segmentCount == document.segments.count)
        #expect(merged.translatedCount == document.segments.filter { $0.target != nil }.count)
        #expect(merged.originals == [document.fileName])
        #expect(merged.sourceLanguage == "ar" && merged.targetLanguage == "en")
    }

    /// With every target removed, the merge gives the source back, byte for byte.
    @Test(arguments: [DocumentFormat.xliff, .xliff12], 0..<documents.count)
    func withoutTargetsTheSourceComesBack(format: DocumentFormat, n: Int) throws {
        var document = try Self.documents[n].1()
        for i in document.segments.indices {
            document.segments[i].best = nil
            document.segments[i].alternatives = []
            document.segments[i].assembledIsTarget = false
            document.segments[i].state = .untranslated
        }
        let merged = try XLIFFMerger().merge(xml: try format.write(document))
        #expect(merged.text == document.article.source)
        #expect(merged.untranslatedIDs.count == document.segments.count)
    }

    @Test func catToolEditsXLIFF2() throws {
        let document = try Sample.plainText()
        var xliff = try DocumentFormat.xliff.write(document)
        // A translator fixes a fuzzy proposal, translates the untranslated tag line (adding
        // a target where there was none, with inline markup), and the tool rewrites the
        // namespace prefix of the core and pretty-prints an ignorable's target.
        let fuzzyTarget = try #require(document.segments[1].target)
        #expect(xliff.contains("<target>\(XMLEscape.text(fuzzyTarget))</target>"))
        xliff = xliff.replacingOccurrences(of: "<target>\(XMLEscape.text(fuzzyTarget))</target>",
                                           with: "<target>Global Coalition stresses support for the resistance</target>")
        let tagSource = "<source>\(document.segments[0].segment.text)</source>"
        #expect(xliff.contains(tagSource))
        xliff = xliff.replacingOccurrences(of: tagSource, with: tagSource + "<target>Jerusalem <pc id=\"1\">time</pc></target>")
        xliff = xliff.replacingOccurrences(of: "<ignorable>\n          <source>\n\n</source>\n        </ignorable>",
                                           with: "<ignorable>\n          <source>\n\n</source><target> </target>\n        </ignorable>")
        #expect(xliff.contains("<target> </target>"))
        let merged = try XLIFFMerger().merge(xml: xliff)
        var expected = document.targetText
        expected = expected.replacingOccurrences(of: fuzzyTarget, with: "Global Coalition stresses support for the resistance")
        expected = expected.replacingOccurrences(of: document.segments[0].segment.text, with: "Jerusalem time")
        #expect(merged.text == expected)
        #expect(merged.translatedCount == document.segments.filter { $0.target != nil }.count + 1)
    }

    @Test func catToolEditsXLIFF2WithPrefixedCore() throws {
        let document = try Sample.markdown()
        var xliff = try DocumentFormat.xliff.write(document)
        // Same document with the core namespace bound to a prefix and the matches module to another.
        xliff = xliff.replacingOccurrences(of: "xmlns=\"urn:oasis:names:tc:xliff:document:2.0\"",
                                           with: "xmlns:x=\"urn:oasis:names:tc:xliff:document:2.0\"")
        xliff = xliff.replacingOccurrences(of: "mtc:", with: "m:").replacingOccurrences(of: "xmlns:m=", with: "xmlns:m=")
        for name in ["xliff", "file", "group", "unit", "segment", "ignorable", "source", "target", "notes", "note"] {
            xliff = xliff.replacingOccurrences(of: "<\(name)>", with: "<x:\(name)>")
                .replacingOccurrences(of: "<\(name) ", with: "<x:\(name) ")
                .replacingOccurrences(of: "</\(name)>", with: "</x:\(name)>")
        }
        #expect(xliff.contains("<x:unit id=\"u1\">"))
        let merged = try XLIFFMerger().merge(xml: xliff)
        #expect(merged.text == document.targetText)
    }

    @Test func catToolEditsXLIFF12() throws {
        let document = try Sample.plainText()
        var xliff = try DocumentFormat.xliff12.write(document)
        // OmegaT-style: a target added to an untranslated unit, one changed, one emptied.
        let tag = document.segments[0].segment.text
        xliff = xliff.replacingOccurrences(of: "<source>\(tag)</source>",
                                           with: "<source>\(tag)</source>\n      <target state=\"translated\">Jerusalem <g id=\"1\">time</g><ph id=\"2\">{x}</ph></target>")
        let fuzzy = try #require(document.segments[6].target)
        xliff = xliff.replacingOccurrences(of: "state-qualifier=\"fuzzy-match\">\(XMLEscape.text(fuzzy))</target>",
                                           with: "state-qualifier=\"fuzzy-match\">Edited.</target>")
        let exact = try #require(document.segments[4].target)
        xliff = xliff.replacingOccurrences(of: "state-qualifier=\"exact-match\">\(XMLEscape.text(exact))</target>",
                                           with: "state-qualifier=\"exact-match\"></target>")
        let merged = try XLIFFMerger().merge(xml: xliff)
        let expected = document.targetText
            .replacingOccurrences(of: tag, with: "Jerusalem time")
            .replacingOccurrences(of: fuzzy, with: "Edited.")
            .replacingOccurrences(of: exact, with: document.segments[4].segment.text)
        #expect(merged.text == expected)
        #expect(merged.untranslatedIDs == ["u5"])
    }

    /// Control characters have no XML form; XLIFF 2.1 carries them as <cp>, 1.2 refuses.
    @Test func controlCharacters() throws {
        let text = "قال\u{0B}الرئيس.\n\nسطر\u{1}ثان."
        let article = ArticleParser.parse(text, layout: .plainText, language: .arabic)
        let document = PretranslatedDocument(fileName: "c.txt", sourceLanguage: .arabic, article: article,
                                             segments: article.segments.indices.map { segment(article, $0) }, threshold: 70)
        let xliff = try DocumentFormat.xliff.write(document)
        #expect(xliff.contains("<cp hex=\"000B\"/>"))
        #expect(try XLIFFMerger().merge(xml: xliff).text == text)
        #expect(try XLIFF2Check.run(xliff).isEmpty)
        #expect(throws: DocumentError.self) { try DocumentFormat.xliff12.write(document) }
    }

    /// Articles with no segment at all still round-trip (the XLIFF 2 file then holds one
    /// unit with an ignorable, as the schema wants at least one unit).
    @Test(arguments: [DocumentFormat.xliff, .xliff12], ["", "\n\n", "```\ncode. block.\n```\n"])
    func articlesWithoutSegments(format: DocumentFormat, text: String) throws {
        let article = ArticleParser.parse(text, layout: .markdown, language: .arabic)
        #expect(article.segments.isEmpty)
        let document = PretranslatedDocument(fileName: "empty.md", sourceLanguage: .arabic, article: article, segments: [],
                                             threshold: 70)
        let xliff = try format.write(document)
        #expect(try XLIFFMerger().merge(xml: xliff).text == text)
        if format == .xliff { #expect(try XLIFF2Check.run(xliff).isEmpty) } else { #expect(try XLIFF12Check.run(xliff).isEmpty) }
    }

    /// English → Arabic: languages and directions follow the document.
    @Test func englishSource() throws {
        let text = "The minister said. He left."
        let article = ArticleParser.parse(text, layout: .plainText, language: .english)
        let best = try suggestion(.exact, 100, source: "The minister said.", target: "قال الوزير.")
        let document = PretranslatedDocument(fileName: "en.txt", sourceLanguage: .english, article: article,
                                             segments: [segment(article, 0, best: best), segment(article, 1)], threshold: 70)
        let xliff = try DocumentFormat.xliff.write(document)
        #expect(xliff.contains("srcLang=\"en\" trgLang=\"ar\""))
        #expect(xliff.contains("srcDir=\"ltr\" trgDir=\"rtl\""))
        #expect(try XLIFFMerger().merge(xml: xliff).text == "قال الوزير. He left.")
        #expect(try DocumentFormat.xliff12.write(document).contains("source-language=\"en\" target-language=\"ar\""))
        let html = try DocumentFormat.html.write(document)
        #expect(html.contains("<td class=\"src\" dir=\"ltr\" lang=\"en\">"))
        #expect(html.contains("<td class=\"tgt\" dir=\"rtl\" lang=\"ar\">"))
        #expect(try DocumentFormat.md.write(document).contains("- **Proposal:** <span dir=\"rtl\" lang=\"ar\">قال الوزير.</span>"))
        #expect(try DocumentFormat.tmx.write(document).contains("srclang=\"en\""))
    }

    @Test func mergeFromFile() throws {
        let document = try Sample.markdown(finalNewline: false)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dragoman-merge-\(UUID().uuidString).xlf")
        defer { try? FileManager.default.removeItem(at: url) }
        try DocumentFormat.xliff.write(document, to: url)
        #expect(try XLIFFMerger().merge(contentsOf: url).text == document.targetText)
    }

    @Test func refusesWhatIsNotXLIFF() throws {
        #expect(throws: DocumentError.self) { try XLIFFMerger().merge(xml: "<tmx version=\"1.4\"><header/><body/></tmx>") }
        #expect(throws: DocumentError.self) { try XLIFFMerger().merge(xml: "<xliff version=\"3.0\"/>") }
        #expect(throws: (any Error).self) { try XLIFFMerger().merge(xml: "<xliff version=\"2.1\"><file") }
        let noSource = """
            <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="ar"><file id="f"><unit id="u"><segment><target>x</target></segment></unit></file></xliff>
            """
        #expect(throws: DocumentError.self) { try XLIFFMerger().merge(xml: noSource) }
    }

    /// The whole chain on the seed data: TM from `seeds/sample-tm.tsv`, the sample article,
    /// the real pre-translator; every format is written and valid, and the merge rebuilds
    /// the target text.
    @Test func realPretranslationOfTheSampleArticle() throws {
        let tm = InMemoryTranslationMemory()
        let tsv = try String(contentsOf: Files.root.appendingPathComponent("seeds/sample-tm.tsv"), encoding: .utf8)
        for line in tsv.split(separator: "\n") {
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard parts.count == 2 else { continue }
            _ = try tm.add(TranslationUnit(arabic: String(parts[0]), english: String(parts[1])))
        }
        let text = try String(contentsOf: Files.root.appendingPathComponent("seeds/sample-article.ar.txt"), encoding: .utf8)
        let article = ArticleParser.parse(text, layout: .plainText, language: .arabic)
        let searcher = tm.searcher()
        let pretranslator = Pretranslator(search: { try searcher.search($0, threshold: $1, limit: $2) }, terms: nil)
        let document = try pretranslator.run(article, fileName: "sample-article.ar.txt", options: PretranslationOptions())
        #expect(document.segments.contains { $0.best != nil })
        for format in [DocumentFormat.xliff, .xliff12] {
            let xliff = try format.write(document)
            #expect(try XLIFFMerger().merge(xml: xliff).text == document.targetText)
        }
        #expect(try XLIFF2Check.run(try DocumentFormat.xliff.write(document)).isEmpty)
        #expect(try XLIFF12Check.run(try DocumentFormat.xliff12.write(document)).isEmpty)
        #expect(try TMXCheck.run(try DocumentFormat.tmx.write(document)).isEmpty)
        for format in [DocumentFormat.md, .html, .json] { #expect(!(try format.write(document)).isEmpty) }
    }
}

/// Escaping as XMLWriter does it, to find text in written files.
enum XMLEscape {
    static func text(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
