import DragomanText
import Foundation
import Testing
import DragomanStore
@testable import DragomanTM

/// Every translation-memory backend, fresh and empty.
enum Backend: String, CaseIterable, CustomTestStringConvertible {
    case memory
    case sqlite

    var testDescription: String { rawValue }

    func make() throws -> any TranslationMemoryStore {
        switch self {
        case .memory:
            return InMemoryTranslationMemory()
        case .sqlite:
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dragoman-tests-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            return SQLiteTranslationMemory(database: try DragomanDatabase(path: dir.appendingPathComponent("tm.sqlite").path))
        }
    }
}

func search(_ store: any TranslationMemoryStore, _ text: String, side: Language = .arabic, threshold: Int = 70,
            limit: Int = 5) throws -> [TMMatch] {
    if let sqlite = store as? SQLiteTranslationMemory {
        return try sqlite.search(TMQuery(text: text, side: side), threshold: threshold, limit: limit)
    }
    return try (store as! InMemoryTranslationMemory).searcher().search(TMQuery(text: text, side: side), threshold: threshold, limit: limit)
}

/// One suite, run against every backend.
@Suite struct StoreSuite {
    @Test(arguments: Backend.allCases)
    func addFindAndDuplicates(backend: Backend) throws {
        let store = try backend.make()
        let a = TranslationUnit(arabic: "أكد المشاركون على اعتبار القدس محور الصراع.", english: "Participants stressed that Jerusalem is the core of the conflict.",
                                created: Date(timeIntervalSince1970: 1_000), origin: "doc-1")
        guard case .added(let id) = try store.add(a) else { Issue.record("not added"); return }
        // The same pair again: dates refreshed, no new row.
        var again = a
        again.changed = Date(timeIntervalSince1970: 5_000)
        #expect(try store.add(again) == .updated(id))
        #expect(try store.count() == 1)
        #expect(try store.unit(id: id)?.changed == Date(timeIntervalSince1970: 5_000))
        // Same source, another translation: kept as a second unit.
        let b = TranslationUnit(arabic: a.arabic, english: "The participants affirmed Jerusalem as the heart of the conflict.")
        guard case .added = try store.add(b) else { Issue.record("second translation not added"); return }
        #expect(try store.count() == 2)
        let matches = try search(store, a.arabic)
        #expect(matches.count == 2)
        #expect(matches.allSatisfy { $0.score == 100 && $0.kind == .exact })
        #expect(Set(matches.map(\.unit.english)) == [a.english, b.english])
        // Stored as given.
        #expect(try store.unit(id: id)?.arabic == a.arabic)
        #expect(try store.unit(id: id)?.origin == "doc-1")
    }

    @Test(arguments: Backend.allCases)
    func fuzzyBothDirectionsAndRemove(backend: Backend) throws {
        let store = try backend.make()
        let counts = try store.add(contentsOf: [
            TranslationUnit(arabic: "كسر الحصار الجائر عن قطاع غزة", english: "Breaking the unjust siege on the Gaza Strip"),
            TranslationUnit(arabic: "دعم صمود المقدسيين", english: "Supporting the steadfastness of Jerusalemites"),
            TranslationUnit(arabic: "وقف إطلاق النار في قطاع غزة", english: "A ceasefire in the Gaza Strip"),
        ])
        #expect(counts == AddCounts(added: 3, updated: 0))
        let fuzzy = try search(store, "كسر الحصار عن قطاع غزة")
        #expect(fuzzy.first?.unit.english == "Breaking the unjust siege on the Gaza Strip")
        #expect(fuzzy.first?.score == 83)
        let english = try search(store, "Breaking the siege on the Gaza Strip", side: .english)
        #expect(english.first?.unit.arabic == "كسر الحصار الجائر عن قطاع غزة")
        #expect(english.first?.proposedTarget == "كسر الحصار الجائر عن قطاع غزة")
        let id = try #require(fuzzy.first?.unit.id)
        #expect(try store.remove(id: id))
        #expect(try !store.remove(id: id))
        #expect(try search(store, "كسر الحصار عن قطاع غزة").isEmpty)
        #expect(try store.count() == 2)
    }

    @Test(arguments: Backend.allCases)
    func propertiesContextAndMarkupRoundTrip(backend: Backend) throws {
        let store = try backend.make()
        let unit = TranslationUnit(arabic: "بتوقيت القدس", english: "Jerusalem Time", arabicMarkup: "<ph x=\"1\"/>بتوقيت القدس",
                                   creator: "translator", note: "headline", properties: [UnitProperty(type: "x-domain", value: "news")],
                                   arabicContext: UnitContext(previous: UnitContext.documentStart, next: 42), usageCount: 3)
        guard case .added(let id) = try store.add(unit) else { Issue.record("not added"); return }
        let stored = try #require(try store.unit(id: id))
        #expect(stored.arabicMarkup == unit.arabicMarkup)
        #expect(stored.properties == unit.properties)
        #expect(stored.arabicContext == unit.arabicContext)
        #expect(stored.creator == "translator" && stored.note == "headline" && stored.usageCount == 3)
        try store.recordUse(of: [id])
        #expect(try store.unit(id: id)?.usageCount == 4)
    }
}
