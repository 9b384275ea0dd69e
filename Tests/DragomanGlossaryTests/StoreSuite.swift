import DragomanGlossary
import DragomanStore
import Foundation
import Testing

/// One suite of store behaviour, run against the in-memory and the SQLite glossary.
@Suite struct StoreSuite {
    @Test(arguments: Backend.allCases)
    func addReadAndCount(backend: Backend) throws {
        let store = try backend.make()
        let created = Date(timeIntervalSince1970: 1_700_000_000)
        let entry = try store.add(NewEntry(domain: " geography ", definition: "The city.", note: "capital claim disputed",
                                           terms: [
                                               NewTerm(.arabic, "  القدس ", pos: "proper noun", status: .preferred, source: "style guide"),
                                               NewTerm(.english, "Jerusalem", pos: "proper noun"),
                                               NewTerm(.english, "Al-Quds", status: .admitted, note: "Arabic name"),
                                           ], created: created))
        #expect(entry.id > 0)
        #expect(entry.domain == "geography")
        #expect(entry.definition == "The city.")
        #expect(entry.created == created)
        #expect(entry.terms.map(\.text) == ["القدس", "Jerusalem", "Al-Quds"])
        #expect(entry.terms.allSatisfy { $0.entryID == entry.id })
        #expect(entry.terms[0].source == "style guide")
        #expect(entry.terms[2].note == "Arabic name")
        #expect(entry.terms(in: .english).map(\.text) == ["Jerusalem", "Al-Quds"])
        #expect(try store.entry(id: entry.id) == entry)
        #expect(try store.counts() == GlossaryCounts(entries: 1, arabicTerms: 1, englishTerms: 2))
        let term = try store.read { try $0.term(id: entry.terms[1].id) }
        #expect(term == entry.terms[1])
        #expect(try store.entry(id: 999) == nil)
    }

    /// Of two entries for the same words, the one of higher priority is the hit, whatever
    /// their age; an import without a priority is standard, or bulk past 5,000 entries.
    @Test(arguments: Backend.allCases)
    func priorityDecidesWhichEntryIsTheHit(backend: Backend) throws {
        let store = try backend.make()
        func importing(_ english: String, priority: GlossaryPriority?) throws -> GlossaryPriority {
            try store.write { w in
                _ = try w.beginImport(file: "\(english).tsv", format: "tsv", priority: priority, creator: nil)
                try w.add(NewEntry(terms: [NewTerm(.arabic, "توقيت"), NewTerm(.english, english)]))
                return try w.finishImport(entriesAdded: 1, termsAdded: 2, entriesChanged: 0, skipped: 0)
            }
        }
        #expect(try importing("Timings", priority: .bulk) == .bulk)
        #expect(try store.find(in: "بتوقيت").first?.entry.terms(in: .english).first?.text == "Timings")
        #expect(try importing("timing", priority: nil) == .standard)
        let hit = try #require(try store.find(in: "بتوقيت").first)
        #expect(hit.entry.terms(in: .english).first?.text == "timing")
        #expect(hit.alternatives.map { $0.entry.terms(in: .english).first?.text } == ["Timings"])
        #expect(try store.lookup("توقيت").map { $0.translations.first?.text } == ["timing", "Timings"])
        // Entered by hand: curated, first of all.
        try store.add(NewEntry(terms: [NewTerm(.arabic, "توقيت"), NewTerm(.english, "time")]))
        #expect(try store.find(in: "بتوقيت").first?.entry.terms(in: .english).first?.text == "time")
        #expect(GlossaryPriority.default(entriesAdded: GlossaryPriority.bulkEntries) == .standard)
        #expect(GlossaryPriority.default(entriesAdded: GlossaryPriority.bulkEntries + 1) == .bulk)
    }

    @Test(arguments: Backend.allCases)
    func textIsStoredAsGivenInNFC(backend: Backend) throws {
        let store = try backend.make()
        // Decomposed alef + hamza above, and harakat: NFC composes, nothing else changes.
        let decomposed = "\u{0627}\u{0654}\u{0645}\u{064E}\u{0645}"
        let entry = try store.add(NewEntry(terms: [NewTerm(.arabic, decomposed), NewTerm(.english, "nations\t")]))
        #expect(entry.terms[0].text == "\u{0623}\u{0645}\u{064E}\u{0645}")
        #expect(entry.terms[0].text.unicodeScalars.count == 4)
        #expect(entry.terms[1].text == "nations")
        #expect(throws: GlossaryError.self) { try store.add(NewEntry(terms: [NewTerm(.arabic, "  ")])) }
        #expect(throws: GlossaryError.self) { try store.add(NewEntry(terms: [])) }
        #expect(throws: GlossaryError.self) { try store.add(NewEntry(terms: [NewTerm(.arabic, "\u{200F}")])) }
    }

    @Test(arguments: Backend.allCases)
    func synonymsEditsAndRemoval(backend: Backend) throws {
        let store = try backend.make()
        let entry = try store.add(NewEntry(terms: [NewTerm(.arabic, "محمد"), NewTerm(.english, "Mohammed")]))
        let ids = try store.write { w in
            try ["Muhammad", "Mohamed", "Mohammad"].map { try w.addTerm(NewTerm(.english, $0, status: .admitted), toEntry: entry.id) }
        }
        #expect(try store.entry(id: entry.id)?.terms(in: .english).map(\.text) == ["Mohammed", "Muhammad", "Mohamed", "Mohammad"])
        #expect(try store.lookup("Mohamed").first?.entry.id == entry.id)
        #expect(throws: GlossaryError.self) { try store.write { try $0.addTerm(NewTerm(.english, "x"), toEntry: 999) } }

        // Edit a term: its indexes follow (key, fuzzy, head).
        try store.write { try $0.update(term: ids[1], TermChanges(text: "Mohamad", status: .deprecated, note: .some("rare"))) }
        let edited = try #require(try store.entry(id: entry.id)?.term(id: ids[1]))
        #expect(edited.text == "Mohamad")
        #expect(edited.status == .deprecated)
        #expect(edited.note == "rare")
        #expect(try store.lookup("Mohamed").allSatisfy { $0.term.id != ids[1] || $0.kind == .fuzzy })
        #expect(try store.lookup("Mohamad").first?.term.id == ids[1])
        try store.write { try $0.update(term: ids[1], TermChanges(note: .some(nil))) }
        #expect(try store.entry(id: entry.id)?.term(id: ids[1])?.note == nil)

        // Edit the entry.
        try store.write { try $0.update(entry: entry.id, EntryChanges(domain: .some("people"), note: .some("a name"))) }
        #expect(try store.entry(id: entry.id)?.domain == "people")
        #expect(try store.entry(id: entry.id)?.note == "a name")

        // Remove a term, then the entry.
        #expect(try store.write { try $0.removeTerm(id: ids[0]) })
        #expect(try store.write { try $0.removeTerm(id: ids[0]) } == false)
        #expect(try store.lookup("Muhammad").allSatisfy { $0.term.text != "Muhammad" })
        #expect(try store.write { try $0.removeEntry(id: entry.id) })
        #expect(try store.entry(id: entry.id) == nil)
        #expect(try store.lookup("Mohammed").isEmpty)
        #expect(try store.lookup("Mohammd").isEmpty)  // fuzzy index cleaned too
        #expect(try store.counts() == GlossaryCounts())
    }

    @Test(arguments: Backend.allCases)
    func removingTheLastTermRemovesTheEntry(backend: Backend) throws {
        let store = try backend.make()
        let entry = try store.add(NewEntry(terms: [NewTerm(.arabic, "هدنة")]))
        #expect(try store.write { try $0.removeTerm(id: entry.terms[0].id) })
        #expect(try store.entry(id: entry.id) == nil)
    }

    @Test(arguments: Backend.allCases)
    func aFailedTransactionStoresNothing(backend: Backend) throws {
        let store = try backend.make()
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try store.write { w in
                try w.add(NewEntry(terms: [NewTerm(.arabic, "حصار"), NewTerm(.english, "siege")]))
                try w.add(contentsOf: (0..<100).map { NewEntry(terms: [NewTerm(.english, "term number \($0)")]) })
                throw Boom()
            }
        }
        #expect(try store.counts() == GlossaryCounts())
        #expect(try store.find(in: "الحصار").isEmpty)
        #expect(try store.lookup("number").isEmpty)
    }

    @Test(arguments: Backend.allCases)
    func listingInIDOrderByDomain(backend: Backend) throws {
        let store = try backend.make()
        try store.add(contentsOf: [
            NewEntry(domain: "law", terms: [NewTerm(.english, "court")]),
            NewEntry(domain: "geography", terms: [NewTerm(.english, "river")]),
            NewEntry(domain: "law", terms: [NewTerm(.english, "judge")]),
        ])
        var law: [String] = []
        try store.read { r in
            try r.forEachEntry(domain: "law", after: 0) { law.append($0.terms[0].text); return true }
        }
        #expect(law == ["court", "judge"])
        var firstTwo: [String] = []
        try store.read { r in
            try r.forEachEntry(domain: nil, after: 0) { firstTwo.append($0.terms[0].text); return firstTwo.count < 2 }
        }
        #expect(firstTwo == ["court", "river"])
        let all = try store.allEntries()
        var after: [String] = []
        try store.read { r in try r.forEachEntry(domain: nil, after: all[0].id) { after.append($0.terms[0].text); return true } }
        #expect(after == ["river", "judge"])
    }

    /// Hostile text is data: bound as a parameter, never spliced into SQL or a query.
    @Test(arguments: Backend.allCases)
    func termTextIsNeverSQL(backend: Backend) throws {
        let store = try backend.make()
        let nasty = ["x'); DROP TABLE gl_term; --", "\" OR 1=1 --", "a\"b\\c", "a%_b*", "NEAR(a b)", "[\"json\"]"]
        for text in nasty {
            try store.add(NewEntry(terms: [NewTerm(.english, text)]))
        }
        for text in nasty {
            #expect(try store.lookup(text).first?.term.text == text, "\(text)")
            #expect(try store.lookup(text, prefix: true).first?.term.text == text, "\(text)")
        }
        #expect(try store.counts().englishTerms == nasty.count)
        #expect(try store.find(in: "say x'); DROP TABLE gl_term; -- now").map(\.term.text) == [nasty[0]])
    }

    @Test(arguments: Backend.allCases)
    func starterGlossaryLoads(backend: Backend) throws {
        let (store, ids) = try starterStore(backend, reference: true)
        let counts = try store.counts()
        // news-terms.tsv: 254 concepts, 476 rows; reference-cldr-iso.tsv: 847 concepts, 1,914 rows.
        #expect(counts.entries == 254 + 847)
        #expect(ids.count == 254)
        let hamas = try #require(try store.entry(id: ids["21"]!))
        #expect(hamas.terms(in: .arabic).map(\.text) == ["حركة حماس", "حماس", "حركة المقاومة الإسلامية"])
        #expect(hamas.terms(in: .english).map(\.text) == ["Hamas", "Islamic Resistance Movement"])
        #expect(hamas.domain == "organisations")
        #expect(hamas.terms.first { $0.text == "حماس" }?.note == "acronym of حركة المقاومة الإسلامية")
        #expect(hamas.terms.first { $0.text == "حماس" }?.status == .admitted)
        let aqsa = try #require(try store.entry(id: ids["85"]!))
        #expect(aqsa.terms.first { $0.text == "Temple Mount" }?.status == .forbidden)
        // Rows: every row with both cells gives two terms.
        let rows = try Fixture.string("news-terms.tsv").split(separator: "\n").dropFirst()
        let terms = rows.reduce(0) { n, line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            return n + (f[1].isEmpty ? 0 : 1) + (f[2].isEmpty ? 0 : 1)
        }
        let reference = try Fixture.string("reference-cldr-iso.tsv").split(separator: "\n").dropFirst()
        let referenceTerms = reference.reduce(0) { n, line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            return n + (f[1].isEmpty ? 0 : 1) + (f[2].isEmpty ? 0 : 1)
        }
        #expect(counts.terms == terms + referenceTerms)
    }
}
