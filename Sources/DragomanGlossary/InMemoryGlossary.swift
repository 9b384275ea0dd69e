import Foundation

/// A glossary in memory, with the same indexes as the SQLite one (head, key, deletion
/// neighbourhood, contained words): for tests and for tools that need no database.
/// A write transaction works on a copy and publishes it only when the body succeeds.
public final class InMemoryGlossary: GlossaryStore, @unchecked Sendable {
    struct State {
        var entries: [Int64: GlossaryEntry] = [:]
        var terms: [Int64: IndexedTerm] = [:]
        var byPair: [HeadPair: [Int64]] = [:]
        /// All heads, built on first use after a change.
        var heads: Set<String>?
        var byKey: [String: [Int64]] = [:]
        var byDeletion: [UInt64: [Int64]] = [:]
        var byWord: [String: [Int64]] = [:]
        var nextEntryID: Int64 = 1
        var nextTermID: Int64 = 1
        var nextImportID: Int64 = 1
    }

    private var state = State()
    private let lock = NSLock()

    public init() {}

    public func read<T>(_ body: (any GlossaryReader) throws -> T) throws -> T {
        lock.lock()
        let snapshot = state
        lock.unlock()
        return try body(Session(state: snapshot))
    }

    public func write<T>(_ body: (any GlossaryWriter) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        let session = Session(state: state)
        let result = try body(session)
        state = session.state
        return result
    }

    /// One read snapshot or write transaction.
    final class Session: GlossaryWriter {
        var state: State
        /// The import this transaction records: its priority (nil until it finishes, when
        /// none was given) and the first term id it added.
        private var importing: (priority: GlossaryPriority?, firstTerm: Int64)?

        init(state: State) { self.state = state }

        // MARK: GlossaryIndex

        func terms(withPairs pairs: Set<HeadPair>) throws -> [IndexedTerm] {
            pairs.flatMap { state.byPair[$0] ?? [] }.compactMap { state.terms[$0] }
        }

        func existingHeads(_ heads: Set<String>) throws -> Set<String> {
            if state.heads == nil {
                state.heads = Set(state.byPair.keys.map(\.head))
            }
            return heads.intersection(state.heads!)
        }

        func terms(withKeys keys: Set<String>) throws -> [IndexedTerm] {
            keys.flatMap { state.byKey[$0] ?? [] }.compactMap { state.terms[$0] }
        }

        func terms(withPrefix prefix: String, limit: Int) throws -> [IndexedTerm] {
            guard !prefix.isEmpty else { return [] }
            var ids = Set<Int64>()
            for (key, list) in state.byKey where key.hasPrefix(prefix) { ids.formUnion(list) }
            for (pair, list) in state.byPair where pair.head.hasPrefix(prefix) { ids.formUnion(list) }
            return ids.compactMap { state.terms[$0] }
                .sorted { ($0.analysis.key.unicodeScalars.count, $0.id) < ($1.analysis.key.unicodeScalars.count, $1.id) }
                .prefix(limit).map { $0 }
        }

        func terms(withDeletionHashes hashes: Set<UInt64>) throws -> [IndexedTerm] {
            Set(hashes.flatMap { state.byDeletion[$0] ?? [] }).compactMap { state.terms[$0] }
        }

        func termIDs(containingWord word: String) throws -> [Int64] {
            state.byWord[word] ?? []
        }

        func terms(ids: [Int64]) throws -> [IndexedTerm] {
            ids.compactMap { state.terms[$0] }
        }

        func terms(inEntries ids: Set<Int64>) throws -> [IndexedTerm] {
            ids.flatMap { id in state.entries[id]?.terms.compactMap { state.terms[$0.id] } ?? [] }
        }

        func entries(ids: Set<Int64>) throws -> [Int64: GlossaryEntry] {
            var out: [Int64: GlossaryEntry] = [:]
            for id in ids { out[id] = state.entries[id] }
            return out
        }

        // MARK: GlossaryReader

        func entry(id: Int64) throws -> GlossaryEntry? { state.entries[id] }

        func term(id: Int64) throws -> GlossaryTerm? {
            guard let t = state.terms[id] else { return nil }
            return state.entries[t.entryID]?.term(id: id)
        }

        func largestTermID() throws -> Int64 {
            state.nextTermID - 1
        }

        func counts() throws -> GlossaryCounts {
            var c = GlossaryCounts(entries: state.entries.count)
            for t in state.terms.values {
                if t.language == .arabic { c.arabicTerms += 1 } else { c.englishTerms += 1 }
            }
            return c
        }

        func forEachEntry(domain: String?, after: Int64, _ body: (GlossaryEntry) throws -> Bool) throws {
            for id in state.entries.keys.filter({ $0 > after }).sorted() {
                let e = state.entries[id]!
                if let domain, e.domain != domain { continue }
                if try !body(e) { return }
            }
        }

        // MARK: GlossaryWriter

        func add(_ entry: NewEntry) throws -> Int64 {
            try insert(PreparedEntry(entry))
        }

        func add(contentsOf entries: [NewEntry]) throws -> [Int64] {
            try add(prepared: PreparedEntry.concurrently(entries))
        }

        func add(prepared entries: [PreparedEntry]) throws -> [Int64] {
            try entries.map { try insert($0) }
        }

        func insert(_ prepared: PreparedEntry) throws -> Int64 {
            let now = Date()
            let id = state.nextEntryID
            state.nextEntryID += 1
            let e = prepared.entry
            state.entries[id] = GlossaryEntry(id: id, domain: e.domain, definition: e.definition, note: e.note, terms: [],
                                              created: e.created ?? now, changed: e.changed ?? e.created ?? now)
            for t in prepared.terms { insert(t, entryID: id, now: now) }
            return id
        }

        @discardableResult
        func insert(_ prepared: PreparedTerm, entryID: Int64, now: Date) -> Int64 {
            let id = state.nextTermID
            state.nextTermID += 1
            let t = prepared.term
            let term = GlossaryTerm(id: id, entryID: entryID, language: t.language, text: t.text, pos: t.pos,
                                    status: t.status, note: t.note, source: t.source,
                                    created: t.created ?? now, changed: t.changed ?? t.created ?? now)
            state.entries[entryID]!.terms.append(term)
            index(IndexedTerm(id: id, entryID: entryID, language: t.language, text: t.text, status: t.status,
                              analysis: prepared.analysis, priority: importing.map { $0.priority ?? .standard } ?? .curated))
            return id
        }

        func index(_ t: IndexedTerm) {
            state.heads = nil
            state.terms[t.id] = t
            state.byPair[t.analysis.pair, default: []].append(t.id)
            state.byKey[t.analysis.key, default: []].append(t.id)
            for h in Set(t.analysis.deletionHashes) { state.byDeletion[h, default: []].append(t.id) }
            for w in t.analysis.containedWords { state.byWord[w, default: []].append(t.id) }
        }

        func unindex(_ t: IndexedTerm) {
            state.heads = nil
            state.terms[t.id] = nil
            func drop<K: Hashable>(_ dict: inout [K: [Int64]], _ k: K) {
                dict[k]?.removeAll { $0 == t.id }
                if dict[k]?.isEmpty == true { dict[k] = nil }
            }
            drop(&state.byPair, t.analysis.pair)
            drop(&state.byKey, t.analysis.key)
            for h in Set(t.analysis.deletionHashes) { drop(&state.byDeletion, h) }
            for w in t.analysis.containedWords { drop(&state.byWord, w) }
        }

        func addTerm(_ term: NewTerm, toEntry entryID: Int64) throws -> Int64 {
            try addTerm(prepared: PreparedTerm(term), toEntry: entryID)
        }

        func addTerm(prepared term: PreparedTerm, toEntry entryID: Int64) throws -> Int64 {
            guard state.entries[entryID] != nil else { throw GlossaryError(.notFound, "there is no entry \(entryID)") }
            let now = Date()
            let id = insert(term, entryID: entryID, now: now)
            state.entries[entryID]!.changed = now
            return id
        }

        func update(entry id: Int64, _ changes: EntryChanges) throws {
            guard var e = state.entries[id] else { throw GlossaryError(.notFound, "there is no entry \(id)") }
            if let d = changes.domain { e.domain = GlossaryText.field(d) }
            if let d = changes.definition { e.definition = GlossaryText.field(d) }
            if let n = changes.note { e.note = GlossaryText.field(n) }
            e.changed = Date()
            state.entries[id] = e
        }

        func update(term id: Int64, _ changes: TermChanges) throws {
            guard let indexed = state.terms[id], var entry = state.entries[indexed.entryID],
                  let at = entry.terms.firstIndex(where: { $0.id == id })
            else { throw GlossaryError(.notFound, "there is no term \(id)") }
            var t = entry.terms[at]
            let prepared = try PreparedTerm(changes.applied(to: t))
            let now = Date()
            t.text = prepared.term.text
            t.pos = prepared.term.pos
            t.status = prepared.term.status
            t.note = prepared.term.note
            t.source = prepared.term.source
            t.changed = now
            entry.terms[at] = t
            entry.changed = now
            state.entries[entry.id] = entry
            unindex(indexed)
            index(IndexedTerm(id: id, entryID: entry.id, language: t.language, text: t.text, status: t.status,
                              analysis: prepared.analysis, priority: indexed.priority))
        }

        // Imports are not kept in memory beyond the priority of their terms.

        func beginImport(file: String, format: String, priority: GlossaryPriority?, creator: String?) throws -> Int64 {
            importing = (priority, state.nextTermID)
            defer { state.nextImportID += 1 }
            return state.nextImportID
        }

        func finishImport(entriesAdded: Int, termsAdded: Int, entriesChanged: Int, skipped: Int) throws -> GlossaryPriority {
            guard let importing else { return .curated }
            let priority = importing.priority ?? .default(entriesAdded: entriesAdded)
            for id in state.terms.keys where id >= importing.firstTerm { state.terms[id]!.priority = priority }
            self.importing = nil
            return priority
        }

        func removeEntry(id: Int64) throws -> Bool {
            guard let e = state.entries[id] else { return false }
            for t in e.terms { if let indexed = state.terms[t.id] { unindex(indexed) } }
            state.entries[id] = nil
            return true
        }

        func removeTerm(id: Int64) throws -> Bool {
            guard let indexed = state.terms[id], var entry = state.entries[indexed.entryID] else { return false }
            unindex(indexed)
            entry.terms.removeAll { $0.id == id }
            if entry.terms.isEmpty {
                state.entries[entry.id] = nil
            } else {
                entry.changed = Date()
                state.entries[entry.id] = entry
            }
            return true
        }
    }
}
