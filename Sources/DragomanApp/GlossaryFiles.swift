import DragomanFormats
import DragomanGlossary
import DragomanText
import Foundation

/// Why a glossary file was refused; nothing of it was stored.
public enum GlossaryFileError: DragomanFailure, Sendable {
    /// The file cannot be opened or read.
    case cannotRead(path: String, reason: String)
    /// The file is malformed (not well-formed XML, not TBX, not UTF-8, no header…).
    case malformed(path: String, line: Int, column: Int?, reason: String)
    /// Bad rows or entries, and `skipBad` was off.
    case badItems(path: String, failure: ImportFailure)

    public var failureKind: FailureKind {
        switch self {
        case .cannotRead: .noInput
        case .malformed, .badItems: .badInput
        }
    }

    public var description: String {
        switch self {
        case .cannotRead(let path, let reason):
            return "\(path): \(reason)"
        case .malformed(let path, let line, let column, let reason):
            let place = column.map { "line \(line), column \($0)" } ?? "line \(line)"
            return "\(path): \(place): \(reason); nothing was imported"
        case .badItems(let path, let failure):
            let lines = failure.problems.map { "\(path): \($0)" } + (failure.more > 0 ? ["… and \(failure.more) more"] : [])
            return lines.joined(separator: "\n")
                + "\nnothing was imported: fix the lines above, or use --skip-bad to import the rest"
        }
    }
}

/// How a file is imported.
public struct GlossaryImportOptions: Sendable, Hashable {
    public var format: GlossaryFileFormat
    /// Domain of entries that have none.
    public var defaultDomain: String?
    /// Leave bad rows/entries out (and list them) instead of refusing the file.
    public var skipBad: Bool
    /// TSV/CSV: the first line names the columns (else: arabic, english, domain, pos, status, note).
    public var hasHeader: Bool
    /// An entry whose terms an entry already has: merged (the default), skipped or added.
    public var duplicates: DuplicatePolicy
    /// TSV/CSV: rows without an `id` whose Arabic terms have the same match key are one entry.
    public var groupByArabic: Bool
    /// TSV/CSV: a cell holding glosses joined by `;` or ` | ` gives one term each.
    public var splitGlosses: Bool
    /// How the terms added rank beside others for the same words (nil: standard, or bulk
    /// for an import of more than `GlossaryPriority.bulkEntries` entries).
    public var priority: GlossaryPriority?
    /// Who imports (recorded with the import batch).
    public var creator: String?
    /// The file as the import batch records it (default: the path read; a server gives the
    /// name of the upload, not the temporary file it was written to).
    public var recordedAs: String?

    public init(format: GlossaryFileFormat, defaultDomain: String? = nil, skipBad: Bool = false, hasHeader: Bool = true,
                duplicates: DuplicatePolicy = .merge, groupByArabic: Bool = false, splitGlosses: Bool = false,
                priority: GlossaryPriority? = nil, creator: String? = ProcessInfo.processInfo.environment["USER"]) {
        self.priority = priority
        self.creator = creator
        self.format = format
        self.defaultDomain = defaultDomain
        self.skipBad = skipBad
        self.hasHeader = hasHeader
        self.duplicates = duplicates
        self.groupByArabic = groupByArabic
        self.splitGlosses = splitGlosses
    }
}

/// Reads and writes glossary files for any `GlossaryStore`, streaming: a file is read in
/// 64 KB chunks and written in batches, so memory does not grow with its size. An import
/// is one transaction: if it fails, nothing of the file is stored.
public enum GlossaryFiles {
    /// Imports the file at `path`; `progress` gets the entries written so far (and the bytes
    /// of a TSV/CSV file read).
    public static func importFile(_ path: String, options: GlossaryImportOptions, into store: any GlossaryStore,
                                  progress: ((WorkProgress) -> Void)? = nil) throws -> ImportReport {
        let bytes = ByteCounter(), size = InputFile.size(path)
        let tbx = options.format.isTBX
        let report: ((Int) -> Void)? = progress.map { progress in
            { done in progress(WorkProgress(unit: "entries", done: done, bytesRead: tbx ? nil : bytes.value, totalBytes: size)) }
        }
        switch options.format {
        case .tbx, .tbx2008:
            let reader: TBXReader
            do {
                reader = try TBXReader(url: URL(fileURLWithPath: path),
                                       errorPolicy: options.skipBad ? .collectAndContinue : .stopAtFirstError)
            } catch {
                throw GlossaryFileError.cannotRead(path: path, reason: "cannot be read (\(error.localizedDescription))")
            }
            return try importTBX(reader, name: path, options: options, into: store, progress: report)
        case .tsv, .csv:
            return try importDelimited(name: path, options: options, into: store, progress: report,
                                       nextChunk: try InputFile.chunks(path, counting: bytes))
        }
    }

    /// Imports TSV or CSV text (for tests and standard input).
    public static func importDelimited(_ text: String, name: String = "<text>", options: GlossaryImportOptions,
                                       into store: any GlossaryStore) throws -> ImportReport {
        let chunks = Chunks([Array(text.utf8)])
        return try importDelimited(name: name, options: options, into: store) { chunks.next() }
    }

    /// Imports TSV or CSV bytes handed over in chunks by `nextChunk` (nil at the end),
    /// which is called on the reading thread.
    public static func importDelimited(name: String, options: GlossaryImportOptions, into store: any GlossaryStore,
                                       progress: ((Int) -> Void)? = nil,
                                       nextChunk: @escaping () throws -> [UInt8]?) throws -> ImportReport {
        let dialect: DelimitedParser.Dialect = options.format == .csv ? .csv : .tsv
        let source = Handoff(nextChunk)
        return try run(store: store, name: name, options: options, progress: progress) { batcher, emit in
            var parser = DelimitedParser(dialect: dialect)
            var columns: GlossaryColumns? = options.hasHeader ? nil : .headerless
            func take(_ records: [DelimitedParser.Record]) throws {
                for record in records {
                    guard let cols = columns else {
                        // A first line naming its columns is a header; otherwise the file
                        // has none and is read by position (arabic, english, domain, pos,
                        // status, note), its first line included.
                        if let found = GlossaryColumns(header: record.fields) {
                            columns = found
                            continue
                        }
                        columns = .headerless
                        if let batch = try batcher.add(record, columns: .headerless) { try emit(batch) }
                        continue
                    }
                    if let batch = try batcher.add(record, columns: cols) { try emit(batch) }
                }
            }
            do {
                while let chunk = try source.value() {
                    try take(try parser.feed(chunk))
                }
                try take(try parser.finish())
            } catch let failure as LineError {
                throw GlossaryFileError.malformed(path: name, line: failure.line, column: nil, reason: failure.reason)
            }
            if columns == nil {
                throw GlossaryFileError.malformed(path: name, line: 1, column: nil, reason: "the file is empty")
            }
        } failure: { GlossaryFileError.badItems(path: name, failure: $0) }
    }

    /// Imports TBX from a string (for tests).
    public static func importTBX(_ text: String, name: String = "<text>", options: GlossaryImportOptions,
                                 into store: any GlossaryStore) throws -> ImportReport {
        try importTBX(TBXReader(string: text, errorPolicy: options.skipBad ? .collectAndContinue : .stopAtFirstError),
                      name: name, options: options, into: store)
    }

    /// Imports every concept entry `reader` yields, in one transaction (the reader is used
    /// on the reading thread only).
    public static func importTBX(_ reader: TBXReader, name: String, options: GlossaryImportOptions,
                                 into store: any GlossaryStore, progress: ((Int) -> Void)? = nil) throws -> ImportReport {
        let source = Handoff(reader)
        let counts = Handoff((other: 0, ignored: 0))
        var report = try run(store: store, name: name, options: options, progress: progress) { batcher, emit in
            let reader = source.value
            do {
                while let concept = try reader.next() {
                    let mapped = GlossaryTBX.newEntry(concept)
                    counts.value.other += mapped.otherLanguageTerms
                    if let problem = mapped.problem {
                        batcher.problem(LineError(line: concept.line, reason: problem))
                        continue
                    }
                    guard let entry = mapped.entry else {
                        counts.value.ignored += 1
                        continue
                    }
                    if let batch = try batcher.add(entry, id: concept.id, line: concept.line,
                                                   statusGiven: mapped.statusGiven) {
                        try emit(batch)
                    }
                }
            } catch let error as FormatError {
                throw GlossaryFileError.malformed(path: name, line: error.line, column: error.column, reason: error.message)
            }
            for problem in reader.problems {
                batcher.problem(LineError(line: problem.line, reason: problem.message))
            }
        } failure: { GlossaryFileError.badItems(path: name, failure: $0) }
        report.otherLanguageTerms = counts.value.other
        report.entriesIgnored = counts.value.ignored
        return report
    }

    /// One import transaction: `read` (on a thread of its own) feeds a batcher and emits
    /// its batches; the writer applies them as they come.
    /// The import is recorded as a batch (`dragoman imports`) in the same transaction.
    static func run(store: any GlossaryStore, name: String, options: GlossaryImportOptions, progress: ((Int) -> Void)? = nil,
                    read: @escaping (_ batcher: GlossaryBatcher, _ emit: (EntryBatch) throws -> Void) throws -> Void,
                    failure: @escaping @Sendable (ImportFailure) -> Error) throws -> ImportReport {
        let reading = Handoff(read)
        let batcher = Handoff(GlossaryBatcher(defaultDomain: options.defaultDomain, skipBad: options.skipBad,
                                              groupByArabic: options.groupByArabic, splitGlosses: options.splitGlosses))
        return try store.write { writer in
            let batch = try writer.beginImport(file: options.recordedAs ?? name, format: options.format.rawValue, priority: options.priority,
                                               creator: options.creator)
            let sink = GlossaryBatchWriter(writer: writer, duplicates: options.duplicates)
            try BatchPipeline.run(produce: { emit in
                try reading.value(batcher.value, emit)
                do {
                    if let last = try batcher.value.finish() { try emit(last) }
                } catch let bad as ImportFailure {
                    throw failure(bad)
                }
            }, consume: {
                try sink.apply($0)
                progress?(sink.report.entriesAdded)
            })
            var report = sink.report
            report.itemsRead = batcher.value.itemsRead
            report.skipped = batcher.value.skipped
            report.batch = batch
            report.priority = try writer.finishImport(entriesAdded: report.entriesAdded, termsAdded: report.termsAdded,
                                                      entriesChanged: report.entriesChanged, skipped: report.skipped.count)
            return report
        }
    }

    // MARK: Export

    /// Writes the glossary (or one domain of it) to `sink` in `format`, entry by entry;
    /// returns the number of entries written. `.tbx` writes TBX v3, `.tbx2008` TBX 2008
    /// (`martif`), both TBX-Basic with the same mapping (`GlossaryTBX`).
    @discardableResult
    public static func export(_ store: any GlossaryStore, format: GlossaryFileFormat, domain: String? = nil,
                              to sink: FileHandle, progress: ((WorkProgress) -> Void)? = nil) throws -> Int {
        let total = progress == nil || domain != nil ? nil : try store.counts().entries
        func report(_ done: Int) {
            if done % 512 == 0 { progress?(WorkProgress(unit: "entries", done: done, total: total)) }
        }
        switch format {
        case .tsv, .csv:
            let dialect: DelimitedParser.Dialect = format == .csv ? .csv : .tsv
            var buffer = GlossaryRowWriter.header(dialect) + "\n"
            var count = 0
            try store.read { reader in
                try reader.forEachEntry(domain: domain, after: 0) { entry in
                    for row in GlossaryRowWriter.rows(for: entry, dialect: dialect) { buffer += row + "\n" }
                    count += 1
                    report(count)
                    if buffer.utf8.count > 1 << 16 {
                        try sink.write(contentsOf: Data(buffer.utf8))
                        buffer = ""
                    }
                    return true
                }
            }
            try sink.write(contentsOf: Data(buffer.utf8))
            return count
        case .tbx, .tbx2008:
            let writer = TBXWriter(fileHandle: sink, version: format.tbxVersion ?? .tbx2019)
            try writer.begin(sourceLanguage: "ar", title: "Dragoman glossary")
            var count = 0
            try store.read { reader in
                try reader.forEachEntry(domain: domain, after: 0) { entry in
                    try writer.write(GlossaryTBX.conceptEntry(entry))
                    count += 1
                    report(count)
                    return true
                }
            }
            try writer.finish()
            return count
        }
    }

    /// The export as a string (for tests and small glossaries).
    public static func exportString(_ store: any GlossaryStore, format: GlossaryFileFormat) throws -> String {
        switch format {
        case .tsv, .csv:
            let dialect: DelimitedParser.Dialect = format == .csv ? .csv : .tsv
            var out = GlossaryRowWriter.header(dialect) + "\n"
            try store.read { reader in
                try reader.forEachEntry(domain: nil, after: 0) { entry in
                    for row in GlossaryRowWriter.rows(for: entry, dialect: dialect) { out += row + "\n" }
                    return true
                }
            }
            return out
        case .tbx, .tbx2008:
            let writer = TBXWriter(version: format.tbxVersion ?? .tbx2019)
            try writer.begin(sourceLanguage: "ar", title: "Dragoman glossary")
            try store.read { reader in
                try reader.forEachEntry(domain: nil, after: 0) { entry in
                    try writer.write(GlossaryTBX.conceptEntry(entry))
                    return true
                }
            }
            try writer.finish()
            return writer.string
        }
    }
}


/// Chunks of bytes handed out one by one.
final class Chunks: @unchecked Sendable {
    var chunks: [[UInt8]]
    init(_ chunks: [[UInt8]]) { self.chunks = chunks.reversed() }
    func next() -> [UInt8]? { chunks.popLast() }
}
