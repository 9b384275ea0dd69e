import DragomanAlign
import DragomanTM
import Foundation

/// The output formats of `dragoman align`.
public enum AlignmentExport {
    /// A confidence as printed: three decimals.
    public static func confidence(_ x: Double) -> String { String(format: "%.3f", x) }

    /// One line per bead: `confidence<TAB>arabic<TAB>english`, a many-to-one side joined by
    /// a space, an unpaired sentence's other side empty; tabs and line breaks inside a
    /// sentence become spaces.
    public static func tsvLine(_ bead: AlignedBead, in document: DocumentAlignment) -> String {
        let (ar, en) = document.texts(of: bead)
        return confidence(bead.confidence) + "\t" + field(ar) + "\t" + field(en) + "\n"
    }

    public static func tsv(_ beads: [AlignedBead], in document: DocumentAlignment) -> String {
        beads.map { tsvLine($0, in: document) }.joined()
    }

    /// One JSON object per bead and line.
    public struct JSONBead: Codable, Sendable, Hashable {
        public var move: String
        public var confidence: Double
        /// Sentence indices (0-based, in the segmentation of each file).
        public var arabic: [Int]
        public var english: [Int]
        public var arabicText: String
        public var englishText: String
        /// The paragraph (0-based) of the bead's first sentence on each side.
        public var arabicParagraph: Int?
        public var englishParagraph: Int?
    }

    public static func jsonBead(_ bead: AlignedBead, in document: DocumentAlignment) -> JSONBead {
        let (ar, en) = document.texts(of: bead)
        return JSONBead(move: bead.move.rawValue, confidence: (bead.confidence * 1000).rounded() / 1000,
                        arabic: Array(bead.arabic), english: Array(bead.english), arabicText: ar, englishText: en,
                        arabicParagraph: bead.arabic.first.map { document.arabic[$0].paragraph },
                        englishParagraph: bead.english.first.map { document.english[$0].paragraph })
    }

    public static func jsonLines(_ beads: [AlignedBead], in document: DocumentAlignment) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try beads.map { String(decoding: try encoder.encode(jsonBead($0, in: document)), as: UTF8.self) + "\n" }.joined()
    }

    /// A TMX 1.4b document of the pair beads (unpaired sentences have no place in TMX),
    /// each unit carrying `x-align-move`, `x-align-confidence` and `x-origin`.
    public static func tmx(_ document: DocumentAlignment, origin: String?, created: Date = Date(),
                           toolVersion: String = "1.0") throws -> String {
        let writer = TMXWriter()
        try writer.begin(header: TMXHeader(creationTool: "Dragoman", creationToolVersion: toolVersion, segType: "sentence",
                                           originalFormat: "Dragoman alignment", adminLang: "en", sourceLang: "ar",
                                           dataType: "plaintext"))
        for bead in document.beads {
            if let unit = document.translationUnit(for: bead, origin: origin, created: created) {
                try writer.write(TMXMapping.tmxUnit(unit))
            }
        }
        try writer.finish()
        return writer.string
    }

    public static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" }) else { return s }
        return String(s.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 })
    }
}
