import DragomanText
import Foundation
internal import GRDB

/// A person a shared server lets in, as stored (never the token, only its hash).
public struct StoredUser: Sendable, Hashable {
    public var id: Int64
    public var name: String
    /// reader, translator or admin (the application layer gives it meaning).
    public var role: String
    public var tokenHash: [UInt8]
    public var created: Date
}

/// The users of `dragoman serve` (`ws_user`). Names are unique; a token is found by its
/// hash, which is unique too.
public final class SQLiteUsers: Sendable {
    public let database: DragomanDatabase

    public init(database: DragomanDatabase) {
        self.database = database
    }

    /// Adds a user; a name already taken is a conflict (nothing is changed).
    @discardableResult
    public func add(name: String, role: String, tokenHash: [UInt8], created: Date = Date()) throws -> StoredUser {
        try database.write { db in
            if try Int.fetchOne(db, sql: "SELECT 1 FROM ws_user WHERE name = ?", arguments: [name]) != nil {
                throw Failure(.conflict, "there is a user \(name) already: remove it first (dragoman user remove \(name)) to give it a new token or role")
            }
            try db.execute(sql: "INSERT INTO ws_user (name, role, tokenHash, created) VALUES (?, ?, ?, ?)",
                           arguments: [name, role, Data(tokenHash), created.timeIntervalSince1970])
            return StoredUser(id: db.lastInsertedRowID, name: name, role: role, tokenHash: tokenHash, created: created)
        }
    }

    /// Every user, by name.
    public func all() throws -> [StoredUser] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM ws_user ORDER BY name").map(Self.user)
        }
    }

    public func count() throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM ws_user") ?? 0 }
    }

    /// The user whose token has this hash, or nil.
    public func user(tokenHash: [UInt8]) throws -> StoredUser? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM ws_user WHERE tokenHash = ?", arguments: [Data(tokenHash)]).map(Self.user)
        }
    }

    /// Removes the user called `name`; not found when there is none.
    public func remove(name: String) throws {
        try database.write { db in
            try db.execute(sql: "DELETE FROM ws_user WHERE name = ?", arguments: [name])
            if db.changesCount == 0 { throw Failure.notFound("there is no user \(name) (dragoman user list shows them)") }
        }
    }

    static func user(_ row: Row) -> StoredUser {
        StoredUser(id: row["id"], name: row["name"], role: row["role"], tokenHash: [UInt8](row["tokenHash"] as Data),
                   created: Date(timeIntervalSince1970: row["created"]))
    }
}
