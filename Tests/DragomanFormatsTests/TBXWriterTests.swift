import Foundation
import Testing
@testable import DragomanFormats
import DragomanXML

@Suite struct TBXWriterTests {
    static let entries: [TBXConceptEntry] = [
        TBXConceptEntry(
            id: "sg", subjectField: "international organizations",
            definition: "The chief administrative officer of the United Nations.",
            notes: ["Head of the UN Secretariat"],
            languageSections: [
                TBXLanguageSection(lang: "ar", terms: [
                    TBXTerm(text: "الأمين العام", partOfSpeech: "noun", administrativeStatus: .preferred,
                            notes: ["يكتب بلا اختصار"], source: "UNTERM",
                            fields: [TBXField("grammaticalGender", "masculine"),
                                     TBXField("context", "قال الأمين العام إن الوضع في قطاع غزة خطير."),
                                     TBXField("contextSource", "UN News Arabic")]),
                ]),
                TBXLanguageSection(lang: "en", terms: [
                    TBXTerm(text: "Secretary-General", partOfSpeech: "noun", administrativeStatus: .preferred,
                            fields: [TBXField("termType", "fullForm")]),
                    TBXTerm(text: "UN chief", partOfSpeech: "noun", administrativeStatus: .deprecated,
                            notes: ["Headlines only"]),
                ], definition: "Head of the United Nations Secretariat.", notes: ["Capitalised"],
                   fields: [TBXField("definitionSource", "UN Charter & Art. 97")]),
            ]),
        TBXConceptEntry(
            id: "gaza", subjectField: "geography",
            fields: [TBXField("customerSubset", "Desk 3"), TBXField("xGraphic", "https://example.org/gaza.png")],
            languageSections: [
                TBXLanguageSection(lang: "ar", terms: [TBXTerm(text: "قطاع غزة", administrativeStatus: .admitted)]),
                TBXLanguageSection(lang: "en", terms: [TBXTerm(text: "Gaza Strip <2024> & \"more\"")]),
            ]),
    ]

    @Test func writeThenReadGivesTheSameModel() throws {
        let output = try TBXWriter.document(entries: Self.entries, sourceLanguage: "ar", title: "News")
        let reader = TBXReader(string: output)
        let info = try reader.info()
        #expect(info == TBXDocumentInfo(version: .tbx2019, dialect: "TBX-Basic", style: "dca", lang: "ar",
                                        title: "News", sourceDescription: ["Exported by Dragoman"]))
        let back = try readEntries(reader)
        #expect(back.map(\.withoutLines) == Self.entries)
    }

    @Test func outputMatchesTheGoldenFile() throws {
        let output = try TBXWriter.document(entries: Self.entries, sourceLanguage: "ar", title: "News")
        #expect(output == (try Fixture.string("written.golden.tbx")))
    }

    @Test(arguments: [TBXVersion.tbx2019, .tbx2008])
    func readThenWriteThenReadIsStableForEveryFixture(version: TBXVersion) throws {
        for name in ["tbx2008-tig.tbx", "tbx2008-ntig.tbx", "tbx-basic-dca.tbx", "tbx-basic-dct.tbx"] {
            let original = try readEntries(TBXReader(url: Fixture.url(name))).map(\.withoutLines)
            let written = try TBXWriter.document(entries: original, sourceLanguage: "en", version: version)
            let back = try readEntries(TBXReader(string: written)).map(\.withoutLines)
            #expect(back == original, "\(name)")
            #expect(try TBXReader(string: written).info().version == version)
        }
    }

    @Test(arguments: [TBXVersion.tbx2019, .tbx2008])
    func keepsTBXBasicValidWhereTheModelIsRicher(version: TBXVersion) throws {
        let entry = TBXConceptEntry(id: "123", languageSections: [
            TBXLanguageSection(lang: "en", terms: [
                TBXTerm(text: "DPs", partOfSpeech: "properNoun", administrativeStatus: .forbidden,
                        fields: [TBXField("subjectField", "law"), TBXField("register", "slang"),
                                 TBXField("xGraphic", "not a url")]),
            ]),
            TBXLanguageSection(lang: "ar", terms: []),
        ])
        let writer = TBXWriter(version: version)
        try writer.begin(sourceLanguage: "en")
        try writer.write(entry)
        try writer.write(TBXConceptEntry(id: "empty"))
        try writer.finish()
        let output = writer.string
        #expect(output.contains(version == .tbx2008 ? "<termEntry id=\"c-123\">" : "<conceptEntry id=\"c-123\">"))
        #expect(output.contains("<termNote type=\"partOfSpeech\">other</termNote>"))
        #expect(output.contains("<termNote type=\"administrativeStatus\">deprecatedTerm-admn-sts</termNote>"))
        for note in ["partOfSpeech: properNoun", "administrativeStatus: forbidden", "subjectField: law",
                     "register: slang", "xGraphic: not a url"] {
            #expect(output.contains("<note>\(note)</note>"), "\(note)")
        }
        #expect(!output.contains("xml:lang=\"ar\""))
        #expect(!output.contains("empty"))
        #expect(writer.skippedCount == 2)
    }

    @Test(arguments: [TBXVersion.tbx2019, .tbx2008])
    func termNotesComeRightAfterTheTerm(version: TBXVersion) throws {
        let output = try TBXWriter.document(entries: Self.entries, sourceLanguage: "ar", version: version)
        let termSection = version == .tbx2008 ? "tig" : "termSec"
        var parser = XMLPullParser(string: output)
        var inTermSec = false
        var sawOther = false
        var termSections = 0
        while let event = try parser.next() {
            switch event {
            case .startElement(let e) where e.name == termSection:
                termSections += 1
                inTermSec = true
                sawOther = false
            case .startElement(let e) where inTermSec && parser.depth == 7:
                if e.name == "termNote" { #expect(!sawOther, "termNote after other term data") }
                if e.name != "term" && e.name != "termNote" { sawOther = true }
            case .endElement(let e) where e.name == termSection:
                inTermSec = false
            default:
                break
            }
        }
        #expect(termSections == 5)
    }
}
