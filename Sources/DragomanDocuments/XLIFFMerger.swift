import Foundation
import DragomanXML

/// What a merge produced.
public struct XLIFFMergeResult: Sendable, Hashable {
    /// The root's `version` (`2.1`, `2.0`, `1.2`…).
    public var version: String
    /// `original` of each `<file>`, in order.
    public var originals: [String]
    public var sourceLanguage: String?
    public var targetLanguage: String?
    /// The rebuilt article: each segment's target where it has one, its source otherwise,
    /// with the text between segments as it was.
    public var text: String
    /// Translatable segments read.
    public var segmentCount: Int
    /// Of those, how many had a non-empty target.
    public var translatedCount: Int
    /// Ids of the segments (XLIFF 2: unit id, or unit/segment id; XLIFF 1.2: trans-unit id)
    /// that had no target, so that their source text went into `text`.
    public var untranslatedIDs: [String]
    /// Ids of the segments whose target is not reviewed yet (see `XLIFFReview`): their
    /// target went into `text` all the same.
    public var unreviewedIDs: [String] = []

    public var isXLIFF2: Bool { version.hasPrefix("2") }
}

/// Rebuilds the translated article from an XLIFF file written by `XLIFF2Writer` or
/// `XLIFF12Writer`, also after a CAT tool edited it (targets added, changed or emptied,
/// segments split, namespace prefixes changed, inline markup added in targets).
///
/// XLIFF 2.x: every `<segment>` and `<ignorable>` of every `<unit>`, in document order;
/// a segment gives its `<target>` text when that is not empty and its `<source>` otherwise;
/// an ignorable always gives its source (so a tool that tidied whitespace in an
/// ignorable's target cannot change the layout). Inline markup is dropped and its text
/// kept; `<cp hex>` becomes its character. Matches, glossary and metadata are skipped.
///
/// XLIFF 1.2: every `<trans-unit>`, in order; `translate="no"` (on the unit or an
/// enclosing group) gives the source, any other the target when not empty, else the
/// source. The content of native-code elements (`bpt`, `ept`, `ph`, `it`) is dropped.
/// `<alt-trans>` is skipped.
///
/// A target still marked as not reviewed (`XLIFFReview.isUnreviewed`) is merged like any
/// other and its id listed in `unreviewedIDs`, for the use-case to refuse or accept.
///
/// Reads with `XLIFFReader` (the one XLIFF reader: `XMLPullParser`, streaming, no DTDs,
/// no external entities).
public struct XLIFFMerger: Sendable {
    public init() {}

    public func merge(contentsOf url: URL) throws -> XLIFFMergeResult {
        var reader = try XLIFFReader(contentsOf: url)
        return try merge(&reader)
    }

    public func merge(xml: String) throws -> XLIFFMergeResult {
        var reader = try XLIFFReader(xml: xml)
        return try merge(&reader)
    }

    public func merge(bytes: [UInt8]) throws -> XLIFFMergeResult {
        var reader = try XLIFFReader(bytes: bytes)
        return try merge(&reader)
    }

    func merge(_ reader: inout XLIFFReader) throws -> XLIFFMergeResult {
        var result = XLIFFMergeResult(version: reader.version, originals: [], sourceLanguage: nil, targetLanguage: nil,
                                      text: "", segmentCount: 0, translatedCount: 0, untranslatedIDs: [])
        while let item = try reader.next() {
            // XLIFF 2 has `<ignorable>` for the text between segments; 1.2 `translate="no"`.
            if item.kind == .ignorable || (!reader.isXLIFF2 && !item.translate) {
                result.text += item.source.plain
                continue
            }
            result.segmentCount += 1
            if item.hasTarget, let target = item.target {
                result.text += target.plain
                result.translatedCount += 1
                if XLIFFReview.isUnreviewed(item, isXLIFF2: reader.isXLIFF2) { result.unreviewedIDs.append(item.id) }
            } else {
                result.text += item.source.plain
                result.untranslatedIDs.append(item.id)
            }
        }
        result.originals = reader.originals
        result.sourceLanguage = reader.sourceLanguage
        result.targetLanguage = reader.targetLanguage
        return result
    }
}

/// Which XLIFF targets are done: the one rule of `merge` (which refuses unreviewed
/// targets) and `tm import` (which stores only done ones).
public enum XLIFFReview {
    /// The states `tm import` stores by default. XLIFF 2: the segment's `state`; XLIFF 1.2:
    /// the target's `state`, and `approved` for a trans-unit that says `approved="yes"`.
    public static let defaultDoneStates2: Set<String> = ["translated", "reviewed", "final"]
    public static let defaultDoneStates12: Set<String> = ["translated", "signed-off", "final", "approved"]

    /// The item's state as `--states` names it: XLIFF 2 `initial` when absent (the
    /// standard's default); XLIFF 1.2 the target's state, `none` when absent.
    public static func stateName(_ item: XLIFFItem, isXLIFF2: Bool) -> String {
        item.state ?? (isXLIFF2 ? "initial" : "none")
    }

    /// Whether the item's target counts as done under `states` (nil: the defaults).
    public static func isDone(_ item: XLIFFItem, isXLIFF2: Bool, states: Set<String>? = nil) -> Bool {
        let states = states ?? (isXLIFF2 ? defaultDoneStates2 : defaultDoneStates12)
        if !isXLIFF2 && item.approved && states.contains("approved") { return true }
        return states.contains(stateName(item, isXLIFF2: isXLIFF2))
    }

    /// A target still marked as waiting: XLIFF 2 `state="initial"` (or no state); XLIFF 1.2
    /// a trans-unit not `approved="yes"` whose target says `new` or `needs-…` (such as
    /// `needs-review-translation`), or says no state at all.
    public static func isUnreviewed(_ item: XLIFFItem, isXLIFF2: Bool) -> Bool {
        if isXLIFF2 { return (item.state ?? "initial") == "initial" }
        if item.approved { return false }
        guard let state = item.state else { return true }
        return state == "new" || state.hasPrefix("needs-")
    }
}
