import DragomanDocuments
import DragomanText
import Foundation

/// `merge`: rebuilds the translated article from an XLIFF file, refusing targets still
/// marked as not reviewed (`XLIFFReview.isUnreviewed`: XLIFF 2 `initial`, XLIFF 1.2
/// `new`/`needs-…` or no state, not approved) unless they are allowed. A segment without a
/// target gives its source text, as it always has; the report says how many did.
public struct XLIFFMerge: Sendable {
    /// Merge targets that are not reviewed yet instead of refusing the file.
    public var allowUnreviewed: Bool
    /// Ids listed in the refusal before "and N more".
    public static let listedIDs = 20

    public init(allowUnreviewed: Bool = false) {
        self.allowUnreviewed = allowUnreviewed
    }

    public struct Outcome: Sendable {
        public var result: XLIFFMergeResult
        /// What the user should know (segments given their source, unreviewed targets merged).
        public var notes: [String]
    }

    public func run(_ file: String) throws -> Outcome {
        try InputFile.checkReadable(file)
        let result: XLIFFMergeResult
        do {
            result = try XLIFFMerger().merge(contentsOf: URL(fileURLWithPath: file))
        } catch let error as DragomanFailure {
            throw Failure.badInput("\(file): \(error)")
        } catch {
            throw Failure.noInput("\(file): cannot be read (\(error.localizedDescription))")
        }
        let unreviewed = result.unreviewedIDs
        let marks = result.isXLIFF2 ? "state=\"initial\"" : "state new or needs-…, or no state, and not approved=\"yes\""
        if !unreviewed.isEmpty && !allowUnreviewed {
            throw Failure.badInput("\(file): \(unreviewed.count) of \(result.segmentCount) segments have a target that is not reviewed (\(marks)): \(Self.list(unreviewed)); review them (state translated or final), or merge anyway with --allow-unreviewed")
        }
        var notes: [String] = []
        if !result.untranslatedIDs.isEmpty {
            notes.append("\(result.untranslatedIDs.count) of \(result.segmentCount) segments had no target: their source text was kept (--use-source-for-untranslated): \(Self.list(result.untranslatedIDs))")
        }
        if !unreviewed.isEmpty {
            notes.append("\(unreviewed.count) of \(result.segmentCount) targets were not reviewed (\(marks)) and were merged as they are (--allow-unreviewed): \(Self.list(unreviewed))")
        }
        return Outcome(result: result, notes: notes)
    }

    /// At most `listedIDs` ids, then "and N more".
    public static func list(_ ids: [String]) -> String {
        let shown = ids.prefix(listedIDs).joined(separator: ", ")
        return ids.count > listedIDs ? "\(shown) and \(ids.count - listedIDs) more" : shown
    }
}
