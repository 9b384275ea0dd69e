import DragomanStore
import DragomanText
import DragomanTM
import Foundation

/// Storing the pairs a translator confirmed after aligning two texts (the second step of
/// `POST /align`, after they joined, split or unpaired what the aligner proposed): the
/// pairs in document order, each stored with the origin, the creator and its neighbours as
/// context (the pair before and after it; the document's start and end at the edges), as
/// `align --add` stores the pairs it accepts. One transaction: a bad pair stores nothing.
public enum AlignmentConfirmation {
    /// One confirmed pair.
    public struct Pair: Sendable, Hashable, Codable {
        public var arabic: String
        public var english: String

        public init(arabic: String, english: String) {
            self.arabic = arabic
            self.english = english
        }
    }

    /// Checks every pair (both sides non-empty, each in its script), then adds them all.
    public static func store(_ pairs: [Pair], origin: String, creator: String?, in workspace: Workspace) throws -> AddCounts {
        guard !pairs.isEmpty else { throw Failure.usage("give at least one pair to store") }
        let origin = origin.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !origin.isEmpty else { throw Failure.usage("give the origin (the article the pairs come from)") }
        let trimmed = pairs.map { Pair(arabic: $0.arabic.trimmingCharacters(in: .whitespacesAndNewlines),
                                       english: $0.english.trimmingCharacters(in: .whitespacesAndNewlines)) }
        for (i, pair) in trimmed.enumerated() {
            guard !pair.arabic.isEmpty, !pair.english.isEmpty else {
                throw Failure.usage("pair \(i + 1): both sides must be non-empty (leave unpaired sentences out)")
            }
            if let problem = ScriptCheck.problem(arabic: pair.arabic, english: pair.english) {
                throw Failure.badInput("pair \(i + 1): \(problem.reason): nothing was stored")
            }
        }
        func context(_ texts: [String], _ i: Int) -> UnitContext {
            UnitContext(previous: i == 0 ? UnitContext.documentStart : UnitContext.hash(ofSegment: texts[i - 1]),
                        next: i == texts.count - 1 ? UnitContext.documentEnd : UnitContext.hash(ofSegment: texts[i + 1]))
        }
        let arabic = trimmed.map(\.arabic), english = trimmed.map(\.english)
        let created = Date()
        let units = trimmed.indices.map { i in
            TranslationUnit(arabic: arabic[i], english: english[i], created: created, creator: creator, origin: origin,
                            arabicContext: context(arabic, i), englishContext: context(english, i))
        }
        // A workspace of its own: aligning on arrival sets the TM's linking, which other
        // requests must not share.
        let writer = Workspace(database: workspace.database)
        try writer.alignOnArrival(units: trimmed.map { ($0.arabic, $0.english) })
        return try writer.tm.add(contentsOf: units)
    }
}
