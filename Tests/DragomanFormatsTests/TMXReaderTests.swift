import Foundation
import Testing
@testable import DragomanFormats
import DragomanXML

@Suite struct TMXReaderTests {
    static func readAll(_ reader: TMXReader) throws -> [TMXUnit] {
        var units: [TMXUnit] = []
        try reader.forEach { units.append($0) }
        return units
    }

    @Test func readsTheHeader() throws {
        let header = try TMXReader(url: Fixture.url("sample.tmx")).header()
        #expect(header.tmxVersion == "1.4")
        #expect(header.creationTool == "NewsAligner")
        #expect(header.creationToolVersion == "2.3")
        #expect(header.segType == "sentence")
        #expect(header.originalFormat == "ABCTransMem")
        #expect(header.adminLang == "en-US")
        #expect(header.sourceLang == "ar-SA")
        #expect(header.dataType == "html")
        #expect(header.attributes.map(\.name) == ["creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang",
                                                  "srclang", "datatype", "creationdate", "creationid"])
        #expect(header.notes == [TMXNote("Arabic–English news memory, desk 3")])
        #expect(header.properties == [TMXProperty(type: "x-domain", value: "news"),
                                      TMXProperty(type: "x-client", value: "Wire Service")])
    }

    @Test func readsUnitAttributesPropsNotesAndLines() throws {
        let units = try Self.readAll(TMXReader(url: Fixture.url("sample.tmx")))
        #expect(units.count == 5)
        let unit = units[0]
        #expect(unit.line == 10)
        #expect(unit.tuid == "1")
        #expect(unit.srclang == "ar-SA")
        #expect(unit.creationid == "hala")
        #expect(unit.changeid == "omar")
        #expect(unit.usagecount == 4)
        #expect(unit.creationDate == TMXDate.parse("20240115T093000Z"))
        #expect(unit.changeDate == TMXDate.parse("20240201T101500Z"))
        #expect(unit.lastUsageDate == TMXDate.parse("20240301T080000Z"))
        #expect(unit.attributes[attribute: "x-origin"] == "desk3")
        #expect(unit.properties == [TMXProperty(type: "x-source", value: "Reuters")])
        #expect(unit.notes == [TMXNote("Title: capitalised in English")])
        #expect(unit.variants.map(\.lang) == ["ar-SA", "en-GB"])
        #expect(unit.variants.map(\.line) == [13, 16])
        #expect(unit.variants[0].segment.plainText == "الأمين العام للأمم المتحدة")
        #expect(unit.variants[1].segment.plainText == "United Nations Secretary-General")
        #expect(!unit.variants[0].segment.hasInlineMarkup)
        let second = units[1]
        #expect(second.variants[0].attributes == [XMLAttribute(name: "creationid", value: "hala")])
        #expect(second.variants[0].properties == [TMXProperty(type: "x-reviewed", value: "yes")])
        #expect(units.map(\.line) == [10, 20, 29, 37, 41])
    }

    @Test func plainTextDropsNativeCodesAndKeepsHiAndSub() throws {
        let units = try Self.readAll(TMXReader(url: Fixture.url("sample.tmx")))
        func plain(_ unit: Int, _ lang: String) -> String? {
            units[unit].variant(forLanguage: lang)?.segment.plainText
        }
        #expect(plain(1, "ar") == "وصلت المساعدات إلى قطاع غزة صباح اليوم.")
        #expect(plain(1, "en") == "Aid reached the Gaza Strip this morning.")
        #expect(plain(2, "ar") == "قال المتحدث إن الاجتماع سيعقد في جنيف.")
        #expect(plain(2, "en") == "The spokesman said the meeting would be held in Geneva.")
        #expect(plain(3, "ar") == "انظر الخريطة الضفة الغربية المصدر: الأمم المتحدة")
        #expect(plain(3, "en") == "See the map West Bank Source: United Nations")
        #expect(plain(4, "en") == "Security Council & General Assembly")
    }

    @Test func markupIsTheExactInnerXMLOfSeg() throws {
        let source = try Fixture.string("sample.tmx")
        let units = try Self.readAll(TMXReader(url: Fixture.url("sample.tmx")))
        #expect(units[1].variants[1].segment.markup
            == "Aid reached the <bpt i=\"1\" type=\"bold\">&lt;b&gt;</bpt>Gaza Strip<ept i=\"1\">&lt;/b&gt;</ept> this morning.")
        #expect(units[4].variants[1].segment.markup == "Security Council &amp; General Assembly<ph x=\"1\"/>")
        for unit in units {
            for variant in unit.variants {
                let markup = try #require(variant.segment.markup)
                #expect(source.contains("<seg>\(markup)</seg>"), "markup of tu \(unit.tuid ?? "?") \(variant.lang) differs")
            }
        }
    }

    @Test func readsTMX11WithLangAttribute() throws {
        let reader = try TMXReader(url: Fixture.url("legacy11.tmx"))
        #expect(try reader.header().tmxVersion == "1.1")
        let units = try Self.readAll(reader)
        #expect(units.count == 2)
        #expect(units.map { $0.variants.map(\.lang) } == [["EN-US", "AR-EG"], ["EN-US", "ar_EG"]])
        #expect(units[1].variant(forLanguage: "ar")?.segment.plainText == "قطاع غزة")
        #expect(units[0].variant(forLanguage: "en-GB")?.segment.plainText == "Security Council")
        #expect(units[1].tuid == nil)
    }

    @Test func stopsAtTheFirstBadUnitByDefault() throws {
        let reader = try TMXReader(url: Fixture.url("bad-units.tmx"))
        #expect(try reader.next()?.tuid == "good-1")
        let error = #expect(throws: FormatError.self) { try reader.next() }
        #expect(error?.kind == .tooFewVariants)
        #expect(error?.line == 9)
        #expect(error?.unitID == "one-tuv")
        #expect(error?.description == "line 9: a <tu> (tuid one-tuv) needs at least two <tuv> (one per language); it has 1")
        #expect(throws: FormatError.self) { try reader.next() }
    }

    @Test func collectsBadUnitsAndContinues() throws {
        let reader = try TMXReader(url: Fixture.url("bad-units.tmx"), errorPolicy: .collectAndContinue)
        let units = try Self.readAll(reader)
        #expect(units.map(\.tuid) == ["good-1", "good-2"])
        #expect(reader.unitCount == 2)
        #expect(reader.problems.map(\.kind) == [.tooFewVariants, .missingLanguage, .segmentCount, .segmentCount])
        #expect(reader.problems.map(\.line) == [9, 14, 18, 23])
        #expect(reader.problems.map(\.unitID) == ["one-tuv", "no-lang", "no-seg", "two-segs"])
        #expect(reader.problems[1].description == "line 14: a <tuv> has no language: add xml:lang=\"…\" (for example xml:lang=\"ar\")")
        #expect(reader.problems[2].message.contains("has no <seg>"))
        #expect(reader.problems[3].message.contains("has 2 <seg> elements"))
    }

    @Test func rootMustBeTMX() throws {
        let error = #expect(throws: FormatError.self) {
            try TMXReader(string: "<?xml version=\"1.0\"?>\n<martif/>").next()
        }
        #expect(error?.kind == .unexpectedRoot)
        #expect(error?.line == 2)
    }

    @Test func xmlErrorsStopReadingWithTheirLine() throws {
        let xml = "<tmx version=\"1.4\"><header/><body>\n<tu><tuv xml:lang=\"ar\"><seg>غزة</tuv></tu>\n</body></tmx>"
        for policy in [ErrorPolicy.stopAtFirstError, .collectAndContinue] {
            let error = #expect(throws: FormatError.self) { try TMXReader(string: xml, errorPolicy: policy).next() }
            #expect(error?.kind == .notWellFormed)
            #expect(error?.line == 2 && error?.column == 32)
            #expect(error?.message.hasPrefix("mismatched end tag </tuv>, expected </seg>") == true)
        }
        let xxe = #expect(throws: FormatError.self) { try TMXReader(url: Fixture.url("xxe.tmx")).next() }
        #expect(xxe?.kind == .notWellFormed)
        #expect(xxe?.line == 2)
        let after = #expect(throws: FormatError.self) {
            let reader = TMXReader(string: "<tmx><body><tu><tuv xml:lang=\"a\"><seg>x</seg></tuv><tuv xml:lang=\"b\"><seg>y</seg></tuv></tu></body></tmx>\njunk")
            while try reader.next() != nil {}
        }
        #expect(after?.line == 2)
    }

    @Test func emptyMemoryHasNoUnits() throws {
        #expect(try TMXReader(string: "<tmx version=\"1.4\"><header srclang=\"ar\"/><body/></tmx>").next() == nil)
        #expect(try TMXReader(string: "<tmx version=\"1.4\"><header srclang=\"ar\"/></tmx>").next() == nil)
    }
}
