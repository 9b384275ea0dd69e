import Foundation
import DragomanText
import DragomanTM
import DragomanXML

/// A unit of an import file that was left out, and why.
public struct SkippedUnit: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    public var line: Int
    public var reason: String

    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }

    public var description: String { "line \(line): \(reason)" }
}

/// Why a line could not be read.
public struct LineProblem: Error, Sendable, Hashable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
}

/// A bad unit when `--skip-bad` was not given: stops the import before anything is stored.
public struct TMImportError: Error, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var reason: String

    public var description: String { "\(file):\(line): \(reason)" }
}

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

/// Reads TSV/CSV sentence pairs as translation units, lazily, in file order. A blank
/// line ends a document: the units of one document get their neighbours as context.
public struct DelimitedPairsReader: Sequence, IteratorProtocol {
    /// Longest segment accepted, in UTF-8 bytes: a translation unit is a sentence or a
    /// paragraph, and a longer "segment" is a file whose line breaks are missing.
    public static let maxSegmentBytes = SegmentCheck.maxSegmentBytes

    let lines: [Substring]
    let separator: Character
    let file: String
    let origin: String?
    let skipBad: Bool
    let created: Date
    let creator: String?
    var index = 0
    /// Parsed lines around the current one, so each line is parsed and keyed once.
    var parsed: [Int: ParsedLine] = [:]
    public private(set) var skipped: [SkippedUnit] = []
    public private(set) var error: TMImportError?

    public init(text: String, format: TMFileFormat, file: String, origin: String?, skipBad: Bool,
                created: Date = Date(), creator: String? = nil) {
        // Split on the byte: the text's line ends are already "\n" alone, and a byte split
        // avoids grapheme breaking over the whole file.
        self.lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { Substring($0) }
        self.separator = format == .csv ? "," : "\t"
        self.file = file
        self.origin = origin
        self.skipBad = skipBad
        self.created = created
        self.creator = creator
    }

    /// The fields of a line, or why it is bad.
    func fields(_ line: Substring) -> Result<[String], LineProblem> {
        if separator == "\t" {
            return .success(line.utf8.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false).map { String(Substring($0)) })
        }
        return CSV.fields(line)
    }

    func pair(at i: Int) -> Result<(String, String), LineProblem>? {
        let line = lines[i]
        if line.allSatisfy(\.isWhitespace) { return nil }
        switch fields(line) {
        case .failure(let problem): return .failure(problem)
        case .success(let f):
            guard f.count >= 2 else {
                return .failure(LineProblem("expected arabic\(separator == "\t" ? "<TAB>" : ",")english, found \(f.count) column"))
            }
            let ar = f[0].trimmedASCIISpace, en = f[1].trimmedASCIISpace
            if let problem = SegmentCheck.problem(arabic: ar, english: en) { return .failure(LineProblem(problem)) }
            if !ArabicScript.isMostlyArabic(ar) {
                return .failure(LineProblem("the first column is not Arabic (expected arabic\(separator == "\t" ? "<TAB>" : ",")english)"))
            }
            return .success((ar, en))
        }
    }

    /// A good line with its context hashes.
    struct ParsedLine {
        var result: Result<(String, String), LineProblem>?
        var arabicHash: Int64?
        var englishHash: Int64?
    }

    func parse(_ i: Int) -> ParsedLine {
        let result = pair(at: i)
        var p = ParsedLine(result: result)
        if case .success(let (ar, en))? = result {
            p.arabicHash = UnitContext.hash(ofSegment: ar)
            p.englishHash = UnitContext.hash(ofSegment: en)
        }
        return p
    }

    /// Line `i`, parsed; lines are parsed a window at a time on every core.
    mutating func line(_ i: Int) -> ParsedLine {
        if let p = parsed[i] { return p }
        let window = Array(i..<Swift.min(lines.count, i + 4096))
        let results = ParallelMap.map(window.count) { parse(window[$0]) }
        for (k, r) in zip(window, results) { parsed[k] = r }
        return parsed[i]!
    }

    public mutating func next() -> TranslationUnit? {
        nextKeyed()?.unit
    }

    /// The next unit with its key hashes (computed here anyway, for the context of its
    /// neighbours).
    public mutating func nextKeyed() -> KeyedUnit? {
        while index < lines.count {
            let i = index
            index += 1
            let current = line(i)
            if i >= 2 { parsed[i - 2] = nil }
            guard let result = current.result else { continue }
            switch result {
            case .failure(let problem):
                if skipBad {
                    skipped.append(SkippedUnit(line: i + 1, reason: problem.reason))
                    continue
                }
                error = TMImportError(file: file, line: i + 1, reason: problem.reason)
                return nil
            case .success(let (ar, en)):
                let before = i > 0 ? line(i - 1) : ParsedLine(result: nil)
                let after = i + 1 < lines.count ? line(i + 1) : ParsedLine(result: nil)
                let unit = TranslationUnit(
                    arabic: ar, english: en, created: created, creator: creator, origin: origin,
                    arabicContext: UnitContext(previous: before.arabicHash ?? UnitContext.documentStart,
                                               next: after.arabicHash ?? UnitContext.documentEnd),
                    englishContext: UnitContext(previous: before.englishHash ?? UnitContext.documentStart,
                                                next: after.englishHash ?? UnitContext.documentEnd))
                return KeyedUnit(unit, arabicKeyHash: current.arabicHash, englishKeyHash: current.englishHash)
            }
        }
        return nil
    }
}

/// RFC 4180 fields of one CSV line.
public enum CSV {
    public static func fields(_ line: Substring) -> Result<[String], LineProblem> {
        var out: [String] = []
        var field = ""
        var i = line.startIndex
        var quoted = false
        var atFieldStart = true
        while i < line.endIndex {
            let c = line[i]
            if quoted {
                if c == "\"" {
                    let n = line.index(after: i)
                    if n < line.endIndex && line[n] == "\"" { field.append("\""); i = line.index(after: n); continue }
                    quoted = false
                } else {
                    field.append(c)
                }
            } else if c == "\"" && atFieldStart {
                quoted = true
            } else if c == "," {
                out.append(field)
                field = ""
                atFieldStart = true
                i = line.index(after: i)
                continue
            } else {
                field.append(c)
            }
            atFieldStart = false
            i = line.index(after: i)
        }
        if quoted { return .failure(LineProblem("unclosed quote")) }
        out.append(field)
        return .success(out)
    }

    public static func escape(_ field: String) -> String {
        field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
            ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }
}

/// Maps TMX units to translation units: the Arabic and English variants (any BCP 47
/// region), dates, creator, notes, properties and inline markup.
public enum TMXMapping {
    public static func unit(_ tu: TMXUnit, origin: String?) -> Result<TranslationUnit, SkippedUnit> {
        guard let ar = tu.variants.first(where: { LanguageTag.isArabic($0.lang) }) else {
            return .failure(SkippedUnit(line: tu.line, reason: "no Arabic variant (languages: \(tu.variants.map(\.lang).joined(separator: ", ")))"))
        }
        guard let en = tu.variants.first(where: { LanguageTag.isEnglish($0.lang) }) else {
            return .failure(SkippedUnit(line: tu.line, reason: "no English variant (languages: \(tu.variants.map(\.lang).joined(separator: ", ")))"))
        }
        let arText = ar.segment.plainText.trimmingCharacters(in: .whitespacesAndNewlines)
        let enText = en.segment.plainText.trimmingCharacters(in: .whitespacesAndNewlines)
        if let problem = SegmentCheck.problem(arabic: arText, english: enText) {
            return .failure(SkippedUnit(line: tu.line, reason: problem))
        }
        let created = tu.creationDate ?? Date()
        var properties = tu.properties.map { UnitProperty(type: $0.type, value: $0.value) }
        if let tuid = tu.tuid { properties.append(UnitProperty(type: "x-tmx-tuid", value: tuid)) }
        return .success(TranslationUnit(
            arabic: arText, english: enText,
            arabicMarkup: ar.segment.hasInlineMarkup ? ar.segment.markup : nil,
            englishMarkup: en.segment.hasInlineMarkup ? en.segment.markup : nil,
            created: created, changed: tu.changeDate ?? created, creator: tu.creationid, origin: origin,
            note: tu.notes.isEmpty ? nil : tu.notes.map(\.text).joined(separator: "\n"),
            properties: properties, usageCount: tu.usagecount ?? 0))
    }

    /// The TMX unit for a stored unit.
    public static func tmxUnit(_ u: TranslationUnit) -> TMXUnit {
        var attributes: [XMLAttribute] = []
        let tuid = u.properties.first { $0.type == "x-tmx-tuid" }?.value ?? u.id.map { String($0) }
        if let tuid { attributes.append(XMLAttribute(name: "tuid", value: tuid)) }
        attributes.append(XMLAttribute(name: "srclang", value: "ar"))
        attributes.append(XMLAttribute(name: "creationdate", value: TMXDate.format(u.created)))
        attributes.append(XMLAttribute(name: "changedate", value: TMXDate.format(u.changed)))
        if let creator = u.creator { attributes.append(XMLAttribute(name: "creationid", value: creator)) }
        if u.usageCount > 0 { attributes.append(XMLAttribute(name: "usagecount", value: String(u.usageCount))) }
        var properties = u.properties.filter { $0.type != "x-tmx-tuid" }.map { TMXProperty(type: $0.type, value: $0.value) }
        if let origin = u.origin, !u.properties.contains(where: { $0.type == "x-origin" }) {
            properties.append(TMXProperty(type: "x-origin", value: origin))
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
