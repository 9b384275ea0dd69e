import DragomanDocuments
import DragomanFormats
import DragomanStore
import DragomanText
import DragomanTM
import Foundation

/// What a TM import did: the JSON of `tm import --json` (keys kept stable for scripts).
public struct TMImportReport: Sendable, Encodable {
    public var file: String
    public var added: Int
    public var updated: Int
    /// Units left out with `skipBad`, with their line and reason.
    public var skipped: [LineError]
    public var seconds: Double
    /// What to do about a file whose lines were mostly skipped for one reason (a swapped file).
    public var hint: String?
    /// XLIFF: the segments left out for their state, per state (`no target` for those
    /// without one); each is also in `skipped` with its id and state.
    public var skippedStates: [String: Int]?
    /// The import batch it was recorded as (`dragoman imports`, `imports undo`).
    public var batch: Int64?
}

/// Imports sentence pairs from TMX, TSV, CSV or XLIFF into the TM in one transaction. The
/// file is streamed (TMX and XLIFF through the pull parser, TSV/CSV in 64 KB chunks
/// through the one TSV/CSV reader); a bad unit found while reading stops the import inside
/// the transaction, so nothing of the file is stored unless `skipBad` is given.
///
/// XLIFF (2.x or 1.2, as `pretranslate` writes it and a CAT tool returns it): the segments
/// whose target is done (`XLIFFUnits`: by default XLIFF 2 `translated`/`reviewed`/`final`,
/// XLIFF 1.2 `translated`/`signed-off`/`final` or `approved="yes"`; `states` to choose);
/// the others are skipped and listed with their id and state.
public struct TMImport: Sendable {
    public var format: TMFileFormat?
    /// Each unit's origin. Default: the `x-origin` a TMX unit carries (as Dragoman's TMX
    /// export writes it), else the file name.
    public var origin: String?
    public var skipBad: Bool
    /// TSV/CSV columns (default: a header line, a review file's, else arabic, english).
    public var columns: PairColumns?
    /// Who adds the units (recorded as their creator for TSV/CSV and XLIFF).
    public var creator: String?
    /// XLIFF: the states whose targets are stored (nil: `XLIFFReview`'s defaults).
    public var states: Set<String>?
    /// The file as the import batch records it (default: the path read; a server gives the
    /// name of the upload, not the temporary file it was written to).
    public var recordedAs: String?

    public init(format: TMFileFormat? = nil, origin: String? = nil, skipBad: Bool = false, columns: PairColumns? = nil,
                creator: String? = ProcessInfo.processInfo.environment["USER"], states: Set<String>? = nil) {
        self.format = format
        self.states = states
        self.origin = origin
        self.skipBad = skipBad
        self.columns = columns
        self.creator = creator
    }

    /// Imports `file` into `tm`; `progress` gets the units written so far and the bytes of
    /// the file read (TSV/CSV).
    public func run(_ file: String, into tm: SQLiteTranslationMemory,
                    progress: ((WorkProgress) -> Void)? = nil) throws -> TMImportReport {
        let format = try checkedFormat(of: file)
        let origin = self.origin ?? (file as NSString).lastPathComponent
        let bytes = ByteCounter(), size = InputFile.size(file)
        let report: ((Int) -> Void)? = progress.map { progress in
            { done in progress(WorkProgress(unit: "units", done: done, bytesRead: format == .tmx || format == .xliff ? nil : bytes.value, totalBytes: size)) }
        }
        let start = Date()
        var skipped: [LineError] = []
        var swappedHint: String?
        var skippedStates: [String: Int]?
        let counts: AddCounts
        switch format {
        case .tmx:
            let reader: TMXReader
            do {
                reader = try TMXReader(url: URL(fileURLWithPath: file), errorPolicy: skipBad ? .collectAndContinue : .stopAtFirstError)
                _ = try reader.header()
            } catch let error as DragomanFailure {
                throw Failure.badInput("\(file): \(error); nothing was imported")
            } catch {
                throw Failure.noInput("\(file): cannot be read (\(error.localizedDescription))")
            }
            let units = Handoff(TMXUnits(reader: reader, file: file, origin: origin,
                                         originIsExplicit: self.origin != nil, skipBad: skipBad))
            counts = try tm.add(reading: { try units.value.next().map { KeyedUnit($0) } }, progress: report,
                                recording: source(file, format) { units.value.skipped.count + reader.problems.count })
            skipped = units.value.skipped + reader.problems.map { LineError(line: $0.line, reason: $0.message) }
        case .xliff:
            let reader: XLIFFReader
            do {
                reader = try XLIFFReader(contentsOf: URL(fileURLWithPath: file))
            } catch let error as DragomanFailure {
                throw Failure.badInput("\(file): \(error); nothing was imported")
            } catch {
                throw Failure.noInput("\(file): cannot be read (\(error.localizedDescription))")
            }
            let units = Handoff(XLIFFUnits(reader: reader, file: file, origin: self.origin,
                                           defaultOrigin: (file as NSString).lastPathComponent, states: states,
                                           skipBad: skipBad, created: Date(), creator: creator))
            counts = try tm.add(reading: {
                do {
                    return try units.value.next()
                } catch let error as LineError {
                    throw Failure.badInput("\(error); nothing was imported (fix the unit, or use --skip-bad)")
                } catch let error as DragomanFailure {
                    throw Failure.badInput("\(file): \(error); nothing was imported")
                }
            }, progress: report, recording: source(file, format) { units.value.skipped.count + units.value.notDone.count })
            skipped = units.value.skipped + units.value.notDone
            skippedStates = units.value.notDoneByState
        case .tsv, .csv:
            let reader = Handoff(DelimitedPairsReader(format: format, file: file, origin: origin, skipBad: skipBad,
                                                      columns: columns, creator: creator,
                                                      nextChunk: try InputFile.chunks(file, counting: bytes)))
            counts = try tm.add(reading: {
                if let unit = reader.value.nextKeyed() { return unit }
                if let error = reader.value.error {
                    let fix = error.reason.contains("--columns") ? "" : " (fix the line, or use --skip-bad)"
                    throw Failure.badInput("\(error); nothing was imported\(fix)")
                }
                return nil
            }, progress: report, recording: source(file, format) { reader.value.skipped.count })
            skipped = reader.value.skipped
            swappedHint = reader.value.swappedLines * 2 > reader.value.linesRead && reader.value.linesRead > 0
                ? "most lines have their English in the Arabic column: use --columns \((reader.value.columns ?? .arabicEnglish).swapped)"
                : nil
        }
        return TMImportReport(file: file, added: counts.added, updated: counts.updated, skipped: skipped,
                              seconds: Date().timeIntervalSince(start), hint: swappedHint, skippedStates: skippedStates,
                              batch: counts.batch)
    }

    /// What the import records of `file` (`dragoman imports`); `skipped` is asked at the end.
    private func source(_ file: String, _ format: TMFileFormat, skipped: @escaping () -> Int) -> ImportSource {
        let count = Handoff(skipped)
        return ImportSource(file: recordedAs ?? file, format: format.rawValue, creator: creator, skipped: { count.value() })
    }

    /// The format `file` is read in (`format`, else detected), once the file is known to be
    /// readable text of a kind Dragoman reads; the usage or input failure otherwise. The CLI
    /// calls it before a database is opened, so a wrong path creates nothing.
    public func checkedFormat(of file: String) throws -> TMFileFormat {
        guard let format = format ?? Self.detectFormat(file) else {
            throw Failure.usage("\(file): cannot tell the format from the name; give --format tmx, tsv, csv or xliff")
        }
        try InputFile.checkReadable(file)
        return format
    }

    /// The format of a file: from its name (`.tmx`, `.tsv`, `.csv`, `.xlf`, `.xliff`…), and
    /// for XML the root element decides (an XLIFF named `.xml`, or a TMX named `.xlf`);
    /// a file with another name is recognised by an `<xliff>` or `<tmx>` root. Nil when
    /// neither tells.
    public static func detectFormat(_ file: String) -> TMFileFormat? {
        // An XLZ is a ZIP package of XLIFF: `InputFile.checkReadable` refuses it as a ZIP archive.
        if (file as NSString).pathExtension.lowercased() == "xlz" { return .xliff }
        let byName = TMFileFormat.guess(file)
        if byName == .tsv || byName == .csv { return byName }
        return InputFile.head(file, count: 8192).flatMap { TMFileFormat.sniff($0) } ?? byName
    }

    /// Loads a TSV of pairs (`pretranslate --load-tm`): importing the same pairs again
    /// changes nothing but their dates.
    public static func loadSample(_ file: String, into tm: SQLiteTranslationMemory) throws {
        _ = try TMImport(format: .tsv, creator: nil).run(file, into: tm)
    }
}

/// TMX units mapped to translation units; a bad unit throws (stopping the import inside
/// its transaction) unless bad units are skipped.
struct TMXUnits {
    let reader: TMXReader
    let file: String
    let origin: String
    /// The origin was given (`--origin`): it replaces a unit's own `x-origin`.
    let originIsExplicit: Bool
    let skipBad: Bool
    var skipped: [LineError] = []

    mutating func next() throws -> TranslationUnit? {
        while true {
            let tu: TMXUnit?
            do {
                tu = try reader.next()
            } catch let error as DragomanFailure {
                throw Failure.badInput("\(file): \(error); nothing was imported")
            }
            guard let tu else { return nil }
            switch TMXMapping.unit(tu, origin: origin, replacingOwnOrigin: originIsExplicit) {
            case .success(let unit): return unit
            case .failure(let bad):
                guard skipBad else {
                    throw Failure.badInput("\(bad.inFile(file)); nothing was imported (fix the unit, or use --skip-bad)")
                }
                skipped.append(bad)
            }
        }
    }
}
