import Foundation
import Testing
import DragomanFormats
import DragomanText
@testable import DragomanDocuments
@testable import DragomanPretranslate
@testable import DragomanTM

/// `tm import` of reviewed XLIFF: which targets are stored, their origin, context and
/// markup, and `merge`'s view of the same states.
@Suite struct XLIFFImportTests {
    /// The units `XLIFFUnits` gives for `xml`, and the reader's counts.
    static func read(_ xml: String, states: Set<String>? = nil, origin: String? = nil,
                     skipBad: Bool = false) throws -> (units: [TranslationUnit], reader: XLIFFUnits) {
        var units = XLIFFUnits(reader: try XLIFFReader(xml: xml), file: "test.xlf", origin: origin,
                               defaultOrigin: "test.xlf", states: states, skipBad: skipBad)
        var out: [TranslationUnit] = []
        while let keyed = try units.next() {
            #expect(keyed.arabicKeyHash == StableHash.of(MatchKey.make(keyed.unit.arabic)))
            out.append(keyed.unit)
        }
        return (out, units)
    }

    static func hash(_ text: String) -> Int64 { UnitContext.hash(ofSegment: text)! }

    @Test func xliff2FromPretranslateStoresTheTranslatedSegmentsWithOriginAndContext() throws {
        let document = try Sample.plainText()
        let xliff = try DocumentFormat.xliff.write(document)
        let (units, reader) = try Self.read(xliff)
        let done = document.segments.indices.filter { document.segments[$0].target != nil && document.segments[$0].state == .translated }
        let waiting = document.segments.filter { $0.target != nil && $0.state != .translated }.count
        let empty = document.segments.filter { $0.target == nil }.count
        try #require(!done.isEmpty && waiting > 0 && empty > 0)
        #expect(units.map(\.arabic) == done.map { document.segments[$0].segment.text })
        #expect(units.map(\.english) == done.map { document.segments[$0].target! })
        #expect(units.allSatisfy { $0.origin == "sample-article.ar.txt" })
        #expect(reader.notDoneByState == ["initial": waiting, "no target": empty])
        #expect(reader.notDone.count == waiting + empty)
        #expect(reader.notDone.allSatisfy { $0.reason.hasPrefix("unit u") && $0.reason.contains("initial") })
        // Context: the neighbouring segments of the article, the document's edges at the ends.
        let segments = document.segments
        for (unit, i) in zip(units, done) {
            let previous = i == 0 ? UnitContext.documentStart : Self.hash(segments[i - 1].segment.text)
            let next = i + 1 == segments.count ? UnitContext.documentEnd : Self.hash(segments[i + 1].segment.text)
            #expect(unit.arabicContext == UnitContext(previous: previous, next: next), "segment \(i + 1)")
            let englishPrevious = i == 0 ? UnitContext.documentStart : segments[i - 1].target.map(Self.hash)
            #expect(unit.englishContext.previous == englishPrevious, "segment \(i + 1)")
        }
        #expect(units.last?.arabicContext.next == UnitContext.documentEnd)
    }

    @Test func reviewedSegmentsAreStoredAndStatesCanBeChosen() throws {
        let document = try Sample.plainText()
        let withTarget = document.segments.filter { $0.target != nil }.count
        let xliff = try DocumentFormat.xliff.write(document)
            .replacingOccurrences(of: "state=\"initial\" subState=\"dragoman:needs-review\"", with: "state=\"reviewed\"")
        #expect(try Self.read(xliff).units.count == withTarget)
        // Only `reviewed` counts: the `translated` ones are skipped and counted.
        let (units, reader) = try Self.read(xliff, states: ["reviewed"])
        let translated = document.segments.filter { $0.target != nil && $0.state == .translated }.count
        #expect(units.count == withTarget - translated)
        #expect(reader.notDoneByState["translated"] == translated)
        // --origin replaces the file's original.
        #expect(try Self.read(xliff, origin: "review-2026").units.allSatisfy { $0.origin == "review-2026" })
    }

    @Test func xliff12FromPretranslateSkipsNeedsReviewAndTheTextBetweenSegments() throws {
        let document = try Sample.markdown()
        var xliff = try DocumentFormat.xliff12.write(document)
        #expect(xliff.contains("translate=\"no\""))
        let done = document.segments.filter { $0.target != nil && $0.state == .translated }
        let review = document.segments.filter { $0.target != nil && $0.state != .translated }
        var (units, reader) = try Self.read(xliff)
        #expect(units.map(\.english) == done.map { $0.target! })
        #expect(reader.notDoneByState["needs-review-translation"] == (review.isEmpty ? nil : review.count))
        // The markup between segments (`translate="no"` trans-units) is never a unit.
        #expect(units.allSatisfy { !$0.arabic.hasPrefix("#") && !$0.arabic.isEmpty })
        // A reviewer signs the proposals off.
        xliff = xliff.replacingOccurrences(of: "state=\"needs-review-translation\"", with: "state=\"signed-off\"")
        (units, reader) = try Self.read(xliff)
        #expect(units.count == done.count + review.count)
        #expect(reader.notDoneByState["needs-review-translation"] == nil)
    }

    /// A file as OmegaT or Okapi return it: no Dragoman markup, inline codes, `approved`
    /// without a state, a target with no state, an alt-trans, two files.
    static let omegaT = """
        <?xml version="1.0" encoding="UTF-8"?>
        <xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:okp="okapi-framework:xliff-extensions">
          <file original="gaza-report.html" source-language="ar-SA" target-language="en-GB" datatype="html">
            <header><tool tool-id="okapi" tool-name="Okapi"/></header>
            <body>
              <trans-unit id="1" approved="yes">
                <source xml:lang="ar-SA">عقد <g id="1">مجلس الأمن</g> اجتماعا طارئا<x id="2"/>.</source>
                <target xml:lang="en-GB">The <g id="1">Security Council</g> held an emergency meeting<x id="2"/>.</target>
                <alt-trans match-quality="80"><source>عقد مجلس الأمن اجتماعا</source><target>The Security Council met</target></alt-trans>
              </trans-unit>
              <trans-unit id="2">
                <source>وصل الوفد إلى <bpt id="3">&lt;b&gt;</bpt>القاهرة<ept id="3">&lt;/b&gt;</ept> مساء الأحد.</source>
                <target state="final">The delegation arrived in <bpt id="3">&lt;b&gt;</bpt>Cairo<ept id="3">&lt;/b&gt;</ept> on Sunday evening.</target>
              </trans-unit>
              <trans-unit id="3">
                <source>أعلنت الحكومة خطة جديدة.</source>
                <target state="needs-review-translation">The government announced a plan.</target>
              </trans-unit>
              <trans-unit id="4">
                <source>انتهى الاجتماع.</source>
                <target>The meeting ended.</target>
              </trans-unit>
              <trans-unit id="5">
                <source>غادر الوفد.</source>
                <target state="new">غادر الوفد.</target>
              </trans-unit>
            </body>
          </file>
          <file original="second.html" source-language="ar" target-language="en" datatype="html">
            <body>
              <trans-unit id="a1"><source>ارتفعت أسعار النفط.</source><target state="translated">Oil prices rose.</target></trans-unit>
            </body>
          </file>
        </xliff>
        """

    @Test func anOmegaTStyleFileKeepsItsInlineCodesAsTMXMarkup() throws {
        let (units, reader) = try Self.read(Self.omegaT)
        #expect(units.map(\.english) == ["The Security Council held an emergency meeting.",
                                         "The delegation arrived in Cairo on Sunday evening.", "Oil prices rose."])
        #expect(units.map(\.arabic) == ["عقد مجلس الأمن اجتماعا طارئا.", "وصل الوفد إلى القاهرة مساء الأحد.", "ارتفعت أسعار النفط."])
        #expect(units.map(\.origin) == ["gaza-report.html", "gaza-report.html", "second.html"])
        #expect(units[0].arabicMarkup == "عقد <bpt i=\"1\"/>مجلس الأمن<ept i=\"1\"/> اجتماعا طارئا<ph x=\"2\"/>.")
        #expect(units[0].englishMarkup == "The <bpt i=\"1\"/>Security Council<ept i=\"1\"/> held an emergency meeting<ph x=\"2\"/>.")
        #expect(units[1].englishMarkup == "The delegation arrived in <bpt i=\"1\">&lt;b&gt;</bpt>Cairo<ept i=\"1\">&lt;/b&gt;</ept> on Sunday evening.")
        #expect(units[2].arabicMarkup == nil && units[2].englishMarkup == nil)
        // The markup is TMX a TMX reader takes back to the same plain text.
        let segment = try TMXReader(string: """
            <tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="ar" datatype="plaintext"/>
            <body><tu><tuv xml:lang="ar"><seg>\(units[1].arabicMarkup!)</seg></tuv><tuv xml:lang="en"><seg>\(units[1].englishMarkup!)</seg></tuv></tu></body></tmx>
            """).next()
        #expect(segment?.variants.map(\.segment.plainText) == [units[1].arabic, units[1].english])
        #expect(reader.notDoneByState == ["needs-review-translation": 1, "none": 1, "new": 1])
        #expect(reader.notDone.map(\.reason) == ["unit 3: state needs-review-translation, not counted as done",
                                                  "unit 4: state none, not counted as done",
                                                  "unit 5: state new, not counted as done"])
        // Context stops at the edge of a <file>.
        #expect(units[1].arabicContext == UnitContext(previous: Self.hash(units[0].arabic), next: Self.hash("أعلنت الحكومة خطة جديدة.")))
        #expect(units[2].arabicContext == UnitContext(previous: UnitContext.documentStart, next: UnitContext.documentEnd))
        // `--states` without `approved`: the approved unit without a state is not stored.
        #expect(try Self.read(Self.omegaT, states: ["final", "translated"]).units.count == 2)
    }

    @Test func anEnglishToArabicFileIsStoredWithItsSidesSwapped() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en-US" trgLang="ar">
              <file id="f1" original="statement.en.txt">
                <unit id="u1"><segment state="final"><source>The minister said <pc id="1">the talks</pc> were over.</source><target>قال الوزير إن <pc id="1">المحادثات</pc> انتهت.</target></segment></unit>
                <unit id="u2" translate="no"><segment state="final"><source>REF-2026</source><target>REF-2026</target></segment></unit>
                <unit id="u3"><segment state="reviewed"><source>Prices rose.</source><target>ارتفعت الأسعار.</target></segment></unit>
              </file>
            </xliff>
            """
        let (units, _) = try Self.read(xml)
        #expect(units.map(\.arabic) == ["قال الوزير إن المحادثات انتهت.", "ارتفعت الأسعار."])
        #expect(units.map(\.english) == ["The minister said the talks were over.", "Prices rose."])
        #expect(units[0].arabicMarkup == "قال الوزير إن <bpt i=\"1\"/>المحادثات<ept i=\"1\"/> انتهت.")
        #expect(units[0].englishMarkup == "The minister said <bpt i=\"1\"/>the talks<ept i=\"1\"/> were over.")
        #expect(units[1].englishContext.previous == Self.hash("The minister said the talks were over."))
        #expect(units[1].arabicContext.previous == Self.hash("قال الوزير إن المحادثات انتهت."))
    }

    @Test func aBadDoneUnitStopsTheReadingUnlessSkipped() throws {
        let xml = """
            <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ar" trgLang="en">
              <file id="f1" original="a.txt">
                <unit id="u1"><segment state="translated"><source>وصل الوفد.</source><target>The delegation arrived.</target></segment></unit>
                <unit id="u2"><segment state="translated"><source>غادر الوفد.</source><target>غادر الوفد.</target></segment></unit>
                <unit id="u3"><segment state="final"><source>انتهى الاجتماع.</source></segment></unit>
              </file>
            </xliff>
            """
        #expect(throws: LineError.self) { try Self.read(xml) }
        let (units, reader) = try Self.read(xml, skipBad: true)
        #expect(units.map(\.arabic) == ["وصل الوفد."])
        #expect(reader.skipped.map(\.line) == [4, 5])
        #expect(reader.skipped[0].reason.hasPrefix("unit u2: "))
        #expect(reader.skipped[1].reason == "unit u3: state final but no target")
    }

    @Test func aFileInOtherLanguagesIsRefused() throws {
        let xml = """
            <xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="x" source-language="fr" target-language="en" datatype="plaintext"><body>
            <trans-unit id="1"><source>Bonjour.</source><target state="final">Hello.</target></trans-unit></body></file></xliff>
            """
        let error = #expect(throws: LineError.self) { try Self.read(xml, skipBad: true) }
        #expect(error?.reason.contains("fr into en") == true)
    }

    @Test func theContentTellsAnXLIFFFromATMX() {
        #expect(TMFileFormat.sniff(Array("\u{FEFF}<?xml version=\"1.0\"?>\n<!-- x -->\n<xliff version=\"2.1\">".utf8)) == .xliff)
        #expect(TMFileFormat.sniff(Array("<x:xliff xmlns:x=\"urn:oasis:names:tc:xliff:document:1.2\">".utf8)) == .xliff)
        #expect(TMFileFormat.sniff(Array("<?xml version=\"1.0\"?><!DOCTYPE tmx SYSTEM \"tmx14.dtd\"><tmx version=\"1.4\">".utf8)) == .tmx)
        #expect(TMFileFormat.sniff(Array("قال\tsaid\n".utf8)) == nil)
        #expect(TMFileFormat.guess("a.XLF") == .xliff && TMFileFormat.guess("a.xliff") == .xliff)
    }

    @Test func theLanguageOfTheSourceElementDecides() throws {
        // A 1.2 file whose <file> says nothing, and whose elements say en → ar.
        let xml = """
            <xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="x.txt" datatype="plaintext"><body>
            <trans-unit id="1" approved="yes"><source xml:lang="en">Prices rose.</source><target xml:lang="ar-EG">ارتفعت الأسعار.</target></trans-unit>
            </body></file></xliff>
            """
        let (units, _) = try Self.read(xml)
        #expect(units.map(\.arabic) == ["ارتفعت الأسعار."] && units.map(\.english) == ["Prices rose."])
    }

    /// Every truncation and a sweep of byte changes of two files: units or an error, never
    /// a crash or a hang (the reader is the hardened pull parser; this checks the mapping on top).
    @Test func damagedFilesGiveUnitsOrAnError() throws {
        let dragoman = try DocumentFormat.xliff.write(try Sample.plainText())
            .replacingOccurrences(of: "state=\"initial\" subState=\"dragoman:needs-review\"", with: "state=\"final\"")
        for text in [Self.omegaT, dragoman] {
            let bytes = Array(text.utf8)
            var outcomes = 0
            for cut in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 1500)) {
                outcomes += Self.outcome(Array(bytes[..<cut]))
            }
            var rng = SplitMix64(seed: 2026)
            for _ in 0..<600 {
                var damaged = bytes
                let at = Int(rng.next() % UInt64(damaged.count))
                damaged[at] = [UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), UInt8(ascii: "\""), 0xD8, 0x00][Int(rng.next() % 6)]
                outcomes += Self.outcome(damaged)
            }
            #expect(outcomes > 0)
        }
    }

    static func outcome(_ bytes: [UInt8]) -> Int {
        do {
            var units = XLIFFUnits(reader: try XLIFFReader(bytes: bytes), file: "x.xlf", origin: nil,
                                   defaultOrigin: "x.xlf", skipBad: true)
            while try units.next() != nil {}
            return 1
        } catch {
            return 0
        }
    }

    // MARK: merge

    @Test(arguments: [DocumentFormat.xliff, .xliff12])
    func mergeListsTheTargetsNotReviewed(format: DocumentFormat) throws {
        let document = try Sample.plainText()
        let xliff = try format.write(document)
        let merged = try XLIFFMerger().merge(xml: xliff)
        let waiting = document.segments.indices.filter { document.segments[$0].target != nil && document.segments[$0].state != .translated }
        #expect(merged.unreviewedIDs == waiting.map { format == .xliff ? "u\($0 + 1)/s\($0 + 1)" : "u\($0 + 1)" })
        #expect(merged.text == document.targetText, "the merge itself is unchanged")
        let reviewed = xliff.replacingOccurrences(of: "state=\"initial\" subState=\"dragoman:needs-review\"", with: "state=\"final\"")
            .replacingOccurrences(of: "state=\"needs-review-translation\"", with: "state=\"translated\"")
        #expect(try XLIFFMerger().merge(xml: reviewed).unreviewedIDs.isEmpty)
    }

    @Test func mergeReadsTheOmegaTStates() throws {
        let merged = try XLIFFMerger().merge(xml: Self.omegaT)
        #expect(merged.unreviewedIDs == ["3", "4", "5"])
        #expect(merged.originals == ["gaza-report.html", "second.html"])
    }
}
