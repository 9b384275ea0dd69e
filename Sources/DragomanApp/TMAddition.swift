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

/// Editing a unit's text or note (the TM page, `PATCH /api/v1/tm/units/{id}`): the same
/// checks as adding; its origin, context, creator, creation date and properties are kept,
/// its date becomes now. The edited unit is a new row (its words are its index keys).
public enum TMUnitEdit {
    /// What changes: nil leaves a field as it is; an empty note clears it.
    public struct Changes: Sendable {
        public var arabic: String?
        public var english: String?
        public var note: String?

        public init(arabic: String? = nil, english: String? = nil, note: String? = nil) {
            self.arabic = arabic
            self.english = english
            self.note = note
        }
    }

    /// Returns the unit as stored now.
    public static func edit(id: Int64, _ changes: Changes, in tm: SQLiteTranslationMemory) throws -> TranslationUnit {
        guard var unit = try tm.unit(id: id) else { throw Failure.notFound("there is no unit \(id)") }
        let arabic = (changes.arabic ?? unit.arabic).trimmingCharacters(in: .whitespacesAndNewlines)
        let english = (changes.english ?? unit.english).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !arabic.isEmpty, !english.isEmpty else { throw Failure.usage("both segments must be non-empty") }
        if let problem = ScriptCheck.problem(arabic: arabic, english: english) {
            throw Failure.badInput("\(problem.reason): the unit was not changed (the Arabic goes in arabic, the English in english)")
        }
        // Markup belongs to the old text.
        if arabic != unit.arabic { unit.arabicMarkup = nil }
        if english != unit.english { unit.englishMarkup = nil }
        unit.arabic = arabic
        unit.english = english
        if let note = changes.note { unit.note = note.isEmpty ? nil : note }
        unit.id = nil
        unit.changed = Date()
        guard let outcome = try tm.replace(id: id, with: unit) else { throw Failure.notFound("there is no unit \(id)") }
        let newID: Int64
        switch outcome {
        case .added(let i), .updated(let i): newID = i
        }
        guard let stored = try tm.unit(id: newID) else { throw Failure.internal("unit \(newID) was stored but cannot be read back") }
        return stored
    }
}

