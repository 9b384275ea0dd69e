/// Ascending unit ids, delta-encoded as LEB128 varints: about 1–3 bytes an id.
enum PostingList {
    static let chunkCapacity = 512

    static func append(_ ids: [Int64], to bytes: inout [UInt8], after last: Int64) {
        var previous = last
        for id in ids {
            var delta = UInt64(id - previous)
            while delta >= 0x80 { bytes.append(UInt8(delta & 0x7F) | 0x80); delta >>= 7 }
            bytes.append(UInt8(delta))
            previous = id
        }
    }

    static func decode(_ bytes: [UInt8]) -> [Int64] {
        var out: [Int64] = []
        out.reserveCapacity(bytes.count)
        var value: UInt64 = 0, shift: UInt64 = 0, previous: Int64 = 0
        for b in bytes {
            value |= UInt64(b & 0x7F) << shift
            if b < 0x80 {
                previous += Int64(value)
                out.append(previous)
                value = 0
                shift = 0
            } else {
                shift += 7
            }
        }
        return out
    }

    static func encode(_ ids: [Int64]) -> [UInt8] {
        var bytes: [UInt8] = []
        append(ids, to: &bytes, after: 0)
        return bytes
    }
}
