import DragomanFormats
import DragomanGlossary
import DragomanText
import Foundation

import DragomanText

/// Work for the database writer: entries analysed and ready, and the terms and fields that
/// later rows add to entries written in earlier batches.
public struct ImportBatch: Sendable {
    public var entries: [PreparedEntry] = []
    /// The file's id of each entry (parallel to `entries`).
    public var groups: [String?] = []
    /// Terms of rows whose `id` names an entry of an earlier batch.
    public var laterTerms: [(group: String, term: PreparedTerm)] = []
    /// Entry fields (domain, definition, note) such rows give, kept when the entry has none.
    public var laterFields: [(group: String, domain: String?, definition: String?, note: String?)] = []

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
    private var later = ImportBatch()
    private var problems: [LineError] = []
    public private(set) var problemCount = 0
    /// Rows or entries read, and bad ones left out (with `skipBad`).
    public private(set) var itemsRead = 0
    public private(set) var skipped: [LineError] = []
    /// Most entries held at once (at most `batchSize`).
    public private(set) var highWater = 0

    public init(defaultDomain: String? = nil, skipBad: Bool = false,
                workers: Int = max(1, ProcessInfo.processInfo.activeProcessorCount - 1)) {
        self.defaultDomain = GlossaryText.field(defaultDomain)
        self.skipBad = skipBad
        self.workers = workers
    }

    /// Adds one record; returns a batch when one is complete.
    public func add(_ record: DelimitedParser.Record, columns: GlossaryColumns) throws -> ImportBatch? {
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

    public func add(_ row: GlossaryRow) throws -> ImportBatch? {
        if checkingOnly { return nil }
        let terms = [row.arabic, row.english].compactMap { $0 }
        let given = [Bool](repeating: row.statusGiven, count: terms.count)
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

    /// Adds an entry that needs no grouping (TBX); `statusGiven[i]` false lets the
    /// batcher decide the status of term i.
    public func add(_ entry: NewEntry, id: String?, line: Int = 0, statusGiven: [Bool]? = nil) throws -> ImportBatch? {
        itemsRead += 1
        if checkingOnly { return nil }
        pending.append(Pending(line: line, group: id, entry: entry,
                               statusGiven: statusGiven ?? [Bool](repeating: true, count: entry.terms.count)))
        highWater = max(highWater, pending.count)
        return pending.count >= Self.batchSize ? try batch() : nil
    }

    /// The pending entries, analysed, as a batch.
    private func batch() throws -> ImportBatch {
        var out = later
        later = ImportBatch()
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
    public func finish() throws -> ImportBatch? {
        if !checkingOnly {
            let last = try batch()
            if !checkingOnly { return last.isEmpty ? nil : last }
        }
        throw ImportFailure(problems: problems, more: problemCount - problems.count)
    }
}

/// The writing side of an import: applies batches to a writer, in order, and counts.
public final class GlossaryBatchWriter {
    public let writer: any GlossaryWriter
    public private(set) var report = ImportReport()

    public init(writer: any GlossaryWriter) {
        self.writer = writer
    }

    public func apply(_ batch: ImportBatch) throws {
        let ids = try writer.add(prepared: batch.entries)
        for i in ids.indices {
            if let group = batch.groups[i] { report.entryIDs[group] = ids[i] }
            report.termsAdded += batch.entries[i].terms.count
        }
        report.entriesAdded += ids.count
        for (group, term) in batch.laterTerms {
            guard let id = report.entryIDs[group] else { continue }
            try writer.addTerm(prepared: term, toEntry: id)
            report.termsAdded += 1
        }
        for (group, domain, definition, note) in batch.laterFields {
            guard let id = report.entryIDs[group], let existing = try writer.entry(id: id) else { continue }
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

