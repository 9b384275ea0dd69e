import DragomanGlossary
import DragomanText
import Foundation

/// The rules for changing the glossary by hand (`term add`, `term edit`, `term remove`,
/// and the same requests from a server): what makes a request valid, when a pair is
/// already there, what status a new term gets. Each change is one transaction.
public struct TermEditor: Sendable {
    public let glossary: any GlossaryStore

    public init(glossary: any GlossaryStore) {
        self.glossary = glossary
    }

    /// A request to add a term pair, or terms to an existing entry.
    public struct Addition: Sendable {
        public var arabic: String
        public var english: String
        /// Add to this existing entry instead of creating one.
        public var entryID: Int64?
        public var domain: String?
        public var pos: String?
        /// Default: preferred for a new entry, admitted for a synonym.
        public var status: TermStatus?
        public var note: String?
        public var source: String?

        public init(arabic: String, english: String, entryID: Int64? = nil, domain: String? = nil, pos: String? = nil,
                    status: TermStatus? = nil, note: String? = nil, source: String? = nil) {
            self.arabic = arabic
            self.english = english
            self.entryID = entryID
            self.domain = domain
            self.pos = pos
            self.status = status
            self.note = note
            self.source = source
        }
    }

    /// What an addition did.
    public enum AdditionResult: Sendable, Hashable {
        /// A new entry with the pair.
        case addedEntry(id: Int64, arabic: String, english: String)
        /// The same pair is in an entry already: nothing was added.
        case pairExists(entryID: Int64, arabic: String, english: String)
        /// Terms given to an existing entry: each with its new id, or nil when the entry
        /// already had it.
        case addedTerms(entryID: Int64, terms: [AddedTerm])
    }

    /// A term given to an existing entry: its new id, or nil when the entry had it.
    public struct AddedTerm: Sendable, Hashable {
        public var text: String
        public var id: Int64?
    }

    /// Adds a pair as a new entry (unless an entry has the same pair, on match keys), or
    /// the given terms to `entryID` (skipping the ones it has). With `entryID` and one
    /// term, the term's script says its language.
    public func add(_ request: Addition) throws -> AdditionResult {
        var arabic = GlossaryText.term(request.arabic)
        var english = GlossaryText.term(request.english)
        if request.entryID != nil && english.isEmpty && !arabic.isEmpty && Language.detect(arabic) == .english {
            swap(&arabic, &english)
        }
        if request.entryID == nil && (arabic.isEmpty || english.isEmpty) {
            throw Failure.usage("give an Arabic and an English term (or --to ID to add a synonym to an entry)")
        }
        if arabic.isEmpty && english.isEmpty {
            throw Failure.usage("give at least one term")
        }
        if !arabic.isEmpty && !arabic.unicodeScalars.contains(where: { ArabicScript.isLetter($0.value) }) {
            throw Failure.usage("the first term, \"\(arabic)\", has no Arabic letter: the order is ARABIC ENGLISH")
        }
        let status = request.status ?? (request.entryID == nil ? .preferred : .admitted)
        var terms: [NewTerm] = []
        for (language, text) in [(Language.arabic, arabic), (.english, english)] where !text.isEmpty {
            terms.append(NewTerm(language, text, pos: request.pos, status: status, note: request.note, source: request.source))
        }
        let (arabicText, englishText) = (arabic, english)
        return try glossary.write { w in
            if let to = request.entryID {
                guard let entry = try w.entry(id: to) else { throw GlossaryError(.notFound, "there is no entry \(to)") }
                var added: [AddedTerm] = []
                for t in terms {
                    let key = MatchKey.make(t.text)
                    if entry.terms.contains(where: { $0.language == t.language && MatchKey.make($0.text) == key }) {
                        added.append(AddedTerm(text: t.text, id: nil))
                    } else {
                        added.append(AddedTerm(text: t.text, id: try w.addTerm(t, toEntry: to)))
                    }
                }
                return .addedTerms(entryID: to, terms: added)
            }
            let arabicKey = MatchKey.make(arabicText), englishKey = MatchKey.make(englishText)
            let withArabic = Set(try w.terms(withKeys: [arabicKey]).filter { $0.language == .arabic }.map(\.entryID))
            if let existing = try w.terms(withKeys: [englishKey])
                .first(where: { $0.language == .english && withArabic.contains($0.entryID) }) {
                return .pairExists(entryID: existing.entryID, arabic: arabicText, english: englishText)
            }
            let id = try w.add(NewEntry(domain: request.domain, terms: terms))
            return .addedEntry(id: id, arabic: arabicText, english: englishText)
        }
    }

    /// A change to an entry (domain, definition, note) or, with `termID`, to one of its
    /// terms. A field set to "" is cleared; nil leaves it.
    public struct Edit: Sendable {
        public var domain: String?
        public var definition: String?
        public var note: String?
        public var termID: Int64?
        public var text: String?
        public var status: TermStatus?
        public var pos: String?
        public var source: String?

        public init(domain: String? = nil, definition: String? = nil, note: String? = nil, termID: Int64? = nil,
                    text: String? = nil, status: TermStatus? = nil, pos: String? = nil, source: String? = nil) {
            self.domain = domain
            self.definition = definition
            self.note = note
            self.termID = termID
            self.text = text
            self.status = status
            self.pos = pos
            self.source = source
        }

        /// Why the edit cannot be made as asked, or nil.
        public var problem: String? {
            if termID == nil && (text != nil || status != nil || pos != nil || source != nil) {
                return "--text, --status, --pos and --source change a term: add --term TERM_ID"
            }
            if domain == nil && definition == nil && note == nil && text == nil && status == nil && pos == nil && source == nil {
                return "nothing to change: give --domain, --definition, --note, or --term with --text/--status/--pos/--source"
            }
            return nil
        }
    }

    public func edit(entry id: Int64, _ edit: Edit) throws {
        if let problem = edit.problem { throw Failure.usage(problem) }
        func change(_ value: String?) -> String?? {
            guard let value else { return nil }
            return .some(value.isEmpty ? nil : value)
        }
        try glossary.write { w in
            guard let entry = try w.entry(id: id) else { throw GlossaryError(.notFound, "there is no entry \(id)") }
            let entryChanges = EntryChanges(domain: change(edit.domain), definition: change(edit.definition),
                                            note: edit.termID == nil ? change(edit.note) : nil)
            if !entryChanges.isEmpty { try w.update(entry: id, entryChanges) }
            if let term = edit.termID {
                guard entry.term(id: term) != nil else {
                    throw GlossaryError(.notFound, "entry \(id) has no term \(term) (see: dragoman term show \(id))")
                }
                try w.update(term: term, TermChanges(text: edit.text, pos: change(edit.pos), status: edit.status,
                                                     note: change(edit.note), source: change(edit.source)))
            }
        }
    }

    /// What a removal did.
    public enum Removal: Sendable, Hashable {
        case entry(id: Int64, terms: Int)
        /// One term; `entryRemoved` when it was the entry's last.
        case term(id: Int64, text: String, entryID: Int64, entryRemoved: Bool)
    }

    /// Removes an entry with its terms, or one term of it (the entry goes with its last).
    public func remove(entry id: Int64, term: Int64? = nil) throws -> Removal {
        try glossary.write { w in
            guard let entry = try w.entry(id: id) else { throw GlossaryError(.notFound, "there is no entry \(id)") }
            if let term {
                guard let t = entry.term(id: term) else {
                    throw GlossaryError(.notFound, "entry \(id) has no term \(term) (see: dragoman term show \(id))")
                }
                _ = try w.removeTerm(id: term)
                return .term(id: term, text: t.text, entryID: id, entryRemoved: entry.terms.count == 1)
            }
            _ = try w.removeEntry(id: id)
            return .entry(id: id, terms: entry.terms.count)
        }
    }

    /// Removes several entries with their terms, in one transaction: when an id names no
    /// entry, nothing is removed and the error lists every such id. Returns each entry's
    /// id and number of terms, in the order given (an id given twice counts once).
    public func remove(entries ids: [Int64]) throws -> [(id: Int64, terms: Int)] {
        var unique: [Int64] = []
        var seen = Set<Int64>()
        for id in ids where seen.insert(id).inserted { unique.append(id) }
        guard !unique.isEmpty else { throw Failure(.usage, "give at least one entry id") }
        return try glossary.write { w in
            let found = try w.entries(ids: seen)
            let missing = unique.filter { found[$0] == nil }
            if !missing.isEmpty {
                let list = missing.map(String.init).joined(separator: ", ")
                throw GlossaryError(.notFound, (missing.count == 1 ? "there is no entry \(list)" : "there are no entries \(list)")
                                    + ": nothing was removed")
            }
            for id in unique { _ = try w.removeEntry(id: id) }
            return unique.map { ($0, found[$0]!.terms.count) }
        }
    }
}
