import DragomanApp
import DragomanFormats
import DragomanGlossary
import DragomanText
import Foundation
import Testing

/// Importing a file whose entries are there already, dictionaries grouped by headword,
/// and removing several entries at once: against both stores.
@Suite struct ReimportTests {
    static let header = "arabic\tenglish\tdomain\tpos\tstatus\tnote\n"

    func tsv(_ text: String, _ store: any GlossaryStore, duplicates: DuplicatePolicy = .merge, header: Bool = true,
             groupByArabic: Bool = false, splitGlosses: Bool = false) throws -> ImportReport {
        try GlossaryFiles.importDelimited(text, name: "g.tsv",
                                          options: GlossaryImportOptions(format: .tsv, hasHeader: header, duplicates: duplicates,
                                                                         groupByArabic: groupByArabic, splitGlosses: splitGlosses),
                                          into: store)
    }

    @Test(arguments: Backend.allCases, ["news-terms.tsv", "reference-cldr-iso.tsv"])
    func theSecondImportOfAFileChangesNothing(backend: Backend, fixture: String) throws {
        let store = try backend.make()
        let text = try Fixture.string(fixture)
        let first = try tsv(text, store)
        #expect(first.entriesAdded > 100)
        let before = try store.allEntries()
        let second = try tsv(text, store)
        #expect(second.entriesAdded == 0)
        #expect(second.termsAdded == 0)
        #expect(second.entriesChanged == 0)
        #expect(second.conflictCount == 0)
        #expect(second.entriesMerged == first.entriesAdded + first.entriesMerged)
        #expect(second.entryIDs == first.entryIDs)
        #expect(try store.allEntries() == before, "not even a changed date")

        // The same glossary as CSV and as TBX (2008 and v3): nothing either.
        for format in [GlossaryFileFormat.csv, .tbx, .tbx2008] {
            let exported = try GlossaryFiles.exportString(store, format: format)
            let options = GlossaryImportOptions(format: format)
            let report = format.isTBX
                ? try GlossaryFiles.importTBX(exported, options: options, into: store)
                : try GlossaryFiles.importDelimited(exported, options: options, into: store)
            #expect(report.entriesAdded == 0, "\(format)")
            #expect(report.termsAdded == 0, "\(format)")
            #expect(report.entriesMerged == before.count, "\(format)")
            #expect(try store.allEntries() == before, "\(format)")
        }
    }

    @Test(arguments: Backend.allCases)
    func aMergeFillsEmptyFieldsAndReportsConflicts(backend: Backend) throws {
        let store = try backend.make()
        let jerusalem = try store.add(NewEntry(domain: "geography", terms: [
            NewTerm(.arabic, "القدس", status: .preferred),
            NewTerm(.english, "Jerusalem"),
            NewTerm(.english, "Al-Quds", status: .admitted),  // added by hand: the file's entry is a subset
        ]))
        let report = try tsv(Self.header + """
            القُدس\tJerusalem\tpolitics\tproper noun\t\tthe city
            القدس\tJerusalem\t\t\tdeprecated\t

            """, store)
        #expect(report.entriesAdded == 0)
        #expect(report.entriesMerged == 2)
        #expect(report.entriesChanged == 1)
        let merged = try #require(try store.entry(id: jerusalem.id))
        #expect(merged.domain == "geography", "a field that is there is not overwritten")
        #expect(merged.terms.map(\.text) == ["القدس", "Jerusalem", "Al-Quds"], "the stored text stays")
        #expect(merged.terms[0].pos == "proper noun")
        #expect(merged.terms[1].note == "the city")
        #expect(merged.terms[0].status == .deprecated, "the file gave a status")
        #expect(merged.terms[2].status == .admitted)
        #expect(report.conflicts.map(\.field) == ["domain"])
        #expect(report.conflicts.first?.kept == "geography")
        #expect(report.conflicts.first?.incoming == "politics")
        #expect(report.conflicts.first?.line == 2)
        #expect(report.conflicts.first?.description.contains("entry \(jerusalem.id)") == true)
    }

    @Test(arguments: Backend.allCases)
    func aSupersetOrAnotherSenseIsANewEntry(backend: Backend) throws {
        let store = try backend.make()
        try store.add(NewEntry(terms: [NewTerm(.arabic, "عين"), NewTerm(.english, "eye")]))
        let report = try tsv("عين\tspring\nعين\teye\nعين\tsource\n", store, header: false, groupByArabic: true)
        // عين {spring, eye, source} is not a subset of عين {eye}: a homograph stays apart.
        #expect(report.entriesAdded == 1)
        #expect(report.entriesMerged == 0)
        #expect(try store.counts().entries == 2)
        #expect(try store.lookup("عين").count == 2)
    }

    @Test(arguments: Backend.allCases)
    func skipAndAdd(backend: Backend) throws {
        let store = try backend.make()
        try store.add(NewEntry(terms: [NewTerm(.arabic, "مجلس الأمن"), NewTerm(.english, "Security Council")]))
        let rows = "مجلس الأمن\tSecurity Council\tpolitics\nالأمم المتحدة\tUnited Nations\tpolitics\n"
        let skipped = try tsv("arabic\tenglish\tdomain\n" + rows, store, duplicates: .skip)
        #expect(skipped.duplicatesSkipped == 1)
        #expect(skipped.entriesAdded == 1)
        #expect(try store.lookup("مجلس الأمن").first?.entry.domain == nil, "a skipped entry fills nothing")
        let added = try tsv("arabic\tenglish\tdomain\n" + rows, store, duplicates: .add)
        #expect(added.entriesAdded == 2)
        #expect(try store.counts().entries == 4)
    }

    @Test(arguments: Backend.allCases)
    func aDictionaryGroupedByHeadwordWithSplitGlosses(backend: Backend) throws {
        let dictionary = """
            كتاب\tbook
            قلم\tpen; pencil | stylus
            كتاب\twriting
            كِتاب\tBook

            """
        let plain = try backend.make()
        // كِتاب/Book has the keys of كتاب/book: merged even without grouping.
        let rows = try tsv(dictionary, plain, header: false)
        #expect(rows.entriesAdded == 3 && rows.entriesMerged == 1)
        #expect(try tsv(dictionary, try backend.make(), duplicates: .add, header: false).entriesAdded == 4)

        let grouped = try backend.make()
        let report = try tsv(dictionary, grouped, header: false, groupByArabic: true, splitGlosses: true)
        #expect(report.entriesAdded == 2)
        #expect(report.itemsRead == 4)
        let entries = try grouped.allEntries()
        #expect(entries.map { $0.terms(in: .arabic).map(\.text) } == [["كتاب", "كِتاب"], ["قلم"]],
                "كِتاب has the match key of كتاب: its row is of the same entry, the spelling a variant")
        #expect(entries[0].terms(in: .english).map(\.text) == ["book", "writing", "Book"])
        #expect(entries[1].terms(in: .english).map(\.text) == ["pen", "pencil", "stylus"])
        #expect(entries[1].terms(in: .english).map(\.status) == [.preferred, .admitted, .admitted])

        let again = try tsv(dictionary, grouped, header: false, groupByArabic: true, splitGlosses: true)
        #expect(again.entriesAdded == 0)
        #expect(again.termsAdded == 0)
        #expect(try grouped.allEntries() == entries)
    }

    @Test(arguments: Backend.allCases)
    func anIDColumnStillGroups(backend: Backend) throws {
        let store = try backend.make()
        let file = "id\tarabic\tenglish\nj\tالقدس\tJerusalem\nk\tغزة\tGaza\nj\tبيت المقدس\t\n"
        let first = try tsv(file, store)
        #expect(first.entriesAdded == 2)
        let second = try tsv(file, store)
        #expect(second.entriesAdded == 0 && second.termsAdded == 0)
        #expect(second.entryIDs == first.entryIDs)
        #expect(try store.entry(id: first.entryIDs["j"]!)?.terms.count == 3)
    }

    @Test(arguments: Backend.allCases)
    func removingSeveralEntries(backend: Backend) throws {
        let store = try backend.make()
        let ids = try store.add(contentsOf: [("القدس", "Jerusalem"), ("غزة", "Gaza"), ("رام الله", "Ramallah")].map {
            NewEntry(terms: [NewTerm(.arabic, $0.0), NewTerm(.english, $0.1)])
        })
        let editor = TermEditor(glossary: store)
        let error = #expect(throws: GlossaryError.self) { try editor.remove(entries: [ids[0], 999, 998]) }
        #expect(error?.failureKind == .notFound)
        #expect(error?.description.contains("999, 998") == true)
        #expect(try store.counts().entries == 3, "nothing was removed")
        let removed = try editor.remove(entries: [ids[2], ids[0], ids[2]])
        #expect(removed.map(\.id) == [ids[2], ids[0]])
        #expect(removed.map(\.terms) == [2, 2])
        #expect(try store.allEntries().map(\.id) == [ids[1]])
        #expect(try store.lookup("القدس").isEmpty)
    }

    /// The writer's own pipeline, with the index asked for every batch (as for a glossary
    /// too large to read its keys at the start).
    func throughTheIndex(_ text: String, _ store: any GlossaryStore, header: Bool = true) throws -> ImportReport {
        try store.write { w in
            let sink = GlossaryBatchWriter(writer: w, duplicates: .merge, preloadTerms: 0)
            let batcher = GlossaryBatcher()
            var parser = DelimitedParser(dialect: .tsv)
            var records = try parser.feed(Array(text.utf8)) + parser.finish()
            let columns = header ? try #require(GlossaryColumns(header: records.removeFirst().fields)) : .headerless
            for record in records {
                if let batch = try batcher.add(record, columns: columns) { try sink.apply(batch) }
            }
            if let batch = try batcher.finish() { try sink.apply(batch) }
            return sink.report
        }
    }

    @Test(arguments: Backend.allCases)
    func theIndexFindsWhatIsThere(backend: Backend) throws {
        let store = try backend.make()
        let text = try Fixture.string("news-terms.tsv")
        let first = try tsv(text, store)
        let before = try store.allEntries()
        let again = try throughTheIndex(text, store)
        #expect(again.entriesAdded == 0)
        #expect(again.termsAdded == 0)
        #expect(again.entriesMerged == first.entriesAdded + first.entriesMerged)
        #expect(try store.allEntries() == before)

        // In the same file, and an English-only entry; a homograph stays apart.
        let report = try throughTheIndex("عين\teye\nعين\teye\n\tUnited Nations\nعين\tspring\n", store, header: false)
        #expect(report.entriesAdded == 2)
        #expect(report.entriesMerged == 2)
        #expect(try store.counts().entries == before.count + 2)
    }

    /// The starter glossary holds الإمارات with its long form, and the long form alone: an
    /// entry of an export goes back to its own entry (the closest), not to the larger one.
    @Test(arguments: Backend.allCases, [false, true])
    func anExportImportedAgainChangesNothing(backend: Backend, index: Bool) throws {
        let (store, _) = try starterStore(backend, reference: true)
        let before = try store.allEntries()
        let tsvText = try GlossaryFiles.exportString(store, format: .tsv)
        let report = index ? try throughTheIndex(tsvText, store) : try tsv(tsvText, store)
        #expect(report.entriesAdded == 0)
        #expect(report.entriesChanged == 0)
        #expect(report.conflictCount == 0)
        #expect(try store.allEntries() == before)
        let tbx = try GlossaryFiles.importTBX(try GlossaryFiles.exportString(store, format: .tbx),
                                              options: GlossaryImportOptions(format: .tbx), into: store)
        #expect(tbx.entriesAdded == 0 && tbx.entriesChanged == 0 && tbx.conflictCount == 0)
        #expect(try store.allEntries() == before)
    }
}
