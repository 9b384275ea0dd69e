import Testing
@testable import DragomanAlign
import DragomanText

@Suite struct WordSymmetrisationTests {
    static func links(_ pairs: [(Int, Int)]) -> [WordLink] { pairs.map { WordLink(source: $0.0, target: $0.1) } }

    /// A 6 × 6 grid worked by hand from Moses' definitions: (4,2) is grown as a diagonal
    /// neighbour of (3,3), (4,4) never (both its words are aligned by then); (0,5) has an
    /// aligned source word, so only grow-diag-final adds it; (5,5) has both words unaligned,
    /// so both final steps add it.
    @Test func handWorkedGrid() {
        let forward = Self.links([(0, 0), (1, 1), (4, 2), (3, 3), (3, 4), (0, 5)])
        let reverse = Self.links([(0, 0), (1, 1), (3, 3), (4, 4), (5, 5)])
        func run(_ h: Symmetrisation) -> [WordLink] {
            WordSymmetrisation.combine(forward: forward, reverse: reverse, sourceCount: 6, targetCount: 6, heuristic: h)
        }
        #expect(run(.intersection) == Self.links([(0, 0), (1, 1), (3, 3)]))
        #expect(run(.union) == Self.links([(0, 0), (0, 5), (1, 1), (3, 3), (3, 4), (4, 2), (4, 4), (5, 5)]))
        #expect(run(.growDiag) == Self.links([(0, 0), (1, 1), (3, 3), (3, 4), (4, 2)]))
        #expect(run(.growDiagFinal) == Self.links([(0, 0), (0, 5), (1, 1), (3, 3), (3, 4), (4, 2), (5, 5)]))
        #expect(run(.growDiagFinalAnd) == Self.links([(0, 0), (1, 1), (3, 3), (3, 4), (4, 2), (5, 5)]))
    }

    /// Growing follows the union: a point next to an aligned one whose words are both
    /// aligned already stays out, and growth chains within one sweep.
    @Test func growthChainsAlongTheUnion() {
        let forward = Self.links([(0, 0), (1, 1), (2, 2), (3, 3)])
        let reverse = Self.links([(0, 0), (1, 0), (2, 1), (3, 2)])
        let grown = WordSymmetrisation.combine(forward: forward, reverse: reverse, sourceCount: 4, targetCount: 4,
                                               heuristic: .growDiag)
        // Intersection (0,0); (1,0) joins (source 1 free), then (1,1) (target 1 free), then
        // (2,1), (2,2), (3,2), (3,3) one after the other.
        #expect(grown == Self.links([(0, 0), (1, 0), (1, 1), (2, 1), (2, 2), (3, 2), (3, 3)]))
    }

    /// intersection ⊆ grow-diag ⊆ grow-diag-final-and ⊆ grow-diag-final ⊆ union on random
    /// directional alignments, and the sweep equals a literal transcription of Moses'
    /// pseudocode on a full grid.
    @Test(arguments: 0..<200)
    func heuristicsNestAndMatchTheLiteralPseudocode(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed) &+ 1000)
        let n = Int.random(in: 1...9, using: &rng), m = Int.random(in: 1...9, using: &rng)
        // Directional alignments: each target (forward) or source (reverse) word one or no
        // source (target) word, mostly near the diagonal.
        func near(_ k: Int, _ of: Int, _ size: Int) -> Int {
            min(max(k * size / of + Int.random(in: -2...2, using: &rng), 0), size - 1)
        }
        let forward = (0..<m).compactMap { j in Int.random(in: 0..<5, using: &rng) == 0 ? nil : WordLink(source: near(j, m, n), target: j) }
        let reverse = (0..<n).compactMap { i in Int.random(in: 0..<5, using: &rng) == 0 ? nil : WordLink(source: i, target: near(i, n, m)) }
        var results: [Symmetrisation: Set<WordLink>] = [:]
        for h in Symmetrisation.allCases {
            let links = WordSymmetrisation.combine(forward: forward, reverse: reverse, sourceCount: n, targetCount: m, heuristic: h)
            #expect(links == links.sorted() && Set(links).count == links.count)
            results[h] = Set(links)
            #expect(Set(links) == Self.literal(forward, reverse, n, m, h), "\(h) \(forward) \(reverse)")
        }
        #expect(results[.intersection]!.isSubset(of: results[.growDiag]!))
        #expect(results[.growDiag]!.isSubset(of: results[.growDiagFinalAnd]!))
        #expect(results[.growDiagFinalAnd]!.isSubset(of: results[.growDiagFinal]!))
        #expect(results[.growDiagFinal]!.isSubset(of: results[.union]!))
    }

    /// Moses' GROW-DIAG-FINAL(-AND) pseudocode, word for word, on a boolean grid.
    static func literal(_ forward: [WordLink], _ reverse: [WordLink], _ n: Int, _ m: Int, _ h: Symmetrisation) -> Set<WordLink> {
        let f = Set(forward), r = Set(reverse)
        let union = f.union(r)
        var aligned = Set(f.intersection(r))
        switch h {
        case .intersection: return aligned
        case .union: return union
        default: break
        }
        var sourceAligned = Set(aligned.map(\.source)), targetAligned = Set(aligned.map(\.target))
        let neighbours = [(-1, 0), (0, -1), (1, 0), (0, 1), (-1, -1), (-1, 1), (1, -1), (1, 1)]
        var added = true
        while added {
            added = false
            for i in 0..<n {
                for j in 0..<m where aligned.contains(WordLink(source: i, target: j)) {
                    for (di, dj) in neighbours {
                        let p = WordLink(source: i + di, target: j + dj)
                        if (!sourceAligned.contains(p.source) || !targetAligned.contains(p.target)) && union.contains(p)
                            && !aligned.contains(p) {
                            aligned.insert(p)
                            sourceAligned.insert(p.source)
                            targetAligned.insert(p.target)
                            added = true
                        }
                    }
                }
            }
        }
        if h == .growDiag { return aligned }
        for direction in [f, r] {
            for i in 0..<n {
                for j in 0..<m where direction.contains(WordLink(source: i, target: j)) {
                    let open = h == .growDiagFinalAnd ? !sourceAligned.contains(i) && !targetAligned.contains(j)
                                                      : !sourceAligned.contains(i) || !targetAligned.contains(j)
                    if open {
                        aligned.insert(WordLink(source: i, target: j))
                        sourceAligned.insert(i)
                        targetAligned.insert(j)
                    }
                }
            }
        }
        return aligned
    }

    @Test func emptyAndOutsidePoints() {
        for h in Symmetrisation.allCases {
            #expect(WordSymmetrisation.combine(forward: [], reverse: [], sourceCount: 3, targetCount: 3, heuristic: h).isEmpty)
            #expect(WordSymmetrisation.combine(forward: Self.links([(0, 0)]), reverse: [], sourceCount: 0, targetCount: 3,
                                               heuristic: h).isEmpty)
            let outside = WordSymmetrisation.combine(forward: Self.links([(0, 0), (5, 1), (-1, 0)]), reverse: Self.links([(0, 0)]),
                                                     sourceCount: 2, targetCount: 2, heuristic: h)
            #expect(outside == Self.links([(0, 0)]))
        }
    }
}
