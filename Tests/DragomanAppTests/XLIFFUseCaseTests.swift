import DragomanApp
import DragomanText
import DragomanTM
import Foundation
import Testing

@Suite struct XLIFFUseCaseTests {
    static func xliff(_ units: [(ar: String, en: String?, state: String)]) -> String {
        var body = ""
        for (n, u) in units.enumerated() {
            let target = u.en.map { "<target>\($0)</target>" } ?? ""
            body += "<unit id=\"u\(n + 1)\"><segment state=\"\(u.state)\"><source>\(u.ar)</source>\(target)</segment></unit>\n"
        }
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="ar" trgLang="en">
            <file id="f1" original="report.txt">
            \(body)</file>
            </xliff>
            """
    }

    @Test func aBadXLIFFUnitStoresNothingOfTheFile() throws {
        let (workspace, folder) = try emptyWorkspace()
        let file = try write(Self.xliff([
            ("وصل الوفد إلى القاهرة.", "The delegation arrived in Cairo.", "translated"),
            ("أعلنت الحكومة خطة جديدة.", "The government announced a new plan.", "initial"),
            ("غادر الوفد.", "غادر الوفد.", "final"),
        ]), to: folder, "review.xlf")
        let error = #expect(throws: Failure.self) { try TMImport().run(file, into: workspace.tm) }
        #expect(error?.failureKind == .badInput)
        #expect(error?.description.contains("review.xlf:6") == true && error?.description.contains("unit u3") == true)
        #expect(try workspace.tm.count() == 0, "the unit before the bad one must not be stored")

        let report = try TMImport(skipBad: true).run(file, into: workspace.tm)
        #expect(report.added == 1)
        #expect(report.skippedStates == ["initial": 1])
        #expect(report.skipped.count == 2)
        let unit = try #require(try workspace.tm.unit(id: 1))
        #expect(unit.origin == "report.txt")
    }

    @Test func theFormatComesFromTheRootWhenTheNameDoesNotTell() throws {
        let (workspace, folder) = try emptyWorkspace()
        let xml = Self.xliff([("وصل الوفد إلى القاهرة.", "The delegation arrived in Cairo.", "reviewed")])
        for name in ["review.xml", "review.txt.out"] {
            let file = try write(xml, to: folder, name)
            #expect(TMImport.detectFormat(file) == .xliff, "\(name)")
            _ = try TMImport().run(file, into: workspace.tm)
        }
        #expect(try workspace.tm.count() == 1, "the same pair twice is one unit")
        #expect(TMImport.detectFormat(try write("وصل الوفد\tThe delegation arrived\n", to: folder, "pairs.dat")) == nil)
    }

    @Test func mergeRefusesUnreviewedTargetsAndListsAtMostTwenty() throws {
        let folder = try temporaryFolder()
        let units = (1...25).map { n in ("قال الوزير \(n).", Optional("The minister said \(n)."), n == 1 ? "final" : "initial") }
        let file = try write(Self.xliff(units), to: folder, "article.xlf")
        let error = #expect(throws: Failure.self) { try XLIFFMerge().run(file) }
        #expect(error?.failureKind == .badInput)
        let message = error?.description ?? ""
        #expect(message.contains("24 of 25 segments"))
        #expect(message.contains("u2, u3,") && message.contains("u21 and 4 more") && !message.contains("u22"))
        #expect(message.contains("--allow-unreviewed"))

        let outcome = try XLIFFMerge(allowUnreviewed: true).run(file)
        #expect(outcome.notes.count == 1 && outcome.notes[0].contains("--allow-unreviewed"))
        #expect(XLIFFMerge.list(["a", "b"]) == "a, b")
    }

    @Test func mergeSaysWhichSegmentsKeptTheirSource() throws {
        let folder = try temporaryFolder()
        let file = try write(Self.xliff([("قال الوزير.", "The minister said.", "translated"), ("غادر الوفد.", nil, "initial")]),
                             to: folder, "article.xlf")
        let outcome = try XLIFFMerge().run(file)
        #expect(outcome.notes == ["1 of 2 segments had no target: their source text was kept (--use-source-for-untranslated): u2"])
    }
}
