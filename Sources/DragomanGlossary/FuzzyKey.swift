/// One-edit (Levenshtein distance 1) lookup by symmetric deletion (Garbe's SymSpell,
/// after Mor & Fraenkel 1982): a stored key of n letters is indexed under the hashes of
/// its n one-letter deletions. A query q is within one edit of a key k exactly when
///
/// - k is a deletion of q (q has one letter more): look the deletions of q up as keys;
/// - q is a deletion of k (q has one letter less): look q up in the deletion index;
/// - one letter was substituted: a deletion of q equals a deletion of k.
///
/// Every candidate is then checked with `distance(_:_:)`, so hash collisions and the
/// transpositions that deletion pairs also admit never reach the results.
public enum FuzzyKey {
    /// Fuzzy lookup is for words of at least this many letters.
    public static let minimumQueryLength = 5
    /// Keys longer than this are not indexed (no single word is that long).
    public static let maximumIndexedLength = 64

    /// The distinct hashes of the one-letter deletions of `key`; empty unless the key has
    /// `minimumQueryLength`…`maximumIndexedLength` letters (a shorter key is never within one
    /// edit of a query by substitution or deletion in the key, and a one-letter-shorter
    /// key is found by the query's own deletions).
    public static func deletionHashes(of key: String) -> [UInt64] {
        let scalars = Array(key.unicodeScalars)
        guard scalars.count >= minimumQueryLength, scalars.count <= maximumIndexedLength else { return [] }
        var out: [UInt64] = []
        out.reserveCapacity(scalars.count)
        for i in scalars.indices {
            if i > 0 && scalars[i] == scalars[i - 1] { continue }
            out.append(hash(scalars, skipping: i))
        }
        return out
    }

    /// The hash of `key` itself and the distinct deletions of it (as strings and hashes):
    /// what a query looks up.
    public static func queryProbes(_ key: String) -> (selfHash: UInt64, deletions: [(text: String, hash: UInt64)]) {
        let scalars = Array(key.unicodeScalars)
        return (hash(scalars, skipping: -1), deletions(scalars))
    }

    static func deletions(_ scalars: [Unicode.Scalar]) -> [(text: String, hash: UInt64)] {
        var out: [(String, UInt64)] = []
        out.reserveCapacity(scalars.count)
        for i in scalars.indices {
            // Deleting either letter of a double letter gives the same string.
            if i > 0 && scalars[i] == scalars[i - 1] { continue }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[..<i])
            view.append(contentsOf: scalars[(i + 1)...])
            out.append((String(view), hash(scalars, skipping: i)))
        }
        return out
    }

    /// 64-bit FNV-1a over the scalar values of `scalars` without the one at `skipping`
    /// (one step per scalar), finished with a multiply-xorshift so that the low bits are
    /// as good as the high ones: the same in every process (stored in the database).
    @inline(__always)
    public static func hash(_ scalars: [Unicode.Scalar], skipping: Int) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for i in scalars.indices where i != skipping {
            h ^= UInt64(scalars[i].value)
            h = h &* 0x0000_0100_0000_01B3
        }
        h ^= h >> 29
        h = h &* 0xbf58_476d_1ce4_e5b9
        h ^= h >> 32
        return h
    }

    public static func hash(_ text: String) -> UInt64 {
        hash(Array(text.unicodeScalars), skipping: -1)
    }

    /// 0 or 1 when `a` and `b` are that many edits (insertion, deletion, substitution of
    /// one Unicode scalar) apart, nil when more.
    public static func distance(_ a: String, _ b: String) -> Int? {
        if a == b { return 0 }
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.count == y.count {
            var diff = 0
            for i in x.indices where x[i] != y[i] {
                diff += 1
                if diff > 1 { return nil }
            }
            return diff
        }
        let (long, short) = x.count > y.count ? (x, y) : (y, x)
        guard long.count - short.count == 1 else { return nil }
        var i = 0
        while i < short.count && long[i] == short[i] { i += 1 }
        // Skip one letter of the longer; the rest must be equal.
        var j = i
        while j < short.count && long[j + 1] == short[j] { j += 1 }
        return j == short.count ? 1 : nil
    }
}
