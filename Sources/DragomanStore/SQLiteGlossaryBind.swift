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
        let stmt = statement.sqliteStatement
        guard let value else {
            sqlite3_bind_null(stmt, index)
            return
        }
        let done: Void? = value.utf8.withContiguousStorageIfAvailable { utf8 in
            if let base = utf8.baseAddress {
                base.withMemoryRebound(to: CChar.self, capacity: utf8.count) {
                    _ = sqlite3_bind_text(stmt, index, $0, Int32(utf8.count), Self.transient)
                }
            } else {
                _ = sqlite3_bind_text(stmt, index, "", 0, Self.transient)
            }
        }
        if done == nil {
            _ = sqlite3_bind_text(stmt, index, value, -1, Self.transient)
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

/// Reads the rows of a prepared statement through the C API (hot queries of `term find`
/// return thousands of short rows).
enum RawRows {
    /// Binds `arguments` (through GRDB), then calls `body` with each row.
    static func forEach(_ statement: Statement, _ arguments: StatementArguments, db: Database,
                        _ body: (OpaquePointer) throws -> Void) throws {
        statement.setUncheckedArguments(arguments)
        let stmt = statement.sqliteStatement
        defer { sqlite3_reset(stmt) }
        while true {
            let code = sqlite3_step(stmt)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage, sql: statement.sql)
            }
            try body(stmt)
        }
    }

    @inline(__always)
    static func text(_ stmt: OpaquePointer, _ column: Int32) -> String {
        guard let p = sqlite3_column_text(stmt, column) else { return "" }
        let n = Int(sqlite3_column_bytes(stmt, column))
        return String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
    }

    @inline(__always)
    static func bytes(_ stmt: OpaquePointer, _ column: Int32) -> [UInt8] {
        let n = Int(sqlite3_column_bytes(stmt, column))
        guard n > 0, let p = sqlite3_column_blob(stmt, column) else { return [] }
        return [UInt8](UnsafeRawBufferPointer(start: p, count: n))
    }

    @inline(__always)
    static func optionalText(_ stmt: OpaquePointer, _ column: Int32) -> String? {
        sqlite3_column_type(stmt, column) == SQLITE_NULL ? nil : text(stmt, column)
    }

    @inline(__always)
    static func int64(_ stmt: OpaquePointer, _ column: Int32) -> Int64 {
        sqlite3_column_int64(stmt, column)
    }

    @inline(__always)
    static func double(_ stmt: OpaquePointer, _ column: Int32) -> Double {
        sqlite3_column_double(stmt, column)
    }
}
