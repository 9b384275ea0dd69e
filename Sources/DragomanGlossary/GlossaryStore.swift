import DragomanText
import Foundation

/// A term as the indexes hold it: enough to match it without loading its entry.
public struct IndexedTerm: Sendable, Hashable {
    public var id: Int64
    public var entryID: Int64
    public var language: Language
    public var text: String
    public var status: TermStatus
    public var analysis: TermAnalysis
    /// How the term ranks beside other entries' terms for the same words.
    public var priority: GlossaryPriority

    public init(id: Int64, entryID: Int64, language: Language, text: String, status: TermStatus,
                analysis: TermAnalysis, priority: GlossaryPriority = .curated) {
        self.id = id
        self.entryID = entryID
        self.language = language
        self.text = text
        self.status = status
        self.analysis = analysis
        self.priority = priority
    }
}

/// The few questions the matcher and the lookup ask a store. Each is one indexed query
/// in SQLite and one dictionary access in memory, so `TermMatcher` and `TermLookup` work
/// unchanged on both.
public protocol GlossaryIndex {
    /// Terms whose head and next word (see `TermAnalysis`) are one of `pairs`.
    func terms(withPairs pairs: Set<HeadPair>) throws -> [IndexedTerm]
    /// Those of `heads` that are the head of some term.
    func existingHeads(_ heads: Set<String>) throws -> Set<String>
    /// Terms whose match key is one of `keys`.
    func terms(withKeys keys: Set<String>) throws -> [IndexedTerm]
    /// Terms whose key or head starts with `prefix`, shortest keys first, at most `limit`.
    func terms(withPrefix prefix: String, limit: Int) throws -> [IndexedTerm]
    /// Terms indexed under any of these deletion hashes (see `FuzzyKey`); may include
    /// collisions, which the caller checks.
    func terms(withDeletionHashes hashes: Set<UInt64>) throws -> [IndexedTerm]
    /// Ids of multi-word terms that contain `word` (see `TermAnalysis.containedWords`), ascending.
    func termIDs(containingWord word: String) throws -> [Int64]
    /// The terms with these ids (missing ids are left out).
    func terms(ids: [Int64]) throws -> [IndexedTerm]
    /// The terms of these entries (missing ids are left out), in no particular order.
    func terms(inEntries ids: Set<Int64>) throws -> [IndexedTerm]
    /// Whole entries by id (missing ids are left out).
    func entries(ids: Set<Int64>) throws -> [Int64: GlossaryEntry]
}

/// How many entries and terms a glossary holds.
public struct GlossaryCounts: Sendable, Hashable, Codable {
    public var entries: Int
    public var arabicTerms: Int
    public var englishTerms: Int

    public init(entries: Int = 0, arabicTerms: Int = 0, englishTerms: Int = 0) {
        self.entries = entries
        self.arabicTerms = arabicTerms
        self.englishTerms = englishTerms
    }

    public var terms: Int { arabicTerms + englishTerms }
}

/// Reading inside one consistent snapshot.
public protocol GlossaryReader: GlossaryIndex {
    func entry(id: Int64) throws -> GlossaryEntry?
    func term(id: Int64) throws -> GlossaryTerm?
    func counts() throws -> GlossaryCounts
    /// The largest term id given so far (0 for none): at least the number of terms, found
    /// without counting them.
    func largestTermID() throws -> Int64
    /// Entries in id order (of one domain, when given) with ids greater than `after`;
    /// `body` returns false to stop.
    func forEachEntry(domain: String?, after: Int64, _ body: (GlossaryEntry) throws -> Bool) throws
}

/// Writing inside one transaction: nothing is stored unless the whole transaction succeeds.
public protocol GlossaryWriter: GlossaryReader {
    /// Adds an entry with its terms; returns the entry id.
    @discardableResult func add(_ entry: NewEntry) throws -> Int64
    /// Adds entries (analysing their terms on every core); returns their ids in order.
    @discardableResult func add(contentsOf entries: [NewEntry]) throws -> [Int64]
    /// Adds entries analysed beforehand (`PreparedEntry`); returns their ids in order.
    @discardableResult func add(prepared entries: [PreparedEntry]) throws -> [Int64]
    /// Adds a term (a synonym or variant) to an existing entry; returns the term id.
    @discardableResult func addTerm(_ term: NewTerm, toEntry entryID: Int64) throws -> Int64
    /// Adds a term analysed beforehand to an existing entry; returns the term id.
    @discardableResult func addTerm(prepared term: PreparedTerm, toEntry entryID: Int64) throws -> Int64
    func update(entry id: Int64, _ changes: EntryChanges) throws
    func update(term id: Int64, _ changes: TermChanges) throws
    /// Removes an entry and its terms; false if there was none.
    @discardableResult func removeEntry(id: Int64) throws -> Bool
    /// Removes a term; the entry goes with its last term. False if there was none.
    @discardableResult func removeTerm(id: Int64) throws -> Bool

    /// Records this transaction as an import (`dragoman imports`) and returns its id. The
    /// entries and terms added from now on carry that id and `priority`; the first change
    /// to an entry or term that was already there keeps it as it was, so that
    /// `imports undo` can remove what the import added and put back what it changed.
    func beginImport(file: String, format: String, priority: GlossaryPriority?, creator: String?) throws -> Int64
    /// Completes the record of the import begun in this transaction with what it did. When
    /// the import gave no priority, its terms get `GlossaryPriority.default(entriesAdded:)`.
    /// Returns the priority its terms have.
    @discardableResult
    func finishImport(entriesAdded: Int, termsAdded: Int, entriesChanged: Int, skipped: Int) throws -> GlossaryPriority
}

/// A glossary: the SQLite one (`SQLiteGlossary` in DragomanStore) or `InMemoryGlossary`.
public protocol GlossaryStore: AnyObject, Sendable {
    /// Runs `body` on one consistent snapshot.
    func read<T>(_ body: (any GlossaryReader) throws -> T) throws -> T
    /// Runs `body` in one write transaction; if it throws, nothing of it is stored.
    func write<T>(_ body: (any GlossaryWriter) throws -> T) throws -> T
}

extension GlossaryStore {
    @discardableResult
    public func add(_ entry: NewEntry) throws -> GlossaryEntry {
        try write { w in
            let id = try w.add(entry)
            guard let stored = try w.entry(id: id) else { throw GlossaryError(.notFound, "entry \(id) vanished") }
            return stored
        }
    }

    @discardableResult
    public func add(contentsOf entries: [NewEntry]) throws -> [Int64] {
        try write { try $0.add(contentsOf: entries) }
    }

    public func entry(id: Int64) throws -> GlossaryEntry? {
        try read { try $0.entry(id: id) }
    }

    public func counts() throws -> GlossaryCounts {
        try read { try $0.counts() }
    }

    /// Every entry, in id order.
    public func allEntries() throws -> [GlossaryEntry] {
        try read { r in
            var out: [GlossaryEntry] = []
            try r.forEachEntry(domain: nil, after: 0) { out.append($0); return true }
            return out
        }
    }

    /// Terms of the glossary in `text` (see `TermMatcher`). A long text is matched in
    /// parts on all cores, each part in a read transaction of its own (matches may run past
    /// the end of their part); the overlaps are then resolved over the whole text.
    public func find(in text: String) throws -> [TermHit] {
        let tokens = Tokenizer.tokenize(text)
        let workers = min(ProcessInfo.processInfo.activeProcessorCount, tokens.count / 300)
        guard workers > 1 else {
            return try read { try TermMatcher(index: $0).hits(in: text, tokens: tokens) }
        }
        let breaks = TermMatcher.lineBreaks(before: tokens, in: text)
        let size = (tokens.count + workers - 1) / workers
        let parts = try ParallelMap.map(workers, workers: workers, minimumCount: 2) { w in
            let range = (w * size)..<min(tokens.count, (w + 1) * size)
            return try self.read { try TermMatcher(index: $0).matches(in: text, tokens: tokens, starts: range, breaks: breaks) }
        }
        var terms: [IndexedTerm] = []
        var matches: [TermMatcher.Match] = []
        for (t, m) in parts {
            let offset = terms.count
            terms += t
            matches += m.map { var m = $0; m.term += offset; return m }
        }
        let chosen = TermMatcher.select(matches, terms: terms)
        let ids = Array(TermMatcher.entryIDs(chosen, terms: terms))
        let half = (ids.count + 1) / 2
        let fetched = try ParallelMap.map(2, workers: 2, minimumCount: 2) { w in
            let part = Set(w == 0 ? ids[..<half] : ids[half...])
            return try self.read { try $0.entries(ids: part) }
        }
        var entries = fetched[0]
        entries.merge(fetched[1]) { a, _ in a }
        return TermMatcher.assemble(text, tokens: tokens, terms: terms, chosen: chosen, entries: entries)
    }

    /// Entries for a query (see `TermLookup`).
    public func lookup(_ query: String, limit: Int = 10, prefix: Bool = false) throws -> [LookupResult] {
        try read { try TermLookup(index: $0).lookup(query, limit: limit, prefix: prefix) }
    }
}

/// A term ready to be written: cleaned, with its analysis and the postings of its
/// derived indexes (computed here, on every core, rather than in the writer).
public struct PreparedTerm: Sendable {
    public var term: NewTerm
    public var analysis: TermAnalysis
    public var deletionHashes: [UInt64]
    public var containedWords: [String]
    /// `analysis.next`, and the token keys joined by U+001F ("" for a one-token term
    /// equal to its key): the stored columns, made here rather than by the writer.
    public var next: String
    public var storedTokens: String

    public init(_ term: NewTerm) throws {
        let cleaned = try term.cleaned()
        let analysis = TermAnalysis(text: cleaned.text, language: cleaned.language)
        guard !analysis.tokens.isEmpty else {
            throw GlossaryError(.emptyTerm, "the term \"\(cleaned.text)\" has no word in it")
        }
        self.term = cleaned
        self.analysis = analysis
        deletionHashes = analysis.deletionHashes
        containedWords = analysis.containedWords
        next = analysis.next
        storedTokens = analysis.tokens.count == 1 && analysis.tokens[0] == analysis.key
            ? "" : analysis.tokens.joined(separator: "\u{1F}")
    }
}

/// An entry ready to be written.
public struct PreparedEntry: Sendable {
    public var entry: NewEntry
    public var terms: [PreparedTerm]

    public init(_ entry: NewEntry) throws {
        let cleaned = try entry.cleaned()
        self.entry = cleaned
        self.terms = try cleaned.terms.map { try PreparedTerm($0) }
    }

    /// Prepares `entries` on every core; the first error (in input order) is thrown.
    public static func concurrently(_ entries: [NewEntry]) throws -> [PreparedEntry] {
        try concurrently(entries, workers: ProcessInfo.processInfo.activeProcessorCount)
    }

    /// Prepares `entries` on `workers` threads; the first error (in input order) is thrown.
    public static func concurrently(_ entries: [NewEntry], workers: Int) throws -> [PreparedEntry] {
        try results(entries, workers: workers).map { try $0.get() }
    }

    /// Prepares `entries` on `workers` threads, each with its own outcome.
    public static func results(_ entries: [NewEntry], workers: Int) -> [Result<PreparedEntry, Error>] {
        ParallelMap.results(entries.count, workers: workers) { try PreparedEntry(entries[$0]) }
    }
}

