/// Combines the links of the two directional alignments of one sentence pair, by the
/// definitions of Moses ("Training Step 3: Align Words", statmt.org) and fast_align's
/// `atools`: each direction alone is many-to-one, and their combination is what phrase
/// extraction and fragment recall need.
///
/// grow-diag follows Moses' pseudocode: starting from the intersection, repeat until
/// nothing is added: for each aligned point in source-major order (including points added
/// earlier in the same sweep that come later in the order), add each of its 8 neighbours
/// (order: left, up, right, down, then the diagonals) that is in the union and whose
/// source or target word is still unaligned. The final steps then go through the forward
/// points, then the reverse points, in source-major order.
public enum WordSymmetrisation {
    /// The combined links, sorted. Links outside the `sourceCount × targetCount` grid are
    /// ignored.
    public static func combine(forward: [WordLink], reverse: [WordLink], sourceCount n: Int, targetCount m: Int,
                               heuristic: Symmetrisation) -> [WordLink] {
        guard n > 0, m > 0 else { return [] }
        func packed(_ links: [WordLink]) -> [UInt64] {
            var points = links.compactMap { l -> UInt64? in
                guard l.source >= 0, l.source < n, l.target >= 0, l.target < m else { return nil }
                return pack(l.source, l.target)
            }
            points.sort()
            return unique(points)
        }
        return combinePacked(forward: packed(forward), reverse: packed(reverse), sourceCount: n, targetCount: m,
                       heuristic: heuristic).map { WordLink(source: Int($0 >> 32), target: Int($0 & 0xFFFF_FFFF)) }
    }

    @inline(__always)
    static func pack(_ source: Int, _ target: Int) -> UInt64 { UInt64(source) << 32 | UInt64(target) }

    /// `forward` and `reverse` sorted, without duplicates, inside the grid.
    static func combinePacked(forward: [UInt64], reverse: [UInt64], sourceCount n: Int, targetCount m: Int,
                        heuristic: Symmetrisation) -> [UInt64] {
        var intersection: [UInt64] = [], union: [UInt64] = []
        intersection.reserveCapacity(min(forward.count, reverse.count))
        union.reserveCapacity(forward.count + reverse.count)
        var a = 0, b = 0
        while a < forward.count || b < reverse.count {
            if b == reverse.count || (a < forward.count && forward[a] < reverse[b]) {
                union.append(forward[a]); a += 1
            } else if a == forward.count || reverse[b] < forward[a] {
                union.append(reverse[b]); b += 1
            } else {
                union.append(forward[a]); intersection.append(forward[a]); a += 1; b += 1
            }
        }
        switch heuristic {
        case .intersection: return intersection
        case .union: return union
        case .growDiag, .growDiagFinal, .growDiagFinalAnd: break
        }
        if intersection.count == union.count { return union }

        // Membership of the union and of the growing alignment: bit grids on a sentence-sized
        // grid, binary search on the sorted points beyond (a 5,000-word pair).
        let gridWords = n * m <= gridCells ? (n * m + 63) >> 6 : 0
        return withUnsafeTemporaryAllocation(of: Bool.self, capacity: n + m) { flags in
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: max(3 * gridWords, 1)) { bits in
                let sourceAligned = flags.baseAddress!, targetAligned = sourceAligned + n
                let unionGrid = bits.baseAddress!, currentGrid = unionGrid + gridWords, nearGrid = currentGrid + gridWords
                flags.initialize(repeating: false)
                bits.initialize(repeating: 0)
                var current = intersection
                current.reserveCapacity(union.count)
                for p in current {
                    sourceAligned[Int(p >> 32)] = true
                    targetAligned[Int(p & 0xFFFF_FFFF)] = true
                }
                if gridWords > 0 {
                    for p in union { setBit(unionGrid, Int(p >> 32) * m + Int(p & 0xFFFF_FFFF)) }
                    for p in current { setBit(currentGrid, Int(p >> 32) * m + Int(p & 0xFFFF_FFFF)) }
                }
                @inline(__always) func inUnion(_ i: Int, _ j: Int) -> Bool {
                    gridWords > 0 ? testBit(unionGrid, i * m + j) : contains(union, pack(i, j))
                }
                @inline(__always) func inCurrent(_ i: Int, _ j: Int) -> Bool {
                    gridWords > 0 ? testBit(currentGrid, i * m + j) : contains(current, pack(i, j))
                }
                // Returns where the point was inserted.
                func add(_ i: Int, _ j: Int) -> Int {
                    let p = pack(i, j)
                    let at = lowerBound(current, p)
                    current.insert(p, at: at)
                    sourceAligned[i] = true
                    targetAligned[j] = true
                    if gridWords > 0 { setBit(currentGrid, i * m + j) }
                    return at
                }
                while true {
                    // The union points that could still be added, and (on a grid) the cells next
                    // to them: only aligned points there need their neighbours checked. Neither
                    // set grows during a sweep, so the sweep adds exactly what Moses' would.
                    var open = false
                    if gridWords > 0 { nearGrid.update(repeating: 0, count: gridWords) }
                    for q in union {
                        let i = Int(q >> 32), j = Int(q & 0xFFFF_FFFF)
                        guard !sourceAligned[i] || !targetAligned[j], !inCurrent(i, j) else { continue }
                        open = true
                        guard gridWords > 0 else { break }
                        for ni in max(i - 1, 0)...min(i + 1, n - 1) {
                            for nj in max(j - 1, 0)...min(j + 1, m - 1) { setBit(nearGrid, ni * m + nj) }
                        }
                    }
                    guard open else { break }
                    var added = false
                    var k = 0
                    while k < current.count {
                        let i = Int(current[k] >> 32), j = Int(current[k] & 0xFFFF_FFFF)
                        if gridWords > 0 && !testBit(nearGrid, i * m + j) {
                            k += 1
                            continue
                        }
                        for (di, dj) in neighbours {
                            let ni = i + di, nj = j + dj
                            guard ni >= 0, ni < n, nj >= 0, nj < m, !sourceAligned[ni] || !targetAligned[nj],
                                  inUnion(ni, nj), !inCurrent(ni, nj) else { continue }
                            if add(ni, nj) <= k { k += 1 }
                            added = true
                        }
                        k += 1
                    }
                    guard added else { break }
                }
                if heuristic == .growDiag { return current }
                func final(_ direction: [UInt64]) {
                    for p in direction {
                        let i = Int(p >> 32), j = Int(p & 0xFFFF_FFFF)
                        let open = heuristic == .growDiagFinalAnd
                            ? !sourceAligned[i] && !targetAligned[j]
                            : (!sourceAligned[i] || !targetAligned[j]) && !inCurrent(i, j)
                        if open { _ = add(i, j) }
                    }
                }
                final(forward)
                final(reverse)
                return current
            }
        }
    }

    /// Grids up to this many cells use bits (three grids of 8 KB); larger pairs use binary
    /// search.
    static let gridCells = 1 << 16

    /// Moses' neighbour order: left, up, right, down, then the diagonals.
    static let neighbours = [(-1, 0), (0, -1), (1, 0), (0, 1), (-1, -1), (-1, 1), (1, -1), (1, 1)]

    @inline(__always)
    static func setBit(_ bits: UnsafeMutablePointer<UInt64>, _ k: Int) { bits[k >> 6] |= 1 << UInt64(k & 63) }

    @inline(__always)
    static func testBit(_ bits: UnsafeMutablePointer<UInt64>, _ k: Int) -> Bool { bits[k >> 6] & (1 << UInt64(k & 63)) != 0 }

    @inline(__always)
    static func lowerBound(_ sorted: [UInt64], _ x: UInt64) -> Int {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if sorted[mid] < x { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    @inline(__always)
    static func contains(_ sorted: [UInt64], _ x: UInt64) -> Bool {
        let at = lowerBound(sorted, x)
        return at < sorted.count && sorted[at] == x
    }

    static func unique(_ sorted: [UInt64]) -> [UInt64] {
        var out = sorted
        var w = 0
        for (r, p) in sorted.enumerated() where r == 0 || p != sorted[r - 1] {
            out[w] = p
            w += 1
        }
        out.removeLast(out.count - w)
        return out
    }
}
