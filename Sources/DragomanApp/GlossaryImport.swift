import DragomanFormats
import DragomanGlossary
import DragomanText
import Foundation

/// Work for the database writer: entries analysed and ready, and the terms and fields that
/// later rows add to entries written in earlier batches.
public struct EntryBatch: Sendable {
    public var entries: [PreparedEntry] = []
    /// The file's id of each entry (parallel to `entries`).
    public var groups: [String?] = []
    /// Terms of rows whose `id` names an entry of an earlier batch.
    public var laterTerms: [(group: String, term: PreparedTerm)] = []
    /// Entry fields (domain, definition, note) such rows give, kept when the entry has none.
    public var laterFields: [(group: String, domain: String?, definition: String?, note: String?)] = []
    /// For each entry, whether the file gave the status of each of its terms (parallel to `entries`).
    public var statusGiven: [[Bool]] = []
    /// The line (or concept entry's line) of each entry (parallel to `entries`).
    public var lines: [Int] = []
    /// Whether the file gave the status of each later term, and its line (parallel to `laterTerms`).
    public var laterInfo: [(statusGiven: Bool, line: Int)] = []

    public init() {}

    public var isEmpty: Bool { entries.isEmpty && laterTerms.isEmpty && laterFields.isEmpty }
}

/// The reading side of an import: turns rows (TSV/CSV) or concept entries (TBX) into
/// batches of analysed entries, in file order. Rows with the same `id` become one entry
/// (adjacent or not); a row with both an Arabic and an English term adds both; a term
/// without a status is preferred when it is the first of its language in its entry,
/// admitted otherwise. It holds at most one batch (`batchSize` entries) of the file.
///
/// Without `skipBad` a bad row stops the import: the remaining rows are still checked (so
/// that every bad line is reported at once) and `finish` throws `ImportFailure`.
public final class GlossaryBatcher {
    public static let batchSize = 4_096
    /// Bad rows reported at most.
    public static let maximumProblems = 50

    public let defaultDomain: String?
    public let skipBad: Bool
    /// Rows without an `id` whose Arabic terms have the same match key are one entry
    /// (`--group-by arabic`: a dictionary's rows become one entry per headword).
    public let groupByArabic: Bool
    /// A cell holding several glosses joined by `;` (or Arabic `؛`) or ` | ` gives one term each.
    public let splitGlosses: Bool
    /// Analysis threads (the caller's own thread when 1).
    public let workers: Int

    struct Pending {
        var line: Int
        var group: String?
        var entry: NewEntry
        var statusGiven: [Bool]
    }

    private var pending: [Pending] = []
    private var pendingByGroup: [String: Int] = [:]
    private var emitted: Set<String> = []
    private var later = EntryBatch()
    private var problems: [LineError] = []
    public private(set) var problemCount = 0
    /// Rows or entries read, and bad ones left out (with `skipBad`).
    public private(set) var itemsRead = 0
    public private(set) var skipped: [LineError] = []
    /// Most entries held at once (at most `batchSize`).
    public private(set) var highWater = 0

    public init(defaultDomain: String? = nil, skipBad: Bool = false, groupByArabic: Bool = false,
                splitGlosses: Bool = false, workers: Int = max(1, ProcessInfo.processInfo.activeProcessorCount - 1)) {
        self.defaultDomain = GlossaryText.field(defaultDomain)
        self.skipBad = skipBad
        self.groupByArabic = groupByArabic
        self.splitGlosses = splitGlosses
        self.workers = workers
    }

    /// Adds one record; returns a batch when one is complete.
    public func add(_ record: DelimitedParser.Record, columns: GlossaryColumns) throws -> EntryBatch? {
        itemsRead += 1
        switch GlossaryRow.parse(record, columns: columns) {
        case .failure(let problem):
            self.problem(problem)
            return nil
        case .success(let row):
            return try add(row)
        }
    }

    /// Records a bad row or entry.
    public func problem(_ problem: LineError) {
        problemCount += 1
        if skipBad {
            skipped.append(problem)
        } else if problems.count < Self.maximumProblems {
            problems.append(problem)
        }
    }

    /// Whether rows are only being checked (a bad one was seen and `skipBad` is off).
    var checkingOnly: Bool { !skipBad && problemCount > 0 }

    public func add(_ row: GlossaryRow) throws -> EntryBatch? {
        if checkingOnly { return nil }
        var terms = [row.arabic, row.english].compactMap { $0 }
        if splitGlosses { terms = terms.flatMap(Self.split) }
        let given = [Bool](repeating: row.statusGiven, count: terms.count)
        var row = row
        if row.group == nil, groupByArabic, let arabic = row.arabic {
            // U+0001 keeps these groups apart from the file's own ids.
            row.group = "\u{1}" + MatchKey.make(arabic.text)
        }
        if let group = row.group {
            if let i = pendingByGroup[group] {
                pending[i].entry.terms += terms
                pending[i].statusGiven += given
                if pending[i].entry.domain == nil { pending[i].entry.domain = row.domain }
                if pending[i].entry.definition == nil { pending[i].entry.definition = row.definition }
                if pending[i].entry.note == nil { pending[i].entry.note = row.entryNote }
                return nil
            }
            if emitted.contains(group) {
                for (t, g) in zip(terms, given) {
                    var t = t
                    if !g { t.status = .admitted }
                    do {
                        later.laterTerms.append((group, try PreparedTerm(t)))
                        later.laterInfo.append((g, row.line))
                    } catch {
                        problem(LineError(line: row.line, reason: "\(error)"))
                    }
                }
                if row.domain != nil || row.definition != nil || row.entryNote != nil {
                    later.laterFields.append((group, row.domain, row.definition, row.entryNote))
                }
                return nil
            }
            pendingByGroup[group] = pending.count
        }
        pending.append(Pending(line: row.line, group: row.group,
                               entry: NewEntry(domain: row.domain, definition: row.definition, note: row.entryNote,
                                               terms: terms),
                               statusGiven: given))
        highWater = max(highWater, pending.count)
        return pending.count >= Self.batchSize ? try batch() : nil
    }

    /// The glosses of a term whose text joins several by `;`, `؛` or ` | ` (empty parts left out).
    static func split(_ term: NewTerm) -> [NewTerm] {
        let glosses = Self.glosses(of: term.text)
        guard !glosses.isEmpty else { return [term] }
        return glosses.map { var t = term; t.text = $0; return t }
    }

    /// The glosses a term's text joins by `;`, `؛` or ` | `, cleaned, empty ones left out;
    /// the text alone when it joins none.
    static func glosses(of text: String) -> [String] {
        guard text.contains(where: { $0 == ";" || $0 == "؛" || $0 == "|" }) else { return [text] }
        var parts: [String] = [text]
        for separator in [" | ", ";", "؛"] {
            parts = parts.flatMap { $0.components(separatedBy: separator) }
        }
        return parts.map { GlossaryText.term($0) }.filter { !$0.isEmpty }
    }

    /// Adds an entry that needs no grouping (TBX); `statusGiven[i]` false lets the
    /// batcher decide the status of term i.
    public func add(_ entry: NewEntry, id: String?, line: Int = 0, statusGiven: [Bool]? = nil) throws -> EntryBatch? {
        itemsRead += 1
        if checkingOnly { return nil }
        pending.append(Pending(line: line, group: id, entry: entry,
                               statusGiven: statusGiven ?? [Bool](repeating: true, count: entry.terms.count)))
        highWater = max(highWater, pending.count)
        return pending.count >= Self.batchSize ? try batch() : nil
    }

    /// The pending entries, analysed, as a batch.
    private func batch() throws -> EntryBatch {
        var out = later
        later = EntryBatch()
        let entries = pending.map { p -> NewEntry in
            var e = p.entry
            if e.domain == nil { e.domain = defaultDomain }
            var seen = Set<Language>()
            for i in e.terms.indices {
                let first = seen.insert(e.terms[i].language).inserted
                if !p.statusGiven[i] { e.terms[i].status = first ? .preferred : .admitted }
            }
            return e
        }
        // A term that is empty once cleaned (only marks or controls) makes its row bad.
        for (p, result) in zip(pending, PreparedEntry.results(entries, workers: workers)) {
            switch result {
            case .success(let prepared):
                out.entries.append(prepared)
                out.groups.append(p.group)
                out.statusGiven.append(p.statusGiven)
                out.lines.append(p.line)
                if let g = p.group { emitted.insert(g) }
            case .failure(let error):
                problem(LineError(line: p.line, reason: "\(error)"))
            }
        }
        pending.removeAll(keepingCapacity: true)
        pendingByGroup.removeAll(keepingCapacity: true)
        return out
    }

    /// The last batch; throws `ImportFailure` when there were bad rows and `skipBad` is off.
    public func finish() throws -> EntryBatch? {
        if !checkingOnly {
            let last = try batch()
            if !checkingOnly { return last.isEmpty ? nil : last }
        }
        throw ImportFailure(problems: problems, more: problemCount - problems.count)
    }
}

/// What an import does with an entry whose terms an entry already has (`--duplicates`).
public enum DuplicatePolicy: String, Sendable, Hashable, CaseIterable, Codable {
    /// Fill the existing entry's empty fields from the file; report conflicting ones.
    case merge
    /// Leave the file's entry out.
    case skip
    /// Add it as a new entry (the behaviour before duplicates were detected).
    case add
}

/// A field a merge kept because the file has another value for it.
public struct ImportConflict: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The line of the file (TSV/CSV) or of the concept entry (TBX).
    public var line: Int
    public var entryID: Int64
    /// The term, for a term's field.
    public var termID: Int64?
    public var field: String
    public var kept: String
    public var incoming: String

    public var description: String {
        let place = termID.map { "entry \(entryID), term \($0)" } ?? "entry \(entryID)"
        return "line \(line): \(place): \(field) \"\(kept)\" kept, the file has \"\(incoming)\""
    }
}

/// The writing side of an import: applies batches to a writer, in order, and counts.
///
/// Duplicates (unless `duplicates` is `.add`): an entry of the file is a duplicate of an
/// entry E (already there, or earlier in the file) when each of its terms has a term of E
/// in the same language with the same match key (`MatchKey`): the set of its (language,
/// key) pairs is a subset of E's. A subset rather than equal sets, so that a term added
/// to E by hand (a synonym, a spelling) does not make the next import of the same file
/// add E again; not a superset, so that a one-word entry does not absorb every entry that
/// shares its word (homographs: عين is an eye and a spring). Terms of one incoming entry
/// with the same text are one term. A merge fills E's empty fields (domain, definition,
/// note; a term's part of speech, note, source), sets a term's status only when the file
/// gives one, and reports a field that differs instead of overwriting it.
///
/// Candidates come from the store's indexes (two queries a batch, see `ask`), or,
/// when the glossary held at most `preloadLimit` terms at the start, from its keys read
/// once into memory (no index query, so that a bulk load keeps its index dropped), with
/// the entries this import writes added as it goes.
public final class GlossaryBatchWriter {
    public let writer: any GlossaryWriter
    public let duplicates: DuplicatePolicy
    public private(set) var report = ImportReport()
    public static let maximumConflicts = 20
    public static let preloadLimit = 65_536

    /// A (language, match key) pair, known by a 64-bit hash of its UTF-8 bytes (keys are
    /// NFC already; `String`'s canonical hashing is slow for Arabic). A wrong merge would
    /// take every key of an entry colliding with those of one other entry.
    static func hash(_ language: Language, _ key: String) -> Int {
        var hasher = Hasher()
        hasher.combine(language)
        Bytes.hash(key, into: &hasher)
        return hasher.finalize()
    }

    /// A (language, text) pair, for folding repeated terms.
    struct Key: Hashable {
        var language: Language
        var key: String

        static func == (a: Key, b: Key) -> Bool {
            a.language == b.language && Bytes.equal(a.key, b.key)
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(language)
            Bytes.hash(key, into: &hasher)
        }
    }

    /// Entry ids by (language, key); negative ids are entries of the batch not yet written.
    /// (Most keys are in one entry: `single`; `multi` holds the others.)
    private var single: [Int: Int64] = [:]
    private var multi: [Int: [Int64]] = [:]
    /// The number of distinct keys of an entry, where known: of two entries that hold an
    /// incoming one, the one closest to it (an equal one first) is merged into.
    private var sizes: [Int64: Int] = [:]
    /// Whether every key of the glossary is in `known` (else the index is asked).
    private var preloaded: Bool?
    private var groupIDs: [String: Int64] = [:]
    private var skippedGroups: Set<String> = []
    private var changed: Set<Int64> = []

    /// Glossaries of at most this many terms have their keys read at the start.
    public let preloadTerms: Int

    public init(writer: any GlossaryWriter, duplicates: DuplicatePolicy = .add,
                preloadTerms: Int = GlossaryBatchWriter.preloadLimit) {
        self.writer = writer
        self.duplicates = duplicates
        self.preloadTerms = preloadTerms
    }

    private func remember(_ key: Int, _ id: Int64) {
        if multi[key] != nil {
            if !multi[key]!.contains(id) { multi[key]!.append(id) }
        } else if let one = single[key] {
            if one != id {
                multi[key] = [one, id]
                single[key] = nil
            }
        } else {
            single[key] = id
        }
    }

    private func has(_ key: Int, _ id: Int64) -> Bool {
        if let one = single[key] { return one == id }
        return multi[key]?.contains(id) == true
    }

    private func count(_ key: Int) -> Int {
        single[key] != nil ? 1 : multi[key]?.count ?? 0
    }

    private func replace(_ key: Int, _ old: Int64, with new: Int64) {
        if single[key] == old {
            single[key] = new
        } else if let j = multi[key]?.lastIndex(of: old) {
            multi[key]![j] = new
        }
    }

    private func start() throws {
        guard preloaded == nil else { return }
        // The largest id bounds the number of terms (a count would read them all).
        let bound = try writer.largestTermID()
        preloaded = bound <= preloadTerms
        guard bound > 0, preloaded == true else { return }
        try writer.forEachEntry(domain: nil, after: 0) { entry in
            var keys = Set<Int>()
            for t in entry.terms {
                let key = Self.hash(t.language, TermAnalysis(text: t.text, language: t.language).key)
                remember(key, entry.id)
                keys.insert(key)
            }
            sizes[entry.id] = keys.count
            return true
        }
    }

    private func record(_ id: Int64, group: String?) {
        guard let group else { return }
        groupIDs[group] = id
        if !group.hasPrefix("\u{1}") { report.entryIDs[group] = id }
    }

    public func apply(_ batch: EntryBatch) throws {
        guard duplicates != .add else { return try applyAdding(batch) }
        try start()
        let batchKeys = batch.entries.map { e in e.terms.map { Self.hash($0.term.language, $0.analysis.key) } }
        if preloaded == false { try ask(batch, keys: batchKeys) }
        var conflicts: [ImportConflict] = []
        // The batch's entries: new ones (with ids -1, -2… until written), or merges. An
        // entry is copied only when it changes (a repeated term folded, a later one merged in).
        var fresh: [Int] = []
        var freshKeys: [[Int]] = []
        var changedFresh: [Int: PreparedEntry] = [:]
        var merges: [(target: Int64, entry: PreparedEntry, given: [Bool], line: Int)] = []
        var freshMerges: [(target: Int, group: String?)] = []
        for i in batch.entries.indices {
            let group = batch.groups[i]
            var entry = batch.entries[i], given = batch.statusGiven[i]
            var keys = batchKeys[i]
            if Self.repeatsATerm(entry) {
                (entry, given) = Self.oneTermPerText(entry, given: given)
                changedFresh[i] = entry
                keys = entry.terms.map { Self.hash($0.term.language, $0.analysis.key) }
            }
            if let target = match(keys) {
                changedFresh[i] = nil
                if duplicates == .skip {
                    report.duplicatesSkipped += 1
                    if let group { skippedGroups.insert(group) }
                    continue
                }
                report.entriesMerged += 1
                if target < 0 {
                    let k = Int(-target) - 1, j = fresh[k]
                    var into = changedFresh[j] ?? batch.entries[j]
                    merge(into: &into, entry, given: given)
                    changedFresh[j] = into
                    freshMerges.append((k, group))
                } else {
                    merges.append((target, entry, given, batch.lines[i]))
                    record(target, group: group)
                }
                continue
            }
            let temporary = -Int64(fresh.count + 1)
            for key in keys { remember(key, temporary) }
            sizes[temporary] = Set(keys).count
            fresh.append(i)
            freshKeys.append(keys)
        }
        // Write the new entries, then swap their temporary ids for real ones.
        let toAdd = fresh.count == batch.entries.count && changedFresh.isEmpty
            ? batch.entries : fresh.map { changedFresh[$0] ?? batch.entries[$0] }
        let ids = try writer.add(prepared: toAdd)
        for (k, i) in fresh.enumerated() {
            let id = ids[k], temporary = -Int64(k + 1)
            for key in freshKeys[k] { replace(key, temporary, with: id) }
            sizes[id] = sizes.removeValue(forKey: temporary)
            record(id, group: batch.groups[i])
            report.termsAdded += toAdd[k].terms.count
        }
        for (k, group) in freshMerges { record(ids[k], group: group) }
        report.entriesAdded += ids.count
        // Merges into entries already there.
        if !merges.isEmpty {
            var entries = try writer.entries(ids: Set(merges.map(\.target)))
            for m in merges {
                guard var stored = entries[m.target] else { continue }
                try merge(into: &stored, m.entry, given: m.given, line: m.line, conflicts: &conflicts)
                entries[m.target] = stored
            }
        }
        try applyLater(batch, conflicts: &conflicts)
        report.entriesChanged = changed.count
        report.conflictCount += conflicts.count
        report.conflicts += conflicts.prefix(Self.maximumConflicts - report.conflicts.count)
    }

    /// Asks the index for the entries that may hold the batch's entries: the terms with
    /// the Arabic keys of the batch (English, for an entry without Arabic), then the other
    /// terms of the entries found (`terms(inEntries:)`), rather than every entry with one
    /// of the batch's English keys (a gloss such as "book" is in thousands). A term's key
    /// fixes its (head, next) pair, the indexed columns: the index is sought by pair
    /// (`terms(withPairs:)`, exact) and the answers kept when their key is asked for.
    private func ask(_ batch: EntryBatch, keys: [[Int]]) throws {
        var firstPairs = Set<HeadPair>(), firstKeys = Set<Int>()
        for (e, entryKeys) in zip(batch.entries, keys) {
            var arabic = false
            for (t, key) in zip(e.terms, entryKeys) where t.term.language == .arabic {
                firstPairs.insert(t.analysis.pair)
                firstKeys.insert(key)
                arabic = true
            }
            if !arabic {
                for (t, key) in zip(e.terms, entryKeys) {
                    firstPairs.insert(t.analysis.pair)
                    firstKeys.insert(key)
                }
            }
        }
        for (_, t) in batch.laterTerms {
            firstPairs.insert(t.analysis.pair)
            firstKeys.insert(Self.hash(t.term.language, t.analysis.key))
        }
        var candidates: [Int: [Int64]] = [:]  // by key
        for t in try writer.terms(withPairs: firstPairs) {
            let key = Self.hash(t.language, t.analysis.key)
            guard firstKeys.contains(key) else { continue }
            remember(key, t.entryID)
            candidates[key, default: []].append(t.entryID)
        }
        // The other terms of the entries found (for entries with English terms, and for the
        // sizes of the candidates).
        var entries = Set<Int64>()
        for ids in candidates.values { for id in ids where sizes[id] == nil { entries.insert(id) } }
        guard !entries.isEmpty else { return }
        var keysOf: [Int64: Set<Int>] = [:]
        for t in try writer.terms(inEntries: entries) {
            let key = Self.hash(t.language, t.analysis.key)
            remember(key, t.entryID)
            keysOf[t.entryID, default: []].insert(key)
        }
        for (id, keys) in keysOf { sizes[id] = keys.count }
    }

    /// Whether two terms of `entry` have the same language and text.
    static func repeatsATerm(_ entry: PreparedEntry) -> Bool {
        let terms = entry.terms
        guard terms.count > 1 else { return false }
        for i in 1..<terms.count {
            for j in 0..<i where terms[j].term.language == terms[i].term.language
                && terms[j].term.text.utf8.elementsEqual(terms[i].term.text.utf8) { return true }
        }
        return false
    }

    /// The entry (stored or of this batch) whose (language, key) pairs include all of `keys`:
    /// the oldest one stored, else the first of the batch.
    private func match(_ keys: [Int]) -> Int64? {
        guard let shortest = keys.min(by: { count($0) < count($1) }) else { return nil }
        let candidates: [Int64]
        if let one = single[shortest] {
            candidates = [one]
        } else if let list = multi[shortest] {
            candidates = list
        } else {
            return nil
        }
        var best: Int64?
        for c in candidates where keys.allSatisfy({ has($0, c) }) {
            guard let b = best else { best = c; continue }
            let (sc, sb) = (sizes[c] ?? Int.max, sizes[b] ?? Int.max)
            if sc != sb {
                if sc < sb { best = c }
            } else if (c > 0) != (b > 0) ? c > 0 : abs(c) < abs(b) {
                best = c
            }
        }
        return best
    }

    /// The entry with a term repeated (same language, same text) folded into its first
    /// occurrence: a headword repeated on every row of a dictionary is one term. Variants
    /// with the same key but another text (كتاب, كِتاب) stay terms of their own.
    static func oneTermPerText(_ entry: PreparedEntry, given: [Bool]) -> (PreparedEntry, [Bool]) {
        var seen: [Key: Int] = [:]
        var out = entry
        out.terms = []
        var outGiven: [Bool] = []
        for (i, t) in entry.terms.enumerated() {
            let key = Key(language: t.term.language, key: t.term.text)
            if let j = seen[key] {
                if out.terms[j].term.pos == nil { out.terms[j].term.pos = t.term.pos }
                if out.terms[j].term.note == nil { out.terms[j].term.note = t.term.note }
                if out.terms[j].term.source == nil { out.terms[j].term.source = t.term.source }
                continue
            }
            seen[key] = out.terms.count
            out.terms.append(t)
            outGiven.append(i < given.count ? given[i] : true)
        }
        return (out, outGiven)
    }

    /// Folds a later entry of the file into one of the same batch not yet written.
    private func merge(into target: inout PreparedEntry, _ entry: PreparedEntry, given: [Bool]) {
        if target.entry.domain == nil { target.entry.domain = entry.entry.domain }
        if target.entry.definition == nil { target.entry.definition = entry.entry.definition }
        if target.entry.note == nil { target.entry.note = entry.entry.note }
        for (i, t) in entry.terms.enumerated() {
            guard let j = target.terms.firstIndex(where: { $0.term.language == t.term.language && $0.term.text == t.term.text })
                    ?? target.terms.firstIndex(where: {
                        $0.term.language == t.term.language && $0.analysis.key == t.analysis.key
                    }) else { continue }
            if target.terms[j].term.pos == nil { target.terms[j].term.pos = t.term.pos }
            if target.terms[j].term.note == nil { target.terms[j].term.note = t.term.note }
            if target.terms[j].term.source == nil { target.terms[j].term.source = t.term.source }
            if i < given.count, given[i] { target.terms[j].term.status = t.term.status }
        }
    }

    /// Merges `entry` into the stored `target` (and keeps `target` up to date).
    private func merge(into target: inout GlossaryEntry, _ entry: PreparedEntry, given: [Bool], line: Int,
                       conflicts: inout [ImportConflict]) throws {
        func fill(_ old: String?, _ new: String?, _ field: String, term: Int64? = nil) -> String?? {
            guard let new else { return nil }
            guard let old else { return .some(new) }
            if old != new {
                conflicts.append(ImportConflict(line: line, entryID: target.id, termID: term, field: field,
                                                kept: old, incoming: new))
            }
            return nil
        }
        let changes = EntryChanges(domain: fill(target.domain, entry.entry.domain, "domain"),
                                   definition: fill(target.definition, entry.entry.definition, "definition"),
                                   note: fill(target.note, entry.entry.note, "note"))
        if !changes.isEmpty {
            try writer.update(entry: target.id, changes)
            if let d = changes.domain { target.domain = d }
            if let d = changes.definition { target.definition = d }
            if let n = changes.note { target.note = n }
            changed.insert(target.id)
        }
        for (i, t) in entry.terms.enumerated() {
            guard let j = target.terms.firstIndex(where: { $0.language == t.term.language && $0.text == t.term.text })
                    ?? target.terms.firstIndex(where: {
                        $0.language == t.term.language && TermAnalysis(text: $0.text, language: $0.language).key == t.analysis.key
                    }) else { continue }
            let old = target.terms[j]
            let status = i < given.count && given[i] && t.term.status != old.status ? t.term.status : nil
            let termChanges = TermChanges(pos: fill(old.pos, t.term.pos, "pos", term: old.id), status: status,
                                          note: fill(old.note, t.term.note, "note", term: old.id),
                                          source: fill(old.source, t.term.source, "source", term: old.id))
            guard !termChanges.isEmpty else { continue }
            try writer.update(term: old.id, termChanges)
            if let p = termChanges.pos { target.terms[j].pos = p }
            if let s = termChanges.status { target.terms[j].status = s }
            if let n = termChanges.note { target.terms[j].note = n }
            if let s = termChanges.source { target.terms[j].source = s }
            changed.insert(target.id)
        }
    }

    /// Terms and fields of rows whose `id` names an entry of an earlier batch: a term the
    /// entry has (same language and key) is merged, not added.
    private func applyLater(_ batch: EntryBatch, conflicts: inout [ImportConflict]) throws {
        for (k, (group, term)) in batch.laterTerms.enumerated() {
            guard let id = groupIDs[group], !skippedGroups.contains(group) else { continue }
            let key = Self.hash(term.term.language, term.analysis.key)
            let info = k < batch.laterInfo.count ? batch.laterInfo[k] : (statusGiven: true, line: 0)
            if has(key, id) {
                guard var stored = try writer.entry(id: id) else { continue }
                try merge(into: &stored, PreparedEntry(NewEntry(terms: [term.term])),
                          given: [info.statusGiven], line: info.line, conflicts: &conflicts)
                continue
            }
            try writer.addTerm(prepared: term, toEntry: id)
            if let n = sizes[id] { sizes[id] = n + 1 }
            remember(key, id)
            report.termsAdded += 1
        }
        for (group, domain, definition, note) in batch.laterFields {
            guard let id = groupIDs[group], !skippedGroups.contains(group),
                  let existing = try writer.entry(id: id) else { continue }
            let changes = EntryChanges(domain: existing.domain == nil && domain != nil ? .some(domain) : nil,
                                       definition: existing.definition == nil && definition != nil ? .some(definition) : nil,
                                       note: existing.note == nil && note != nil ? .some(note) : nil)
            if !changes.isEmpty { try writer.update(entry: id, changes) }
        }
    }

    /// `--duplicates add`: every entry of the file is written.
    private func applyAdding(_ batch: EntryBatch) throws {
        let ids = try writer.add(prepared: batch.entries)
        for i in ids.indices {
            record(ids[i], group: batch.groups[i])
            report.termsAdded += batch.entries[i].terms.count
        }
        report.entriesAdded += ids.count
        for (group, term) in batch.laterTerms {
            guard let id = groupIDs[group] else { continue }
            try writer.addTerm(prepared: term, toEntry: id)
            report.termsAdded += 1
        }
        for (group, domain, definition, note) in batch.laterFields {
            guard let id = groupIDs[group], let existing = try writer.entry(id: id) else { continue }
            let changes = EntryChanges(domain: existing.domain == nil && domain != nil ? .some(domain) : nil,
                                       definition: existing.definition == nil && definition != nil ? .some(definition) : nil,
                                       note: existing.note == nil && note != nil ? .some(note) : nil)
            if !changes.isEmpty { try writer.update(entry: id, changes) }
        }
    }
}

/// What an import did.
public struct ImportReport: Sendable, Hashable, Codable {
    public var entriesAdded = 0
    public var termsAdded = 0
    /// Rows (TSV/CSV) or concept entries (TBX) read.
    public var itemsRead = 0
    /// Bad rows or entries left out (with `--skip-bad`).
    public var skipped: [LineError] = []
    /// Terms in languages other than Arabic and English (TBX), left out.
    public var otherLanguageTerms = 0
    /// Concept entries with no Arabic or English term (TBX), left out.
    public var entriesIgnored = 0
    /// For each `id` of the file (TSV/CSV) or concept id (TBX), the entry it became.
    public var entryIDs: [String: Int64] = [:]
    /// Entries of the file merged into one already there (or into an earlier one of the file).
    public var entriesMerged = 0
    /// Entries already there that a merge changed (an empty field filled, a status set).
    public var entriesChanged = 0
    /// Entries of the file left out because one already there has their terms (`--duplicates skip`).
    public var duplicatesSkipped = 0
    /// Fields a merge did not overwrite: the first `GlossaryBatchWriter.maximumConflicts`.
    public var conflicts: [ImportConflict] = []
    /// How many conflicts there were in all.
    public var conflictCount = 0
    /// The import batch it was recorded as (`dragoman imports`).
    public var batch: Int64?
    /// The priority of the terms it added.
    public var priority: GlossaryPriority?

    public init() {}
}

/// The file had bad rows and `--skip-bad` was not given: nothing was stored.
public struct ImportFailure: DragomanFailure, Sendable, Hashable {
    public var failureKind: FailureKind { .badInput }

    public var problems: [LineError]
    /// More bad rows than `problems` lists.
    public var more: Int

    public var description: String {
        var lines = problems.map(\.description)
        if more > 0 { lines.append("… and \(more) more") }
        return lines.joined(separator: "\n")
    }
}

