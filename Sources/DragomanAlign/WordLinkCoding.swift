/// Compact storage of one sentence pair's links (a blob per translation unit): the links
/// sorted and without duplicates, each as two LEB128 varints, the source as a delta from
/// the previous link's source and the target as a delta from the previous target when the
/// source repeats (else absolute). A 30-word pair's links take about 2 bytes each.
public enum WordLinkCoding {
    /// The bytes of `links` (sorted and deduplicated first). Indexes must not be negative.
    public static func encode(_ links: [WordLink]) -> [UInt8] {
        let sorted = Set(links).sorted()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(sorted.count * 2)
        var source = 0, target = -1
        for l in sorted {
            precondition(l.source >= 0 && l.target >= 0, "a link index is negative: \(l)")
            let delta = l.source - source
            append(UInt64(delta), to: &bytes)
            append(UInt64(delta == 0 ? l.target - target - 1 : l.target), to: &bytes)
            source = l.source
            target = l.target
        }
        return bytes
    }

    /// The links of `encode`'s bytes, sorted. Decoding stops at the first malformed or
    /// truncated link (a damaged blob gives its intact prefix, never a trap).
    public static func decode(_ bytes: [UInt8]) -> [WordLink] {
        var links: [WordLink] = []
        links.reserveCapacity(bytes.count / 2)
        var at = 0, source = 0, target = -1
        while at < bytes.count {
            guard let delta = read(bytes, &at), let value = read(bytes, &at) else { break }
            let (s, sOverflow) = source.addingReportingOverflow(delta)
            let t = delta == 0 ? target.addingReportingOverflow(value).partialValue &+ 1 : value
            guard !sOverflow, t >= 0, delta != 0 || t > target else { break }
            source = s
            target = t
            links.append(WordLink(source: source, target: target))
        }
        return links
    }

    private static func append(_ value: UInt64, to bytes: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    /// A varint that fits in a non-negative Int, or nil.
    private static func read(_ bytes: [UInt8], _ at: inout Int) -> Int? {
        var value: UInt64 = 0, shift: UInt64 = 0
        while at < bytes.count {
            let b = bytes[at]
            at += 1
            guard shift < 63 else { return nil }
            value |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return value <= UInt64(Int.max) ? Int(value) : nil }
            shift += 7
        }
        return nil
    }
}
