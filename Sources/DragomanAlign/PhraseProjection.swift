/// Koehn's consistent phrase pairs on one sentence pair's links: a source span and a target
/// span are consistent when no link leaves the box they make and at least one link is
/// inside it. Fragment recall asks this at query time for every candidate span, so it is
/// one or two passes over the links, without allocation.
public enum PhraseProjection {
    /// The smallest target span the source `span` projects onto: from its first to its last
    /// linked target word (unaligned target words at the edges stay outside, so callers can
    /// widen it as they like). Nil when no link starts in `span`, or when a target word
    /// inside the projection is linked to a source word outside `span`.
    public static func target(ofSource span: Range<Int>, links: [WordLink]) -> Range<Int>? {
        var lo = Int.max, hi = Int.min
        for l in links where span.contains(l.source) {
            lo = min(lo, l.target)
            hi = max(hi, l.target)
        }
        guard lo <= hi else { return nil }
        for l in links where l.target >= lo && l.target <= hi && !span.contains(l.source) { return nil }
        return lo..<(hi + 1)
    }

    /// The same in the other direction: the smallest source span the target `span` projects
    /// onto, nil when there is none or it is not consistent.
    public static func source(ofTarget span: Range<Int>, links: [WordLink]) -> Range<Int>? {
        var lo = Int.max, hi = Int.min
        for l in links where span.contains(l.target) {
            lo = min(lo, l.source)
            hi = max(hi, l.source)
        }
        guard lo <= hi else { return nil }
        for l in links where l.source >= lo && l.source <= hi && !span.contains(l.target) { return nil }
        return lo..<(hi + 1)
    }
}
