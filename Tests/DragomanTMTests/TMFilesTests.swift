import Foundation
import Testing
import DragomanFormats
import DragomanText
import DragomanTM
@testable import DragomanTM

@Suite struct TMFilesTests {
    func read(_ text: String, format: TMFileFormat = .tsv, skipBad: Bool = false) -> ([TranslationUnit], DelimitedPairsReader) {
        var reader = DelimitedPairsReader(text: text, format: format, file: "pairs.tsv", origin: "doc", skipBad: skipBad)
        var units: [TranslationUnit] = []
        while let u = reader.next() { units.append(u) }
        return (units, reader)
    }

    @Test func tsvPairsWithDocumentContext() {
        let (units, reader) = read("بتوقيت القدس\tJerusalem Time\nالائتلاف يشدد\tThe coalition stresses\n\nجملة أخرى\tAnother sentence\n")
        #expect(reader.error == nil)
        #expect(units.map(\.english) == ["Jerusalem Time", "The coalition stresses", "Another sentence"])
        #expect(units[0].arabicContext.previous == UnitContext.documentStart)
        #expect(units[0].arabicContext.next == UnitContext.hash(ofSegment: "الائتلاف يشدد"))
        #expect(units[1].arabicContext.previous == UnitContext.hash(ofSegment: "بتوقيت القدس"))
        // A blank line ends the document.
        #expect(units[1].arabicContext.next == UnitContext.documentEnd)
        #expect(units[2].arabicContext.previous == UnitContext.documentStart)
        #expect(units.allSatisfy { $0.origin == "doc" })
    }

    @Test func badLineStopsWithItsNumber() {
        let (units, reader) = read("القدس\tJerusalem\nغزة بلا ترجمة\nالضفة\tWest Bank\n")
        #expect(units.count == 1)
        #expect(reader.error?.line == 2)
        #expect(reader.error?.description.contains("pairs.tsv:2") == true)
    }

    @Test func skipBadListsWhatItSkipped() {
        let (units, reader) = read("القدس\tJerusalem\nغزة بلا ترجمة\n\tempty\nJerusalem\tالقدس\nالضفة\tWest Bank\n", skipBad: true)
        #expect(units.map(\.english) == ["Jerusalem", "West Bank"])
        #expect(reader.skipped.map(\.line) == [2, 3, 4])
        #expect(reader.skipped[1].reason.contains("empty Arabic"))
        #expect(reader.skipped[2].reason.contains("swapped"))
    }

    @Test func csvWithQuotes() {
        let (units, _) = read("\"قال: «نعم، بالتأكيد»\",\"He said: \"\"yes, certainly\"\"\"\n", format: .csv)
        #expect(units.first?.arabic == "قال: «نعم، بالتأكيد»")
        #expect(units.first?.english == "He said: \"yes, certainly\"")
    }

    @Test func tmxUnitsMapWithRegionsMarkupAndDates() throws {
        let tmx = """
            <?xml version="1.0" encoding="UTF-8"?>
            <tmx version="1.4"><header creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="ar-SA" datatype="plaintext"/>
            <body>
            <tu tuid="7" creationdate="20210301T120000Z" creationid="mona"><prop type="x-domain">news</prop><note>checked</note>
            <tuv xml:lang="ar-SA"><seg><bpt i="1">&lt;b&gt;</bpt>القدس<ept i="1">&lt;/b&gt;</ept> عاصمة</seg></tuv>
            <tuv xml:lang="en-GB"><seg><bpt i="1">&lt;b&gt;</bpt>Jerusalem<ept i="1">&lt;/b&gt;</ept> capital</seg></tuv>
            </tu>
            <tu><tuv xml:lang="ar"><seg>بلا إنجليزية</seg></tuv><tuv xml:lang="fr"><seg>sans anglais</seg></tuv></tu>
            </body></tmx>
            """
        let reader = TMXReader(string: tmx)
        _ = try reader.header()
        let first = try #require(try reader.next())
        let unit = try TMXMapping.unit(first, origin: "old.tmx").get()
        #expect(unit.arabic == "القدس عاصمة")
        #expect(unit.english == "Jerusalem capital")
        #expect(unit.arabicMarkup?.contains("<bpt i=\"1\">&lt;b&gt;</bpt>") == true)
        #expect(unit.creator == "mona" && unit.note == "checked")
        #expect(unit.created == ISO8601DateFormatter().date(from: "2021-03-01T12:00:00Z"))
        #expect(unit.properties.contains(UnitProperty(type: "x-domain", value: "news")))
        let second = try #require(try reader.next())
        guard case .failure(let skipped) = TMXMapping.unit(second, origin: nil) else {
            Issue.record("a unit without English must be skipped"); return
        }
        #expect(skipped.reason.contains("no English variant"))
        // Export gives the markup back.
        let back = TMXMapping.tmxUnit(unit)
        #expect(back.variants[0].segment.markup == unit.arabicMarkup)
        #expect(back.variants.map(\.lang) == ["ar", "en"])
    }
}

@Suite struct PairsReaderWindowTests {
    /// Context across the reader's windows of 4,096 records: every unit's neighbours are the
    /// lines around it in the file, a blank line or a change of origin ending a document,
    /// whatever the chunk size the bytes arrive in.
    @Test(arguments: [1 << 16, 7, 1 << 20])
    func contextIsRightAcrossWindowsAndChunks(chunkSize: Int) {
        var rng = SplitMix64(seed: 42)
        var lines: [String] = []
        var expected: [(arabic: String, previous: String?, next: String?)] = []
        var document: [String] = []
        func flush() {
            for (i, ar) in document.enumerated() {
                expected.append((ar, i > 0 ? document[i - 1] : nil, i + 1 < document.count ? document[i + 1] : nil))
            }
            document = []
        }
        var origin = 0
        for n in 0..<10_000 {
            let roll = rng.next() % 100
            if roll < 3 {
                lines.append("")
                flush()
            } else if roll < 6 {
                origin += 1
                flush()
            }
            let ar = "الجملة رقم \(n) في الوثيقة \(origin)"
            lines.append("doc\(origin)\t\(ar)\tSentence \(n)")
            document.append(ar)
        }
        flush()
        let bytes = Array((lines.joined(separator: "\n") + "\n").utf8)
        var offset = 0
        var reader = DelimitedPairsReader(format: .tsv, file: "big.tsv", origin: nil, skipBad: false,
                                          columns: PairColumns(list: "origin,ar,en")) {
            guard offset < bytes.count else { return nil }
            let end = min(offset + chunkSize, bytes.count)
            defer { offset = end }
            return Array(bytes[offset..<end])
        }
        var units: [TranslationUnit] = []
        while let unit = reader.next() { units.append(unit) }
        #expect(reader.error == nil)
        #expect(units.count == expected.count)
        for (unit, want) in zip(units, expected) {
            #expect(unit.arabic == want.arabic)
            let previous = want.previous.map { UnitContext.hash(ofSegment: $0) } ?? UnitContext.documentStart
            let next = want.next.map { UnitContext.hash(ofSegment: $0) } ?? UnitContext.documentEnd
            if unit.arabicContext != UnitContext(previous: previous, next: next) {
                Issue.record("wrong context for «\(unit.arabic)»")
                return
            }
        }
    }
}
