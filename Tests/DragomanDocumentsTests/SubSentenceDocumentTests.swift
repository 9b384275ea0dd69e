import Foundation
import Testing
import DragomanText
@testable import DragomanDocuments
@testable import DragomanPretranslate
@testable import DragomanTM

/// Fragments and assembled drafts in every document: what a CAT tool, a script and a
/// reviewer get, and what comes back from a file a tool edited.
@Suite struct SubSentenceDocumentTests {
    static let macronDraft = "the French president said Emmanuel Macron in a statement ⟦إن⟧ 35 ⟦شخصا قتلوا⟧."

    // MARK: XLIFF 2.1

    @Test func xliff2SubSegmentMatchesPointAtMarksInTheSource() throws {
        let document = try Sample.subSentence()
        let xliff = try DocumentFormat.xliff.write(document, options: DocumentWriterOptions(date: Fixed.made))
        let findings = try XLIFF2Check.run(xliff)
        #expect(findings.isEmpty, "\(findings)")
        // The source of u1, as written: each fragment's span in an <mrk>, text untouched.
        #expect(xliff.contains("<source><mrk id=\"frag1\" type=\"mtc:match\">قال الرئيس الفرنسي</mrk> إيمانويل ماكرون "
                               + "<mrk id=\"frag2\" type=\"mtc:match\">في بيان</mrk> إن 35 شخصا قتلوا.</source>"))

        let root = try XMLNode.parse(xliff)
        let units = root.descendants.filter { $0.local == "unit" }
        var fragmentMatches = 0
        for unit in units {
            let source = try #require(unit.descendants.first { $0.local == "segment" }?.children("source").first)
            let marks = source.descendants.filter { $0.local == "mrk" }
            let ids = marks.compactMap { $0["id"] }
            #expect(Set(ids).count == ids.count, "mrk ids unique in \(unit.path)")
            for match in unit.descendants where match.local == "match" && match["subType"] == "dragoman:fragment" {
                fragmentMatches += 1
                let ref = try #require(match["ref"])
                let mark = try #require(marks.first { "#" + ($0["id"] ?? "") == ref }, "\(ref) names no mrk of \(unit.path)")
                #expect(mark.allText == match.children("source").first?.allText)
                #expect(match["type"] == "tm" && match["similarity"] == "100")
            }
        }
        #expect(fragmentMatches == 4)

        let u1 = try #require(units.first { $0["id"] == "u1" })
        let matches1 = u1.descendants.filter { $0.local == "match" }
        #expect(matches1.map { $0["id"] ?? "" } == ["m1", "m2", "m3"])
        #expect(matches1.map { $0["matchQuality"] ?? "" } == ["90", "85", "72.7"])
        let assembled = try #require(matches1.last)
        #expect(assembled["type"] == "am" && assembled["subType"] == "dragoman:assembled" && assembled["ref"] == "#s1")
        #expect(assembled["similarity"] == nil)
        #expect(assembled.children("source").first?.allText == document.segments[0].segment.text)
        #expect(assembled.children("target").first?.allText == Self.macronDraft)
        // Only a candidate: u1 has no target.
        #expect(u1.descendants.first { $0.local == "segment" }?.children("target").isEmpty == true)
        #expect(u1.descendants.contains { $0.local == "note" && $0["category"] == "dragoman:assembled" })
        // The glossary still points at the segment.
        #expect(u1.descendants.first { $0.local == "glossEntry" }?["ref"] == "#s1")

        // u2: the exact match first, then its fragment.
        let u2 = try #require(units.first { $0["id"] == "u2" })
        #expect(u2.descendants.filter { $0.local == "match" }.map { $0["subType"] ?? "" } == ["dragoman:exact", "dragoman:fragment"])

        // u3: the draft is the target, to review; its fragment's translation escaped.
        let u3 = try #require(units.first { $0["id"] == "u3" })
        let segment3 = try #require(u3.descendants.first { $0.local == "segment" })
        #expect(segment3["state"] == "initial" && segment3["subState"] == "dragoman:needs-review")
        #expect(segment3.children("target").first?.allText == document.segments[2].target)
        #expect(xliff.contains("citing &lt;officials&gt; &amp; \"aides\""))
    }

    /// Marks may nest but not cross: a fragment crossing another gets no mark, and its
    /// match points at the whole segment with the share of words it covers.
    @Test func xliff2NestsMarksAndSkipsCrossingOnes() throws {
        let xliff = try DocumentFormat.xliff.write(try Sample.overlappingFragments())
        #expect((try XLIFF2Check.run(xliff)).isEmpty)
        #expect(xliff.contains("<source>أكد <mrk id=\"frag1\" type=\"mtc:match\"><mrk id=\"frag2\" type=\"mtc:match\">وزير الخارجية</mrk> "
                               + "الأمريكي</mrk> أنتوني بلينكن</source>"))
        let matches = try XMLNode.parse(xliff).descendants.filter { $0.local == "match" }
        #expect(matches.map { $0["ref"] ?? "" } == ["#frag1", "#frag2", "#s1", "#s1"])
        #expect(matches.map { $0["similarity"] } == ["100", "100", "33", nil])
        // The reader gives the source as plain text.
        var reader = try XLIFFReader(xml: xliff)
        let item = try #require(try reader.next())
        #expect(item.source.plain == "أكد وزير الخارجية الأمريكي أنتوني بلينكن" && item.source.markup == nil)
    }

    // MARK: XLIFF 1.2

    @Test func xliff12DraftIsAnAltTransAndFragmentsAreNotes() throws {
        let document = try Sample.subSentence()
        let xliff = try DocumentFormat.xliff12.write(document)
        let findings = try XLIFF12Check.run(xliff)
        #expect(findings.isEmpty, "\(findings)")
        let root = try XMLNode.parse(xliff)
        let units = root.descendants.filter { $0.local == "trans-unit" && $0["translate"] != "no" }
        try #require(units.count == 3)
        let drafts = units.map { $0.children("alt-trans").filter { $0["origin"] == "dragoman:assembled" } }
        #expect(drafts.map(\.count) == [1, 0, 1])
        let draft = try #require(drafts[0].first)
        #expect(draft["alttranstype"] == "proposal" && draft["match-quality"] == nil)
        #expect(draft.children("target").first?.allText == Self.macronDraft)
        #expect(units[0].children("target").isEmpty && units[0]["approved"] == nil)
        #expect(units[0].children("note").contains {
            $0.allText == "Fragment «قال الرئيس الفرنسي» → «the French president said» (4 units, confidence 90%; also «French President said» ×2)"
        })
        // The draft as the target: needs review, qualified as assembled, never approved.
        let target = try #require(units[2].children("target").first)
        #expect(target["state"] == "needs-review-translation" && target["state-qualifier"] == "x-dragoman-assembled")
        #expect(target.allText == document.segments[2].target && units[2]["approved"] == nil)
    }

    // MARK: Reading back

    /// The merge uses a draft only where it is the target, and reports it unreviewed.
    @Test(arguments: [DocumentFormat.xliff, .xliff12])
    func mergeUsesTheDraftOnlyAsTheTarget(format: DocumentFormat) throws {
        let document = try Sample.subSentence()
        let merged = try XLIFFMerger().merge(xml: try format.write(document))
        let segments = document.segments
        #expect(merged.text == segments[0].segment.text + "\n\n" + segments[1].target! + "\n\n" + segments[2].target!)
        #expect(!merged.text.contains("the French president said"))
        #expect(merged.unreviewedIDs == [format == .xliff ? "u3/s3" : "u3"])
    }

    /// `tm import` never stores a fragment or a draft: they are candidates, and a draft
    /// marked done with words still in ⟦…⟧ is left out.
    @Test(arguments: [(DocumentFormat.xliff, "state=\"initial\" subState=\"dragoman:needs-review\"", "state=\"translated\""),
                      (.xliff12, "state=\"needs-review-translation\"", "state=\"translated\"")])
    func tmImportStoresNoFragmentsOrDrafts(format: DocumentFormat, waiting: String, done: String) throws {
        let document = try Sample.subSentence()
        let xliff = try format.write(document)
        #expect(xliff.contains(waiting))
        let (units, reader) = try XLIFFImportTests.read(xliff.replacingOccurrences(of: waiting, with: done))
        #expect(units.map(\.arabic) == [document.segments[1].segment.text])
        #expect(reader.notDoneByState[XLIFFUnits.unfinishedDraft] == 1)
        #expect(reader.notDone.contains { $0.reason.contains("⟦…⟧") })
        // A translator who finished the draft gets it stored.
        let finished = xliff.replacingOccurrences(of: waiting, with: done)
            .replacingOccurrences(of: XMLEscape.text(document.segments[2].target!),
                                  with: "Reuters said, citing officials at the BBC, that turnout was only 45.5%.")
        #expect(try XLIFFImportTests.read(finished).units.count == 2)
    }

    // MARK: JSON lines

    @Test func jsonCarriesFragmentsAndTheDraft() throws {
        let document = try Sample.subSentence()
        let lines = try DocumentFormat.json.write(document).split(separator: "\n")
        func object(_ n: Int) throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: Data(lines[n].utf8)) as? [String: Any])
        }
        let first = try object(0)
        let fragments = try #require(first["fragments"] as? [[String: Any]])
        #expect(fragments.count == 2)
        #expect(fragments[0].keys.sorted() == ["alternatives", "confidence", "count", "end", "source", "start", "target",
                                               "units", "words"])
        #expect(fragments[0]["start"] as? Int == 0 && fragments[0]["end"] as? Int == "قال الرئيس الفرنسي".utf16.count)
        #expect(fragments[0]["confidence"] as? Double == 0.9 && fragments[0]["count"] as? Int == 4)
        #expect(fragments[0]["units"] as? [Int] == [12, 4])
        #expect((fragments[0]["alternatives"] as? [[String: Any]])?.first?["target"] as? String == "French President said")
        let draft = try #require(first["assembled"] as? [String: Any])
        #expect(draft["text"] as? String == Self.macronDraft)
        #expect(draft["coverage"] as? Double == 0.7273 && draft["isTarget"] as? Bool == false)
        let parts = try #require(draft["parts"] as? [[String: Any]])
        #expect(parts.map { $0["origin"] as? String } == ["fragment", "glossary", "fragment", "untranslated", "number", "untranslated"])
        #expect(parts[1].keys.sorted() == ["end", "origin", "source", "start", "text"])
        #expect(first["target"] is NSNull && first["state"] as? String == "untranslated")
        // A draft as the target: no TM kind, match or score.
        let third = try object(2)
        #expect(third["target"] as? String == document.segments[2].target && third["state"] as? String == "needs-review")
        #expect(third["kind"] is NSNull && third["match"] is NSNull && third["score"] is NSNull)
        #expect((third["assembled"] as? [String: Any])?["isTarget"] as? Bool == true)
        #expect(try object(1)["assembled"] is NSNull)
    }

    // MARK: Review documents

    @Test func markdownShowsFragmentsAndDrafts() throws {
        let md = try DocumentFormat.md.write(try Sample.subSentence())
        #expect(md.contains("3 with fragments"))
        #expect(md.contains("2 assembled drafts"))
        #expect(md.contains("<b>قال الرئيس الفرنسي</b><sup>1</sup> <mark>إيمانويل ماكرون</mark> <b>في بيان</b><sup>2</sup>"))
        #expect(md.contains("- **Fragment 1:** <span dir=\"rtl\" lang=\"ar\">قال الرئيس الفرنسي</span> → the French president said "
                            + "(4 units, confidence 90%; also French President said ×2)"))
        #expect(md.contains("- 🧩 **Assembled draft** (8 of 11 words covered; needs review): the French president said Emmanuel Macron "
                            + "in a statement ⟦<span class=\"untranslated\" dir=\"rtl\" lang=\"ar\">إن</span>⟧ 35 "
                            + "⟦<span class=\"untranslated\" dir=\"rtl\" lang=\"ar\">شخصا قتلوا</span>⟧."))
        #expect(md.contains("## 3 · 🟥 no match · 🧩 assembled · needs review"))
        #expect(md.contains("- **Proposal:** ⟦<span class=\"untranslated\" dir=\"rtl\" lang=\"ar\">وقالت</span>⟧ Reuters, citing "
                            + "&lt;officials&gt; &amp; \"aides\""))
        #expect(md.contains("_(assembled draft, 7 of 14 words covered: needs review)_"))
        #expect(!md.contains("<officials>"))
    }

    @Test func htmlShowsFragmentsAndDrafts() throws {
        let html = try DocumentFormat.html.write(try Sample.subSentence())
        #expect(html.contains("<span class=\"fragment\" title=\"قال الرئيس الفرنسي → the French president said\">قال الرئيس الفرنسي</span>"
                              + "<sup class=\"fragnum\">1</sup>"))
        // Translations visible in the cell, not only in a title.
        #expect(html.contains("<bdi class=\"fragtgt\" dir=\"ltr\" lang=\"en\">the French president said</bdi>"))
        #expect(html.contains("<bdi class=\"fragtgt\" dir=\"ltr\" lang=\"en\">citing &lt;officials&gt; &amp; &quot;aides&quot;</bdi>"))
        #expect(html.contains("assembled draft (not the target): needs review · 8 of 11 words covered"))
        #expect(html.contains("⟦<span class=\"untranslated\" dir=\"rtl\" lang=\"ar\">شخصا قتلوا</span>⟧"))
        #expect(html.contains("<div class=\"draftlabel\" dir=\"ltr\" lang=\"en\">assembled draft: needs review · 7 of 14 words covered</div>"))
        #expect(html.contains("class=\"band-none state-needs-review assembled\""))
        #expect(!html.contains("<officials>"))
        // Well-formed enough for an XML parser once the doctype and void elements are dealt with.
        let body = html.replacingOccurrences(of: "<!DOCTYPE html>\n", with: "")
            .replacingOccurrences(of: "<meta charset=\"utf-8\">", with: "<meta charset=\"utf-8\"/>")
            .replacingOccurrences(of: "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", with: "")
            .replacingOccurrences(of: "<br>", with: "<br/>")
        let generator = try #require(body.range(of: "<meta name=\"generator\"[^>]*>", options: .regularExpression))
        _ = try XMLNode.parse(body.replacingCharacters(in: generator, with: ""))
    }

    /// A term crossing a fragment's edge is closed and reopened: the markup nests.
    @Test func fragmentAndTermMarkupNests() {
        let html = MarkedRuns.html("abc def ghi", terms: [4..<11], differences: [], diffTag: "ins", fragments: [0..<7],
                                   fragmentOpen: { _ in "<f>" }, fragmentClose: { _ in "</f>" }, escape: { $0 }) { _ in "<mark>" }
        #expect(html == "<f>abc <mark>def</mark></f><mark> ghi</mark>")
    }
}

/// Fragments a buggy search could give (outside the text, empty, crossing, cutting a
/// surrogate pair): every writer still writes a document that reads back as the article.
@Suite struct HostileFragmentTests {
    @Test(arguments: DocumentFormat.allCases)
    func badFragmentRangesNeverBreakADocument(format: DocumentFormat) throws {
        let text = "قال 🇵🇸 الوزير\u{202B} إن <الوفد> & الشركاء حضروا."
        let article = ArticleParser.parse(text, layout: .plainText, language: .arabic)
        let length = text.utf16.count
        let emoji = try utf16Range(of: "🇵🇸", in: text)
        let ranges: [Range<Int>] = [-3..<2, 0..<0, (length - 2)..<(length + 5), 0..<(emoji.lowerBound + 1),
                                    (emoji.lowerBound + 1)..<(emoji.upperBound - 1), 2..<9, 5..<14, 0..<length]
        let fragments = ranges.map {
            TMFragment(range: $0, source: "x", target: "<y> & \"z\"", count: 1, confidence: .nan, alternatives: [],
                       units: [], words: 0)
        }
        let p = Pretranslator(search: { _, _, _ in [] }, terms: nil, fragments: { _, _ in fragments })
        for asTarget in [false, true] {
            let document = try p.run(article, fileName: "hostile.txt", options: PretranslationOptions(assembledAsTarget: asTarget))
            // Out of the text or empty: dropped before they reach a writer.
            #expect(document.segments[0].fragments.count == 5)
            let written = try format.write(document)
            switch format {
            case .xliff:
                #expect((try XLIFF2Check.run(written)).isEmpty)
                var reader = try XLIFFReader(xml: written)
                #expect(try reader.next()?.source.plain == text)
                #expect(try XLIFFMerger().merge(xml: written).text == document.targetText)
            case .xliff12:
                #expect((try XLIFF12Check.run(written)).isEmpty)
                #expect(try XLIFFMerger().merge(xml: written).text == document.targetText)
            case .json:
                _ = try JSONSerialization.jsonObject(with: Data(written.split(separator: "\n")[0].utf8))
            default:
                #expect(!written.contains("<y>") && !written.contains("<الوفد>"))
            }
        }
    }
}
