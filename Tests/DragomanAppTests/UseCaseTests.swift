import DragomanApp
import DragomanFormats
import DragomanPretranslate
import DragomanGlossary
import DragomanStore
import DragomanText
import DragomanTM
import Foundation
import Testing

/// A fresh folder for one test.
func temporaryFolder() throws -> String {
    let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("dragoman-app-\(UUID().uuidString)")
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// A new, empty workspace (no starter glossary) in a fresh folder.
func emptyWorkspace() throws -> (Workspace, folder: String) {
    let folder = try temporaryFolder()
    let location = DatabaseLocation(path: (folder as NSString).appendingPathComponent("test.sqlite"), isExplicit: true)
    return (try Workspace.open(location, ifMissing: .create(empty: true)), folder)
}

func write(_ text: String, to folder: String, _ name: String) throws -> String {
    let path = (folder as NSString).appendingPathComponent(name)
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

@Suite struct TMImportTests {
    @Test func aBadLineStoresNothingOfTheFile() throws {
        let (workspace, folder) = try emptyWorkspace()
        _ = try workspace.tm.add(TranslationUnit(arabic: "قال الرئيس", english: "The president said"))
        let file = try write("عقد مجلس الأمن اجتماعا\tThe Security Council met\nThe second line is English\tعربي\nوصل الوفد\tThe delegation arrived\n",
                             to: folder, "pairs.tsv")
        let error = #expect(throws: Failure.self) { try TMImport().run(file, into: workspace.tm) }
        #expect(error?.failureKind == .badInput)
        #expect(error?.description.contains("pairs.tsv:2") == true)
        #expect(try workspace.tm.count() == 1, "the line before the bad one must not be stored")

        let report = try TMImport(skipBad: true).run(file, into: workspace.tm)
        #expect(report.added == 2)
        #expect(report.skipped.map(\.line) == [2])
        #expect(try workspace.tm.count() == 3)
    }

    @Test func aBadTMXUnitStoresNothingOfTheFile() throws {
        let (workspace, folder) = try emptyWorkspace()
        let tmx = """
            <?xml version="1.0" encoding="UTF-8"?>
            <tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="ar" datatype="plaintext"/>
            <body>
            <tu><tuv xml:lang="ar"><seg>وصل الوفد</seg></tuv><tuv xml:lang="en"><seg>The delegation arrived</seg></tuv></tu>
            <tu><tuv xml:lang="ar"><seg>غادر الوفد</seg></tuv><tuv xml:lang="fr"><seg>La délégation est partie</seg></tuv></tu>
            </body></tmx>
            """
        let file = try write(tmx, to: folder, "units.tmx")
        #expect(throws: Failure.self) { try TMImport().run(file, into: workspace.tm) }
        #expect(try workspace.tm.count() == 0)
    }

    @Test func csvAndTSVAreReadByTheSameReader() throws {
        // A quoted CSV field may hold a line break (RFC 4180), as in glossary files.
        let (workspace, folder) = try emptyWorkspace()
        let file = try write("\"عقد مجلس الأمن\nاجتماعا\",\"The Security Council\nmet\"\nوصل الوفد,The delegation arrived\n",
                             to: folder, "pairs.csv")
        let report = try TMImport().run(file, into: workspace.tm)
        #expect(report.added == 2)
        #expect(try workspace.tm.search(TMQuery(text: "وصل الوفد", side: .arabic), threshold: 100, limit: 1).first?.kind == .exact)
    }

    /// An OmegaT-style TMX (dates and authors on the target tuv only) through the database
    /// and back: `tm import`, `tm export`, `tm import` into another database.
    @Test func aTMXRoundTripKeepsDatesAuthorsAndOrigin() throws {
        let omegaT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE tmx SYSTEM "tmx11.dtd">
            <tmx version="1.4">
              <header creationtool="OmegaT" o-tmf="OmegaT TMX" adminlang="EN-US" datatype="plaintext" creationtoolversion="3.6.0" segtype="sentence" srclang="AR"/>
              <body>
                <tu>
                  <tuv xml:lang="AR"><seg>عقد مجلس الأمن اجتماعا طارئا.</seg></tuv>
                  <tuv xml:lang="EN-GB" changeid="omar" changedate="20240201T101500Z" creationid="hala" creationdate="20240115T093000Z"><seg>The Security Council held an emergency meeting.</seg></tuv>
                </tu>
                <tu>
                  <tuv xml:lang="AR"><seg>وصل الوفد إلى القاهرة.</seg></tuv>
                  <tuv xml:lang="EN-GB" creationid="mona" creationdate="20240301T080000Z"><seg>The delegation arrived in Cairo.</seg></tuv>
                </tu>
              </body>
            </tmx>
            """
        func units(_ workspace: Workspace) throws -> [TranslationUnit] {
            var out: [TranslationUnit] = []
            try workspace.tm.forEachUnit { out.append($0) }
            return out.sorted { $0.arabic < $1.arabic }
        }
        func export(_ workspace: Workspace, _ folder: String) throws -> String {
            let path = (folder as NSString).appendingPathComponent("export.tmx")
            _ = FileManager.default.createFile(atPath: path, contents: nil)
            let handle = try #require(FileHandle(forWritingAtPath: path))
            try TMExport.write(workspace.tm, format: .tmx, toolVersion: "test", to: handle)
            try handle.close()
            return path
        }
        let (first, folder) = try emptyWorkspace()
        _ = try TMImport().run(try write(omegaT, to: folder, "project_save.tmx"), into: first.tm)
        let imported = try units(first)
        let date = { (text: String) in try #require(TMXDate.parse(text)) }
        #expect(imported.map(\.created) == [try date("20240115T093000Z"), try date("20240301T080000Z")])
        #expect(imported.map(\.changed) == [try date("20240201T101500Z"), try date("20240301T080000Z")])
        #expect(imported.map(\.creator) == ["hala", "mona"])
        #expect(imported.map(\.origin) == ["project_save.tmx", "project_save.tmx"])

        let (second, _) = try emptyWorkspace()
        let exported = try export(first, folder)
        _ = try TMImport().run(exported, into: second.tm)
        let back = try units(second)
        #expect(back.map(\.created) == imported.map(\.created))
        #expect(back.map(\.changed) == imported.map(\.changed))
        #expect(back.map(\.creator) == imported.map(\.creator))
        #expect(back.map(\.origin) == ["project_save.tmx", "project_save.tmx"], "the origin, not the export's file name")
        #expect(back[0].properties.contains(UnitProperty(type: "x-tmx-changeid", value: "omar")))
        #expect(back.allSatisfy { !$0.properties.contains { $0.type == "x-origin" } }, "the origin is not also a property")
        // Exported again: one x-origin per unit, the author of the change on the tu.
        let again = try String(contentsOfFile: try export(second, folder), encoding: .utf8)
        #expect(again.components(separatedBy: "<prop type=\"x-origin\">").count == 3)
        #expect(again.contains("changeid=\"omar\""))

        // An origin given explicitly replaces the one the file carries.
        let (third, _) = try emptyWorkspace()
        _ = try TMImport(origin: "desk3").run(exported, into: third.tm)
        #expect(try units(third).map(\.origin) == ["desk3", "desk3"])
    }

    @Test func aFolderOrAMissingFileIsNoInput() throws {
        let (workspace, folder) = try emptyWorkspace()
        let directory = (folder as NSString).appendingPathComponent("x.tmx")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for path in [directory, (folder as NSString).appendingPathComponent("missing.tsv")] {
            let error = #expect(throws: Failure.self) { try TMImport().run(path, into: workspace.tm) }
            #expect(error?.failureKind == .noInput)
        }
    }
}

@Suite struct WorkspaceTests {
    @Test func aMissingDatabaseIsRefusedWhenItMustExist() throws {
        let folder = try temporaryFolder()
        let location = DatabaseLocation(path: (folder as NSString).appendingPathComponent("none.sqlite"), isExplicit: true)
        let error = #expect(throws: Failure.self) { try Workspace.open(location, ifMissing: .refuse) }
        #expect(error?.failureKind == .noInput)
        #expect(!location.exists, "refusing must not create the file")
    }

    @Test func theDefaultDatabaseIsCreatedWithItsFolderAGivenOneIsNot() throws {
        let folder = try temporaryFolder()
        let path = (folder as NSString).appendingPathComponent("a/b/new.sqlite")
        // A path the user gave (--db, $DRAGOMAN_DB) whose folder is missing is a typo.
        let given = DatabaseLocation(path: path, isExplicit: true)
        let error = #expect(throws: Failure.self) { try Workspace.open(given, ifMissing: .create(empty: true)) }
        #expect(error?.failureKind == .noInput)
        #expect(!FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent("a")))
        // The default location is made on first use, folders included.
        let notices = Notices()
        let workspace = try Workspace.open(DatabaseLocation(path: path, isExplicit: false), ifMissing: .create(empty: true)) {
            notices.add($0)
        }
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(try workspace.tm.count() == 0)
        #expect(try workspace.glossary.counts().entries == 0)
        #expect(notices.all == ["created a new empty database at \(path)"])
    }

    @Test func theLocationComesFromTheOptionThenTheEnvironment() {
        #expect(DatabaseLocation.resolve(db: "/x.sqlite", environment: ["DRAGOMAN_DB": "/y.sqlite"]).path == "/x.sqlite")
        #expect(DatabaseLocation.resolve(db: nil, environment: ["DRAGOMAN_DB": "/y.sqlite"]) == DatabaseLocation(path: "/y.sqlite", isExplicit: true))
        let fallback = DatabaseLocation.resolve(db: nil, environment: ["XDG_DATA_HOME": "/data"])
        #expect(fallback == DatabaseLocation(path: "/data/dragoman/dragoman.sqlite", isExplicit: false))
        // Without XDG_DATA_HOME: under $HOME, whatever the password database says.
        let home = DatabaseLocation.resolve(db: nil, environment: ["HOME": "/sandbox/me"])
        #expect(home == DatabaseLocation(path: "/sandbox/me/.local/share/dragoman/dragoman.sqlite", isExplicit: false))
    }
}

@Suite struct TermEditorTests {
    @Test func theSamePairIsNotAddedTwice() throws {
        let (workspace, _) = try emptyWorkspace()
        let editor = TermEditor(glossary: workspace.glossary)
        guard case .addedEntry(let id, _, _) = try editor.add(.init(arabic: "قطاع غزة", english: "Gaza Strip")) else {
            Issue.record("expected a new entry")
            return
        }
        // Another spelling of the same pair (harakat, case) is the same pair.
        let again = try editor.add(.init(arabic: "قِطاع غزة", english: "gaza strip"))
        #expect(again == .pairExists(entryID: id, arabic: "قِطاع غزة", english: "gaza strip"))
        #expect(try workspace.glossary.counts().entries == 1)

        let synonyms = try editor.add(.init(arabic: "قطاع غزة", english: "the Gaza Strip", entryID: id))
        guard case .addedTerms(_, let terms) = synonyms else {
            Issue.record("expected terms added")
            return
        }
        #expect(terms.map(\.text) == ["قطاع غزة", "the Gaza Strip"])
        #expect(terms[0].id == nil, "the entry has the Arabic term already")
        #expect(terms[1].id != nil)
        #expect(try workspace.glossary.entry(id: id)?.terms(in: .english).map(\.status) == [.preferred, .admitted])
    }

    @Test func requestsThatCannotBeMetAreUsageErrors() throws {
        let (workspace, _) = try emptyWorkspace()
        let editor = TermEditor(glossary: workspace.glossary)
        let swapped = #expect(throws: Failure.self) { try editor.add(.init(arabic: "Gaza Strip", english: "قطاع غزة")) }
        #expect(swapped?.failureKind == .usage)
        #expect(swapped?.description.contains("ARABIC ENGLISH") == true)
        let missing = #expect(throws: GlossaryError.self) { try editor.remove(entry: 42) }
        #expect(missing?.failureKind == .notFound)
        #expect(TermEditor.Edit(text: "x").problem?.contains("--term") == true)
    }

    @Test func removingTheLastTermRemovesTheEntry() throws {
        let (workspace, _) = try emptyWorkspace()
        let editor = TermEditor(glossary: workspace.glossary)
        guard case .addedEntry(let id, _, _) = try editor.add(.init(arabic: "رفح", english: "Rafah")),
              let entry = try workspace.glossary.entry(id: id) else {
            Issue.record("expected a new entry")
            return
        }
        let arabic = entry.terms(in: .arabic)[0].id, english = entry.terms(in: .english)[0].id
        #expect(try editor.remove(entry: id, term: arabic) == .term(id: arabic, text: "رفح", entryID: id, entryRemoved: false))
        #expect(try editor.remove(entry: id, term: english) == .term(id: english, text: "Rafah", entryID: id, entryRemoved: true))
        #expect(try workspace.glossary.entry(id: id) == nil)
    }
}

@Suite struct ArticleTests {
    @Test func anEnglishArticleIsNotTranslatedFromArabic() throws {
        let error = #expect(throws: Failure.self) {
            try ArticleInput(text: "The Security Council met on Monday.", name: "news.txt", language: .arabic, layout: nil)
        }
        #expect(error?.failureKind == .badInput)
        #expect(error?.description == "news.txt: this article is mostly in Latin script, not Arabic; use --from en to translate from English")
        let article = try ArticleInput(text: "عقد مجلس الأمن اجتماعا. وصل الوفد.", name: "news.md", language: .arabic, layout: nil)
        #expect(article.article.segments.count == 2)
    }
}

@Suite struct BatchPipelineTests {
    struct Stop: Error {}

    @Test func batchesArriveInOrderAndErrorsStopBothSides() throws {
        var seen: [Int] = []
        try BatchPipeline.run(options: .init(depth: 2, recycle: true), produce: { emit in
            for i in 0..<100 { try emit([i]) }
        }, consume: { (batch: [Int]) in seen += batch })
        #expect(seen == Array(0..<100))

        // The producer fails: the consumer sees the batches before, then the error.
        var consumed = 0
        #expect(throws: Stop.self) {
            try BatchPipeline.run(produce: { emit in
                try emit(1)
                throw Stop()
            }, consume: { (_: Int) in consumed += 1 })
        }
        #expect(consumed <= 1)
        // The consumer fails: the producer is stopped (it would run forever otherwise).
        #expect(throws: Stop.self) {
            try BatchPipeline.run(produce: { emit in
                while true { try emit(0) }
            }, consume: { (_: Int) in throw Stop() })
        }
    }
}

/// Notices a use-case gave, gathered from any thread.
final class Notices: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []

    func add(_ notice: String) {
        lock.lock()
        list.append(notice)
        lock.unlock()
    }

    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return list
    }
}

@Suite struct RealFileTests {
    @Test func columnsGiveOneOriginPerDocument() throws {
        let (workspace, folder) = try emptyWorkspace()
        let file = try write("""
            bbc.1\tقال الرئيس\tThe president said
            bbc.1\tوصل الوفد\tThe delegation arrived
            nyt.7\tارتفعت الأسعار\tPrices rose
            """, to: folder, "ntrex.tsv")
        let report = try TMImport(columns: PairColumns(list: "origin,ar,en")).run(file, into: workspace.tm)
        #expect(report.added == 3)
        #expect(try TMStatistics(workspace).origins == ["bbc.1": 2, "nyt.7": 1])
        // A change of origin ends a document: the last unit of bbc.1 has no next sentence.
        let matches = try workspace.tm.search(TMQuery(text: "وصل الوفد", side: .arabic,
                                                      context: UnitContext(previous: UnitContext.hash(ofSegment: "قال الرئيس"),
                                                                           next: UnitContext.documentEnd)),
                                              threshold: 100, limit: 1)
        #expect(matches.first?.kind == .context)
    }

    @Test func aHeaderLineNamesTheColumnsInCSVAndTSV() throws {
        let (workspace, folder) = try emptyWorkspace()
        let csv = try write("english,arabic,note\nThe president said,قال الرئيس,from a speech\n", to: folder, "pairs.csv")
        let report = try TMImport().run(csv, into: workspace.tm)
        #expect(report.added == 1)
        let unit = try #require(try workspace.tm.unit(id: 1))
        #expect(unit.arabic == "قال الرئيس")
        #expect(unit.note == "from a speech")
    }

    @Test func anAlignmentReviewFileImportsAsItIs() throws {
        let (workspace, folder) = try emptyWorkspace()
        let file = try write("0.812\tقال الرئيس\tThe president said\n0.400\tوصل الوفد\t\n", to: folder, "a.review.tsv")
        let report = try TMImport().run(file, into: workspace.tm)
        #expect(report.added == 1)
        #expect(report.skipped.map(\.line) == [2], "a sentence left unpaired is skipped, not an error")
    }

    @Test func placeholdersInsideArabicAreArabicText() throws {
        let (workspace, folder) = try emptyWorkspace()
        let file = try write("""
            "الصفحة " & #PAGENUMBER#\t"Page " & #PAGENUMBER#
            %PRODUCTNAME كالك\t%PRODUCTNAME Calc
            استورد ملف Quattro Pro\tImport a Quattro Pro file
            الشرط $number$\tcondition $number$
            """, to: folder, "ui.tsv")
        #expect(try TMImport().run(file, into: workspace.tm).added == 4)
    }

    @Test func aWordDocumentIsNamedForWhatItIs() throws {
        let folder = try temporaryFolder()
        let path = (folder as NSString).appendingPathComponent("article.docx")
        try Data([0x50, 0x4B, 0x03, 0x04] + Array("..word/document.xml".utf8)).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: Failure.self) { try ArticleInput(path: path, language: .arabic, layout: nil) }
        #expect(error?.description.contains("a Word document (ZIP container)") == true)
        #expect(FileKind.sniff(Array("<!DOCTYPE html><html>".utf8), html: true) == .html)
        #expect(FileKind.sniff(Array("<?xml version=\"1.0\"?><tmx>".utf8), html: true) == nil)
    }
}

@Suite struct ScriptCheckTests {
    @Test func theScriptDecides() {
        #expect(ScriptCheck.problem(arabic: "قال الرئيس", english: "The president said") == nil)
        #expect(ScriptCheck.problem(arabic: "The president said", english: "قال الرئيس") == .swapped)
        #expect(ScriptCheck.problem(arabic: "قال الرئيس", english: "قال الرئيس") == .englishSideArabic)
        #expect(ScriptCheck.problem(arabic: "OK", english: "قال") == .swapped)
        #expect(ScriptCheck.problem(arabic: "OK", english: "the OK button (زر)") == .arabicSideNotArabic)
        // Neither side has Arabic: a code or a name, not a contradiction.
        #expect(ScriptCheck.problem(arabic: "%PRODUCTNAME", english: "%PRODUCTNAME") == nil)
        // An English side that names Arabic words in passing is English.
        #expect(ScriptCheck.problem(arabic: "الانتفاضة", english: "the intifada (انتفاضة)") == nil)
    }
}

@Suite struct MislabelledTBXTests {
    /// A TBX whose Arabic terms are labelled English (as `csv2tbx` writes them when told
    /// the wrong language) is refused entry by entry: nothing is stored as English.
    @Test func arabicTermsLabelledEnglishAreRefused() throws {
        let (workspace, folder) = try emptyWorkspace()
        let tbx = """
            <?xml version="1.0" encoding="UTF-8"?>
            <martif type="TBX-Basic" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p>csv2tbx</p></sourceDesc></fileDesc></martifHeader>
            <text><body>
            <termEntry id="1"><langSet xml:lang="en"><tig><term>الضفة الغربية</term></tig></langSet><langSet xml:lang="ar"><tig><term>West Bank</term></tig></langSet></termEntry>
            </body></text></martif>
            """
        let file = try write(tbx, to: folder, "mislabelled.tbx")
        let error = #expect(throws: GlossaryFileError.self) {
            try GlossaryFiles.importFile(file, options: GlossaryImportOptions(format: .tbx), into: workspace.glossary)
        }
        #expect(error?.failureKind == .badInput)
        #expect(error?.description.contains("its script says otherwise") == true)
        #expect(try workspace.glossary.counts().entries == 0)
    }
}

@Suite struct PretranslationCheckTests {
    /// An exact match whose stored target uses a term the glossary forbids is flagged and
    /// not marked translated.
    @Test func aProposalWithAForbiddenTermNeedsReview() throws {
        let (workspace, _) = try emptyWorkspace()
        _ = try workspace.glossary.add(NewEntry(terms: [NewTerm(.arabic, "المسجد الأقصى"), NewTerm(.english, "al-Aqsa Mosque"),
                                                        NewTerm(.english, "Temple Mount", status: .forbidden)]))
        _ = try workspace.tm.add(TranslationUnit(arabic: "زار الوزير المسجد الأقصى.", english: "The minister visited the Temple Mount."))
        _ = try workspace.tm.add(TranslationUnit(arabic: "عاد الوفد أمس.", english: "The delegation returned yesterday."))
        let input = try ArticleInput(text: "زار الوزير المسجد الأقصى.\nعاد الوفد أمس.\n", name: "a.txt", language: .arabic, layout: nil)
        let document = try Pretranslation(workspace: workspace).run(input, options: PretranslationOptions())
        #expect(document.segments[0].best?.kind == .exact)
        #expect(document.segments[0].state == .needsReview)
        #expect(document.segments[0].checks.first?.contains("use «al-Aqsa Mosque»") == true)
        #expect(document.segments[1].state == .translated)
        #expect(document.segments[1].checks.isEmpty)
    }
}

@Suite struct TMRemovalTests {
    @Test func everyUnitOfAnOriginGoes() throws {
        let (workspace, _) = try emptyWorkspace()
        _ = try workspace.tm.add(TranslationUnit(arabic: "قال الرئيس", english: "The president said", origin: "news.tmx"))
        _ = try workspace.tm.add(TranslationUnit(arabic: "عقد مجلس الأمن اجتماعا", english: "The Security Council met", origin: "news.tmx"))
        _ = try workspace.tm.add(TranslationUnit(arabic: "وصل الوفد", english: "The delegation arrived", origin: "un.tmx"))
        let removal = TMRemoval(tm: workspace.tm, path: workspace.path)
        let error = #expect(throws: Failure.self) { try removal.remove(origin: "nowhere.tmx") }
        #expect(error?.failureKind == .notFound)
        #expect(error?.description.contains("news.tmx (2)") == true)
        #expect(try removal.remove(origin: "news.tmx") == 2)
        #expect(try workspace.tm.count() == 1)
        #expect(try workspace.tm.search(TMQuery(text: "قال الرئيس"), threshold: 50, limit: 5).isEmpty)
        #expect(throws: Failure.self) { try removal.remove(id: 12345) }
    }
}

@Suite struct QAAgainstTheTMTests {
    @Test func aSourceTheTMTranslatesOtherwiseIsAWarning() throws {
        let (workspace, folder) = try emptyWorkspace()
        _ = try workspace.tm.add(TranslationUnit(arabic: "عقد مجلس الأمن اجتماعا طارئا.", english: "The Security Council held an emergency meeting."))
        let file = try write("""
            عقد مجلس الأمن اجتماعا طارئا.\tThe Security Council met in an emergency session.
            وصل الوفد إلى القاهرة.\tThe delegation arrived in Cairo.
            """, to: folder, "done.tsv")
        let without = try QualityCheck.run(file, format: nil, glossary: nil)
        #expect(without.findings.filter { $0.rule == "inconsistent-with-tm" }.isEmpty)
        let report = try QualityCheck.run(file, format: nil, glossary: nil, tm: workspace.tm)
        let found = report.findings.filter { $0.rule == "inconsistent-with-tm" }
        #expect(found.map(\.unitID) == ["line 1"])
        #expect(found.first?.message.contains("held an emergency meeting") == true)
    }
}
