import DragomanAlign
import DragomanGlossary
import DragomanStore
import DragomanText
import DragomanTM
import Foundation

/// Aligning an article with its translation, and adding the confident pairs to the TM.
public enum ArticleAlignment {
    /// The sentences of both texts paired. The glossary, when given, anchors term pairs.
    /// Bad inputs (empty, same language twice, swapped, wildly unequal) are refused with
    /// the files named.
    public static func align(arabic: (text: String, name: String), english: (text: String, name: String),
                             layout: TextLayout?, glossary: (any GlossaryStore)?) throws -> DocumentAlignment {
        let (arabicSegments, englishSegments) = DocumentAligner.segments(
            arabic: arabic.text, english: english.text,
            arabicLayout: layout ?? TextLayout.guess(name: arabic.name),
            englishLayout: layout ?? TextLayout.guess(name: english.name))
        func named(_ error: AlignmentInputError) -> Failure {
            Failure.badInput(error.message(arabicName: arabic.name, englishName: english.name))
        }
        do {
            try DocumentAligner.check(arabic: arabicSegments, english: englishSegments)
            let lexicon = try glossary.flatMap {
                try AlignmentGlossary.lexicon($0, arabic: arabicSegments.map(\.text), english: englishSegments.map(\.text))
            }
            return try DocumentAligner(parameters: .dragoman, lexicon: lexicon).align(arabic: arabicSegments, english: englishSegments)
        } catch let error as AlignmentInputError {
            throw named(error)
        }
    }

    /// What `add` did.
    public struct Addition: Sendable {
        /// The pairs at or above the threshold, as stored.
        public var accepted: [TranslationUnit]
        /// Every other bead: pairs below the threshold, sentences left unpaired.
        public var toReview: [AlignedBead]
        public var counts: AddCounts
    }

    /// Adds the pairs at or above `minConfidence` to `tm` in one transaction (with the
    /// origin and each sentence's neighbours as context), recorded as an import batch of
    /// the file `origin` names (`dragoman imports`), so that it can be undone.
    public static func add(_ document: DocumentAlignment, minConfidence: Double, origin: String, created: Date = Date(),
                           creator: String? = ProcessInfo.processInfo.environment["USER"],
                           to tm: SQLiteTranslationMemory) throws -> Addition {
        let (accepted, toReview) = document.split(minConfidence: minConfidence, origin: origin, created: created, creator: creator)
        let left = toReview.count
        let counts = try tm.add(contentsOf: accepted, progress: nil,
                                recording: ImportSource(file: origin, format: "align", creator: creator, skipped: { left }))
        return Addition(accepted: accepted, toReview: toReview, counts: counts)
    }
}
