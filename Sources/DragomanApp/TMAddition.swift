import DragomanStore
import DragomanText
import DragomanTM
import Foundation

/// Adding one sentence pair by hand (`tm add`, and a confirmed segment in a server): both
/// sides non-empty, each in its language (the script decides). A confirmed segment also
/// gives its neighbours (`arabicContext`, `englishContext`) for context (101) matches.
public enum TMAddition {
    public static func add(arabic: String, english: String, origin: String? = nil, note: String? = nil,
                           creator: String? = ProcessInfo.processInfo.environment["USER"],
                           arabicContext: UnitContext = UnitContext(), englishContext: UnitContext = UnitContext(),
                           to tm: SQLiteTranslationMemory) throws -> AddOutcome {
        let arabic = arabic.trimmingCharacters(in: .whitespacesAndNewlines)
        let english = english.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !arabic.isEmpty, !english.isEmpty else {
            throw Failure.usage("both segments must be non-empty")
        }
        if let problem = ScriptCheck.problem(arabic: arabic, english: english) {
            throw Failure.badInput("\(problem.reason): nothing was added (the order is ARABIC ENGLISH)")
        }
        return try tm.add(TranslationUnit(arabic: arabic, english: english, creator: creator, origin: origin, note: note,
                                          arabicContext: arabicContext, englishContext: englishContext))
    }
}
