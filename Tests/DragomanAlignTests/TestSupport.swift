import Foundation
import Testing
@testable import DragomanAlign
import DragomanText

/// A fixture file's text.
func fixture(_ name: String) throws -> String {
    let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"))
    return try TextDecoding.decode([UInt8](Data(contentsOf: url)))
}

/// A bead as sentence index lists, for comparing with gold files.
struct BeadShape: Hashable, CustomStringConvertible {
    var arabic: [Int]
    var english: [Int]

    init(arabic: [Int], english: [Int]) {
        self.arabic = arabic
        self.english = english
    }

    init(_ bead: AlignedBead) {
        arabic = Array(bead.arabic)
        english = Array(bead.english)
    }

    var description: String {
        arabic.map(String.init).joined(separator: ",") + "↔" + english.map(String.init).joined(separator: ",")
    }
}

/// A gold file: `arabic<TAB>english<TAB>note`, comma-separated segment indices, `#` comments.
func gold(_ name: String) throws -> [BeadShape] {
    try fixture(name).split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
        let cols = line.split(separator: "\t", omittingEmptySubsequences: false)
        func indices(_ s: Substring) -> [Int] { s.split(separator: ",").compactMap { Int($0) } }
        return BeadShape(arabic: indices(cols[0]), english: cols.count > 1 ? indices(cols[1]) : [])
    }
}

/// Checks that the beads are in order and cover every sentence of both sides exactly once.
func expectMonotoneCover(_ beads: [AlignedBead], arabic n: Int, english m: Int,
                         sourceLocation: SourceLocation = #_sourceLocation) {
    var i = 0, j = 0
    for bead in beads {
        #expect(bead.arabic.lowerBound == i && bead.english.lowerBound == j, "bead \(BeadShape(bead)) does not continue at \(i), \(j)",
                sourceLocation: sourceLocation)
        #expect(bead.arabic.count == bead.move.arabicCount && bead.english.count == bead.move.englishCount,
                sourceLocation: sourceLocation)
        #expect(!bead.arabic.isEmpty || !bead.english.isEmpty, sourceLocation: sourceLocation)
        #expect((0...1).contains(bead.confidence), sourceLocation: sourceLocation)
        i = bead.arabic.upperBound
        j = bead.english.upperBound
    }
    #expect(i == n && j == m, "the beads end at \(i), \(j), not \(n), \(m)", sourceLocation: sourceLocation)
}

/// Synthetic parallel "sentences": Arabic and English word strings whose lengths follow the
/// same hidden sentence length (English about 1.1 times the Arabic, with noise).
enum Synthetic {
    static let arabicWords = ["قال", "الوزير", "إن", "الحكومة", "ستعمل", "على", "دعم", "المشاريع", "في", "المنطقة",
                              "وأضاف", "المؤتمر", "الصحفي", "العام", "المقبل", "خلال", "الأسبوع", "الماضي"]
    static let englishWords = ["the", "minister", "said", "government", "would", "work", "to", "support", "projects",
                               "in", "region", "he", "added", "conference", "next", "year", "during", "last", "week"]

    static func sentence(_ words: [String], length: Int, using rng: inout SplitMix64) -> String {
        var out = ""
        while out.unicodeScalars.count < length {
            if !out.isEmpty { out += " " }
            out += words.randomElement(using: &rng)!
        }
        return out + "."
    }

    /// `count` sentence pairs.
    static func pairs(_ count: Int, using rng: inout SplitMix64) -> (arabic: [String], english: [String]) {
        var arabic: [String] = [], english: [String] = []
        for _ in 0..<count {
            let length = Int.random(in: 20...220, using: &rng)
            let noise = Double.random(in: 0.9...1.3, using: &rng)
            arabic.append(sentence(arabicWords, length: length, using: &rng))
            english.append(sentence(englishWords, length: Int(Double(length) * noise), using: &rng))
        }
        return (arabic, english)
    }
}
