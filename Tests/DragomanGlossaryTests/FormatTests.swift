import DragomanText
import DragomanApp
import DragomanFormats
import DragomanGlossary
import DragomanStore
import DragomanXML
import Foundation
import Testing

/// TSV, CSV and TBX: reading, writing, round trips and bad input.
@Suite struct FormatTests {
    func importTSV(_ text: String, into store: any GlossaryStore, skipBad: Bool = false, header: Bool = true,
                   format: GlossaryFileFormat = .tsv, domain: String? = nil) throws -> ImportReport {
        try GlossaryFiles.importDelimited(text, name: "test.\(format)",
                                          options: GlossaryImportOptions(format: format, defaultDomain: domain,
                                                                         skipBad: skipBad, hasHeader: header),
                                          into: store)
    }

    // MARK: TSV / CSV

    @Test(arguments: Backend.allCases)
    func rowsWithTheSameIDAreOneEntry(backend: Backend) throws {
        let store = try backend.make()
        let report = try importTSV("""
            id\tarabic\tenglish\tdomain\tpos\tstatus\tnote\tsource_url
            7\tمحمد\tMohammed\tpeople\tproper noun\tpreferred\t\thttp://example.org/a
            7\t\tMuhammad\tpeople\tproper noun\tadmitted\tacademic\t
            8\tحصار\tsiege\tconflict\tnoun\t\t\t
            7\t\tMohamed\t\t\t\tEgyptian spelling\t
            9\t\tWest Bank\t\t\t\t\t
            """, into: store)
        #expect(report.entriesAdded == 3)
        #expect(report.termsAdded == 7)
        #expect(report.itemsRead == 5)
        let mohammed = try #require(try store.entry(id: report.entryIDs["7"]!))
        #expect(mohammed.terms(in: .english).map(\.text) == ["Mohammed", "Muhammad", "Mohamed"])
        #expect(mohammed.terms(in: .english).map(\.status) == [.preferred, .admitted, .admitted])
        #expect(mohammed.domain == "people")
        // Unknown columns are kept as notes.
        #expect(mohammed.terms.first?.note == "source_url: http://example.org/a")
        #expect(mohammed.terms.first { $0.text == "Mohamed" }?.note == "Egyptian spelling")
        // No status: the first term of a language is preferred.
        let siege = try #require(try store.entry(id: report.entryIDs["8"]!))
        #expect(siege.terms.map(\.status) == [.preferred, .preferred])
        #expect(try store.entry(id: report.entryIDs["9"]!)?.terms.map(\.text) == ["West Bank"])
    }

    @Test(arguments: Backend.allCases)
    func badRowsAreReportedByLineAndNothingIsStored(backend: Backend) throws {
        let store = try backend.make()
        let text = """
            arabic\tenglish\tnote
            قطاع غزة\tGaza Strip\t
            الضفة الغربية
            حصار\tsiege\t
            \t\t
            وقف إطلاق النار\tceasefire\t
            """
        #expect {
            _ = try importTSV(text, into: store)
        } throws: { error in
            guard case GlossaryFileError.badItems(let path, let failure) = error else { return false }
            return path == "test.tsv" && failure.problems.map(\.line) == [3, 5]
                && failure.problems[0].reason.contains("column is missing")
                && "\(error)".contains("test.tsv: line 3: 1 column, expected 3")
                && "\(error)".contains("--skip-bad")
        }
        #expect(try store.counts() == GlossaryCounts())

        let report = try importTSV(text, into: store, skipBad: true)
        #expect(report.skipped.map(\.line) == [3, 5])
        #expect(report.entriesAdded == 3)
        #expect(try store.allEntries().map { $0.terms[0].text } == ["قطاع غزة", "حصار", "وقف إطلاق النار"])
    }

    @Test(arguments: Backend.allCases)
    func csvFollowsRFC4180(backend: Backend) throws {
        let store = try backend.make()
        let report = try importTSV("""
            english,arabic,note\r
            "Gaza Strip, the",قطاع غزة,"a note with ""quotes""\r
            on two lines"\r
            ceasefire,وقف إطلاق النار,\r
            bad row\r

            """, into: store, skipBad: true, format: .csv)
        #expect(report.entriesAdded == 2)
        #expect(report.skipped.map(\.line) == [5])
        let entries = try store.allEntries()
        #expect(entries[0].terms.map(\.text) == ["قطاع غزة", "Gaza Strip, the"])
        #expect(entries[0].terms[0].note == "a note with \"quotes\"\non two lines")
        #expect(entries[1].terms(in: .english).first?.text == "ceasefire")
    }

    @Test(arguments: Backend.allCases)
    func aFileWithoutHeaderIsReadByPosition(backend: Backend) throws {
        let store = try backend.make()
        let rows = "القدس\tJerusalem\nحصار\tsiege\n"
        // No header line: the first line is data, with or without --no-header.
        let detected = try importTSV(rows, into: try backend.make(), domain: "news")
        #expect(detected.entriesAdded == 2)
        let report = try importTSV(rows, into: store, header: false, domain: "news")
        #expect(report.entriesAdded == 2)
        #expect(try store.allEntries().map(\.domain) == ["news", "news"])
        #expect(try store.find(in: "بالقدس").first?.translations.map(\.text) == ["Jerusalem"])
    }

    @Test(arguments: Backend.allCases)
    func unknownStatusAndInvalidUTF8(backend: Backend) throws {
        let store = try backend.make()
        #expect {
            _ = try importTSV("arabic\tenglish\tstatus\nحصار\tsiege\tgreat\n", into: store)
        } throws: { "\($0)".contains("line 2: unknown status \"great\"") }
        let bytes = Array("arabic\tenglish\nحصار\tsiege\n".utf8) + [0x41, 0xFF, 0x09, 0x42, 0x0A]
        var sent = false
        #expect {
            _ = try GlossaryFiles.importDelimited(name: "bad.tsv", options: GlossaryImportOptions(format: .tsv), into: store) {
                defer { sent = true }
                return sent ? nil : bytes
            }
        } throws: { "\($0)".contains("bad.tsv: line 3: not valid UTF-8") }
        #expect(try store.counts() == GlossaryCounts())
    }

    @Test func parserIsTheSameWhateverTheChunks() throws {
        let text = "\u{FEFF}a,b,c\r\n\"x\r\ny\",\"\"\"q\"\"\",z\n\n1,2,3"
        var whole = DelimitedParser(dialect: .csv)
        let expected = try whole.feed(Array(text.utf8)) + whole.finish()
        #expect(expected.map(\.fields) == [["a", "b", "c"], ["x\ny", "\"q\"", "z"], ["1", "2", "3"]])
        #expect(expected.map(\.line) == [1, 2, 5])
        var bytewise = DelimitedParser(dialect: .csv)
        var records: [DelimitedParser.Record] = []
        for b in Array(text.utf8) { records += try bytewise.feed([b]) }
        records += try bytewise.finish()
        #expect(records == expected)
        var unclosed = DelimitedParser(dialect: .csv)
        _ = try unclosed.feed(Array("a,\"b\nc".utf8))
        #expect(throws: LineError.self) { try unclosed.finish() }
    }

    // MARK: Round trips

    static func content(_ store: any GlossaryStore) throws -> [NewEntry] {
        try store.allEntries().map(NewEntry.init)
    }

    @Test(arguments: Backend.allCases, GlossaryFileFormat.allCases)
    func exportThenImportGivesTheSameEntries(backend: Backend, format: GlossaryFileFormat) throws {
        let (source, _) = try starterStore(backend)
        // Entry-level fields and awkward text too.
        try source.add(NewEntry(domain: "law", definition: "A court's ruling, \"final\".", note: "line one\nline two",
                                terms: [NewTerm(.arabic, "حكم", pos: "noun", status: .preferred, note: "a, b; c", source: "desk"),
                                        NewTerm(.english, "ruling", pos: "other thing", status: .forbidden),
                                        NewTerm(.english, "judgment & <verdict>", status: .deprecated)]))
        let exported = try GlossaryFiles.exportString(source, format: format)
        let target = try backend.make()
        let options = GlossaryImportOptions(format: format)
        switch format {
        case .tbx, .tbx2008: _ = try GlossaryFiles.importTBX(exported, options: options, into: target)
        case .tsv, .csv: _ = try GlossaryFiles.importDelimited(exported, options: options, into: target)
        }
        var expected = try Self.content(source)
        var actual = try Self.content(target)
        if format == .tsv {
            // TSV cannot hold a line break: it becomes a space.
            expected = expected.map { e in
                var e = e
                e.note = e.note?.replacingOccurrences(of: "\n", with: " ")
                return e
            }
        }
        // Within a language the order is kept; TSV/CSV put the first Arabic and English term on one row.
        func normalized(_ entries: [NewEntry]) -> [NewEntry] {
            entries.map { e in
                var e = e
                e.terms = e.terms.filter { $0.language == .arabic } + e.terms.filter { $0.language == .english }
                return e
            }
        }
        expected = normalized(expected)
        actual = normalized(actual)
        #expect(actual.count == expected.count)
        for (a, b) in zip(actual, expected) where a != b {
            Issue.record("\(format): \(a) ≠ \(b)")
        }
    }

    // MARK: TBX

    /// `tbx` (and a .tbx file name) writes TBX v3; `tbx2008` the 2008 generation (`martif`)
    /// that OmegaT and Translate Toolkit read. Either format reads either generation.
    @Test(arguments: Backend.allCases)
    func tbxGenerationsOnExportAndImport(backend: Backend) throws {
        let (source, _) = try starterStore(backend)
        #expect(GlossaryFileFormat.guess(path: "glossary/dragoman.tbx") == .tbx)
        #expect(GlossaryFileFormat.tbx.tbxVersion == .tbx2019 && GlossaryFileFormat.tbx2008.tbxVersion == .tbx2008)
        #expect(GlossaryFileFormat(rawValue: "tbx2008") == .tbx2008 && GlossaryFileFormat.tbx2008.isTBX)
        let v3 = try GlossaryFiles.exportString(source, format: .tbx)
        let v2 = try GlossaryFiles.exportString(source, format: .tbx2008)
        #expect(try TBXReader(string: v3).info().version == .tbx2019)
        #expect(try TBXReader(string: v2).info() == TBXDocumentInfo(version: .tbx2008, dialect: "TBX-Basic", lang: "ar",
                                                                    title: "Dragoman glossary",
                                                                    sourceDescription: ["Exported by Dragoman"]))
        #expect(!v2.contains("<conceptEntry") && !v2.contains("<langSec") && !v2.contains("<termSec"))
        // The streamed export writes what the string export does.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dragoman-tbx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let streamed = folder.appendingPathComponent("glossary.tbx")
        _ = FileManager.default.createFile(atPath: streamed.path, contents: nil)
        let handle = try FileHandle(forWritingTo: streamed)
        let written = try GlossaryFiles.export(source, format: .tbx2008, to: handle)
        try handle.close()
        #expect(try String(contentsOf: streamed, encoding: .utf8) == v2)
        #expect(written == (try source.counts()).entries)
        let v3File = folder.appendingPathComponent("v3.tbx")
        try v3.write(to: v3File, atomically: true, encoding: .utf8)
        for (file, format) in [(streamed, GlossaryFileFormat.tbx), (streamed, .tbx2008), (v3File, .tbx2008)] {
            let target = try backend.make()
            _ = try GlossaryFiles.importFile(file.path, options: GlossaryImportOptions(format: format), into: target)
            #expect(try target.counts() == (try source.counts()), "\(file.lastPathComponent) as \(format)")
        }
    }

    @Test(arguments: Backend.allCases)
    func tbxDialectsAreRead(backend: Backend) throws {
        let store = try backend.make()
        for name in ["tbx2008-tig.tbx", "tbx2008-ntig.tbx", "tbx-basic-dca.tbx", "tbx-basic-dct.tbx", "tbx-min-dct.tbx"] {
            let report = try GlossaryFiles.importFile(try Fixture.url(name).path, options: GlossaryImportOptions(format: .tbx),
                                                      into: store)
            // The files hold the same concepts: after the first, they are merged.
            #expect(report.entriesAdded + report.entriesMerged > 0, "\(name)")
        }
        // TBX 2008 tig: statuses, part of speech, source, data categories kept as notes.
        let sg = try #require(try store.lookup("Secretary-General").first)
        #expect(sg.entry.domain == "international organizations")
        #expect(sg.entry.definition == "The chief administrative officer of the United Nations.")
        #expect(sg.term.source == "UNTERM")
        #expect(sg.entry.terms.first { $0.text == "UN chief" }?.status == .deprecated)
        #expect(sg.translations.map(\.text) == ["الأمين العام"])
        #expect(sg.translations.first?.note == "grammaticalGender: masculine")
        // Inline markup inside <term> is flattened.
        #expect(try store.lookup("قطاع غزة").first?.term.text == "قطاع غزة")
        // ntig with en-GB: English.
        let council = try #require(try store.lookup("UNSC").first)
        #expect(council.term.language == .english)
        #expect(council.translations.map(\.text) == ["مجلس الأمن"])
        // TBX-Min: notRecommended → deprecated, obsolete → forbidden.
        let refugees = try #require(try store.lookup("refugees").first)
        #expect(refugees.entry.terms(in: .english).map(\.status) == [.preferred, .deprecated, .forbidden])
        #expect(refugees.translations.map(\.text) == ["اللاجئون", "النازحون"])
        #expect(refugees.entry.domain == "humanitarian affairs")
        // TBX-Basic DCA: the ceasefire entry, with its Arabic synonyms.
        let truce = try #require(try store.find(in: "أعلنت هدنة").first)
        #expect(truce.translations.first?.text == "ceasefire")
    }

    @Test func languageTagsAreBCP47() throws {
        let store = InMemoryGlossary()
        let report = try GlossaryFiles.importTBX("""
            <?xml version="1.0"?>
            <tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
            <tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>
            <text><body>
            <conceptEntry id="a">
              <langSec xml:lang="ar-SA"><termSec><term>حصار</term></termSec></langSec>
              <langSec xml:lang="ar_EG"><termSec><term>محاصرة</term></termSec></langSec>
              <langSec xml:lang="EN-gb"><termSec><term>siege</term></termSec></langSec>
              <langSec xml:lang="fr"><termSec><term>siège</term></termSec></langSec>
            </conceptEntry>
            <conceptEntry id="b"><langSec xml:lang="de"><termSec><term>Belagerung</term></termSec></langSec></conceptEntry>
            </body></text></tbx>
            """, options: GlossaryImportOptions(format: .tbx), into: store)
        #expect(report.entriesAdded == 1)
        #expect(report.otherLanguageTerms == 2)
        #expect(report.entriesIgnored == 1)
        let entry = try #require(try store.allEntries().first)
        #expect(entry.terms.map(\.language) == [.arabic, .arabic, .english])
        #expect(entry.terms.map(\.status) == [.preferred, .admitted, .preferred])
    }

    /// Each malformed file is refused with its line and reason, and nothing of it is stored.
    @Test(arguments: Backend.allCases)
    func malformedTBXIsRefusedWholly(backend: Backend) throws {
        let store = try backend.make()
        try store.add(NewEntry(terms: [NewTerm(.arabic, "موجود"), NewTerm(.english, "existing")]))
        let cases: [(String, Int, String)] = [
            ("""
             <?xml version="1.0"?>
             <tbx type="TBX-Basic" xml:lang="en"><text><body>
             <conceptEntry id="1"><langSec xml:lang="en"><termSec><term>ok</term></termSec></langSec></conceptEntry>
             <conceptEntry id="2"><langSec xml:lang="en"><termSec><term>broken</termSec></langSec></conceptEntry>
             </body></text></tbx>
             """, 4, "</termSec>"),
            ("<?xml version=\"1.0\"?>\n<glossary><entry/></glossary>", 2, "not <martif> (TBX 2008) or <tbx> (TBX v3)"),
            (try Fixture.string("tbx-bad.tbx"), 12, "has no language"),
        ]
        for (text, line, reason) in cases {
            #expect {
                _ = try GlossaryFiles.importTBX(text, name: "bad.tbx", options: GlossaryImportOptions(format: .tbx), into: store)
            } throws: { error in
                guard case GlossaryFileError.malformed(let path, let l, _, let r) = error else { return false }
                return path == "bad.tbx" && l == line && r.contains(reason) && "\(error)".contains("nothing was imported")
            }
        }
        #expect(try store.counts() == GlossaryCounts(entries: 1, arabicTerms: 1, englishTerms: 1))
        // With skipBad the structural problems are listed and the good entries kept.
        let report = try GlossaryFiles.importTBX(try Fixture.string("tbx-bad.tbx"), name: "bad.tbx",
                                                 options: GlossaryImportOptions(format: .tbx, skipBad: true), into: store)
        #expect(report.entriesAdded == 2)
        // The language section without a language (line 12), the empty term (its
        // <termSec>, line 18) and the term with no text (line 25).
        #expect(report.skipped.map(\.line) == [12, 18, 25])
    }

    @Test(arguments: Backend.allCases)
    func billionLaughsIsRefusedQuicklyInBoundedMemory(backend: Backend) throws {
        let store = try backend.make()
        let laughs = """
            <?xml version="1.0"?>
            <!DOCTYPE tbx [
             <!ENTITY lol "lol">
             <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
             <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
             <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
             <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
            ]>
            <tbx type="TBX-Basic" xml:lang="en"><text><body>
            <conceptEntry id="1"><langSec xml:lang="en"><termSec><term>&lol9;</term></termSec></langSec></conceptEntry>
            </body></text></tbx>
            """
        let start = Date()
        #expect {
            _ = try GlossaryFiles.importTBX(laughs, name: "lol.tbx", options: GlossaryImportOptions(format: .tbx), into: store)
        } throws: { error in
            guard case GlossaryFileError.malformed(_, let line, _, let reason) = error else { return false }
            return line == 2 && reason.contains("not supported")
        }
        #expect(Date().timeIntervalSince(start) < 0.5)
        // An external entity (XXE) is never fetched: a DOCTYPE with an internal subset is refused.
        let xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE tbx [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<tbx><text><body><conceptEntry><langSec xml:lang=\"en\"><termSec><term>&x;</term></termSec></langSec></conceptEntry></body></text></tbx>"
        #expect(throws: GlossaryFileError.self) {
            _ = try GlossaryFiles.importTBX(xxe, options: GlossaryImportOptions(format: .tbx), into: store)
        }
        #expect(try store.counts() == GlossaryCounts())
    }

    /// A TBX file is read as a stream: entries go to the writer in batches as they are
    /// read, never gathered first. The source below yields 20,000 entries (about 7 MB)
    /// chunk by chunk, without ever holding the document.
    @Test(arguments: Backend.allCases)
    func tbxIsStreamed(backend: Backend) throws {
        let count = 20_000
        let store = try backend.make()
        let produced = Counter()
        let reader = TBXReader(parser: XMLPullParser(source: GeneratedTBX(entries: count) { produced.value = $0 }))
        let report = try GlossaryFiles.importTBX(reader, name: "generated.tbx", options: GlossaryImportOptions(format: .tbx),
                                                 into: store)
        #expect(report.entriesAdded == count)
        #expect(produced.value == count)
        #expect(try store.counts().terms == 2 * count)
        // The reading side holds one batch at most.
        let batcher = GlossaryBatcher()
        let reader2 = TBXReader(parser: XMLPullParser(source: GeneratedTBX(entries: count) { _ in }))
        var batches = 0
        while let concept = try reader2.next() {
            let mapped = GlossaryTBX.newEntry(concept)
            if try batcher.add(mapped.entry!, id: concept.id, statusGiven: mapped.statusGiven) != nil { batches += 1 }
        }
        #expect(batcher.highWater == GlossaryBatcher.batchSize)
        #expect(batches == count / GlossaryBatcher.batchSize)
    }
}

final class Counter: @unchecked Sendable {
    var value = 0
}

/// A TBX document produced chunk by chunk.
struct GeneratedTBX: XMLByteSource {
    let entries: Int
    let progress: (Int) -> Void
    var next = 0
    var finished = false

    init(entries: Int, progress: @escaping (Int) -> Void) {
        self.entries = entries
        self.progress = progress
    }

    mutating func nextChunk() throws -> [UInt8]? {
        if finished { return nil }
        var s = ""
        if next == 0 {
            s += "<?xml version=\"1.0\"?>\n<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"ar\" xmlns=\"urn:iso:std:iso:30042:ed-2\"><tbxHeader><fileDesc><sourceDesc><p>g</p></sourceDesc></fileDesc></tbxHeader><text><body>\n"
        }
        let end = min(entries, next + 100)
        while next < end {
            s += "<conceptEntry id=\"c\(next)\"><descrip type=\"subjectField\">generated</descrip><langSec xml:lang=\"ar\"><termSec><term>مصطلح \(next)</term><termNote type=\"partOfSpeech\">noun</termNote></termSec></langSec><langSec xml:lang=\"en\"><termSec><term>term \(next)</term></termSec></langSec></conceptEntry>\n"
            next += 1
        }
        progress(next)
        if next == entries {
            s += "</body></text></tbx>\n"
            finished = true
        }
        return Array(s.utf8)
    }
}
