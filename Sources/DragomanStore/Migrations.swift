import GRDB

/// Schema steps, in order. Never edit a step once released: add a new one.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("2026-11-29 translation memory") { db in
            try db.execute(sql: """
                CREATE TABLE tu (
                    id INTEGER PRIMARY KEY,
                    arabic TEXT NOT NULL,
                    english TEXT NOT NULL,
                    arabicMarkup TEXT,
                    englishMarkup TEXT,
                    created REAL NOT NULL,
                    changed REAL NOT NULL,
                    creator TEXT,
                    origin TEXT,
                    note TEXT,
                    properties TEXT,
                    arPrev INTEGER, arNext INTEGER, enPrev INTEGER, enNext INTEGER,
                    usageCount INTEGER NOT NULL DEFAULT 0,
                    pairHash INTEGER NOT NULL,
                    arKeyHash INTEGER NOT NULL,
                    enKeyHash INTEGER NOT NULL,
                    arWeight INTEGER NOT NULL,
                    enWeight INTEGER NOT NULL,
                    arProfile BLOB NOT NULL,
                    enProfile BLOB NOT NULL
                );
                CREATE INDEX tu_pair ON tu(pairHash);
                CREATE INDEX tu_arKey ON tu(arKeyHash);
                CREATE INDEX tu_enKey ON tu(enKeyHash);
                CREATE TABLE tm_vocab (
                    id INTEGER PRIMARY KEY,
                    text TEXT NOT NULL UNIQUE,
                    arFrequency INTEGER NOT NULL DEFAULT 0,
                    enFrequency INTEGER NOT NULL DEFAULT 0
                );
                CREATE TABLE tm_posting (
                    side INTEGER NOT NULL,
                    base INTEGER NOT NULL,
                    chunk INTEGER NOT NULL,
                    count INTEGER NOT NULL,
                    lastID INTEGER NOT NULL,
                    ids BLOB NOT NULL,
                    PRIMARY KEY (side, base, chunk)
                ) WITHOUT ROWID;
                """)
        }
        return m
    }
}
