import Foundation
import Testing
@testable import DragomanFormats
import DragomanXML

@Suite struct TMXWriterTests {
    /// A memory built in code, as the app would export it.
    static func builtUnits() -> (TMXHeader, [TMXUnit]) {
        var header = TMXHeader(creationTool: "Dragoman", creationToolVersion: "0.1", sourceLang: "ar")
        header.attributes[attribute: "creationdate"] = "20240601T120000Z"
        header.properties = [TMXProperty(type: "x-project", value: "UN news")]
        header.notes = [TMXNote("Exported for review")]

        var first = TMXUnit(variants: [
            TMXVariant(lang: "ar", text: "الأمين العام"),
            TMXVariant(lang: "en", text: "Secretary-General"),
        ])
        first.tuid = "u1"
        first.creationDate = Date(timeIntervalSince1970: 1_717_243_200) // 2024-06-01 12:00:00 UTC
        first.creationid = "hala"
        first.usagecount = 3
        first.properties = [TMXProperty(type: "x-domain", value: "politics")]
        first.notes = [TMXNote("Capital S and G", lang: "en")]

        var second = TMXUnit(variants: [
            TMXVariant(lang: "ar-SA", segment: TMXSegment(plainText: "قطاع غزة",
                                                          markup: "<bpt i=\"1\">&lt;b&gt;</bpt>قطاع غزة<ept i=\"1\">&lt;/b&gt;</ept>")),
            TMXVariant(lang: "en-GB", segment: TMXSegment(plainText: "Gaza Strip & \"West Bank\" <2024>"),
                       properties: [TMXProperty(type: "x-status", value: "reviewed")]),
        ])
        second.tuid = "u2"
        return (header, [first, second])
    }

    @Test func writesValidTMX14MatchingTheGoldenFile() throws {
        let (header, units) = Self.builtUnits()
        let output = try TMXWriter.document(header: header, units: units)
        #expect(output == (try Fixture.string("written.golden.tmx")))
    }

    @Test func inlineMarkupSurvivesReadAndWriteByteForByte() throws {
        let reader = try TMXReader(url: Fixture.url("sample.tmx"))
        let writer = TMXWriter()
        try writer.begin(header: try reader.header())
        try reader.forEach { try writer.write($0) }
        try writer.finish()
        #expect(writer.string == (try Fixture.string("sample-roundtrip.golden.tmx")))
        let source = try Fixture.string("sample.tmx")
        let segs = writer.string.components(separatedBy: "<seg>").dropFirst().map { $0.components(separatedBy: "</seg>")[0] }
        #expect(segs.count == 10)
        for seg in segs { #expect(source.contains("<seg>\(seg)</seg>")) }
    }

    @Test func writtenFileReadsBackToTheSameUnits() throws {
        let (header, units) = Self.builtUnits()
        let reread = TMXReader(string: try TMXWriter.document(header: header, units: units, includeDoctype: false))
        #expect(try reread.header().sourceLang == "ar")
        var back: [TMXUnit] = []
        try reread.forEach { back.append($0) }
        #expect(back.count == 2)
        #expect(back[0].attributes == units[0].attributes)
        #expect(back[0].properties == units[0].properties)
        #expect(back[0].notes == units[0].notes)
        #expect(back[0].creationDate == units[0].creationDate)
        #expect(back.map { $0.variants.map(\.segment.plainText) } == units.map { $0.variants.map(\.segment.plainText) })
        #expect(back[1].variants[0].segment.markup == units[1].variants[0].segment.markup)
        #expect(back[1].variants[1].properties == units[1].variants[1].properties)
    }

    @Test func fillsRequiredHeaderAttributes() throws {
        let output = try TMXWriter.document(header: TMXHeader(attributes: [XMLAttribute(name: "x-tool", value: "x")]),
                                            units: [TMXUnit](), includeDoctype: false)
        #expect(output.contains("<header creationtool=\"Dragoman\" creationtoolversion=\"1.0\" segtype=\"sentence\" o-tmf=\"Dragoman\" adminlang=\"en\" srclang=\"*all*\" datatype=\"plaintext\" x-tool=\"x\"/>"))
        #expect(!output.contains("DOCTYPE"))
    }

    @Test func streamsToAFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dragoman-\(UUID().uuidString).tmx")
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: url) }
        let handle = try FileHandle(forWritingTo: url)
        let (header, units) = Self.builtUnits()
        let writer = TMXWriter(fileHandle: handle)
        try writer.begin(header: header)
        for _ in 0..<500 { for unit in units { try writer.write(unit) } }
        try writer.finish()
        try handle.close()
        let reader = try TMXReader(url: url)
        var count = 0
        try reader.forEach { _ in count += 1 }
        #expect(count == 1_000)
    }
}
