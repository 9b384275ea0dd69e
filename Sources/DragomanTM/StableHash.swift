/// A 64-bit FNV-1a hash that is the same in every process and on every machine (Swift's
/// `Hasher` is seeded per process): used for stored key hashes and context hashes.
public enum StableHash {
    public static func of(_ text: String) -> Int64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in text.utf8 {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01B3
        }
        return Int64(bitPattern: h)
    }
}
