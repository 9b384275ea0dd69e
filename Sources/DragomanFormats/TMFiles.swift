import Foundation
import DragomanText
import DragomanTM
import DragomanXML

/// File formats a translation memory is read from and written to.
public enum TMFileFormat: String, Sendable, CaseIterable {
    case tmx, tsv, csv

    /// The format a file name suggests.
    public static func guess(_ path: String) -> TMFileFormat? {
        switch (path as NSString).pathExtension.lowercased() {
        case "tmx", "xml": return .tmx
        case "tsv", "tab", "txt": return .tsv
        case "csv": return .csv
        default: return nil
        }
    }
}

/// Reads TSV/CSV sentence pairs as translation units, lazily and streaming, in file
/// order: the bytes come in chunks through `DelimitedParser` (the project's one TSV/CSV
/// reader: RFC 4180 quoting in CSV, so a quoted field may hold a line break), so memory
/// does not grow with the file. A blank line ends a document: the units of one document
/// get their neighbours as context. Columns: arabic, english (more are ignored).
public struct DelimitedPairsReader: Sequence, IteratorProtocol {
    /// Longest segment accepted, in UTF-8 bytes: a translation unit is a sentence or a
    /// paragraph, and a longer "segment" is a file whose line breaks are missing.
    public static let maxSegmentBytes = SegmentCheck.maxSegmentBytes
    /// Records parsed (checked and keyed on every core) at a time.
    static let window = 4096

    var parser: DelimitedParser
    let nextChunk: () throws -> [UInt8]?
    let file: String
    let origin: String?
    let skipBad: Bool
    let created: Date
    let creator: String?
    /// Parsed records not yet handed out; `items[cursor]` is the next, `items[cursor - 1]`
    /// (when there) the one before it, for context.
    var items: [ParsedLine] = []
    var cursor = 0
    var pending: [DelimitedParser.Record] = []
    var sourceDone = false
    /// A bad line ended reading (without `skipBad`).
    var stopped = false
    public private(set) var skipped: [LineError] = []
    /// Why reading stopped early: a bad line (without `skipBad`), or a file that is not
    /// TSV/CSV text (bad UTF-8, NUL bytes, an unclosed quote); with the file's name.
    public private(set) var error: LineError?

    /// Reads `text` (for standard input, tests and small files).
    public init(text: String, format: TMFileFormat, file: String, origin: String?, skipBad: Bool,
                created: Date = Date(), creator: String? = nil) {
        var chunk: [UInt8]? = Array(text.utf8)
        self.init(format: format, file: file, origin: origin, skipBad: skipBad, created: created, creator: creator) {
            defer { chunk = nil }
            return chunk
        }
    }

    /// Reads the bytes `nextChunk` hands over (nil at the end), chunk by chunk.
    public init(format: TMFileFormat, file: String, origin: String?, skipBad: Bool,
                created: Date = Date(), creator: String? = nil, nextChunk: @escaping () throws -> [UInt8]?) {
        // Room for two segments at the limit: a longer one is a bad line (SegmentCheck),
        // not a broken file.
        self.parser = DelimitedParser(dialect: format == .csv ? .csv : .tsv, reportsBlankLines: true,
                                      recordLimit: 2 * SegmentCheck.maxSegmentBytes + (1 << 20))
        self.nextChunk = nextChunk
        self.file = file
        self.origin = origin
        self.skipBad = skipBad
        self.created = created
        self.creator = creator
    }

    /// A record, parsed, with its context hashes; `result` is nil for a blank line.
    struct ParsedLine {
        var line: Int
        var result: Result<(String, String), LineError>?
        var arabicHash: Int64?
        var englishHash: Int64?
    }

    static func pair(_ record: DelimitedParser.Record, separator: String) -> Result<(String, String), LineError>? {
        let f = record.fields
        if f.isEmpty { return nil }
        guard f.count >= 2 else {
            return .failure(LineError(line: record.line, reason: "expected arabic\(separator)english, found \(f.count) column"))
        }
        let ar = f[0].trimmedASCIISpace, en = f[1].trimmedASCIISpace
        if let problem = SegmentCheck.problem(arabic: ar, english: en) {
            return .failure(LineError(line: record.line, reason: problem))
        }
        if !ArabicScript.isMostlyArabic(ar) {
            return .failure(LineError(line: record.line, reason: "the first column is not Arabic (expected arabic\(separator)english)"))
        }
        return .success((ar, en))
    }

    static func parse(_ record: DelimitedParser.Record, separator: String) -> ParsedLine {
        let result = pair(record, separator: separator)
        var p = ParsedLine(line: record.line, result: result)
        if case .success(let (ar, en))? = result {
            p.arabicHash = UnitContext.hash(ofSegment: ar)
            p.englishHash = UnitContext.hash(ofSegment: en)
        }
        return p
    }

    /// Makes sure the item after the cursor is parsed (the next one's context), reading
    /// and parsing another window of records when needed.
    mutating func fill() {
        guard cursor + 1 >= items.count, !sourceDone, error == nil else { return }
        // Keep the two items before the cursor (the current unit and its predecessor,
        // for context) and what is unread.
        let keep = Swift.max(0, cursor - 2)
        items.removeFirst(keep)
        cursor -= keep
        do {
            while pending.count < Self.window {
                guard let chunk = try nextChunk() else {
                    pending += try parser.finish()
                    sourceDone = true
                    break
                }
                try parser.feed(chunk, into: &pending)
            }
        } catch let failure as LineError {
            error = failure.inFile(file)
            sourceDone = true
        } catch {
            self.error = LineError(file: file, line: pending.last?.line ?? 1, reason: "cannot be read (\(error))")
            sourceDone = true
        }
        let records = pending.prefix(Self.window)
        let separator = parser.dialect == .csv ? "," : "<TAB>"
        let base = records.startIndex
        items += ParallelMap.map(records.count) { Self.parse(records[base + $0], separator: separator) }
        pending.removeFirst(records.count)
    }

    public mutating func next() -> TranslationUnit? {
        nextKeyed()?.unit
    }

    /// The next unit with its key hashes (computed here anyway, for the context of its
    /// neighbours).
    public mutating func nextKeyed() -> KeyedUnit? {
        while !stopped {
            fill()
            guard cursor < items.count else { return nil }
            let current = items[cursor]
            cursor += 1
            guard let result = current.result else { continue }
            switch result {
            case .failure(let problem):
                if skipBad {
                    skipped.append(problem)
                    continue
                }
                error = problem.inFile(file)
                stopped = true
                return nil
            case .success(let (ar, en)):
                fill()
                let before = cursor >= 2 ? items[cursor - 2] : nil
                let after = cursor < items.count ? items[cursor] : nil
                let unit = TranslationUnit(
                    arabic: ar, english: en, created: created, creator: creator, origin: origin,
                    arabicContext: UnitContext(previous: before?.arabicHash ?? UnitContext.documentStart,
                                               next: after?.arabicHash ?? UnitContext.documentEnd),
                    englishContext: UnitContext(previous: before?.englishHash ?? UnitContext.documentStart,
                                                next: after?.englishHash ?? UnitContext.documentEnd))
                return KeyedUnit(unit, arabicKeyHash: current.arabicHash, englishKeyHash: current.englishHash)
            }
        }
        return nil
    }
}

/// Maps TMX units to translation units: the Arabic and English variants (any BCP 47
/// region), dates, authors, notes, properties and inline markup.
///
/// Dates and authors (`creationdate`, `changedate`, `creationid`, `changeid`) are read from
/// the `<tu>`; each one the `<tu>` lacks is taken from the target (English) `<tuv>`, else
/// from the source (Arabic) one: OmegaT writes them on the target `<tuv>` only. `changeid`
/// has no column of its own and is kept as the property `x-tmx-changeid` (as the `tuid` is
/// kept as `x-tmx-tuid`); export writes both back as attributes of the `<tu>`.
///
/// The origin: the `x-origin` property that export writes is read back as the unit's
/// origin (and is not kept as a property too), so a TMX round trip through Dragoman keeps
/// it; a unit without one gets `origin` (the import's default, the file name).
public enum TMXMapping {
    /// Properties that stand for a `<tu>` attribute or the origin, not for a `<prop>`.
    static let tuidProperty = "x-tmx-tuid"
    static let changeidProperty = "x-tmx-changeid"
    static let originProperty = "x-origin"

    /// `replacingOwnOrigin`: `origin` is every unit's origin, whatever its `x-origin` says
    /// (an origin the user gave explicitly).
    public static func unit(_ tu: TMXUnit, origin: String?, replacingOwnOrigin: Bool = false)
        -> Result<TranslationUnit, LineError> {
        guard let ar = tu.variants.first(where: { LanguageTag.isArabic($0.lang) }) else {
            return .failure(LineError(line: tu.line, reason: "no Arabic variant (languages: \(tu.variants.map(\.lang).joined(separator: ", ")))"))
        }
        guard let en = tu.variants.first(where: { LanguageTag.isEnglish($0.lang) }) else {
            return .failure(LineError(line: tu.line, reason: "no English variant (languages: \(tu.variants.map(\.lang).joined(separator: ", ")))"))
        }
        let arText = ar.segment.plainText.trimmingCharacters(in: .whitespacesAndNewlines)
        let enText = en.segment.plainText.trimmingCharacters(in: .whitespacesAndNewlines)
        if let problem = SegmentCheck.problem(arabic: arText, english: enText) {
            return .failure(LineError(line: tu.line, reason: problem))
        }
        // The unit's own value, else the target's, else the source's.
        func author(_ value: (TMXVariant) -> String?, _ own: String?) -> String? {
            [own, value(en), value(ar)].lazy.compactMap { $0?.trimmed }.first { !$0.isEmpty }
        }
        let created = tu.creationDate ?? en.creationDate ?? ar.creationDate ?? Date()
        let changed = tu.changeDate ?? en.changeDate ?? ar.changeDate ?? created
        let creator = author(\.creationid, tu.creationid)
        let changer = author(\.changeid, tu.changeid)

        var unitOrigin = origin
        var properties: [UnitProperty] = []
        var ownOrigin: String?
        for p in tu.properties {
            if p.type == originProperty {
                if ownOrigin == nil, !p.value.trimmed.isEmpty { ownOrigin = p.value.trimmed }
                continue
            }
            properties.append(UnitProperty(type: p.type, value: p.value))
        }
        if let ownOrigin, !replacingOwnOrigin { unitOrigin = ownOrigin }
        if let tuid = tu.tuid { properties.append(UnitProperty(type: tuidProperty, value: tuid)) }
        if let changer, !properties.contains(where: { $0.type == changeidProperty }) {
            properties.append(UnitProperty(type: changeidProperty, value: changer))
        }
        return .success(TranslationUnit(
            arabic: arText, english: enText,
            arabicMarkup: ar.segment.hasInlineMarkup ? ar.segment.markup : nil,
            englishMarkup: en.segment.hasInlineMarkup ? en.segment.markup : nil,
            created: created, changed: changed, creator: creator, origin: unitOrigin,
            note: tu.notes.isEmpty ? nil : tu.notes.map(\.text).joined(separator: "\n"),
            properties: properties, usageCount: tu.usagecount ?? 0))
    }

    /// The TMX unit for a stored unit: dates and authors on the `<tu>`, the origin as
    /// `<prop type="x-origin">`.
    public static func tmxUnit(_ u: TranslationUnit) -> TMXUnit {
        var attributes: [XMLAttribute] = []
        let tuid = u.properties.first { $0.type == tuidProperty }?.value ?? u.id.map { String($0) }
        if let tuid { attributes.append(XMLAttribute(name: "tuid", value: tuid)) }
        attributes.append(XMLAttribute(name: "srclang", value: "ar"))
        attributes.append(XMLAttribute(name: "creationdate", value: TMXDate.format(u.created)))
        attributes.append(XMLAttribute(name: "changedate", value: TMXDate.format(u.changed)))
        if let creator = u.creator { attributes.append(XMLAttribute(name: "creationid", value: creator)) }
        if let changer = u.properties.first(where: { $0.type == changeidProperty })?.value {
            attributes.append(XMLAttribute(name: "changeid", value: changer))
        }
        if u.usageCount > 0 { attributes.append(XMLAttribute(name: "usagecount", value: String(u.usageCount))) }
        var properties = u.properties.filter { $0.type != tuidProperty && $0.type != changeidProperty }
            .map { TMXProperty(type: $0.type, value: $0.value) }
        if let origin = u.origin, !u.properties.contains(where: { $0.type == originProperty }) {
            properties.append(TMXProperty(type: originProperty, value: origin))
        }
        return TMXUnit(attributes: attributes, properties: properties, notes: u.note.map { [TMXNote($0)] } ?? [],
                       variants: [
                           TMXVariant(lang: "ar", segment: TMXSegment(plainText: u.arabic, markup: u.arabicMarkup)),
                           TMXVariant(lang: "en", segment: TMXSegment(plainText: u.english, markup: u.englishMarkup)),
                       ])
    }
}

/// What makes a segment unusable in a translation unit, whatever the file format.
enum SegmentCheck {
    /// Far above any sentence or paragraph (a 1 MB segment is stored and matched in about
    /// half a second), low enough to catch a file with no line breaks.
    static let maxSegmentBytes = 4 * 1_048_576

    /// Why the pair cannot be stored, or nil.
    static func problem(arabic: String, english: String) -> String? {
        for (text, language) in [(arabic, "Arabic"), (english, "English")] {
            if isBlank(text) {
                return text.isEmpty ? "empty \(language) segment"
                    : "empty \(language) segment (it holds only invisible characters such as bidi controls)"
            }
            let bytes = text.utf8.count
            if bytes > maxSegmentBytes {
                return "the \(language) segment is \(bytes) bytes long, longer than the \(maxSegmentBytes / 1_048_576) MB a unit may hold (is a line break or a closing tag missing?)"
            }
        }
        return nil
    }

    /// Only white space, bidi controls and zero-width characters (or nothing).
    static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { s in
            switch s.value {
            case 0x200B...0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C, 0xFEFF, 0x2060: return true
            default: return s.properties.isWhitespace
            }
        }
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and carriage returns (ASCII only: fast).
    var trimmedASCIISpace: String {
        let u = utf8
        var start = u.startIndex, end = u.endIndex
        while start < end, [0x20, 0x09, 0x0D].contains(u[start]) { start = u.index(after: start) }
        while end > start, [0x20, 0x09, 0x0D].contains(u[u.index(before: end)]) { end = u.index(before: end) }
        return String(self[start..<end])
    }
}
