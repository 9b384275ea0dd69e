import DragomanDocuments
import DragomanPretranslate
import DragomanStore
import DragomanText
import DragomanTM
import Foundation

// The JSON of the workspace server's documents, users and units. A document's segments
// carry their proposals exactly as `pretranslate --format json` writes them (the same
// writer), under `pretranslation`, beside the translator's `work`.

/// A document in a list.
public struct DocumentSummaryJSON: Encodable, Sendable {
    var id: Int64
    var name: String
    var sourceLanguage: String
    var targetLanguage: String
    var segmentCount: Int
    /// Segments translated or confirmed.
    var done: Int
    var creator: String?
    var created: String
    var changed: String

    public init(_ s: StoredDocumentSummary) {
        id = s.id
        name = s.name
        sourceLanguage = s.sourceLanguage.rawValue
        targetLanguage = s.sourceLanguage.other.rawValue
        segmentCount = s.segments
        done = s.done
        creator = s.creator
        created = s.created.formatted(.iso8601)
        changed = s.changed.formatted(.iso8601)
    }

    enum CodingKeys: String, CodingKey { case id, name, sourceLanguage, targetLanguage, segmentCount, done, creator, created, changed }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(sourceLanguage, forKey: .sourceLanguage)
        try c.encode(targetLanguage, forKey: .targetLanguage)
        try c.encode(segmentCount, forKey: .segmentCount)
        try c.encode(done, forKey: .done)
        try c.encode(creator, forKey: .creator)
        try c.encode(created, forKey: .created)
        try c.encode(changed, forKey: .changed)
    }
}

/// The translator's work on a segment.
public struct SegmentWorkJSON: Encodable, Sendable {
    var number: Int
    var target: String
    var state: String
    var changedBy: String?
    var changed: String
    /// The TM unit the segment added (while it is the segment's).
    var unitID: Int64?

    public init(_ w: StoredSegmentWork) {
        number = w.number
        target = w.target
        state = w.state
        changedBy = w.changedBy
        changed = w.changed.formatted(.iso8601)
        unitID = w.unit
    }

    enum CodingKeys: String, CodingKey { case number, target, state, changedBy, changed, unitID }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(number, forKey: .number)
        try c.encode(target, forKey: .target)
        try c.encode(state, forKey: .state)
        try c.encode(changedBy, forKey: .changedBy)
        try c.encode(changed, forKey: .changed)
        try c.encode(unitID, forKey: .unitID)
    }
}

/// What saving a segment answers: the work as stored and the TM unit of a done segment.
public struct SegmentUpdateJSON: Encodable, Sendable {
    var work: SegmentWorkJSON
    /// The TM unit holding the pair (added now or already there); null for a draft.
    var unitID: Int64?
    var addedToTM: Bool

    public init(_ u: WorkspaceDocuments.SegmentUpdate) {
        work = SegmentWorkJSON(u.work)
        unitID = u.unitID
        addedToTM = u.addedToTM
    }

    enum CodingKeys: String, CodingKey { case work, unitID, addedToTM }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(work, forKey: .work)
        try c.encode(unitID, forKey: .unitID)
        try c.encode(addedToTM, forKey: .addedToTM)
    }
}

/// A whole document: its summary fields, its layout, and in `segments`, per segment `{"number", "work",
/// "pretranslation"}` where `pretranslation` is the segment's `pretranslate --format
/// json` object (as pre-translated when the document was posted) and `work` the
/// translator's (null when untouched).
public enum DocumentJSON {
    public static func string(_ document: WorkspaceDocuments.Document) throws -> String {
        let s = document.stored
        let done = document.work.values.filter { WorkspaceDocuments.WorkState(rawValue: $0.state)?.isDone == true }.count
        let summary = DocumentSummaryJSON(StoredDocumentSummary(id: s.id, name: s.name, sourceLanguage: s.sourceLanguage,
                                                                segments: s.segments, done: done, creator: s.creator,
                                                                created: s.created, changed: s.changed))
        let head = try JSONOutput.string(summary)
        let lines = try SegmentJSONWriter().write(document.pretranslated).split(separator: "\n", omittingEmptySubsequences: true)
        var segments: [String] = []
        for (i, line) in lines.enumerated() {
            let work = try document.work[i + 1].map { try JSONOutput.string(SegmentWorkJSON($0)) } ?? "null"
            segments.append("{\"number\":\(i + 1),\"pretranslation\":\(line),\"work\":\(work)}")
        }
        // The summary's object with the layout and segments added before its closing brace.
        return String(head.dropLast()) + ",\"layout\":\(try JSONOutput.string(s.layout.rawValue)),\"segments\":[" + segments.joined(separator: ",") + "]}"
    }
}

/// A TM unit as the server answers for `POST /tm/units` and `GET /tm/units/ID`.
public struct TMUnitJSON: Encodable, Sendable {
    var id: Int64?
    var arabic: String
    var english: String
    var origin: String?
    var note: String?
    /// Who added it (TMX `creationid`).
    var creator: String?
    var created: String
    var changed: String
    var usageCount: Int

    public init(_ u: TranslationUnit) {
        id = u.id
        arabic = u.arabic
        english = u.english
        origin = u.origin
        note = u.note
        creator = u.creator
        created = u.created.formatted(.iso8601)
        changed = u.changed.formatted(.iso8601)
        usageCount = u.usageCount
    }

    enum CodingKeys: String, CodingKey { case id, arabic, english, origin, note, creator, created, changed, usageCount }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(arabic, forKey: .arabic)
        try c.encode(english, forKey: .english)
        try c.encode(origin, forKey: .origin)
        try c.encode(note, forKey: .note)
        try c.encode(creator, forKey: .creator)
        try c.encode(created, forKey: .created)
        try c.encode(changed, forKey: .changed)
        try c.encode(usageCount, forKey: .usageCount)
    }
}
