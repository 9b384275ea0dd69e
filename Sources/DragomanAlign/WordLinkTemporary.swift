// Temporary until the word aligner lands.
public struct WordLink: Sendable, Hashable, Comparable, Codable {
    public var source: Int
    public var target: Int
    public init(source: Int, target: Int) { self.source = source; self.target = target }
    public static func < (a: WordLink, b: WordLink) -> Bool { (a.source, a.target) < (b.source, b.target) }
}

public enum WordLinkCoding {
    public static func encode(_ links: [WordLink]) -> [UInt8] {
        var out: [UInt8] = []
        func put(_ v: Int) { var v = UInt(v); while v >= 0x80 { out.append(UInt8(v & 0x7F) | 0x80); v >>= 7 }; out.append(UInt8(v)) }
        for l in links.sorted() { put(l.source); put(l.target) }
        return out
    }
    public static func decode(_ bytes: [UInt8]) -> [WordLink] {
        var out: [WordLink] = []
        var i = 0
        func get() -> Int { var v = 0, s = 0; while i < bytes.count { let b = bytes[i]; i += 1; v |= Int(b & 0x7F) << s; if b < 0x80 { break }; s += 7 }; return v }
        while i < bytes.count { let a = get(); let b = get(); out.append(WordLink(source: a, target: b)) }
        return out
    }
}

public enum PhraseProjection {
    public static func target(ofSource span: Range<Int>, links: [WordLink]) -> Range<Int>? {
        var lo = Int.max, hi = Int.min
        for l in links where span.contains(l.source) { lo = min(lo, l.target); hi = max(hi, l.target) }
        guard lo <= hi else { return nil }
        for l in links where (lo...hi).contains(l.target) && !span.contains(l.source) { return nil }
        return lo..<(hi + 1)
    }
    public static func source(ofTarget span: Range<Int>, links: [WordLink]) -> Range<Int>? {
        target(ofSource: span, links: links.map { WordLink(source: $0.target, target: $0.source) })
    }
}
