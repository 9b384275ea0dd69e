import Testing
import DragomanAlign
import DragomanText

@Suite struct WordLinkCodingTests {
    /// Any link set comes back sorted and without duplicates.
    @Test(arguments: 0..<100)
    func roundTrips(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed))
        let size = Int.random(in: 0...200, using: &rng)
        let limit = [4, 60, 1000, 1 << 20][seed % 4]
        let links = (0..<size).map { _ in
            WordLink(source: Int.random(in: 0..<limit, using: &rng), target: Int.random(in: 0..<limit, using: &rng))
        }
        let bytes = WordLinkCoding.encode(links)
        #expect(WordLinkCoding.decode(bytes) == Array(Set(links)).sorted())
        // A damaged blob gives a prefix of the links, never a trap.
        if !bytes.isEmpty {
            let cut = Int.random(in: 0..<bytes.count, using: &rng)
            let prefix = WordLinkCoding.decode(Array(bytes[..<cut]))
            #expect(prefix == Array(Array(Set(links)).sorted().prefix(prefix.count)))
            var noisy = bytes
            noisy[cut] = UInt8.random(in: 0...255, using: &rng)
            _ = WordLinkCoding.decode(noisy)
        }
    }

    @Test func compactForASentencePair() {
        let diagonal = (0..<30).map { WordLink(source: $0, target: $0) }
        #expect(WordLinkCoding.encode(diagonal).count == 60)
        #expect(WordLinkCoding.encode([]).isEmpty && WordLinkCoding.decode([]).isEmpty)
        #expect(WordLinkCoding.decode([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 0]).isEmpty)
        #expect(WordLinkCoding.encode([WordLink(source: 2, target: 5), WordLink(source: 2, target: 3)]) == [2, 3, 0, 1])
    }
}
