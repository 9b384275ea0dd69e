import DragomanText
import DragomanTM
import Foundation

extension DocumentAlignment {
    /// The translation unit of a pair bead: the texts (many-to-one sides joined by a
    /// space), the origin, and the context of each side: hashes of the segment just before
    /// and just after the bead in its document (`documentStart` / `documentEnd` at the
    /// edges). Nil for 1–0 and 0–1 beads.
    public func translationUnit(for bead: AlignedBead, origin: String?, created: Date = Date(),
                                creator: String? = nil) -> TranslationUnit? {
        guard bead.move.isPair else { return nil }
        let (ar, en) = texts(of: bead)
        func context(_ segments: [String], _ range: Range<Int>) -> UnitContext {
            UnitContext(previous: range.lowerBound > 0 ? UnitContext.hash(ofSegment: segments[range.lowerBound - 1]) : UnitContext.documentStart,
                        next: range.upperBound < segments.count ? UnitContext.hash(ofSegment: segments[range.upperBound]) : UnitContext.documentEnd)
        }
        return TranslationUnit(
            arabic: ar, english: en, created: created, creator: creator, origin: origin,
            properties: [UnitProperty(type: "x-align-move", value: bead.move.rawValue),
                         UnitProperty(type: "x-align-confidence", value: String(format: "%.3f", bead.confidence))],
            arabicContext: context(arabic.map(\.text), bead.arabic),
            englishContext: context(english.map(\.text), bead.english))
    }

    /// The pair beads at or above `minConfidence` as translation units, and every other
    /// bead (pairs below the threshold, unpaired sentences) for review.
    public func split(minConfidence: Double, origin: String?, created: Date = Date(),
                      creator: String? = nil) -> (accepted: [TranslationUnit], review: [AlignedBead]) {
        var accepted: [TranslationUnit] = []
        var review: [AlignedBead] = []
        for bead in beads {
            if bead.move.isPair, bead.confidence >= minConfidence,
               let unit = translationUnit(for: bead, origin: origin, created: created, creator: creator) {
                accepted.append(unit)
            } else {
                review.append(bead)
            }
        }
        return (accepted, review)
    }
}

