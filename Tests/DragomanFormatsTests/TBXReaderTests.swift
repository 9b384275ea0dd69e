import Foundation
import Testing
@testable import DragomanFormats

func readEntries(_ reader: TBXReader) throws -> [TBXConceptEntry] {
    var entries: [TBXConceptEntry] = []
    try reader.forEach { entries.append($0) }
    return entries
}

extension TBXConceptEntry {
    /// The entry with every line set to 0, to compare models from different files.
    var withoutLines: TBXConceptEntry {
        var copy = self
        copy.line = 0
        copy.languageSections = languageSections.map { section in
            var s = section
            s.line = 0
            s.terms = section.terms.map { term in
                var t = term
                t.line = 0
                return t
            }
            return s
        }
        return copy
    }
}

@Suite struct TBXReaderTests {
    @Test func readsTBX2008WithTig() throws {
        let reader = try TBXReader(url: Fixture.url("tbx2008-tig.tbx"))
        let info = try reader.info()
        #expect(info == TBXDocumentInfo(version: .tbx2008, dialect: "TBX", lang: "en", title: "UN news glossary",
                                        sourceDescription: ["Exported from a newsroom termbase"]))
        let entries = try readEntries(reader)
        #expect(entries.count == 2)
        let sg = entries[0]
        #expect(sg.id == "sg" && sg.line == 13)
        #expect(sg.subjectField == "international organizations")
        #expect(sg.notes == ["Head of the UN Secretariat"])
        #expect(sg.languageSections.map(\.lang) == ["en", "ar"])
        #expect(sg.languageSections.map(\.line) == [16, 34])
        let en = sg.languageSections[0]
        #expect(en.definition == "The chief administrative officer of the United Nations.")
        #expect(en.fields == [TBXField("definitionSource", "UN Charter, Art. 97")])
        #expect(en.terms == [
            TBXTerm(text: "Secretary-General", partOfSpeech: "noun", administrativeStatus: .preferred,
                    source: "UNTERM", line: 21),
            TBXTerm(text: "UN chief", partOfSpeech: "noun", administrativeStatus: .deprecated,
                    notes: ["Headline style only"], line: 27),
        ])
        #expect(sg.section(forLanguage: "ar-SA")?.terms.first
            == TBXTerm(text: "الأمين العام", partOfSpeech: "noun", administrativeStatus: .preferred,
                       fields: [TBXField("grammaticalGender", "masculine")], line: 35))
        #expect(entries[1].section(forLanguage: "ar")?.terms.first?.text == "قطاع غزة")
    }

    @Test func readsTBX2008WithNtig() throws {
        let entries = try readEntries(TBXReader(url: Fixture.url("tbx2008-ntig.tbx")))
        #expect(entries.count == 1)
        let entry = entries[0]
        #expect(entry.subjectField == "security")
        let ar = try #require(entry.section(forLanguage: "ar"))
        #expect(ar.terms == [TBXTerm(text: "مجلس الأمن", partOfSpeech: "noun", source: "UN News Arabic",
                                     fields: [TBXField("termType", "fullForm"), TBXField("context", "عقد مجلس الأمن جلسة طارئة.")],
                                     line: 11)])
        let en = try #require(entry.section(forLanguage: "en"))
        #expect(en.lang == "en-GB")
        #expect(en.terms.map(\.text) == ["Security Council", "UNSC"])
        #expect(en.terms[0].administrativeStatus == .admitted)
        #expect(en.terms[1].fields == [TBXField("termType", "acronym")])
    }

    @Test func readsTBXBasicDCA() throws {
        let reader = try TBXReader(url: Fixture.url("tbx-basic-dca.tbx"))
        let info = try reader.info()
        #expect(info.version == .tbx2019 && info.dialect == "TBX-Basic" && info.style == "dca" && info.lang == "en")
        #expect(info.title == "Middle East news terms")
        let entries = try readEntries(reader)
        #expect(entries.map(\.id) == ["ceasefire", "west-bank"])
        let ceasefire = entries[0]
        #expect(ceasefire.subjectField == "conflict")
        #expect(ceasefire.notes == ["Not the same as an armistice."])
        #expect(ceasefire.fields.isEmpty) // the transaction history is skipped
        let en = try #require(ceasefire.section(forLanguage: "en"))
        #expect(en.definition == "A temporary suspension of fighting agreed by the parties.")
        #expect(en.fields == [TBXField("definitionSource", "Oxford2007")])
        #expect(en.terms.map(\.text) == ["ceasefire", "truce"])
        #expect(en.terms.map(\.administrativeStatus) == [.preferred, .deprecated])
        #expect(en.terms[0].fields == [TBXField("context", "The ceasefire in the Gaza Strip held overnight."),
                                       TBXField("contextSource", "wire copy")])
        let ar = try #require(ceasefire.section(forLanguage: "ar"))
        #expect(ar.terms.map(\.text) == ["وقف إطلاق النار", "هدنة"])
        #expect(ar.terms.map(\.administrativeStatus) == [.preferred, .admitted])
        #expect(ar.terms[0].fields == [TBXField("customerSubset", "Desk 3")])
        #expect(ar.terms[1].notes == ["Used for longer pauses."])
        #expect(entries[1].section(forLanguage: "ar")?.terms.first?.partOfSpeech == "noun")
    }

    @Test func readsTBXBasicDCTLikeDCA() throws {
        let reader = try TBXReader(url: Fixture.url("tbx-basic-dct.tbx"))
        #expect(try reader.info().style == "dct")
        let entries = try readEntries(reader)
        #expect(entries.count == 1)
        let entry = entries[0]
        #expect(entry.subjectField == "conflict")
        let en = try #require(entry.section(forLanguage: "en"))
        #expect(en.definition == "A temporary suspension of fighting agreed by the parties.")
        #expect(en.fields == [TBXField("definitionSource", "Oxford2007")])
        #expect(en.terms == [TBXTerm(text: "ceasefire", partOfSpeech: "noun", administrativeStatus: .preferred,
                                     fields: [TBXField("termType", "fullForm"),
                                              TBXField("context", "The ceasefire held overnight."),
                                              TBXField("contextSource", "wire copy")],
                                     line: 19)])
        let ar = try #require(entry.section(forLanguage: "ar"))
        #expect(ar.terms.first?.administrativeStatus == .deprecated)
        #expect(ar.terms.first?.note == "Prefer هدنة in headlines.")
    }

    @Test func readsTBXMinDCT() throws {
        let reader = try TBXReader(url: Fixture.url("tbx-min-dct.tbx"))
        let info = try reader.info()
        #expect(info.dialect == "TBX-Min" && info.style == "dct" && info.lang == "ar")
        let entry = try #require(try reader.next())
        #expect(entry.subjectField == "humanitarian affairs")
        #expect(entry.section(forLanguage: "ar")?.terms.map(\.administrativeStatus) == [.preferred, .admitted])
        let en = try #require(entry.section(forLanguage: "en"))
        #expect(en.terms.map(\.text) == ["refugees", "displaced persons", "DPs"])
        #expect(en.terms.map(\.administrativeStatus) == [.preferred, .deprecated, .forbidden])
        #expect(en.terms[0].fields == [TBXField("customerSubset", "Desk 3")])
        #expect(en.terms[2].notes == ["Post-war usage."])
        #expect(try reader.next() == nil)
    }

    @Test func mapsAdministrativeStatusValues() {
        let cases: [(String, TBXAdministrativeStatus?)] = [
            ("preferredTerm-admn-sts", .preferred), ("admittedTerm-admn-sts", .admitted),
            ("deprecatedTerm-admn-sts", .deprecated), ("supersededTerm-admn-sts", .deprecated),
            ("forbidden", .forbidden), ("forbiddenTerm-admn-sts", .forbidden),
            ("preferred", .preferred), ("admitted", .admitted), ("notRecommended", .deprecated),
            ("obsolete", .forbidden), (" Preferred ", .preferred), ("standardized", nil),
        ]
        for (value, status) in cases { #expect(TBXAdministrativeStatus(tbxValue: value) == status, "\(value)") }
        #expect(TBXAdministrativeStatus.forbidden.tbxBasicValue == "deprecatedTerm-admn-sts")
        #expect(TBXAdministrativeStatus.deprecated.tbxMinValue == "notRecommended")
    }

    @Test func unknownStatusValueIsKeptAsAField() throws {
        let xml = """
        <martif type="TBX"><text><body><termEntry><langSet xml:lang="en">
        <tig><term>x</term><termNote type="administrativeStatus">standardizedTerm-admn-sts</termNote></tig>
        </langSet></termEntry></body></text></martif>
        """
        let term = try #require(try TBXReader(string: xml).next()?.languageSections.first?.terms.first)
        #expect(term.administrativeStatus == nil)
        #expect(term.fields == [TBXField("administrativeStatus", "standardizedTerm-admn-sts")])
    }

    @Test func rootMustBeMartifOrTbx() throws {
        let error = #expect(throws: FormatError.self) { try TBXReader(string: "<tmx version=\"1.4\"/>").next() }
        #expect(error?.kind == .unexpectedRoot)
        #expect(error?.message.contains("not <martif> (TBX 2008) or <tbx> (TBX v3)") == true)
    }

    @Test func stopsAtTheFirstBadEntryByDefault() throws {
        let reader = try TBXReader(url: Fixture.url("tbx-bad.tbx"))
        #expect(try reader.next()?.id == "ok-1")
        let error = #expect(throws: FormatError.self) { try reader.next() }
        #expect(error?.kind == .missingLanguage)
        #expect(error?.line == 12)
        #expect(error?.unitID == "no-lang")
    }

    @Test func collectsBadEntriesAndContinues() throws {
        let reader = try TBXReader(url: Fixture.url("tbx-bad.tbx"), errorPolicy: .collectAndContinue)
        let entries = try readEntries(reader)
        #expect(entries.map(\.id) == ["ok-1", "ok-2"])
        #expect(reader.problems.map(\.kind) == [.missingLanguage, .missingTermText, .missingTermText])
        #expect(reader.problems.map(\.line) == [12, 18, 25])
        #expect(reader.problems.map(\.unitID) == ["no-lang", "empty-term", "no-term"])
        #expect(reader.problems[1].description == "line 18: a <termSec> has no term text: add <term>…</term> or remove it")
    }

    @Test func xmlErrorsStopReading() throws {
        let xml = "<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"en\"><text><body>\n<conceptEntry><langSec xml:lang=\"en\"><termSec><term>x</termSec>"
        let error = #expect(throws: FormatError.self) {
            try TBXReader(string: xml, errorPolicy: .collectAndContinue).next()
        }
        #expect(error?.kind == .notWellFormed)
        #expect(error?.line == 2)
        #expect(error?.message.hasPrefix("mismatched end tag </termSec>, expected </term>") == true)
    }
}
