/// A hash that is the same in every process and on every machine (Swift's `Hasher` is
/// seeded per process): used for stored key hashes and context hashes.
///
/// It is FNV-1a folded to 31 bits, so SQLite stores it in 4 bytes. Collisions are
/// harmless: an equal hash only makes a unit a candidate, and its match key is compared
/// before it is called exact; a context hash collision has a 1 in 2³¹ chance.
public enum StableHash {
    public static func of(_ text: String) -> Int64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in text.utf8 {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01B3
        }
        return Int64((h ^ (h >> 31) ^ (h >> 62)) & 0x7FFF_FFFF)
    }
}
