import Foundation
internal import GRDB
internal import GRDBSQLite

/// An insert statement bound and stepped through the SQLite C API: bulk imports write
/// 300k+ rows, and GRDB's `StatementArguments` (an array of boxed values per row) cost
/// more than SQLite's own work. Values are still bound as parameters, never spliced, and
/// every bind is checked (one comparison): a value SQLite refuses (too big, a parameter
/// out of range) throws instead of leaving the previous row's value in place.
/// The statement is private to one transaction (not GRDB's statement cache).
final class RawStatement {
    let statement: Statement
    let db: Database
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    /// The number of parameters: an update names only some of the columns a row binds.
    let parameterCount: Int32

    init(_ db: Database, sql: String) throws {
        self.db = db
        statement = try db.makeStatement(sql: sql)
        parameterCount = sqlite3_bind_parameter_count(statement.sqliteStatement)
    }

    @inline(__always)
    func bind(_ index: Int32, _ value: String?) throws {
        let stmt = statement.sqliteStatement
        guard let value else {
            return try check(sqlite3_bind_null(stmt, index), index)
        }
        let code = value.utf8.withContiguousStorageIfAvailable { utf8 -> Int32 in
            guard let base = utf8.baseAddress else {
                return sqlite3_bind_text(stmt, index, "", 0, Self.transient)
            }
            return base.withMemoryRebound(to: CChar.self, capacity: utf8.count) {
                sqlite3_bind_text(stmt, index, $0, Int32(utf8.count), Self.transient)
            }
        } ?? sqlite3_bind_text(stmt, index, value, -1, Self.transient)
        try check(code, index)
    }

    @inline(__always)
    func bind(_ index: Int32, _ value: [UInt8]) throws {
        let stmt = statement.sqliteStatement
        let code = value.withUnsafeBytes { raw in
            sqlite3_bind_blob(stmt, index, raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, Int32(raw.count), Self.transient)
        }
        try check(code, index)
    }

    @inline(__always)
    func bind(_ index: Int32, _ value: Int64) throws {
        try check(sqlite3_bind_int64(statement.sqliteStatement, index, value), index)
    }

    /// NULL for nil (an `INTEGER PRIMARY KEY` then takes the next id).
    @inline(__always)
    func bind(_ index: Int32, _ value: Int64?) throws {
        guard let value else {
            return try check(sqlite3_bind_null(statement.sqliteStatement, index), index)
        }
        try bind(index, value)
    }

    @inline(__always)
    func bind(_ index: Int32, _ value: Double) throws {
        try check(sqlite3_bind_double(statement.sqliteStatement, index, value), index)
    }

    @inline(__always)
    private func check(_ code: Int32, _ index: Int32) throws {
        if code != SQLITE_OK { throw bindError(code, index) }
    }

    @inline(never)
    private func bindError(_ code: Int32, _ index: Int32) -> DatabaseError {
        let reason = db.lastErrorMessage ?? String(cString: sqlite3_errstr(code))
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: "parameter \(index): \(reason)",
                             sql: statement.sql)
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
        try forEachWhile(statement, arguments, db: db) { stmt in
            try body(stmt)
            return true
        }
    }

    /// Like `forEach`, until `body` returns false.
    static func forEachWhile(_ statement: Statement, _ arguments: StatementArguments, db: Database,
                             _ body: (OpaquePointer) throws -> Bool) throws {
        statement.setUncheckedArguments(arguments)
        let stmt = statement.sqliteStatement
        defer { sqlite3_reset(stmt) }
        while true {
            let code = sqlite3_step(stmt)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage, sql: statement.sql)
            }
            guard try body(stmt) else { return }
        }
    }

    /// Each row of `statement`, read by column through `selection` (the columns its SQL
    /// was made from).
    static func forEach<Columns>(_ statement: Statement, _ arguments: StatementArguments, db: Database,
                                 _ selection: Selection<Columns>,
                                 _ body: (RawRow<Columns>) throws -> Void) throws {
        try forEach(statement, arguments, db: db) { try body(RawRow(statement: $0, selection: selection)) }
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

/// The columns of one table as an enum, in the table's order (its `CREATE TABLE`): the
/// case name is the column's SQL name, the raw value its place among the table's
/// columns, which lets a `Selection` find a column in a row by indexing an array.
protocol TableColumns: ColumnExpression, CaseIterable, Hashable, Sendable, RawRepresentable where RawValue == Int {}

extension TableColumns {
    /// The SQL name: the case name.
    var name: String { String(describing: self) }
}

/// The columns a query selects, in order. A statement's column list is written from it
/// and its rows are read through it (`RawRow`), so the list and the decoding cannot
/// drift apart; a column that was not selected traps instead of reading another one.
final class Selection<Columns: TableColumns>: Sendable {
    let columns: [Columns]
    /// The place of each column in the result row, by `Columns.rawValue`; -1 when not selected.
    private let places: [Int32]

    /// `columns` at places `first`, `first + 1`, … of the result row (`first` > 0 when
    /// other columns come before them, as in a join).
    init(_ columns: [Columns], from first: Int32 = 0) {
        self.columns = columns
        var places = [Int32](repeating: -1, count: Columns.allCases.count)
        for (i, c) in columns.enumerated() {
            precondition(places[c.rawValue] < 0, "\(c) selected twice")
            places[c.rawValue] = first + Int32(i)
        }
        self.places = places
    }

    /// The same columns, placed after `count` others.
    func after(_ count: Int32) -> Selection {
        Selection(columns, from: count)
    }

    var count: Int32 { Int32(columns.count) }

    /// The column list: `a, b` or, with a table alias, `t.a, t.b`.
    func sql(_ alias: String? = nil) -> String {
        columns.map { (alias.map { "\($0)." } ?? "") + $0.name }.joined(separator: ", ")
    }

    @inline(__always)
    subscript(column: Columns) -> Int32 {
        let place = places[column.rawValue]
        precondition(place >= 0, "column not selected")
        return place
    }
}

/// The current row of a statement stepped through the C API, read by column.
struct RawRow<Columns: TableColumns> {
    let statement: OpaquePointer
    let selection: Selection<Columns>

    @inline(__always) func text(_ column: Columns) -> String { RawRows.text(statement, selection[column]) }
    @inline(__always) func optionalText(_ column: Columns) -> String? { RawRows.optionalText(statement, selection[column]) }
    @inline(__always) func int64(_ column: Columns) -> Int64 { RawRows.int64(statement, selection[column]) }
    @inline(__always) func double(_ column: Columns) -> Double { RawRows.double(statement, selection[column]) }
    @inline(__always) func bytes(_ column: Columns) -> [UInt8] { RawRows.bytes(statement, selection[column]) }
    /// A time stored as seconds since 1970.
    @inline(__always) func date(_ column: Columns) -> Date {
        Date(timeIntervalSince1970: RawRows.double(statement, selection[column]))
    }
}
