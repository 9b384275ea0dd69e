import GRDB
import GRDBSQLite

/// An insert statement bound and stepped through the SQLite C API: bulk imports write
/// 300k+ rows, and GRDB's `StatementArguments` (an array of boxed values per row) cost
/// more than SQLite's own work. Values are still bound as parameters, never spliced.
/// The statement is private to one transaction (not GRDB's statement cache).
final class RawStatement {
    let statement: Statement
    let db: Database
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    init(_ db: Database, sql: String) throws {
        self.db = db
        statement = try db.makeStatement(sql: sql)
    }

    @inline(__always)
    func bind(_ index: Int32, _ value: String?) {
        guard var text = value else {
            sqlite3_bind_null(statement.sqliteStatement, index)
            return
        }
        let stmt = statement.sqliteStatement
        text.withUTF8 { utf8 in
            if let base = utf8.baseAddress {
                base.withMemoryRebound(to: CChar.self, capacity: utf8.count) {
                    _ = sqlite3_bind_text(stmt, index, $0, Int32(utf8.count), Self.transient)
                }
            } else {
                _ = sqlite3_bind_text(stmt, index, "", 0, Self.transient)
            }
        }
    }

    @inline(__always)
    func bind(_ index: Int32, _ value: [UInt8]) {
        let stmt = statement.sqliteStatement
        value.withUnsafeBytes { raw in
            _ = sqlite3_bind_blob(stmt, index, raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, Int32(raw.count), Self.transient)
        }
    }

    @inline(__always)
    func bind(_ index: Int32, _ value: Int64) {
        sqlite3_bind_int64(statement.sqliteStatement, index, value)
    }

    @inline(__always)
    func bind(_ index: Int32, _ value: Double) {
        sqlite3_bind_double(statement.sqliteStatement, index, value)
    }

    /// Runs the statement once and resets it for the next row.
    func step() throws {
        let code = sqlite3_step(statement.sqliteStatement)
        sqlite3_reset(statement.sqliteStatement)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage, sql: statement.sql)
        }
    }
}
