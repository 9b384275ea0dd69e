import Foundation
import DragomanText
import DragomanTM
import DragomanXML

/// File formats a translation memory is read from and written to.
public enum TMFileFormat: String, Sendable, CaseIterable {
    case tmx, tsv, csv
    /// XLIFF 2.x or 1.2 (import only: the reviewed targets).
    case xliff

    /// The format a file name suggests.
    public static func guess(_ path: String) -> TMFileFormat? {
        switch (path as NSString).pathExtension.lowercased() {
        case "tmx", "xml": return .tmx
        case "tsv", "tab", "txt": return .tsv
        case "csv": return .csv
        case "xlf", "xliff": return .xliff
        default: return nil
        }
    }

    /// The format the start of a file shows: `.xliff` for an `<xliff>` root, `.tmx` for a
    /// `<tmx>` root (after a BOM, the declaration, comments and a doctype), else nil.
    public static func sniff(_ bytes: some Collection<UInt8>) -> TMFileFormat? {
        var rest = Substring(String(decoding: bytes.prefix(8192), as: UTF8.self))
        if rest.hasPrefix("\u{FEFF}") { rest = rest.dropFirst() }
        while true {
            rest = rest.drop { $0.isWhitespace }
            guard rest.hasPrefix("<?") || rest.hasPrefix("<!") else { break }
            let end = rest.hasPrefix("<?") ? "?>" : rest.hasPrefix("<!--") ? "-->" : ">"
            guard let r = rest.range(of: end) else { return nil }
            rest = rest[r.upperBound...]
        }
        guard rest.hasPrefix("<") else { return nil }
        let name = rest.dropFirst().prefix { !$0.isWhitespace && $0 != ">" && $0 != "/" }
        let local = name.split(separator: ":").last.map(String.init) ?? ""
        switch local {
        case "xliff": return .xliff
        case "tmx": return .tmx
        default: return nil
        }
    }
}

/// Which column of a TM TSV/CSV file holds what: `--columns ar,en` (the default),
/// `--columns origin,ar,en` (NTREX), `--columns -,ar,en` (an alignment review file), or a
/// first line naming the columns.
public struct PairColumns: Sendable, Hashable, CustomStringConvertible {
    public enum Role: String, Sendable, Hashable, CaseIterable {
        case arabic = "ar", english = "en", origin, note
        /// A column to leave out.
        case skip = "-"
    }

    public private(set) var roles: [Role]

    /// arabic, english.
    public static let arabicEnglish = PairColumns(unchecked: [.arabic, .english])

    init(unchecked roles: [Role]) { self.roles = roles }

    /// Roles in order; nil unless exactly one column is Arabic and one English, and
    /// origin and note at most once.
    public init?(_ roles: [Role]) {
        guard roles.filter({ $0 == .arabic }).count == 1, roles.filter({ $0 == .english }).count == 1,
              roles.filter({ $0 == .origin }).count <= 1, roles.filter({ $0 == .note }).count <= 1 else { return nil }
        self.roles = roles
    }

    /// `ar,en`, `origin,ar,en`, `-,ar,en`… (names as a header would give them are accepted too).
    public init?(list: String) {
        var roles: [Role] = []
        for name in list.split(separator: ",", omittingEmptySubsequences: false) {
            guard let role = Self.role(named: String(name)) else { return nil }
            roles.append(role)
        }
        self.init(roles)
    }

    /// The columns a header line names, or nil when the line is not a header (every field
    /// must be a known column name, with an Arabic and an English one).
    public init?(header fields: [String]) {
        var roles: [Role] = []
        for field in fields {
            guard let role = Self.role(named: field), field.trimmingCharacters(in: .whitespaces) != "-" else { return nil }
            roles.append(role)
        }
        self.init(roles)
    }

    static func role(named raw: String) -> Role? {
        let name = raw.trimmingCharacters(in: .whitespaces).lowercased().filter { $0 != " " && $0 != "_" && $0 != "-" || raw.trimmingCharacters(in: .whitespaces) == "-" }
        switch name {
        case "ar", "ara", "arabic", "source", "src", "sourcetext", "arabictext": return .arabic
        case "en", "eng", "english", "target", "tgt", "targettext", "englishtext", "translation": return .english
        case "origin", "docid", "document", "doc", "documentid": return .origin
        case "note", "notes", "comment", "comments": return .note
        case "-", "skip", "confidence", "score", "id": return .skip
        default: return nil
        }
    }

    var arabic: Int { roles.firstIndex(of: .arabic)! }
    var english: Int { roles.firstIndex(of: .english)! }
    var origin: Int? { roles.firstIndex(of: .origin) }
    var note: Int? { roles.firstIndex(of: .note) }

    public var description: String { roles.map(\.rawValue).joined(separator: ",") }

    /// With the Arabic and English columns exchanged (what `--columns` to suggest for a
    /// swapped file).
    public var swapped: PairColumns {
        PairColumns(unchecked: roles.map { $0 == .arabic ? .english : $0 == .english ? .arabic : $0 })
    }
}

/// Reads TSV/CSV sentence pairs as translation units, lazily and streaming, in file
/// order: the bytes come in chunks through `DelimitedParser` (the project's one TSV/CSV
/// reader: RFC 4180 quoting in CSV, so a quoted field may hold a line break), so memory
/// does not grow with the file. A blank line, or a change of origin, ends a document: the
/// units of one document get their neighbours as context.
///
/// Columns: `columns` when given; else a first line naming its columns is a header; else
/// an alignment review file (`confidence<TAB>arabic<TAB>english`) is recognised by its
/// first column; else arabic, english. The script decides the language (`ScriptCheck`): a
/// line whose sides contradict their columns is a bad line, and when most lines of a file
/// are swapped, one message says so and suggests `--columns`.
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
    /// The columns, once known (given, or from the first line).
    public private(set) var columns: PairColumns?
    /// An alignment review file: lines with one side empty (sentences left unpaired) are
    /// skipped, not errors.
    public private(set) var isReviewFile = false
    /// The first line was a header.
    public private(set) var hadHeader = false
    /// The first record has been looked at (header, review file or data).
    var columnsDecided = false
    /// Parsed records not yet handed out; `items[cursor]` is the next, `items[cursor - 1]`
    /// (when there) the one before it, for context.
    var items: [ParsedLine] = []
    var cursor = 0
    var pending: [DelimitedParser.Record] = []
    var sourceDone = false
    /// A bad line ended reading (without `skipBad`).
    var stopped = false
    /// Lines read, and lines whose sides were swapped.
    public private(set) var linesRead = 0
    public private(set) var swappedLines = 0
    public private(set) var skipped: [LineError] = []
    /// Why reading stopped early: a bad line (without `skipBad`), or a file that is not
    /// TSV/CSV text (bad UTF-8, NUL bytes, an unclosed quote); with the file's name.
    public private(set) var error: LineError?

    /// Reads `text` (for standard input, tests and small files).
    public init(text: String, format: TMFileFormat, file: String, origin: String?, skipBad: Bool,
                columns: PairColumns? = nil, created: Date = Date(), creator: String? = nil) {
        var chunk: [UInt8]? = Array(text.utf8)
        self.init(format: format, file: file, origin: origin, skipBad: skipBad, columns: columns, created: created,
                  creator: creator) {
            defer { chunk = nil }
            return chunk
        }
    }

    /// Reads the bytes `nextChunk` hands over (nil at the end), chunk by chunk.
    public init(format: TMFileFormat, file: String, origin: String?, skipBad: Bool, columns: PairColumns? = nil,
                created: Date = Date(), creator: String? = nil, nextChunk: @escaping () throws -> [UInt8]?) {
        // Room for two segments at the limit: a longer one is a bad line (SegmentCheck),
        // not a broken file.
        self.parser = DelimitedParser(dialect: format == .csv ? .csv : .tsv, reportsBlankLines: true,
                                      recordLimit: 2 * SegmentCheck.maxSegmentBytes + (1 << 20))
        self.nextChunk = nextChunk
        self.file = file
        self.origin = origin
        self.skipBad = skipBad
        self.columns = columns
        self.created = created
        self.creator = creator
    }

    /// A record, parsed, with its context hashes; `result` is nil for a blank line.
    struct ParsedLine {
        var line: Int
        var result: Result<Pair, LineError>?
        /// Skipped without being an error (an unpaired line of a review file).
        var unpaired = false
        var swapped = false
        var arabicHash: Int64?
        var englishHash: Int64?
        /// The document it belongs to (blank lines and origin changes separate documents).
        var origin: String?
    }

    struct Pair {
        var arabic: String
        var english: String
        var origin: String?
        var note: String?
    }

    /// Decides the columns from the first record, once.
    mutating func decideColumns(_ first: DelimitedParser.Record) -> Bool {
        if let header = PairColumns(header: first.fields) {
            hadHeader = true
            if columns == nil { columns = header }
            return true
        }
        if columns == nil {
            if first.fields.count >= 3, let confidence = Double(first.fields[0].trimmedASCIISpace),
               (0...1).contains(confidence), first.fields[0].contains(".") {
                isReviewFile = true
                columns = PairColumns(unchecked: [.skip, .arabic, .english])
            } else {
                columns = .arabicEnglish
            }
        }
        return false
    }

    static func pair(_ record: DelimitedParser.Record, columns: PairColumns, separator: String,
                     reviewFile: Bool) -> ParsedLine {
        var parsed = ParsedLine(line: record.line)
        let f = record.fields
        if f.isEmpty { return parsed }
        let needed = Swift.max(columns.arabic, columns.english, columns.origin ?? 0, columns.note ?? 0) + 1
        guard f.count >= needed else {
            let names = columns.roles.map { $0 == .arabic ? "arabic" : $0 == .english ? "english" : $0.rawValue }
            parsed.result = .failure(LineError(line: record.line, reason: "expected \(names.joined(separator: separator)), found \(f.count) column\(f.count == 1 ? "" : "s")"))
            return parsed
        }
        let ar = f[columns.arabic].trimmedASCIISpace, en = f[columns.english].trimmedASCIISpace
        let origin = columns.origin.map { f[$0].trimmedASCIISpace }.flatMap { $0.isEmpty ? nil : $0 }
        let note = columns.note.map { f[$0].trimmedASCIISpace }.flatMap { $0.isEmpty ? nil : $0 }
        parsed.origin = origin
        if reviewFile && (SegmentCheck.isBlank(ar) || SegmentCheck.isBlank(en)) {
            parsed.unpaired = true
            parsed.result = .failure(LineError(line: record.line, reason: "a sentence left unpaired (one side is empty)"))
            return parsed
        }
        if let problem = SegmentCheck.problem(arabic: ar, english: en) {
            parsed.result = .failure(LineError(line: record.line, reason: problem))
            return parsed
        }
        if let problem = ScriptCheck.problem(arabic: ar, english: en) {
            parsed.swapped = problem == .swapped
            parsed.result = .failure(LineError(line: record.line, reason: problem.reason))
            return parsed
        }
        parsed.result = .success(Pair(arabic: ar, english: en, origin: origin, note: note))
        parsed.arabicHash = UnitContext.hash(ofSegment: ar)
        parsed.englishHash = UnitContext.hash(ofSegment: en)
        return parsed
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
                    try parser.finish(into: &pending)
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
        if !columnsDecided, let first = pending.firstIndex(where: { !$0.fields.isEmpty }) {
            columnsDecided = true
            if decideColumns(pending[first]) { pending.remove(at: first) }
        }
        let records = pending.prefix(Self.window)
        let separator = parser.dialect == .csv ? "," : "<TAB>"
        let base = records.startIndex
        let columns = self.columns ?? .arabicEnglish
        let review = isReviewFile
        let parsed = ParallelMap.map(records.count) {
            Self.pair(records[base + $0], columns: columns, separator: separator, reviewFile: review)
        }
        linesRead += parsed.filter { $0.result != nil }.count
        items += parsed
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
                if current.swapped { swappedLines += 1 }
                if skipBad || current.unpaired {
                    skipped.append(problem)
                    continue
                }
                stop(at: problem)
                return nil
            case .success(let pair):
                fill()
                let before = cursor >= 2 ? items[cursor - 2] : nil
                let after = cursor < items.count ? items[cursor] : nil
                // A neighbour of another document (origin) is no context.
                let sameBefore = before.flatMap { $0.origin == current.origin ? $0 : nil }
                let sameAfter = after.flatMap { $0.origin == current.origin ? $0 : nil }
                let unit = TranslationUnit(
                    arabic: pair.arabic, english: pair.english, created: created, creator: creator,
                    origin: pair.origin ?? origin, note: pair.note,
                    arabicContext: UnitContext(previous: sameBefore?.arabicHash ?? UnitContext.documentStart,
                                               next: sameAfter?.arabicHash ?? UnitContext.documentEnd),
                    englishContext: UnitContext(previous: sameBefore?.englishHash ?? UnitContext.documentStart,
                                                next: sameAfter?.englishHash ?? UnitContext.documentEnd))
                return KeyedUnit(unit, arabicKeyHash: current.arabicHash, englishKeyHash: current.englishHash)
            }
        }
        return nil
    }

    /// Stops at a bad line. When the line is swapped, the rest of the file is read (and
    /// only checked) so that a file whose lines are mostly swapped gets one message with
    /// the `--columns` to use rather than the first line's.
    mutating func stop(at problem: LineError) {
        stopped = true
        var error = problem.inFile(file)
        if let columns, items[cursor - 1].swapped {
            var swapped = 1, judged = 1
            while true {
                while cursor < items.count {
                    let item = items[cursor]
                    cursor += 1
                    guard item.result != nil else { continue }
                    judged += 1
                    if item.swapped { swapped += 1 }
                }
                if sourceDone || self.error != nil { break }
                fill()
            }
            if swapped * 2 > judged {
                error = LineError(file: file, line: problem.line,
                                  reason: "\(swapped) of \(judged) lines have their English in the Arabic column and their Arabic in the English column: the columns are swapped; use --columns \(columns.swapped)")
            }
        }
        self.error = error
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
        if let problem = ScriptCheck.problem(arabic: arText, english: enText) {
            return .failure(LineError(line: tu.line, reason: problem.reason + " (xml:lang says ar and en)"))
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
public enum SegmentCheck {
    /// Far above any sentence or paragraph (a 1 MB segment is stored and matched in about
    /// half a second), low enough to catch a file with no line breaks.
    static let maxSegmentBytes = 4 * 1_048_576

    /// Why the pair cannot be stored, or nil.
    public static func problem(arabic: String, english: String) -> String? {
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
