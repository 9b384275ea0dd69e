/// The deletion-neighbourhood index as 16,384 rows: a 64-bit hash picks a bucket by its
/// low 14 bits and is kept as the next 32 bits (the fragment) beside the term id (LEB128).
/// Importing 160k terms writes 16k blobs instead of a million rows; a lookup reads one
/// small blob (about 80 postings) per probe.
enum FuzzyBuckets {
    static let bits: UInt64 = 14
    static let count = 1 << 14
    @inline(__always) static func bucket(_ h: UInt64) -> Int { Int(h & (UInt64(count) - 1)) }
    @inline(__always) static func fragment(_ h: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: h >> bits) }

    static func append(_ fragment: UInt32, _ id: Int64, to bytes: inout [UInt8]) {
        bytes.append(UInt8(truncatingIfNeeded: fragment))
        bytes.append(UInt8(truncatingIfNeeded: fragment >> 8))
        bytes.append(UInt8(truncatingIfNeeded: fragment >> 16))
        bytes.append(UInt8(truncatingIfNeeded: fragment >> 24))
        var v = UInt64(id)
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    static func forEachPair(_ bytes: [UInt8], _ body: (UInt32, Int64) -> Void) {
        var i = 0
        while i + 4 < bytes.count {
            let fragment = UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24
            i += 4
            var v: UInt64 = 0
            var shift: UInt64 = 0
            while i < bytes.count {
                let b = bytes[i]
                i += 1
                v |= UInt64(b & 0x7F) << shift
                if b < 0x80 { break }
                shift += 7
            }
            body(fragment, Int64(v))
        }
    }
}
