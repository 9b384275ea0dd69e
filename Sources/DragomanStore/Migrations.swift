internal import GRDB

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
                    arKeyHash INTEGER NOT NULL,
                    enKeyHash INTEGER NOT NULL,
                    arProfile BLOB NOT NULL,
                    enProfile BLOB NOT NULL
                );
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
                    bucket INTEGER NOT NULL,
                    chunk INTEGER NOT NULL,
                    count INTEGER NOT NULL,
                    lastID INTEGER NOT NULL,
                    ids BLOB NOT NULL,
                    PRIMARY KEY (side, base, bucket, chunk)
                ) WITHOUT ROWID;
                """)
        }
        m.registerMigration("2026-11-29 glossary") { db in
            // Concept-oriented, as in TBX: an entry (concept) has terms in Arabic and English.
            // `key`, `head`, `next`, `words` and `tokens` are derived from `text`
            // (TermAnalysis); the (head, next) index serves matching (a text asks for the
            // pairs of words it has), key lookups (a key determines its head) and prefixes.
            // gl_fuzzy (deletion neighbourhoods, hashed into 16,384 buckets) and gl_word
            // (words of multi-word terms) are derived as well: posting lists kept in a few
            // chunks (gl_chunk), log-structured, so that an import appends its own chunk
            // at the end of the table (or merges into a smaller last one) instead of
            // rewriting pages all over it.
            try db.execute(sql: """
                CREATE TABLE gl_entry (
                    id INTEGER PRIMARY KEY,
                    domain TEXT,
                    definition TEXT,
                    note TEXT,
                    created REAL NOT NULL,
                    changed REAL NOT NULL
                );
                CREATE TABLE gl_term (
                    id INTEGER PRIMARY KEY,
                    entry INTEGER NOT NULL REFERENCES gl_entry(id) ON DELETE CASCADE,
                    language TEXT NOT NULL CHECK (language IN ('ar', 'en')),
                    text TEXT NOT NULL,
                    pos TEXT,
                    status TEXT NOT NULL CHECK (status IN ('preferred', 'admitted', 'deprecated', 'forbidden')),
                    note TEXT,
                    source TEXT,
                    created REAL NOT NULL,
                    changed REAL NOT NULL,
                    key TEXT NOT NULL,
                    head TEXT NOT NULL,
                    next TEXT NOT NULL,
                    words INTEGER NOT NULL,
                    tokens TEXT NOT NULL
                );
                CREATE INDEX gl_term_entry ON gl_term(entry);
                CREATE INDEX gl_term_head ON gl_term(head, next);
                CREATE TABLE gl_chunk (
                    id INTEGER PRIMARY KEY,
                    kind TEXT NOT NULL CHECK (kind IN ('fuzzy', 'word')),
                    postings INTEGER NOT NULL
                );
                CREATE TABLE gl_fuzzy (
                    chunk INTEGER NOT NULL,
                    bucket INTEGER NOT NULL,
                    pairs BLOB NOT NULL,
                    PRIMARY KEY (chunk, bucket)
                ) WITHOUT ROWID;
                CREATE TABLE gl_word (
                    chunk INTEGER NOT NULL,
                    word TEXT NOT NULL,
                    terms BLOB NOT NULL,
                    PRIMARY KEY (chunk, word)
                ) WITHOUT ROWID;
                """)
        }
        m.registerMigration("2026-12-06 word alignment") { db in
            // Sub-sentence leverage. tm_link: each unit's word links between its match
            // tokens (Arabic index, English index), varint-coded; a unit without a row has
            // not been aligned yet. wa_word, wa_lexicon, wa_model: the learned model (the
            // words it knows, with how often each Arabic key stands as a word; per word and
            // direction, its translations and their probabilities; the model's parameters),
            // so that units added later are aligned on arrival without learning again.
            try db.execute(sql: """
                CREATE TABLE tm_link (
                    unit INTEGER PRIMARY KEY REFERENCES tu(id) ON DELETE CASCADE,
                    links BLOB NOT NULL
                );
                CREATE TABLE wa_word (
                    id INTEGER PRIMARY KEY,
                    text TEXT NOT NULL UNIQUE,
                    arabicCount INTEGER NOT NULL DEFAULT 0
                );
                CREATE TABLE wa_lexicon (
                    direction INTEGER NOT NULL CHECK (direction IN (0, 1)),
                    word INTEGER NOT NULL,
                    translations BLOB NOT NULL,
                    PRIMARY KEY (direction, word)
                ) WITHOUT ROWID;
                CREATE TABLE wa_model (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    learned REAL NOT NULL,
                    units INTEGER NOT NULL,
                    forwardTension REAL NOT NULL,
                    reverseTension REAL NOT NULL,
                    nullProbability REAL NOT NULL,
                    seconds REAL NOT NULL
                );
                """)
        }
        m.registerMigration("2026-12-07 import batches") { db in
            // Every import is a batch (`dragoman imports`) that `imports undo` can take back.
            // The rows an import adds carry its id (`batch`: NULL for rows entered by hand and
            // those from before this step); the first change an import makes to a row that
            // was there keeps the row's fields as they were in `import_before` (a JSON object
            // of column → value; its `changed` time in a column of its own, exactly). `gl_term.priority` is the term's `GlossaryPriority` rank
            // (0 curated: entered by hand, the starter glossary), read with the term so
            // that matching ranks entries without a join. AUTOINCREMENT: a batch id is never
            // given twice, so an id in a note or a script always means the same import.
            // Adding a column with a constant default rewrites no row: the step is instant
            // at a million units.
            try db.execute(sql: """
                CREATE TABLE import_batch (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    kind TEXT NOT NULL CHECK (kind IN ('tm', 'glossary')),
                    file TEXT NOT NULL,
                    format TEXT NOT NULL,
                    creator TEXT,
                    started REAL NOT NULL,
                    finished REAL,
                    added INTEGER NOT NULL DEFAULT 0,
                    termsAdded INTEGER NOT NULL DEFAULT 0,
                    updated INTEGER NOT NULL DEFAULT 0,
                    skipped INTEGER NOT NULL DEFAULT 0,
                    priority INTEGER,
                    undone REAL,
                    removedByUndo INTEGER,
                    restoredByUndo INTEGER
                );
                CREATE TABLE import_before (
                    batch INTEGER NOT NULL REFERENCES import_batch(id) ON DELETE CASCADE,
                    tableName TEXT NOT NULL CHECK (tableName IN ('tu', 'gl_entry', 'gl_term')),
                    row INTEGER NOT NULL,
                    fields TEXT NOT NULL,
                    changed REAL NOT NULL,
                    PRIMARY KEY (batch, tableName, row)
                ) WITHOUT ROWID;
                ALTER TABLE tu ADD COLUMN batch INTEGER;
                ALTER TABLE gl_entry ADD COLUMN batch INTEGER;
                ALTER TABLE gl_term ADD COLUMN batch INTEGER;
                ALTER TABLE gl_term ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
                """)
        }
        // The translator's workspace of `dragoman serve` (its own file: Migrations+Workspace.swift).
        m.registerMigration("2026-12-07 workspace", migrate: workspaceTables)
        return m
    }
}
