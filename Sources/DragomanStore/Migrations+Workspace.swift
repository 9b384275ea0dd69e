internal import GRDB

extension Migrations {
    /// "2026-12-07 workspace": what `dragoman serve` keeps besides the TM and glossary.
    ///
    /// - `ws_user`: the people a shared server lets in. Only the SHA-256 of each API token
    ///   is stored (the token is shown once), unique so that a request's token is found by
    ///   its hash.
    /// - `ws_document`: an article posted for translation, with its text as given and its
    ///   pre-translation (segments and their proposals) as the application layer encoded it
    ///   (the store keeps bytes, like the word-alignment model), so that a document is the
    ///   same after a restart.
    /// - `ws_segment`: the translator's work on a segment (its target, state, who and
    ///   when, the TM unit a confirmed segment was stored as); a segment without a row has
    ///   not been touched.
    static func workspaceTables(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE ws_user (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                role TEXT NOT NULL CHECK (role IN ('reader', 'translator', 'admin')),
                tokenHash BLOB NOT NULL UNIQUE,
                created REAL NOT NULL
            );
            CREATE TABLE ws_document (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                sourceLanguage TEXT NOT NULL CHECK (sourceLanguage IN ('ar', 'en')),
                layout TEXT NOT NULL,
                text TEXT NOT NULL,
                segments INTEGER NOT NULL,
                pretranslation BLOB NOT NULL,
                creator TEXT,
                created REAL NOT NULL,
                changed REAL NOT NULL
            );
            CREATE TABLE ws_segment (
                document INTEGER NOT NULL REFERENCES ws_document(id) ON DELETE CASCADE,
                number INTEGER NOT NULL,
                target TEXT NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('draft', 'translated', 'confirmed')),
                changedBy TEXT,
                changed REAL NOT NULL,
                unit INTEGER,
                PRIMARY KEY (document, number)
            ) WITHOUT ROWID;
            """)
    }
}
