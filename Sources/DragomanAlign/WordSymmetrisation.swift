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

        return withUnsafeTemporaryAllocation(of: Bool.self, capacity: n + m) { flags in
            let sourceAligned = flags.baseAddress!, targetAligned = sourceAligned + n
            flags.initialize(repeating: false)
            var current = intersection
            current.reserveCapacity(union.count)
            for p in current {
                sourceAligned[Int(p >> 32)] = true
                targetAligned[Int(p & 0xFFFF_FFFF)] = true
            }
            // Returns where `p` was inserted.
            func add(_ p: UInt64) -> Int {
                let at = lowerBound(current, p)
                current.insert(p, at: at)
                sourceAligned[Int(p >> 32)] = true
                targetAligned[Int(p & 0xFFFF_FFFF)] = true
                return at
            }
            let neighbours = [(-1, 0), (0, -1), (1, 0), (0, 1), (-1, -1), (-1, 1), (1, -1), (1, 1)]
            var added = true
            while added {
                added = false
                var k = 0
                while k < current.count {
                    let i = Int(current[k] >> 32), j = Int(current[k] & 0xFFFF_FFFF)
                    for (di, dj) in neighbours {
                        let ni = i + di, nj = j + dj
                        guard ni >= 0, ni < n, nj >= 0, nj < m, !sourceAligned[ni] || !targetAligned[nj] else { continue }
                        let q = pack(ni, nj)
                        guard contains(union, q), !contains(current, q) else { continue }
                        if add(q) <= k { k += 1 }
                        added = true
                    }
                    k += 1
                }
            }
            if heuristic == .growDiag { return current }
            for direction in [forward, reverse] {
                for p in direction {
                    let i = Int(p >> 32), j = Int(p & 0xFFFF_FFFF)
                    let open = heuristic == .growDiagFinalAnd
                        ? !sourceAligned[i] && !targetAligned[j]
                        : (!sourceAligned[i] || !targetAligned[j]) && !contains(current, p)
                    if open { _ = add(p) }
                }
            }
            return current
        }
    }

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
