import DragomanText
import Foundation
internal import GRDB

/// An article posted to the workspace, as stored. `pretranslation` is opaque here: the
/// application layer encodes and decodes it (the store does not know pre-translation).
public struct StoredDocument: Sendable, Hashable {
    public var id: Int64
    public var name: String
    public var sourceLanguage: Language
    public var layout: TextLayout
    public var text: String
    public var segments: Int
    public var pretranslation: Data
    public var creator: String?
    public var created: Date
    public var changed: Date
}

/// A document without its text and pre-translation, with how far its translation is: for lists.
public struct StoredDocumentSummary: Sendable, Hashable {
    public var id: Int64
    public var name: String
    public var sourceLanguage: Language
    public var segments: Int
    /// Segments whose state is translated or confirmed.
    public var done: Int
    public var creator: String?
    public var created: Date
    public var changed: Date

    public init(id: Int64, name: String, sourceLanguage: Language, segments: Int, done: Int, creator: String?,
                created: Date, changed: Date) {
        self.id = id
        self.name = name
        self.sourceLanguage = sourceLanguage
        self.segments = segments
        self.done = done
        self.creator = creator
        self.created = created
        self.changed = changed
    }
}

/// The translator's work on one segment (1-based `number`).
public struct StoredSegmentWork: Sendable, Hashable {
    public var number: Int
    public var target: String
    /// draft, translated or confirmed (the application layer gives it meaning).
    public var state: String
    public var changedBy: String?
    public var changed: Date
    /// The TM unit the segment was stored as, once translated or confirmed.
    public var unit: Int64?

    public init(number: Int, target: String, state: String, changedBy: String?, changed: Date, unit: Int64?) {
        self.number = number
        self.target = target
        self.state = state
        self.changedBy = changedBy
        self.changed = changed
        self.unit = unit
    }
}

/// The workspace's documents (`ws_document`, `ws_segment`). Each call is one transaction.
public final class SQLiteDocuments: Sendable {
    public let database: DragomanDatabase

    public init(database: DragomanDatabase) {
        self.database = database
    }

    /// Stores a new document; returns it with its id.
    public func add(name: String, sourceLanguage: Language, layout: TextLayout, text: String, segments: Int,
                    pretranslation: Data, creator: String?, created: Date = Date()) throws -> StoredDocument {
        try database.write { db in
            try db.execute(sql: """
                INSERT INTO ws_document (name, sourceLanguage, layout, text, segments, pretranslation, creator, created, changed)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [name, sourceLanguage.rawValue, layout.rawValue, text, segments, pretranslation, creator,
                                 created.timeIntervalSince1970, created.timeIntervalSince1970])
            return StoredDocument(id: db.lastInsertedRowID, name: name, sourceLanguage: sourceLanguage, layout: layout,
                                  text: text, segments: segments, pretranslation: pretranslation, creator: creator,
                                  created: created, changed: created)
        }
    }

    /// Every document, newest change first, with its count of finished segments.
    public func summaries() throws -> [StoredDocumentSummary] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT d.id, d.name, d.sourceLanguage, d.segments, d.creator, d.created, d.changed,
                       (SELECT count(*) FROM ws_segment s WHERE s.document = d.id AND s.state IN ('translated', 'confirmed')) AS done
                FROM ws_document d ORDER BY d.changed DESC, d.id DESC
                """).map { row in
                StoredDocumentSummary(id: row["id"], name: row["name"], sourceLanguage: Language(rawValue: row["sourceLanguage"]) ?? .arabic,
                                      segments: row["segments"], done: row["done"], creator: row["creator"],
                                      created: Date(timeIntervalSince1970: row["created"]),
                                      changed: Date(timeIntervalSince1970: row["changed"]))
            }
        }
    }

    /// The document with its work (one snapshot), or nil when there is none.
    public func document(id: Int64) throws -> (document: StoredDocument, work: [StoredSegmentWork])? {
        try database.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM ws_document WHERE id = ?", arguments: [id]) else { return nil }
            let document = StoredDocument(
                id: row["id"], name: row["name"], sourceLanguage: Language(rawValue: row["sourceLanguage"]) ?? .arabic,
                layout: TextLayout(rawValue: row["layout"]) ?? .plainText, text: row["text"], segments: row["segments"],
                pretranslation: row["pretranslation"], creator: row["creator"],
                created: Date(timeIntervalSince1970: row["created"]), changed: Date(timeIntervalSince1970: row["changed"]))
            let work = try Row.fetchAll(db, sql: "SELECT * FROM ws_segment WHERE document = ? ORDER BY number", arguments: [id])
                .map { row in
                    StoredSegmentWork(number: row["number"], target: row["target"], state: row["state"],
                                      changedBy: row["changedBy"], changed: Date(timeIntervalSince1970: row["changed"]),
                                      unit: row["unit"])
                }
            return (document, work)
        }
    }

    /// Saves the work on one segment (replacing what was there) and marks the document changed.
    public func save(_ work: StoredSegmentWork, document id: Int64) throws {
        try database.write { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO ws_segment (document, number, target, state, changedBy, changed, unit)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [id, work.number, work.target, work.state, work.changedBy, work.changed.timeIntervalSince1970, work.unit])
            try db.execute(sql: "UPDATE ws_document SET changed = ? WHERE id = ?", arguments: [work.changed.timeIntervalSince1970, id])
            if db.changesCount == 0 { throw Failure.notFound("there is no document \(id)") }
        }
    }

    /// Removes a document with its work (the units it added to the TM stay).
    public func remove(id: Int64) throws {
        try database.write { db in
            try db.execute(sql: "DELETE FROM ws_document WHERE id = ?", arguments: [id])
            if db.changesCount == 0 { throw Failure.notFound("there is no document \(id)") }
        }
    }
}
