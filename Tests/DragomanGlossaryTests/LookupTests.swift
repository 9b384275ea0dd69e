import DragomanGlossary
import DragomanStore
import Foundation
import Testing

/// `term lookup`: the match kinds, their ranking, fuzzy and prefix limits, English queries.
@Suite struct LookupTests {
    static let pairs: [(String, String)] = [
        ("القدس", "Jerusalem"),
        ("القدس الشرقية", "East Jerusalem"),
        ("مؤتمر", "conference"),
        ("مؤتمر صحفي", "press conference"),
        ("حصار", "siege"),
        ("قطاع غزة", "Gaza Strip"),
        ("مجلس الأمن", "Security Council"),
        ("مجلس حقوق الإنسان", "Human Rights Council"),
        ("فلسطين", "Palestine"),
        ("بلد", "country"),
        ("جدار", "wall"),
    ]

    func lookup(_ store: any GlossaryStore, _ q: String, limit: Int = 10, prefix: Bool = false) throws -> [String] {
        try store.lookup(q, limit: limit, prefix: prefix).map { "\($0.term.text):\($0.kind)" }
    }

    @Test(arguments: Backend.allCases)
    func kindsAndRanking(backend: Backend) throws {
        let store = try makeStore(backend, Self.pairs)
        // Exact first, then longer terms that contain the word.
        #expect(try lookup(store, "القدس") == ["القدس:exact", "القدس الشرقية:contains"])
        // Harakat and hamza variants: normalized.
        #expect(try lookup(store, "القُدس").first == "القدس:normalized")
        #expect(try lookup(store, "مؤتمـر").first == "مؤتمر:normalized")
        // A word as it stands in text: clitic reading, with what was stripped.
        let clitic = try store.lookup("وبالقدس")
        #expect(clitic.first?.term.text == "القدس")
        #expect(clitic.first?.kind == .clitic)
        #expect(clitic.first?.clitics?.pieces == ["و+", "ب+"])
        #expect(try lookup(store, "للمؤتمر").first == "مؤتمر:clitic")
        #expect(try lookup(store, "مؤتمره").first == "مؤتمر:clitic")
        #expect(try lookup(store, "وقطاع غزة") == ["قطاع غزة:clitic"])
        // Translations come with the result.
        #expect(try store.lookup("الحصار").first?.translations.map(\.text) == ["siege"])
    }

    @Test(arguments: Backend.allCases)
    func exactRanksBeforeNormalized(backend: Backend) throws {
        let store = try backend.make()
        try store.add(NewEntry(terms: [NewTerm(.arabic, "الاسرى"), NewTerm(.english, "prisoners (variant)")]))
        try store.add(NewEntry(terms: [NewTerm(.arabic, "الأسرى"), NewTerm(.english, "prisoners")]))
        let results = try store.lookup("الأسرى")
        #expect(results.map(\.kind) == [.exact, .normalized])
        #expect(results.map(\.term.text) == ["الأسرى", "الاسرى"])
    }

    @Test(arguments: Backend.allCases)
    func fuzzyIsOneEditOnWordsOfFiveLettersOrMore(backend: Backend) throws {
        let store = try makeStore(backend, Self.pairs)
        let typo = try store.lookup("Jerusalim")
        #expect(typo.map(\.term.text) == ["Jerusalem"])
        #expect(typo.first?.kind == .fuzzy)
        #expect(typo.first?.distance == 1)
        #expect(try lookup(store, "Jrusalem") == ["Jerusalem:fuzzy"])    // deletion
        #expect(try lookup(store, "Jeruusalem") == ["Jerusalem:fuzzy"])  // insertion
        #expect(try lookup(store, "فلسطيم") == ["فلسطين:fuzzy"])        // substitution, 6 letters
        #expect(try lookup(store, "Jeruslam").isEmpty)                   // two edits
        // Fewer than 5 letters: no fuzzy match.
        #expect(try lookup(store, "wal").isEmpty)
        #expect(try lookup(store, "walls") == ["wall:plural"])
        #expect(try lookup(store, "sieg").isEmpty)
        #expect(try lookup(store, "حصاد").isEmpty)
    }

    @Test(arguments: Backend.allCases)
    func prefixOnlyWhenAsked(backend: Backend) throws {
        let store = try makeStore(backend, Self.pairs)
        #expect(try lookup(store, "مؤتم").isEmpty)
        #expect(try lookup(store, "مؤتم", prefix: true) == ["مؤتمر:prefix", "مؤتمر صحفي:prefix"])
        // Arabic prefixes also reach terms written with the article.
        #expect(try lookup(store, "قد", prefix: true).first == "القدس:prefix")
        #expect(try lookup(store, "Jerus", prefix: true) == ["Jerusalem:prefix"])
        #expect(try lookup(store, "Jerusalem", limit: 1) == ["Jerusalem:exact"])
    }

    @Test(arguments: Backend.allCases)
    func englishQueriesFindTheirArabicEntries(backend: Backend) throws {
        let store = try makeStore(backend, Self.pairs)
        let jerusalem = try store.lookup("jerusalem")
        #expect(jerusalem.first?.kind == .normalized)
        #expect(jerusalem.first?.translations.map(\.text) == ["القدس"])
        #expect(try lookup(store, "Council") == ["Security Council:contains", "Human Rights Council:contains"])
        #expect(try lookup(store, "rights council") == ["Human Rights Council:contains"])
        #expect(try lookup(store, "council rights").isEmpty)
        #expect(try store.lookup("Gaza Strip").first?.translations.map(\.text) == ["قطاع غزة"])
    }

    /// Every English term of the starter glossary finds its own entry, ranked first among
    /// exact matches.
    @Test(arguments: Backend.allCases)
    func everyStarterEnglishTermFindsItsEntry(backend: Backend) throws {
        let (store, _) = try starterStore(backend)
        var checked = 0
        for entry in try store.allEntries() {
            for term in entry.terms(in: .english) {
                let results = try store.lookup(term.text, limit: 20)
                #expect(results.contains { $0.entry.id == entry.id && $0.kind == .exact }, "\(term.text)")
                #expect(results.first?.kind == .exact, "\(term.text)")
                checked += 1
            }
        }
        #expect(checked > 200)
    }

    @Test(arguments: Backend.allCases)
    func emptyAndPunctuationQueries(backend: Backend) throws {
        let store = try makeStore(backend, Self.pairs)
        #expect(try store.lookup("").isEmpty)
        #expect(try store.lookup("؟!").isEmpty)
        // Punctuation around the words is not part of the query.
        #expect(try lookup(store, "القدس؟") == ["القدس:exact", "القدس الشرقية:contains"])
    }
}

@Suite struct PluralLookupTests {
    @Test func aPluralFindsWhatItsSingularFinds() throws {
        let store = InMemoryGlossary()
        _ = try store.add(NewEntry(terms: [NewTerm(.arabic, "مجلس الأمن"), NewTerm(.english, "Security Council")]))
        let singular = try store.lookup("Council").map(\.entry.id)
        #expect(!singular.isEmpty)
        #expect(try store.lookup("Councils").map(\.entry.id) == singular)
        #expect(try store.lookup("Council's").map(\.entry.id) == singular)
    }
}

@Suite struct DomainPreferenceTests {
    @Test func anEntryOfTheDomainComesFirst() throws {
        let store = InMemoryGlossary()
        let general = try store.add(NewEntry(domain: "dictionary", terms: [NewTerm(.arabic, "عمان"), NewTerm(.english, "Oman")]))
        let news = try store.add(NewEntry(domain: "geography", terms: [NewTerm(.arabic, "عمان"), NewTerm(.english, "Amman")]))
        let hits = try store.find(in: "وصل الوفد إلى عمان")
        #expect(hits.count == 1)
        let preferred = hits.preferring(domain: "geography")
        #expect(preferred.first?.entry.id == news.id)
        #expect(preferred.first?.alternatives.first?.entry.id != news.id)
        #expect(hits.preferring(domain: "dictionary").first?.entry.id == general.id)
        // A hit with no entry of the domain: left as it is, or left out with `only`.
        #expect(hits.preferring(domain: "law").first?.entry.id == hits.first?.entry.id)
        #expect(hits.preferring(domain: "law", only: true).isEmpty)
    }
}
