import DragomanDocuments
import DragomanFormats
import DragomanGlossary
import DragomanQA
import DragomanText
import DragomanTM
import DragomanStore
import Foundation

/// The files `dragoman qa` reads.
public enum QAFileFormat: String, Sendable, CaseIterable {
    /// XLIFF 2.x or 1.2 (the version is read from the file).
    case xliff
    case tmx, tsv

    /// From a file name: .xlf/.xliff, .tmx, .tsv/.tab/.txt.
    public static func guess(_ path: String) -> QAFileFormat? {
        switch (path as NSString).pathExtension.lowercased() {
        case "xlf", "xliff": .xliff
        case "tmx": .tmx
        case "tsv", "tab", "txt": .tsv
        default: nil
        }
    }
}

/// What `dragoman qa` found: every finding, with counts for the summary and the exit
/// status (0 clean, 1 warnings only, 65 errors).
public struct QAReport: Sendable, Encodable {
    public var file: String
    public var units: Int
    public var errors: Int
    public var warnings: Int
    public var findings: [QAFinding]

    public init(file: String, units: Int, findings: [QAFinding]) {
        self.file = file
        self.units = units
        self.findings = findings
        errors = findings.filter { $0.severity == .error }.count
        warnings = findings.count - errors
    }
}

/// Checks a file of finished translations against the glossary of the workspace.
public enum QualityCheck {
    /// The pairs of `file`: TSV (arabic<TAB>english per line; ids are line numbers, and an
    /// empty target is kept, to be reported) or TMX (ids are `tuid`s, else the line).
    public static func pairs(_ file: String, format: QAFileFormat?) throws -> [QAPair] {
        guard let format = format ?? QAFileFormat.guess(file) else {
            throw Failure.usage("\(file): cannot tell the format from the name; give --format xliff, tmx or tsv")
        }
        try InputFile.checkReadable(file)
        switch format {
        case .tsv:
            var parser = DelimitedParser(dialect: .tsv, recordLimit: 2 * DelimitedPairsReader.maxSegmentBytes)
            var records: [DelimitedParser.Record] = []
            let next = try InputFile.chunks(file)
            do {
                while let chunk = try next() { try parser.feed(chunk, into: &records) }
                try parser.finish(into: &records)
            } catch let error as LineError {
                throw error.inFile(file)
            }
            return try records.map { record in
                guard record.fields.count >= 2 else {
                    throw LineError(file: file, line: record.line, reason: "expected source<TAB>target, found one column")
                }
                return QAPair(id: "line \(record.line)", source: record.fields[0], target: record.fields[1])
            }
        case .xliff:
            var reader: XLIFFReader
            var out: [QAPair] = []
            do {
                reader = try XLIFFReader(contentsOf: URL(fileURLWithPath: file))
                while let item = try reader.next() {
                    // Segments to translate; an empty or missing target is reported as such.
                    guard item.kind == .segment, item.translate else { continue }
                    let language: Language = (item.sourceLanguage ?? reader.sourceLanguage).map { LanguageTag.isEnglish($0) ? .english : .arabic } ?? .arabic
                    out.append(QAPair(id: item.id, source: item.source.plain, target: item.target?.plain ?? "", sourceLanguage: language))
                }
            } catch let error as DragomanFailure {
                throw Failure.badInput("\(file): \(error)")
            }
            return out
        case .tmx:
            let reader = try TMXReader(url: URL(fileURLWithPath: file))
            var out: [QAPair] = []
            do {
                while let tu = try reader.next() {
                    guard let ar = tu.variants.first(where: { LanguageTag.isArabic($0.lang) }),
                          let en = tu.variants.first(where: { LanguageTag.isEnglish($0.lang) }) else { continue }
                    out.append(QAPair(id: tu.tuid ?? "line \(tu.line)", source: ar.segment.plainText, target: en.segment.plainText))
                }
            } catch let error as FormatError {
                throw Failure.badInput("\(file): \(error)")
            }
            return out
        }
    }

    /// Reads and checks `file`; with `tm`, a source the TM holds (exact or exact-variant
    /// match) translated otherwise there is a consistency warning too.
    public static func run(_ file: String, format: QAFileFormat?, glossary: (any GlossaryStore)?, domain: String? = nil,
                           checks: Set<QACheck> = Set(QACheck.allCases), tm: SQLiteTranslationMemory? = nil) throws -> QAReport {
        try check(pairs(file, format: format), file: file, glossary: glossary, domain: domain, checks: checks, tm: tm)
    }

    /// Checks pairs already read from `file` (the CLI reads the file before it opens a
    /// database, so a wrong path is told as such).
    public static func check(_ pairs: [QAPair], file: String, glossary: (any GlossaryStore)?, domain: String? = nil,
                             checks: Set<QACheck> = Set(QACheck.allCases), tm: SQLiteTranslationMemory? = nil) throws -> QAReport {
        var findings = try QAChecker(glossary: glossary, domain: domain, checks: checks).check(pairs)
        if let tm, checks.contains(.consistency) {
            let againstTM = try consistency(pairs, tm: tm)
            if !againstTM.isEmpty {
                // Keep the file's order: each unit's findings together.
                let order = Dictionary(pairs.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
                findings = (findings + againstTM).enumerated().sorted {
                    (order[$0.element.unitID] ?? 0, $0.offset) < (order[$1.element.unitID] ?? 0, $1.offset)
                }.map(\.element)
            }
        }
        return QAReport(file: file, units: pairs.count, findings: findings)
    }

    /// The pairs whose source the TM holds (a 100 match) with another translation.
    static func consistency(_ pairs: [QAPair], tm: SQLiteTranslationMemory) throws -> [QAFinding] {
        var out: [QAFinding] = []
        for pair in pairs where !pair.target.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            let matches = try tm.search(TMQuery(text: pair.source, side: pair.sourceLanguage), threshold: 100, limit: 5)
            let targetKey = MatchKey.make(pair.target)
            let stored = matches.filter { $0.kind == .exact || $0.kind == .exactVariant || $0.kind == .context }
            guard !stored.isEmpty, !stored.contains(where: { MatchKey.make($0.unit.text(pair.sourceLanguage.other)) == targetKey }),
                  let first = stored.first else { continue }
            out.append(QAFinding(unitID: pair.id, severity: .warning, check: .consistency, rule: "inconsistent-with-tm",
                                 message: "the TM translates this source otherwise: «\(first.unit.text(pair.sourceLanguage.other))» (unit \(first.unit.id ?? 0))"))
        }
        return out
    }
}
