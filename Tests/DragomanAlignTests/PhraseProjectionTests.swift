import Testing
import DragomanAlign

@Suite struct PhraseProjectionTests {
    static func links(_ pairs: [(Int, Int)]) -> [WordLink] { pairs.map { WordLink(source: $0.0, target: $0.1) } }

    @Test func consistentSpans() {
        // 0-0, a swap 1-2 / 2-1, 3-3.
        let links = Self.links([(0, 0), (1, 2), (2, 1), (3, 3)])
        #expect(PhraseProjection.target(ofSource: 1..<3, links: links) == 1..<3)
        #expect(PhraseProjection.target(ofSource: 0..<4, links: links) == 0..<4)
        #expect(PhraseProjection.target(ofSource: 3..<4, links: links) == 3..<4)
        #expect(PhraseProjection.source(ofTarget: 1..<3, links: links) == 1..<3)
        #expect(PhraseProjection.source(ofTarget: 0..<1, links: links) == 0..<1)
    }

    @Test func inconsistentSpans() {
        let links = Self.links([(0, 0), (1, 2), (2, 1), (3, 3)])
        // Source 0…1 projects onto targets 0…2, but target 1 belongs to source 2.
        #expect(PhraseProjection.target(ofSource: 0..<2, links: links) == nil)
        #expect(PhraseProjection.source(ofTarget: 0..<2, links: links) == nil)
        // Many-to-one: target 0 is linked to sources 0 and 1; source 0 alone is not a phrase.
        let manyToOne = Self.links([(0, 0), (1, 0), (2, 1)])
        #expect(PhraseProjection.target(ofSource: 0..<1, links: manyToOne) == nil)
        #expect(PhraseProjection.target(ofSource: 0..<2, links: manyToOne) == 0..<1)
        #expect(PhraseProjection.source(ofTarget: 0..<1, links: manyToOne) == 0..<2)
    }

    @Test func unalignedWordsAndTheMinimalSpan() {
        // Source 1 and target 3 unaligned.
        let links = Self.links([(0, 0), (2, 2), (3, 4)])
        #expect(PhraseProjection.target(ofSource: 1..<3, links: links) == 2..<3)   // source 1 unaligned at the edge
        #expect(PhraseProjection.target(ofSource: 2..<4, links: links) == 2..<5)   // target 3 inside stays
        #expect(PhraseProjection.target(ofSource: 1..<2, links: links) == nil)     // no link inside
        #expect(PhraseProjection.source(ofTarget: 3..<4, links: links) == nil)
        #expect(PhraseProjection.source(ofTarget: 2..<4, links: links) == 2..<3)
        #expect(PhraseProjection.target(ofSource: 0..<0, links: links) == nil)
        #expect(PhraseProjection.target(ofSource: 0..<4, links: []) == nil)
    }
}
