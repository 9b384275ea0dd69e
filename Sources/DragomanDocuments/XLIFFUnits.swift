import Foundation
import DragomanFormats
import DragomanPretranslate
import DragomanText
import DragomanTM

/// Maps the done targets of an XLIFF file (2.x or 1.2) to translation units, streaming,
/// for `tm import`.
///
/// - Which targets count: `XLIFFReview.isDone` (XLIFF 2 `translated`, `reviewed`, `final`;
///   XLIFF 1.2 `translated`, `signed-off`, `final` or `approved="yes"`), or the states given.
///   A segment whose target is not done, or that has no target, is skipped and listed.
/// - The text between segments (`<ignorable>`, `translate="no"` trans-units) is left out.
/// - Below-the-sentence candidates are never units: fragments and assembled drafts live in
///   `<mtc:matches>`, `<alt-trans>` and notes, which the reader skips; a done target that
///   still holds a ⟦…⟧ run (an assembled draft marked done unfinished) is left out and
///   listed, under the state `unfinished draft`.
/// - Direction: the file's source language (`srcLang`, `source-language`) decides: an
///   Arabic → English file is stored as it is, an English → Arabic one with its sides
///   swapped; a file in neither direction is refused. `ScriptCheck` then checks each pair.
/// - Origin: the `original` of the `<file>` (unless an origin is given), else the file name.
/// - Context: the neighbouring segments' text on each side (`UnitContext.hash(ofSegment:)`),
///   the start and end of the `<file>` at its edges, as TSV import gives it.
/// - Inline codes are kept as TMX markup (`arabicMarkup`/`englishMarkup`); matching uses the plain text.
/// A bad unit (empty, too long, in the wrong script, a done state without a target) throws
/// unless `skipBad`, in which case it is listed in `skipped`.
public struct XLIFFUnits {
    var reader: XLIFFReader
    let file: String
    let origin: String?
    let defaultOrigin: String
    let states: Set<String>?
    let skipBad: Bool
    let created: Date
    let creator: String?
    /// Bad units left out (with `skipBad`).
    public private(set) var skipped: [LineError] = []
    /// Segments left out for their state (or for having no target), with their id and state.
    public private(set) var notDone: [LineError] = []
    /// How many segments were left out per state (`no target` for those without one).
    public private(set) var notDoneByState: [String: Int] = [:]

    private var started = false
    private var previous: Side?
    private var upcoming: XLIFFItem?

    /// A segment's text on the Arabic and English sides (after the direction is applied).
    private struct Side {
        var item: XLIFFItem
        var arabic: String?
        var english: String?
    }

    /// `origin`: every unit's origin (`--origin`); nil: each `<file>`'s `original`, else `defaultOrigin`.
    public init(reader: XLIFFReader, file: String, origin: String?, defaultOrigin: String, states: Set<String>? = nil,
                skipBad: Bool, created: Date = Date(), creator: String? = nil) {
        self.reader = reader
        self.file = file
        self.origin = origin
        self.defaultOrigin = defaultOrigin
        self.states = states
        self.skipBad = skipBad
        self.created = created
        self.creator = creator
    }

    /// The next translatable segment.
    private mutating func readSegment() throws -> XLIFFItem? {
        while let item = try reader.next() {
            if item.kind == .segment && item.translate { return item }
        }
        return nil
    }

    /// Whether the item's source is English and its target Arabic (nil languages: as written).
    private func isEnglishToArabic(_ item: XLIFFItem) throws -> Bool {
        let source = item.sourceLanguage, target = item.targetLanguage
        func code(_ tag: String?) -> String? {
            tag.map { LanguageTag.isArabic($0) ? "ar" : LanguageTag.isEnglish($0) ? "en" : "other" }
        }
        switch (code(source), code(target)) {
        case ("ar", "en"), ("ar", nil), (nil, "en"), (nil, nil): return false
        case ("en", "ar"), ("en", nil), (nil, "ar"): return true
        default:
            throw LineError(file: file, line: item.line,
                            reason: "the file translates \(source ?? "?") into \(target ?? "?"): the TM holds Arabic and English")
        }
    }

    private func side(_ item: XLIFFItem) throws -> Side {
        let source = item.source.plain.trimmingCharacters(in: .whitespacesAndNewlines)
        let target = item.hasTarget ? item.target?.plain.trimmingCharacters(in: .whitespacesAndNewlines) : nil
        return try isEnglishToArabic(item)
            ? Side(item: item, arabic: target, english: source)
            : Side(item: item, arabic: source, english: target)
    }

    public mutating func next() throws -> KeyedUnit? {
        if !started {
            started = true
            upcoming = try readSegment()
        }
        while let item = upcoming {
            upcoming = try readSegment()
            let current = try side(item)
            let before = previous.flatMap { $0.item.fileNumber == item.fileNumber ? $0 : nil }
            let after = try upcoming.flatMap { $0.fileNumber == item.fileNumber ? try side($0) : nil }
            previous = current
            let isV2 = reader.isXLIFF2
            let state = XLIFFReview.stateName(item, isXLIFF2: isV2)
            let done = XLIFFReview.isDone(item, isXLIFF2: isV2, states: states)
            guard item.hasTarget else {
                if done {
                    try bad(item, "state \(state) but no target")
                } else {
                    notDone.append(LineError(file: file, line: item.line, reason: "unit \(item.id): no target (state \(state))"))
                    notDoneByState["no target", default: 0] += 1
                }
                continue
            }
            guard done else {
                let shown = !isV2 && item.approved ? "\(state), approved" : state
                notDone.append(LineError(file: file, line: item.line, reason: "unit \(item.id): state \(shown), not counted as done"))
                notDoneByState[state, default: 0] += 1
                continue
            }
            if let target = item.target?.plain, AssembledDraft.hasUntranslatedRun(target) {
                notDone.append(LineError(file: file, line: item.line,
                                         reason: "unit \(item.id): the target still has words in ⟦…⟧ (an unfinished assembled draft)"))
                notDoneByState[Self.unfinishedDraft, default: 0] += 1
                continue
            }
            let arabic = current.arabic ?? "", english = current.english ?? ""
            if let problem = SegmentCheck.problem(arabic: arabic, english: english) {
                try bad(item, problem)
                continue
            }
            if let problem = ScriptCheck.problem(arabic: arabic, english: english) {
                try bad(item, problem.reason + " (the file says \(item.sourceLanguage ?? "?") → \(item.targetLanguage ?? "?"))")
                continue
            }
            let swapped = try isEnglishToArabic(item)
            let sourceMarkup = item.source.markup, targetMarkup = item.target?.markup
            let hashes = (arabic: UnitContext.hash(ofSegment: arabic), english: UnitContext.hash(ofSegment: english))
            let unit = TranslationUnit(
                arabic: arabic, english: english,
                arabicMarkup: swapped ? targetMarkup : sourceMarkup,
                englishMarkup: swapped ? sourceMarkup : targetMarkup,
                created: created, creator: creator, origin: origin ?? item.original ?? defaultOrigin,
                arabicContext: UnitContext(
                    previous: before.map { UnitContext.hash(ofSegment: $0.arabic) } ?? UnitContext.documentStart,
                    next: after.map { UnitContext.hash(ofSegment: $0.arabic) } ?? UnitContext.documentEnd),
                englishContext: UnitContext(
                    previous: before.map { UnitContext.hash(ofSegment: $0.english) } ?? UnitContext.documentStart,
                    next: after.map { UnitContext.hash(ofSegment: $0.english) } ?? UnitContext.documentEnd))
            return KeyedUnit(unit, arabicKeyHash: hashes.arabic, englishKeyHash: hashes.english)
        }
        return nil
    }

    /// The state under which unfinished drafts are counted in `notDoneByState`.
    public static let unfinishedDraft = "unfinished draft"

    private mutating func bad(_ item: XLIFFItem, _ reason: String) throws {
        let error = LineError(file: file, line: item.line, reason: "unit \(item.id): \(reason)")
        guard skipBad else { throw error }
        skipped.append(error)
    }
}
