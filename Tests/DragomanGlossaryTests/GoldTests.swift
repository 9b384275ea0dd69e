import DragomanGlossary
import DragomanStore
import Foundation
import Testing

/// The sample article against the hand-checked gold list of `news-terms.tsv` hits.
@Suite struct GoldTests {
    struct Hit: Hashable, CustomStringConvertible {
        var line: Int
        var surface: String
        var conceptID: String
        var term: String
        var description: String { "\(line)\t\(surface)\t\(conceptID)\t\(term)" }
    }

    static func gold() throws -> [Hit] {
        try Fixture.string("sample-article-hits.tsv").split(separator: "\n").dropFirst().map { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Hit(line: Int(f[0])!, surface: f[1], conceptID: f[2], term: f[3])
        }
    }

    /// Hits found in the article, with the line each starts on.
    static func found(_ store: any GlossaryStore, ids: [String: Int64]) throws -> [Hit] {
        let text = try Fixture.string("sample-article.ar.txt")
        let concept = Dictionary(uniqueKeysWithValues: ids.map { ($0.value, $0.key) })
        var lineStarts: [Int] = [0]
        var offset = 0
        for u in text.utf16 {
            offset += 1
            if u == 0x0A { lineStarts.append(offset) }
        }
        return try store.find(in: text).map { hit in
            let line = lineStarts.lastIndex { $0 <= hit.range.lowerBound }! + 1
            return Hit(line: line, surface: hit.surface, conceptID: concept[hit.entry.id] ?? "?", term: hit.term.text)
        }
    }

    @Test(arguments: Backend.allCases)
    func everyGoldHitAndNothingElse(backend: Backend) throws {
        let (store, ids) = try starterStore(backend)
        let gold = try Self.gold()
        let hits = try Self.found(store, ids: ids)
        #expect(gold.count == 167)
        let missing = Set(gold).subtracting(hits)
        let extra = Set(hits).subtracting(gold)
        #expect(missing.isEmpty, "missing: \(missing.sorted { $0.line < $1.line })")
        #expect(extra.isEmpty, "false hits: \(extra.sorted { $0.line < $1.line })")
        // Same order and multiplicity too.
        #expect(hits == gold)
    }

    /// With the reference file loaded too: the same hits, still on the curated entries, and
    /// one more (الخميس, a weekday) that the gold list, made for news-terms.tsv, leaves out.
    @Test(arguments: Backend.allCases)
    func bothStarterFiles(backend: Backend) throws {
        let (store, ids) = try starterStore(backend, reference: true)
        let gold = try Self.gold()
        let hits = try Self.found(store, ids: ids)
        let extra = hits.filter { !gold.contains($0) }
        #expect(extra.map { "\($0.line) \($0.surface) \($0.term)" } == ["37 الخميس الخميس"])
        #expect(hits.filter { gold.contains($0) } == gold)
        let text = try Fixture.string("sample-article.ar.txt")
        let palestine = try #require(try store.find(in: text).first { $0.surface == "فلسطين" })
        #expect(palestine.entry.id == ids["103"])
        #expect(palestine.alternatives.count == 1)
    }
}
