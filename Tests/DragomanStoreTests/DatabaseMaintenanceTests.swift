import Foundation
import GRDB
import Testing
@testable import DragomanStore
import DragomanGlossary
import DragomanTM

/// Schema versions, backups and `dragoman check` on real databases.
@Suite struct DatabaseMaintenanceTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("dragoman-maintenance-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    static let pairs = [
        ("أكد المشاركون على اعتبار القدس محور الصراع.", "Participants stressed that Jerusalem is the core of the conflict."),
        ("وقال الرئيس إن المفاوضات ستستأنف الأسبوع المقبل.", "The president said negotiations would resume next week."),
        ("ارتفعت أسعار النفط بنسبة ٣٪ يوم الاثنين.", "Oil prices rose 3% on Monday."),
    ]

    /// A database with the three pairs and one glossary entry.
    func filledDatabase(_ name: String) throws -> DragomanDatabase {
        let database = try DragomanDatabase(path: path(name))
        let tm = SQLiteTranslationMemory(database: database)
        _ = try tm.add(contentsOf: Self.pairs.map { TranslationUnit(arabic: $0.0, english: $0.1) })
        let glossary = SQLiteGlossary(database: database)
        _ = try glossary.add(NewEntry(terms: [NewTerm(.arabic, "الأمم المتحدة"), NewTerm(.english, "United Nations")]))
        _ = try glossary.add(NewEntry(terms: [NewTerm(.arabic, "المفاوضات"), NewTerm(.english, "negotiations")]))
        // Two import batches: one that only re-dated a unit, one that added a glossary entry.
        _ = try tm.add(contentsOf: [TranslationUnit(arabic: Self.pairs[0].0, english: Self.pairs[0].1)],
                       progress: nil, recording: ImportSource(file: "again.tsv", format: "tsv", creator: nil))
        try glossary.write { w in
            _ = try w.beginImport(file: "terms.tsv", format: "tsv", priority: .bulk, creator: nil)
            _ = try w.add(NewEntry(terms: [NewTerm(.arabic, "توقيت"), NewTerm(.english, "timing")]))
            _ = try w.finishImport(entriesAdded: 1, termsAdded: 2, entriesChanged: 0, skipped: 0)
        }
        return database
    }

    @Test func newDatabaseRecordsItsSchemaVersion() throws {
        let database = try DragomanDatabase(path: path("new.sqlite"))
        #expect(try database.schemaVersion() == DragomanDatabase.currentSchemaVersion)
        #expect(try database.read { try Int.fetchOne($0, sql: "PRAGMA user_version") } == DragomanDatabase.currentSchemaVersion)
        // A new database needs no backup.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".bak-") }.isEmpty)
    }

    @Test func olderDatabaseIsBackedUpThenMigrated() throws {
        // A database as the first release left it: only the first schema step.
        let old = path("old.sqlite")
        let first = Migrations.migrator.migrations[0]
        do {
            let queue = try DatabaseQueue(path: old)
            try Migrations.migrator.migrate(queue, upTo: first)
            try queue.write { db in
                try db.execute(sql: """
                    INSERT INTO tu (arabic, english, created, changed, arKeyHash, enKeyHash, arProfile, enProfile)
                    VALUES ('نص قديم', 'old text', 0, 0, 1, 2, x'', x'')
                    """)
            }
            try queue.close()
        }
        let database = try DragomanDatabase(path: old)
        #expect(try database.schemaVersion() == DragomanDatabase.currentSchemaVersion)
        #expect(try database.read { try $0.tableExists("gl_term") })
        // The copy taken before migrating is the old database, whole.
        let backup = try DatabaseQueue(path: old + ".bak-1")
        #expect(try backup.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM grdb_migrations") } == 1)
        #expect(try backup.read { try String.fetchOne($0, sql: "SELECT english FROM tu") } == "old text")
        #expect(try backup.read { try $0.tableExists("gl_term") } == false)
    }

    @Test func newerDatabaseIsRefusedAndLeftUntouched() throws {
        for (name, makeNewer) in [
            ("unknown-step.sqlite", "INSERT INTO grdb_migrations (identifier) VALUES ('2099-01-01 a future step')"),
            ("higher-version.sqlite", "PRAGMA user_version = 99"),
        ] {
            let file = path(name)
            do {
                let database = try filledDatabase(name)
                try database.pool.writeWithoutTransaction { db in
                    try db.execute(sql: makeNewer)
                    try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
                }
                try database.pool.close()
            }
            let before = try Data(contentsOf: URL(fileURLWithPath: file))
            #expect {
                _ = try DragomanDatabase(path: file)
            } throws: { error in
                (error as? StoreError)?.code == .newerSchema && "\(error)".contains("use a newer dragoman")
            }
            let after = try Data(contentsOf: URL(fileURLWithPath: file))
            #expect(after == before, "\(name): bytes differ at \(zip(after, before).enumerated().filter { $0.element.0 != $0.element.1 }.prefix(8).map(\.offset)), sizes \(after.count) \(before.count)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(name + ".bak") }.isEmpty)
        }
    }

    @Test func backupIsConsistentWhileAWriterIsInTheMiddleOfATransaction() throws {
        let database = try filledDatabase("live.sqlite")
        // Another connection holds an open write transaction with an uncommitted unit.
        let writer = try DatabaseQueue(path: path("live.sqlite"))
        let started = DispatchSemaphore(value: 0), finish = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        let queueWriter = UncheckedBox(writer)
        DispatchQueue.global().async {
            try? queueWriter.value.inTransaction { db in
                try db.execute(sql: "UPDATE tu SET english = 'uncommitted' WHERE id = 1")
                started.signal()
                finish.wait()
                return .rollback
            }
            done.signal()
        }
        started.wait()
        try database.backup(intoFile: path("copy.sqlite"))
        finish.signal()
        done.wait()
        let copy = try DragomanDatabase(path: path("copy.sqlite"))
        #expect(try SQLiteTranslationMemory(database: copy).count() == 3)
        #expect(try copy.read { try String.fetchOne($0, sql: "SELECT english FROM tu WHERE id = 1") } == Self.pairs[0].1)
        #expect(try DatabaseCheck(database: copy).run().passed)
    }

    /// A backup goes into a new or empty file only: never over a file with content.
    @Test func aBackupNeverOverwritesAFile() throws {
        let database = try filledDatabase("source.sqlite")
        let file = path("notes.txt")
        try Data("keep me\n".utf8).write(to: URL(fileURLWithPath: file))
        let error = #expect(throws: StoreError.self) { try database.backup(intoFile: file) }
        #expect(error?.failureKind == .cannotWrite)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "keep me\n")
        #expect(FileManager.default.createFile(atPath: path("empty.sqlite"), contents: nil))
        try database.backup(intoFile: path("empty.sqlite"))
        #expect(try SQLiteTranslationMemory(database: DragomanDatabase(path: path("empty.sqlite"))).count() == 3)
    }

    /// A reader opening the database while a long import holds the write lock answers at
    /// once: the log file outlives the connections, so opening never has to write.
    @Test func openingNeverWaitsForAWriter() throws {
        let file = path("busy.sqlite")
        let written = try filledDatabase("busy.sqlite")
        try written.pool.close()
        let log = try FileManager.default.attributesOfItem(atPath: file + "-wal")[.size] as? Int ?? 0
        #expect(log > 0)
        var holding = Configuration()
        holding.allowsUnsafeTransactions = true
        let writer = try DatabaseQueue(path: file, configuration: holding)
        try writer.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }
        defer { try? writer.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") } }
        let reader = try DragomanDatabase(path: file, busyTimeout: 0.5)
        #expect(try SQLiteTranslationMemory(database: reader).count() == 3)
    }

    @Test func checkPassesOnAGoodDatabase() throws {
        let report = try DatabaseCheck(database: try filledDatabase("good.sqlite")).run()
        #expect(report.passed, "\(report.checks.filter { !$0.passed })")
        #expect(report.checks.map(\.name) == ["sqlite integrity", "foreign keys", "tm units", "tm index", "tm frequencies",
                                              "glossary terms", "glossary index", "import batches"])
    }

    /// Damage done behind Dragoman's back, and the check that must notice it.
    static let damages: [(sql: String, failing: String)] = [
        ("DELETE FROM tm_posting WHERE (side, base, bucket, chunk) IN (SELECT side, base, bucket, chunk FROM tm_posting LIMIT 1)", "tm index"),
        ("UPDATE tu SET arKeyHash = arKeyHash + 1 WHERE id = 2", "tm units"),
        ("UPDATE tu SET arabic = 'قال الرئيس شيئا آخر تماما' WHERE id = 3", "tm units"),
        ("UPDATE tm_vocab SET arFrequency = arFrequency + 5 WHERE id = 1", "tm frequencies"),
        ("UPDATE gl_term SET key = 'امم' WHERE language = 'ar'", "glossary terms"),
        ("DELETE FROM gl_word", "glossary index"),
        ("DELETE FROM gl_fuzzy", "glossary index"),
        ("UPDATE gl_term SET priority = 0 WHERE batch IS NOT NULL", "import batches"),
        ("UPDATE import_batch SET undone = 1 WHERE kind = 'glossary'", "import batches"),
        ("DELETE FROM import_batch WHERE kind = 'glossary'", "import batches"),
    ]

    @Test(arguments: 0..<damages.count)
    func checkFindsDamage(_ index: Int) throws {
        let damage = Self.damages[index]
        let database = try filledDatabase("damaged-\(index).sqlite")
        // Written without Dragoman's code, as another tool or a bug would.
        try database.pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try db.execute(sql: damage.sql)
        }
        let report = try DatabaseCheck(database: database).run()
        #expect(!report.passed)
        let failing = report.checks.filter { !$0.passed }.map(\.name)
        #expect(failing.contains(damage.failing), "\(damage.sql): failing \(failing)")
        #expect(report.checks.first { $0.name == damage.failing }?.problems.isEmpty == false)
    }
}

/// Hands a non-Sendable value to another thread in a test that orders the accesses itself.
struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
