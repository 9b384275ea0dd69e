import Foundation
import Testing
@testable import DragomanDocuments
@testable import DragomanPretranslate

@Suite struct ReviewHTMLTests {
    @Test func escapesMarkupInSegmentsAndNames() throws {
        let html = try DocumentFormat.html.write(try Sample.specialCharacters())
        #expect(html.contains("&lt;delegation&gt; &amp; partners &quot;attended&quot;"))
        #expect(html.contains("<title>Review: a&lt;b&gt;&amp;c.txt</title>"))
        #expect(!html.contains("<الوفد>"))
        #expect(!html.contains("<delegation>"))
        // The term is marked in the source, over the escaped text, with the difference inside it.
        #expect(html.contains("<mark class=\"term flagged\" title=\"&lt;الوفد&gt; → &lt;delegation&gt; &amp; co (deprecated)\" data-entry=\"9\"><ins>&lt;الوفد&gt;</ins></mark>"))
        // Well-formed enough for an XML parser once the doctype is removed (no stray < or &).
        let body = html.replacingOccurrences(of: "<!DOCTYPE html>\n", with: "")
            .replacingOccurrences(of: "<meta charset=\"utf-8\">", with: "<meta charset=\"utf-8\"/>")
            .replacingOccurrences(of: "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", with: "")
            .replacingOccurrences(of: "<br>", with: "<br/>")
        let generator = try #require(body.range(of: "<meta name=\"generator\"[^>]*>", options: .regularExpression))
        let xml = body.replacingCharacters(in: generator, with: "")
        _ = try XMLNode.parse(xml)
    }

    @Test func selfContainedAndRightToLeft() throws {
        let html = try DocumentFormat.html.write(try Sample.plainText())
        #expect(!html.contains("<script"))
        #expect(!html.contains("<link"))
        #expect(!html.contains("src="))
        #expect(!html.contains("url("))
        #expect(html.contains("<td class=\"src\" dir=\"rtl\" lang=\"ar\">"))
        #expect(html.contains("<td class=\"tgt\" dir=\"ltr\" lang=\"en\">"))
        // Bands: every one used by the sample has its class, and the styles define every band.
        for band in ["band-context", "band-exact", "band-fuzzy95", "band-fuzzy85", "band-none"] {
            #expect(html.contains("<tr id=") && html.contains(band))
        }
        for band in ReviewBand.allCases { #expect(html.contains(".\(band.cssClass) .score")) }
        // Differences: query words as <ins> in the source, TM words as <del> in the TM source.
        #expect(html.contains("<ins>يشدد على</ins>"))
        #expect(html.contains("<del>يؤكد</del>"))
        // Terms, the flagged one warned; repairs; the repetition.
        #expect(html.contains("<mark class=\"term\" title=\"القدس → Jerusalem | Al-Quds (preferred)\""))
        #expect(html.contains("<mark class=\"term flagged\""))
        #expect(html.contains("⚠ forbidden term"))
        #expect(html.contains("numbers carried over: 45 → 40"))
        #expect(html.contains("↻ repetition of <a href=\"#u8\">8</a>"))
    }
}

@Suite struct ReviewMarkdownTests {
    @Test func escapesMarkdownAndHTML() throws {
        let md = try DocumentFormat.md.write(try Sample.specialCharacters())
        #expect(md.contains("He said the &lt;delegation&gt; &amp; partners \"attended\" \\* \\| the meeting."))
        #expect(md.contains("# Pre-translation review: a&lt;b&gt;&amp;c.txt"))
        #expect(!md.contains("<delegation>"))
    }

    @Test func showsBandsTermsDifferencesAndRepetitions() throws {
        let md = try DocumentFormat.md.write(try Sample.plainText())
        #expect(md.contains("## 2 · 🟨 86 fuzzy · needs review"))
        #expect(md.contains("## 6 · 🟩 101 context · translated"))
        #expect(md.contains("## 1 · 🟥 no match · untranslated"))
        #expect(md.contains("## 9 · 🟩 100 exact · translated · ↻ repetition"))
        #expect(md.contains("<span dir=\"rtl\" lang=\"ar\">"))
        #expect(md.contains("<ins>يشدد على</ins>"))
        #expect(md.contains("<del>يؤكد</del>"))
        #expect(md.contains("- ⚠️ **FORBIDDEN term:** "))
        #expect(md.contains("- **Numbers carried over:** 45 → 40"))
        #expect(md.contains("- **Repetition of** segment 8"))
        #expect(md.contains("| 🟥 no match | 1 | 2 |"))
    }
}

@Suite struct SegmentJSONTests {
    @Test func oneStableObjectPerLine() throws {
        let document = try Sample.plainText()
        let jsonl = try DocumentFormat.json.write(document)
        let lines = jsonl.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == document.segments.count + 1 && lines.last == "")
        let keys = ["alternatives", "assembled", "block", "file", "fragments", "id", "index", "kind", "match", "numbers",
                    "paragraph", "range", "repetitionOf", "score", "source", "state", "target", "terms", "words"]
        for (n, line) in lines.dropLast().enumerated() {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object.keys.sorted() == keys)
            #expect(object["index"] as? Int == n)
            #expect(object["source"] as? String == document.segments[n].segment.text)
            // Keys are written sorted.
            #expect(line.hasPrefix("{\"alternatives\":"))
        }
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(first["target"] is NSNull && first["score"] is NSNull && first["state"] as? String == "untranslated")
        let repaired = try #require(try JSONSerialization.jsonObject(with: Data(lines[2].utf8)) as? [String: Any])
        #expect(repaired["kind"] as? String == "repaired" && repaired["score"] as? Int == 99)
        let match = try #require(repaired["match"] as? [String: Any])
        let repairs = try #require(match["repairs"] as? [[String: Any]])
        #expect(repairs.map { [$0["from"] as? String, $0["to"] as? String] } == [["45", "40"]])
        // Every repair has the same keys (null where a repair made before spans has none).
        #expect(repairs.first?.keys.sorted() == ["by", "from", "sourceSpan", "targetSpan", "to"])
        #expect(match["storedTarget"] != nil && (match["unrepaired"] as? [Any])?.isEmpty == true)
        let last = try #require(try JSONSerialization.jsonObject(with: Data(lines[8].utf8)) as? [String: Any])
        #expect(last["repetitionOf"] as? Int == 7)
        let forbidden = try #require(try JSONSerialization.jsonObject(with: Data(lines[6].utf8)) as? [String: Any])
        let terms = try #require(forbidden["terms"] as? [[String: Any]])
        #expect(terms.first?["flagged"] as? Bool == true && terms.first?["status"] as? String == "forbidden")
    }

    @Test func escapesControlCharactersAndQuotes() {
        var out = ""
        JSONValue.object(["a": .string("x\"y\\z\n\u{1}\u{2028}عربي")]).serialize(into: &out)
        #expect(out == "{\"a\":\"x\\\"y\\\\z\\n\\u0001\\u2028عربي\"}")
    }
}

@Suite struct DocumentFormatTests {
    @Test func extensionsAndInference() {
        #expect(DocumentFormat.allCases.map(\.rawValue) == ["xliff", "xliff12", "tmx", "md", "html", "json"])
        #expect(DocumentFormat.default == .xliff)
        #expect(DocumentFormat.xliff.outputFileName(forInput: "news/article.ar.txt") == "article.ar.xlf")
        #expect(DocumentFormat.json.outputFileName(forInput: "a.md") == "a.jsonl")
        #expect(DocumentFormat.inferred(fromPath: "x.XLIFF") == .xliff)
        #expect(DocumentFormat.inferred(fromPath: "x.htm") == .html)
        #expect(DocumentFormat.inferred(fromPath: "x.txt") == nil)
    }

    @Test func invalidArticleIsRefused() throws {
        var document = try Sample.plainText()
        document.article.parts.append(.segment(42))
        for format in DocumentFormat.allCases where format == .xliff || format == .xliff12 {
            #expect(throws: DocumentError.self) { try format.write(document) }
        }
        var twice = try Sample.plainText()
        twice.article.parts.append(.segment(0))
        #expect(throws: DocumentError.self) { try DocumentFormat.xliff.write(twice) }
    }

    @Test func tmxHoldsTheLeveragedPairs() throws {
        let document = try Sample.plainText()
        let tmx = try DocumentFormat.tmx.write(document)
        let root = try XMLNode.parse(tmx)
        let units = root.descendants.filter { $0.name == "tu" }
        // 8 proposals, the repetition written once.
        #expect(units.count == 7)
        #expect(root.descendants.first { $0.name == "header" }?["srclang"] == "ar")
        #expect(units.allSatisfy { $0.children("tuv").map { $0["xml:lang"] } == ["ar", "en"] })
        let exactOnly = try LeveragedTMXWriter(minimumScore: 100).write(document)
        #expect(try XMLNode.parse(exactOnly).descendants.filter { $0.name == "tu" }.count == 4)
    }
}
