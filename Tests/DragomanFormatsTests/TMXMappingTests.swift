import DragomanTM
import Foundation
import Testing
@testable import DragomanFormats

/// TMX units → translation units and back: dates and authors wherever TMX allows them (on
/// the `<tu>`, or on a `<tuv>` as OmegaT writes them), and the origin.
@Suite struct TMXMappingTests {
    static func units(_ name: String) throws -> [TranslationUnit] {
        let reader = try TMXReader(url: Fixture.url(name))
        var out: [TranslationUnit] = []
        try reader.forEach { out.append(try TMXMapping.unit($0, origin: "project_save.tmx").get()) }
        return out
    }

    static func date(_ text: String) throws -> Date { try #require(TMXDate.parse(text)) }

    @Test func tuvAttributesAreRead() throws {
        let reader = try TMXReader(url: Fixture.url("omegat-style.tmx"))
        let first = try #require(try reader.next())
        #expect(first.creationDate == nil && first.creationid == nil)
        let target = first.variants[1]
        #expect(target.creationid == "hala" && target.changeid == "omar")
        #expect(target.creationDate == (try Self.date("20240115T093000Z")))
        #expect(target.changeDate == (try Self.date("20240201T101500Z")))
        #expect(first.variants[0].creationDate == nil)
    }

    /// OmegaT writes dates and authors on the target `<tuv>` only.
    @Test func datesAndAuthorsOnTheTargetTuvAreTheUnits() throws {
        let units = try Self.units("omegat-style.tmx")
        #expect(units.count == 4)
        let first = units[0]
        #expect(first.created == (try Self.date("20240115T093000Z")))
        #expect(first.changed == (try Self.date("20240201T101500Z")))
        #expect(first.creator == "hala")
        #expect(first.properties == [UnitProperty(type: "x-tmx-changeid", value: "omar")])
        #expect(first.origin == "project_save.tmx")
    }

    /// For each value: the `<tu>`'s, else the target's, else the source's.
    @Test func theTuThenTheTargetThenTheSource() throws {
        let units = try Self.units("omegat-style.tmx")
        // Both tuvs: the target's; what the target lacks (changedate), the source's.
        #expect(units[1].created == (try Self.date("20240301T080000Z")))
        #expect(units[1].creator == "mona")
        #expect(units[1].changed == (try Self.date("20230102T000000Z")))
        // The tu's own values first; changedate and changeid from the target.
        #expect(units[2].created == (try Self.date("20220505T050505Z")))
        #expect(units[2].creator == "tu-author")
        #expect(units[2].changed == (try Self.date("20240401T120000Z")))
        #expect(units[2].properties.contains(UnitProperty(type: "x-tmx-changeid", value: "omar")))
        // No dates anywhere: created now, changed = created; no author.
        #expect(abs(units[3].created.timeIntervalSinceNow) < 60)
        #expect(units[3].changed == units[3].created)
        #expect(units[3].creator == nil)
        #expect(units[3].properties == [UnitProperty(type: "file", value: "news/article-7.txt"),
                                        UnitProperty(type: "prev", value: "قال الوزير.")])
    }

    /// Export writes the dates and authors on the `<tu>`; reading that back gives the same.
    @Test func datesAndAuthorsSurviveExportAndImport() throws {
        let units = try Self.units("omegat-style.tmx")
        let tmx = try TMXWriter.document(header: TMXHeader(sourceLang: "ar"), units: units.map(TMXMapping.tmxUnit))
        let reader = TMXReader(string: tmx)
        var back: [TranslationUnit] = []
        try reader.forEach { back.append(try TMXMapping.unit($0, origin: "other.tmx").get()) }
        #expect(back.count == units.count)
        for (a, b) in zip(back, units) {
            // (TMX dates are to the second.)
            #expect(TMXDate.format(a.created) == TMXDate.format(b.created))
            #expect(TMXDate.format(a.changed) == TMXDate.format(b.changed))
            #expect(a.creator == b.creator)
            #expect(a.properties.filter { $0.type != "x-tmx-tuid" } == b.properties)
            #expect(a.origin == "project_save.tmx", "the x-origin export wrote is the origin")
            #expect(!a.properties.contains { $0.type == "x-origin" }, "the origin is not also a property")
        }
        #expect(tmx.contains("changeid=\"omar\""))
        #expect(!tmx.contains("x-tmx-changeid"))
        #expect(tmx.components(separatedBy: "<prop type=\"x-origin\">project_save.tmx</prop>").count == units.count + 1)
    }

    @Test func theOriginPropertyIsTheOrigin() throws {
        let tu = TMXUnit(properties: [TMXProperty(type: "x-domain", value: "news"), TMXProperty(type: "x-origin", value: "desk3")],
                         variants: [TMXVariant(lang: "ar", text: "انتهى الاجتماع."), TMXVariant(lang: "en", text: "The meeting was over.")])
        let unit = try TMXMapping.unit(tu, origin: "file.tmx").get()
        #expect(unit.origin == "desk3")
        #expect(unit.properties == [UnitProperty(type: "x-domain", value: "news")])
        // Written back once, as a property.
        let again = TMXMapping.tmxUnit(unit)
        #expect(again.properties.filter { $0.type == "x-origin" } == [TMXProperty(type: "x-origin", value: "desk3")])
        // An origin given explicitly replaces it (and is not doubled by the old one).
        let replaced = try TMXMapping.unit(tu, origin: "given", replacingOwnOrigin: true).get()
        #expect(replaced.origin == "given")
        #expect(!replaced.properties.contains { $0.type == "x-origin" })
        // An empty x-origin is no origin.
        var blank = tu
        blank.properties = [TMXProperty(type: "x-origin", value: " ")]
        #expect(try TMXMapping.unit(blank, origin: "file.tmx").get().origin == "file.tmx")
    }
}
