import DragomanApp
import DragomanGlossary
import DragomanStore
import DragomanText
import DragomanTM
import Foundation
import Testing

/// Imports as batches: recorded with what they did, undone (added rows removed, changed
/// rows put back), refused when later work touched them, and glossary priorities.
@Suite struct ImportHistoryTests {
    static let news = """
        قال الرئيس إن الاجتماع كان مثمرا.\tThe president said the meeting was fruitful.
        وصل الوزير إلى القاهرة أمس.\tThe minister arrived in Cairo yesterday.
        عقد مجلس الأمن جلسة طارئة.\tThe Security Council held an emergency session.

        """
    static let more = """
        وصل الوزير إلى القاهرة أمس.\tThe minister arrived in Cairo yesterday.
        غادر الوفد بيروت صباح اليوم.\tThe delegation left Beirut this morning.
        ارتفعت الأسعار بنسبة 35 في المئة.\tPrices rose by 35 percent.

        """

    func exact(_ arabic: String, in workspace: Workspace) throws -> Bool {
        try workspace.tm.search(TMQuery(text: arabic), threshold: 100, limit: 1).first?.score == 100
    }

    func unitChanged(_ arabic: String, in workspace: Workspace) throws -> Date? {
        var found: Date?
        try workspace.tm.forEachUnit { if $0.arabic == arabic { found = $0.changed } }
        return found
    }

    @Test func aTMImportIsRecordedAndUndoneWithTheDatesItChangedPutBack() throws {
        let (workspace, folder) = try emptyWorkspace()
        let first = try TMImport(format: .tsv).run(try write(Self.news, to: folder, "news.tsv"), into: workspace.tm)
        let shared = "وصل الوزير إلى القاهرة أمس."
        let dateBefore = try #require(try unitChanged(shared, in: workspace))
        Thread.sleep(forTimeInterval: 0.01)
        let second = try TMImport(format: .tsv).run(try write(Self.more, to: folder, "more.tsv"), into: workspace.tm)
        #expect((second.added, second.updated) == (2, 1))
        #expect(try unitChanged(shared, in: workspace)! > dateBefore)

        let history = ImportHistory(workspace: workspace)
        let batches = try history.list()
        #expect(batches.map(\.id) == [first.batch, second.batch].compactMap { $0 })
        #expect(batches.map(\.file).map { ($0 as NSString).lastPathComponent } == ["news.tsv", "more.tsv"])
        #expect(batches.map(\.added) == [3, 2])
        #expect(batches[1].updated == 1 && batches[1].kind == .tm && batches[1].format == "tsv")

        let report = try history.undo(try #require(second.batch), force: false)
        #expect(report.removed == 2 && report.restored == 1)
        #expect(try workspace.tm.count() == 3)
        #expect(try unitChanged(shared, in: workspace) == dateBefore)
        #expect(try !exact("غادر الوفد بيروت صباح اليوم.", in: workspace))
        #expect(try exact(shared, in: workspace))
        #expect(try DatabaseCheck(database: workspace.database).run().passed)
        #expect(try history.list()[1].undone != nil)

        // Once undone, never twice.
        #expect { try history.undo(second.batch!, force: false) } throws: { ($0 as? DragomanFailure)?.failureKind == .conflict }
    }

    @Test func anImportWhoseUnitsALaterImportChangedIsUndoneOnlyWithForce() throws {
        let (workspace, folder) = try emptyWorkspace()
        let first = try TMImport(format: .tsv).run(try write(Self.news, to: folder, "news.tsv"), into: workspace.tm)
        Thread.sleep(forTimeInterval: 0.01)
        let second = try TMImport(format: .tsv).run(try write(Self.more, to: folder, "more.tsv"), into: workspace.tm)
        let history = ImportHistory(workspace: workspace)
        var message = ""
        #expect {
            try history.undo(first.batch!, force: false)
        } throws: { error in
            message = "\(error)"
            return (error as? DragomanFailure)?.failureKind == .conflict
        }
        #expect(message.contains("unit ") && message.contains("--force"))
        #expect(try workspace.tm.count() == 5, "a refused undo changes nothing")

        let forced = try history.undo(first.batch!, force: true)
        #expect(forced.removed == 3 && forced.editedSince.count == 1)
        // The later import's own units stand; the unit it had only re-dated is gone with the first.
        #expect(try workspace.tm.count() == 2)
        let report = try history.undo(second.batch!, force: false)
        #expect(report.removed == 2 && report.restored == 0)
        #expect(try workspace.tm.count() == 0)
        #expect(try DatabaseCheck(database: workspace.database).run().passed)
    }

    /// Thousands of units removed at once rewrite each posting list once; the units of
    /// another import in the same lists are still found.
    @Test func undoingALargeImportLeavesTheOtherUnitsFindable() throws {
        let (workspace, folder) = try emptyWorkspace()
        let keep = try TMImport(format: .tsv).run(try write(Self.news, to: folder, "news.tsv"), into: workspace.tm)
        let cities = ["القاهرة", "بيروت", "دمشق", "عمان", "بغداد", "الرياض", "تونس", "الرباط"]
        let englishCities = ["Cairo", "Beirut", "Damascus", "Amman", "Baghdad", "Riyadh", "Tunis", "Rabat"]
        var lines = ""
        for i in 0..<3_000 {
            let c = i % cities.count
            lines += "وصل الوزير إلى \(cities[c]) في اليوم \(i) من الزيارة.\tThe minister arrived in \(englishCities[c]) on day \(i) of the visit.\n"
        }
        let big = try TMImport(format: .tsv).run(try write(lines, to: folder, "big.tsv"), into: workspace.tm)
        #expect(big.added == 3_000)
        _ = try ImportHistory(workspace: workspace).undo(try #require(big.batch), force: false)
        #expect(try workspace.tm.count() == 3)
        for line in Self.news.split(separator: "\n") {
            #expect(try exact(String(line.split(separator: "\t")[0]), in: workspace))
        }
        #expect(try workspace.tm.search(TMQuery(text: "وصل الوزير إلى دمشق في اليوم 17 من الزيارة."), threshold: 90, limit: 1).isEmpty)
        #expect(try DatabaseCheck(database: workspace.database).run().passed)
        #expect(keep.batch != nil)
    }

    @Test func aGlossaryImportIsUndoneWithTheFieldsItFilledPutBack() throws {
        let (workspace, folder) = try emptyWorkspace()
        let options = GlossaryImportOptions(format: .tsv)
        let first = try GlossaryFiles.importFile(try write("arabic\tenglish\nقطار\ttrain\nمجلس الأمن\tSecurity Council\n",
                                                           to: folder, "g.tsv"), options: options, into: workspace.glossary)
        let again = try GlossaryFiles.importFile(try write("arabic\tenglish\tdomain\tnote\nقطار\ttrain\ttransport\ta railway train\n",
                                                           to: folder, "g2.tsv"), options: options, into: workspace.glossary)
        #expect((again.entriesAdded, again.entriesMerged, again.entriesChanged) == (0, 1, 1))
        func train() throws -> GlossaryEntry {
            try #require(try workspace.glossary.allEntries().first { $0.terms.contains { $0.text == "train" } })
        }
        #expect(try train().domain == "transport" && train().terms.allSatisfy { $0.note == "a railway train" })

        let history = ImportHistory(workspace: workspace)
        // The first import's entry was changed by the second: refused.
        #expect { try history.undo(first.batch!, force: false) } throws: { ($0 as? DragomanFailure)?.failureKind == .conflict }
        let report = try history.undo(try #require(again.batch), force: false)
        #expect(report.removed == 0 && report.restored == 3)
        #expect(try train().domain == nil && train().terms.allSatisfy { $0.note == nil })
        // Now the first one can go, with its entries and their index postings.
        let undone = try history.undo(first.batch!, force: false)
        #expect(undone.removed == 4 && undone.entriesRemoved == 2)
        #expect(try workspace.glossary.allEntries().isEmpty)
        #expect(try workspace.glossary.find(in: "وصل القطار").isEmpty)
        #expect(try DatabaseCheck(database: workspace.database).run().passed)
    }

    /// An import fills a field of a hand-made entry; a synonym added by hand afterwards
    /// makes the undo refused, and `force` undoes it while the synonym stays.
    @Test func laterEditsByHandRefuseTheUndoAndForceKeepsThem() throws {
        let (workspace, folder) = try emptyWorkspace()
        let entry = try workspace.glossary.add(NewEntry(terms: [NewTerm(.arabic, "القدس"), NewTerm(.english, "Jerusalem")]))
        let file = try write("arabic\tenglish\tdomain\nالقدس\tJerusalem\tgeography\n", to: folder, "quds.tsv")
        let report = try GlossaryFiles.importFile(file, options: GlossaryImportOptions(format: .tsv), into: workspace.glossary)
        #expect(report.entriesMerged == 1 && report.entriesChanged == 1)
        #expect(try workspace.glossary.entry(id: entry.id)?.domain == "geography")
        Thread.sleep(forTimeInterval: 0.01)
        _ = try TermEditor(glossary: workspace.glossary).add(TermEditor.Addition(arabic: "", english: "Al-Quds", entryID: entry.id))

        let history = ImportHistory(workspace: workspace)
        var message = ""
        #expect {
            try history.undo(report.batch!, force: false)
        } throws: { error in
            message = "\(error)"
            return (error as? DragomanFailure)?.failureKind == .conflict
        }
        #expect(message.contains("entry \(entry.id)"))
        #expect(try workspace.glossary.entry(id: entry.id)?.domain == "geography", "a refused undo changes nothing")

        let forced = try history.undo(report.batch!, force: true)
        #expect(forced.removed == 0 && forced.restored == 1 && forced.editedSince.map(\.description) == ["entry \(entry.id)"])
        let after = try #require(try workspace.glossary.entry(id: entry.id))
        #expect(after.domain == nil)
        #expect(after.terms.map(\.text) == ["القدس", "Jerusalem", "Al-Quds"])
        #expect(try DatabaseCheck(database: workspace.database).run().passed)
    }

    /// Arabic headwords of three letters, distinct, for a dictionary-sized import.
    static func dictionary(_ count: Int) -> String {
        let letters = Array("بتثجحخدذرزسشصضطظعغفقكلمنهوي")
        var rows = "arabic\tenglish\n"
        var n = 0
        outer: for a in letters { for b in letters { for c in letters {
            if n == count { break outer }
            rows += "\(a)\(b)\(c)\tgloss of \(a)\(b)\(c)\n"
            n += 1
        } } }
        return rows
    }

    @Test func aDictionarySizedImportIsBulkAndRanksBelowCuratedTerms() throws {
        let (workspace, folder) = try emptyWorkspace()
        // A curated entry and, later, a dictionary with the same headword.
        _ = try workspace.glossary.add(NewEntry(terms: [NewTerm(.arabic, "بتث"), NewTerm(.english, "curated sense")]))
        let report = try GlossaryFiles.importFile(try write(Self.dictionary(GlossaryPriority.bulkEntries + 1), to: folder, "dict.tsv"),
                                                  options: GlossaryImportOptions(format: .tsv), into: workspace.glossary)
        #expect(report.priority == .bulk && report.entriesAdded == GlossaryPriority.bulkEntries + 1)
        let small = try GlossaryFiles.importFile(try write("arabic\tenglish\nبتج\tsmall sense\n", to: folder, "small.tsv"),
                                                 options: GlossaryImportOptions(format: .tsv), into: workspace.glossary)
        #expect(small.priority == .standard)

        // بتج: the dictionary's entry is older, the small import's is standard: it is the hit.
        let hits = try workspace.glossary.find(in: "وبتج وبتث")
        #expect(hits.map { $0.entry.terms(in: .english).first?.text } == ["small sense", "curated sense"])
        #expect(hits[0].alternatives.first?.entry.terms(in: .english).first?.text == "gloss of بتج")
        let lookup = try workspace.glossary.read { try TermLookup(index: $0).lookup("بتج") }
        #expect(lookup.first?.term.text == "بتج" && lookup.first?.translations.first?.text == "small sense")

        // Made curated, the dictionary comes first.
        let history = ImportHistory(workspace: workspace)
        #expect(try history.setPriority(.curated, of: report.batch!) == 2 * (GlossaryPriority.bulkEntries + 1))
        #expect(try workspace.glossary.find(in: "وبتج").first?.entry.terms(in: .english).first?.text == "gloss of بتج")

        // Undone in one pass over the derived indexes: the index stays right.
        let undone = try history.undo(report.batch!, force: false)
        #expect(undone.entriesRemoved == GlossaryPriority.bulkEntries + 1)
        #expect(try workspace.glossary.counts().entries == 2)
        #expect(try workspace.glossary.find(in: "وبتج").first?.entry.terms(in: .english).first?.text == "small sense")
        #expect(try DatabaseCheck(database: workspace.database).run().passed)
    }

    @Test func theStarterGlossaryIsACuratedImport() throws {
        let folder = try temporaryFolder()
        let location = DatabaseLocation(path: (folder as NSString).appendingPathComponent("s.sqlite"), isExplicit: true)
        let workspace = try Workspace.open(location, ifMissing: .create(empty: false))
        let batches = try ImportHistory(workspace: workspace).list()
        #expect(batches.count == 2)
        #expect(batches.allSatisfy { $0.kind == .glossary && $0.priority == .curated && $0.file.hasSuffix("(built in)") })
        #expect(batches.map(\.added).reduce(0, +) == (try workspace.glossary.counts().entries))
    }
}
