import Foundation
import GRDB
import Testing

// The documented exit codes (README, "Exit codes") and the help of every command, checked
// on the built `dragoman`: one row per case, each in a temporary folder of its own with its
// own database ($DRAGOMAN_DB), HOME and XDG_DATA_HOME, so that the user's database is never
// reached. 70 (internal error, a bug) has no row: nothing triggers it on purpose.

/// One command line and how it must end.
struct ExitCodeCase: Sendable, CustomTestStringConvertible {
    /// What the case is about, for a person reading the test output.
    var summary: String
    /// Paths are relative to the case's folder (the working directory).
    var arguments: [String]
    var stdin: String?
    /// Added to the case's environment ($DRAGOMAN_DB, HOME and XDG_DATA_HOME in its folder).
    var environment: [String: String] = [:]
    /// What the folder holds before the command runs.
    var given: [Given] = []
    /// Another connection holds the database's write lock while the command runs.
    var holdingTheWriteLock = false
    var exitCode: Int32
    /// What the command must print.
    var output: Output
    /// What must hold afterwards: nothing half-written where it matters.
    var afterwards: [Afterwards] = []

    var testDescription: String {
        let shown = arguments.map { $0.contains(" ") || $0.isEmpty ? "\"\($0)\"" : $0 }.joined(separator: " ")
        return "\(exitCode) ← dragoman \(shown) (\(summary))"
    }
}

/// What a case's folder holds before the command runs.
enum Given: Sendable {
    /// A database made with the CLI (`--empty`): `ExitCodeCase.units` TM units and one
    /// glossary entry.
    case database
    /// Then a unit's stored key hash changed behind Dragoman's back, as
    /// DatabaseMaintenanceTests damages one: `check` must notice.
    case damage
    /// Then its `PRAGMA user_version` raised past any schema version this build knows, and
    /// the log checkpointed into the file.
    case newerSchema
    case file(String, Data)
    case folder(String)
    /// A dragoman command run while preparing (it must succeed).
    case run([String])

    static func text(_ name: String, _ text: String) -> Given { .file(name, Data(text.utf8)) }
}

/// Where the fragment a command must print is.
enum Output: Sendable {
    case stderr(String)
    case stdout(String)
    /// A regular expression the whole of stdout must match.
    case stdoutMatching(String)
}

/// What must hold after the command.
enum Afterwards: Sendable {
    case tmUnits(Int)
    case glossaryEntries(Int)
    /// A file or folder that must not exist (relative to the case's folder, or absolute).
    case absent(String)
    /// The database file byte for byte as before, and no file added or removed beside it
    /// (its -wal and -shm files aside).
    case databaseUntouched
    /// Also on stdout.
    case stdout(String)
}

extension ExitCodeCase {
    static let arabic = ["قال الرئيس إن المفاوضات ستستأنف الأسبوع المقبل.", "ارتفعت أسعار النفط بنسبة ٣٪ يوم الاثنين."]
    static let english = ["The president said negotiations would resume next week.", "Oil prices rose 3% on Monday."]
    /// The TM units of `Given.database`.
    static let units = 2

    static let goodLine = "وقال الوزير إن الاجتماع انتهى.\tThe minister said the meeting was over.\n"
    static let tmxHead = """
        <?xml version="1.0" encoding="UTF-8"?>
        <tmx version="1.4">
          <header creationtool="test" creationtoolversion="1" segtype="sentence" o-tmf="test" adminlang="en" srclang="ar" datatype="plaintext"/>
          <body>
            <tu><tuv xml:lang="ar"><seg>أعلنت الحكومة خطة جديدة.</seg></tuv><tuv xml:lang="en"><seg>The government announced a new plan.</seg></tuv></tu>

        """
    /// A TBX whose first entry is good and whose second is not well-formed.
    static let brokenTBX = """
        <?xml version="1.0" encoding="UTF-8"?>
        <tbx type="TBX-Min" style="dct" xml:lang="ar" xmlns="urn:iso:std:iso:30042:ed-2" xmlns:min="http://www.tbxinfo.net/ns/min">
          <tbxHeader><fileDesc><sourceDesc><p>broken</p></sourceDesc></fileDesc></tbxHeader>
          <text>
            <body>
              <conceptEntry id="refugees">
                <langSec xml:lang="ar"><termSec><term>اللاجئون</term></termSec></langSec>
                <langSec xml:lang="en"><termSec><term>refugees</term></termSec></langSec>
              </conceptEntry>
              <conceptEntry id="talks">
                <langSec xml:lang="ar"><termSec><term>المفاوضات</term></termSec></langSec>
                <langSec xml:lang="en"><termSec><term>negotiations</term></langSec>
              </conceptEntry>
            </body>
          </text>
        </tbx>

        """
    /// An XLIFF 2.1 file of `arabic` and `english` whose two segments say `state`.
    static func xliff(state: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="ar" trgLang="en">
          <file id="f1" original="article.txt">
            <unit id="u1"><segment state="\(state)"><source>\(arabic[0])</source><target>\(english[0])</target></segment></unit>
            <unit id="u2"><segment state="\(state)"><source>\(arabic[1])</source><target>\(english[1])</target></segment></unit>
          </file>
        </xliff>

        """
    }
    /// "قال الرئيس." in Windows-1256, as an Arabic article saved by an old editor: not UTF-8.
    static let windows1256: [UInt8] = [0xDE, 0xC7, 0xE1, 0x20, 0xC7, 0xE1, 0xD1, 0xC6, 0xED, 0xD3, 0x2E, 0x0A]

    static let all: [ExitCodeCase] = [
        // 0: success
        ExitCodeCase(summary: "a pair added to a new database", arguments: ["tm", "add", arabic[0], english[0], "--empty"],
                     exitCode: 0, output: .stdout("added unit 1"), afterwards: [.tmUnits(1)]),
        ExitCodeCase(summary: "the version", arguments: ["--version"],
                     exitCode: 0, output: .stdoutMatching(#"[0-9]+\.[0-9]+\.[0-9]+\n?"#)),
        ExitCodeCase(summary: "imports undo of a TM import", arguments: ["imports", "undo", "1"],
                     given: [.database, .text("more.tsv", "غادر الوفد بيروت صباح اليوم.\tThe delegation left Beirut this morning.\n"),
                             .run(["tm", "import", "more.tsv"])],
                     exitCode: 0, output: .stdout("removed 1 unit"), afterwards: [.tmUnits(units)]),
        ExitCodeCase(summary: "imports --json after a glossary import given a priority", arguments: ["imports", "--json"],
                     given: [.database, .text("dict.tsv", "arabic\tenglish\nتوقيت\tTimings\n"),
                             .run(["term", "import", "dict.tsv", "--priority", "bulk"])],
                     exitCode: 0, output: .stdout("\"priority\" : \"bulk\""), afterwards: [.glossaryEntries(2)]),
        ExitCodeCase(summary: "check of a sound database", arguments: ["check"], given: [.database],
                     exitCode: 0, output: .stdout("ok      sqlite integrity"), afterwards: [.tmUnits(units)]),

        ExitCodeCase(summary: "qa of a clean translation", arguments: ["qa", "done.tsv"],
                     given: [.database, .text("done.tsv", "ارتفعت الأسعار بنسبة ٣٥٪ يوم الاثنين.\tPrices rose 35% on Monday.\n")],
                     exitCode: 0, output: .stdout("0 errors, 0 warnings")),
        ExitCodeCase(summary: "qa of a translation with warnings only", arguments: ["qa", "done.tsv"],
                     given: [.database, .text("done.tsv", "قال الرئيس\tThe the president said\n")],
                     exitCode: 1, output: .stdout("doubled-word")),
        ExitCodeCase(summary: "a glossary entry imported again is merged", arguments: ["term", "import", "again.tsv", "--no-header"],
                     given: [.database, .text("again.tsv", "الأمم المتحدة\tUnited Nations\n")],
                     exitCode: 0, output: .stdout("merged 1 entry"), afterwards: [.glossaryEntries(1)]),

        // 64: usage
        ExitCodeCase(summary: "tm remove with both an id and --origin", arguments: ["tm", "remove", "1", "--origin", "news.tmx"],
                     given: [.database], exitCode: 64, output: .stderr("--origin"), afterwards: [.tmUnits(units)]),
        ExitCodeCase(summary: "imports undo without an id", arguments: ["imports", "undo"],
                     given: [.database], exitCode: 64, output: .stderr("<id>"), afterwards: [.tmUnits(units)]),
        ExitCodeCase(summary: "imports priority with a level that does not exist", arguments: ["imports", "priority", "1", "high"],
                     given: [.database], exitCode: 64, output: .stderr("high"), afterwards: [.tmUnits(units)]),
        ExitCodeCase(summary: "term remove of two entries with --term", arguments: ["term", "remove", "1", "2", "--term", "1"],
                     given: [.database], exitCode: 64, output: .stderr("--term"), afterwards: [.glossaryEntries(1)]),
        ExitCodeCase(summary: "serve on a network address while the workspace has no users", arguments: ["serve", "--host", "0.0.0.0", "--port", "0"],
                     given: [.database], exitCode: 64, output: .stderr("dragoman user add"), afterwards: [.tmUnits(units)]),
        ExitCodeCase(summary: "an unknown option", arguments: ["tm", "add", "قال الرئيس", "the president said", "--bogus"],
                     exitCode: 64, output: .stderr("--bogus"), afterwards: [.absent("dragoman.sqlite")]),
        ExitCodeCase(summary: "a missing argument", arguments: ["tm", "add", "قال الرئيس"],
                     exitCode: 64, output: .stderr("<english>"), afterwards: [.absent("dragoman.sqlite")]),
        ExitCodeCase(summary: "a score out of range", arguments: ["tm", "match", "قال الرئيس", "--min-score", "200"],
                     exitCode: 64, output: .stderr("--min-score"), afterwards: [.absent("dragoman.sqlite")]),
        ExitCodeCase(summary: "a fragment confidence out of range", arguments: ["tm", "fragments", "قال الرئيس", "--min-confidence", "2"],
                     exitCode: 64, output: .stderr("--min-confidence"), afterwards: [.absent("dragoman.sqlite")]),
        ExitCodeCase(summary: "a fragment --min-count below one", arguments: ["tm", "fragments", "--min-count", "0"],
                     exitCode: 64, output: .stderr("--min-count"), afterwards: [.absent("dragoman.sqlite")]),
        ExitCodeCase(summary: "an unknown command", arguments: ["translate", "article.txt"],
                     exitCode: 64, output: .stderr("translate")),
        ExitCodeCase(summary: "a TM file whose format the name does not tell", arguments: ["tm", "import", "pairs.xyz"],
                     given: [.database, .text("pairs.xyz", goodLine)],
                     exitCode: 64, output: .stderr("pairs.xyz"), afterwards: [.tmUnits(units)]),

        // 65: bad input; check finding problems
        ExitCodeCase(summary: "removing a user who does not exist", arguments: ["user", "remove", "nobody"], given: [.database],
                     exitCode: 65, output: .stderr("there is no user nobody"), afterwards: [.tmUnits(units)]),
        ExitCodeCase(summary: "a TSV whose second line has English first", arguments: ["tm", "import", "english-first.tsv"],
                     given: [.database, .text("english-first.tsv", goodLine + "The spokesman said\tقال المتحدث\n")],
                     exitCode: 65, output: .stderr("english-first.tsv:2"), afterwards: [.tmUnits(units)]),
        ExitCodeCase(summary: "a TSV whose second line has one column", arguments: ["tm", "import", "one-column.tsv"],
                     given: [.database, .text("one-column.tsv", goodLine + "قال المتحدث باسم الحكومة\n")],
                     exitCode: 65, output: .stderr("one-column.tsv:2"), afterwards: [.tmUnits(units)]),
        ExitCodeCase(summary: "a TMX whose second unit has one language", arguments: ["tm", "import", "one-language.tmx"],
                     given: [.database, .text("one-language.tmx", tmxHead + """
                             <tu><tuv xml:lang="ar"><seg>وقال المتحدث</seg></tuv></tu>
                           </body>
                         </tmx>

                         """)],
                     exitCode: 65, output: .stderr("one-language.tmx"), afterwards: [.tmUnits(units)]),
        ExitCodeCase(summary: "a TMX not well-formed after its first unit", arguments: ["tm", "import", "not-well-formed.tmx"],
                     given: [.database, .text("not-well-formed.tmx", tmxHead + """
                             <tu><tuv xml:lang="ar"><seg>وقال المتحدث</seg></tuv><tuv xml:lang="en"><seg>The spokesman said</tuv></tu>
                           </body>
                         </tmx>

                         """)],
                     exitCode: 65, output: .stderr("not-well-formed.tmx"), afterwards: [.tmUnits(units)]),
        ExitCodeCase(summary: "pairs loaded before pre-translating, from a TSV whose second line has English first",
                     arguments: ["pretranslate", "article.txt", "--load-tm", "english-first.tsv"],
                     given: [.database, .text("article.txt", "قال الرئيس إن الاجتماع انتهى.\n"),
                             .text("english-first.tsv", goodLine + "The spokesman said\tقال المتحدث\n")],
                     exitCode: 65, output: .stderr("english-first.tsv:2"), afterwards: [.tmUnits(units)]),
        ExitCodeCase(summary: "a TBX not well-formed after its first entry", arguments: ["term", "import", "broken.tbx"],
                     given: [.database, .text("broken.tbx", brokenTBX)],
                     exitCode: 65, output: .stderr("broken.tbx"), afterwards: [.glossaryEntries(1)]),
        ExitCodeCase(summary: "check of a damaged database", arguments: ["check"], given: [.database, .damage],
                     exitCode: 65, output: .stderr("the check found problems"), afterwards: [.stdout("PROBLEM tm units")]),
        ExitCodeCase(summary: "an article that is not UTF-8", arguments: ["pretranslate", "windows-1256.txt"],
                     given: [.database, .file("windows-1256.txt", Data(windows1256))],
                     exitCode: 65, output: .stderr("UTF-8"), afterwards: [.tmUnits(units)]),

        ExitCodeCase(summary: "a pair given English first", arguments: ["tm", "add", "The Security Council met.", "عقد مجلس الأمن اجتماعا."],
                     given: [.database],
                     exitCode: 65, output: .stderr("swapped"), afterwards: [.tmUnits(units)]),
        ExitCodeCase(summary: "a headerless glossary TSV with English first", arguments: ["term", "import", "en-first.tsv", "--no-header"],
                     given: [.database, .text("en-first.tsv", "West Bank\tالضفة الغربية\n")],
                     exitCode: 65, output: .stderr("swapped"), afterwards: [.glossaryEntries(1)]),
        ExitCodeCase(summary: "a TMX pseudo-translation (the English is the Arabic)", arguments: ["tm", "import", "pseudo.tmx"],
                     given: [.database, .text("pseudo.tmx", tmxHead.replacingOccurrences(of: "The government announced a new plan.", with: "أعلنت الحكومة خطة جديدة.") + """
                           </body>
                         </tmx>

                         """)],
                     exitCode: 65, output: .stderr("mostly Arabic"), afterwards: [.tmUnits(units)]),
        ExitCodeCase(summary: "a TSV whose columns are all swapped", arguments: ["tm", "import", "swapped.tsv"],
                     given: [.database, .text("swapped.tsv", "The minister said the meeting was over.\tوقال الوزير إن الاجتماع انتهى.\nOil prices rose.\tارتفعت أسعار النفط.\n")],
                     exitCode: 65, output: .stderr("--columns en,ar"), afterwards: [.tmUnits(units)]),
        ExitCodeCase(summary: "a merge of an XLIFF whose targets are not reviewed", arguments: ["merge", "article.xlf", "-o", "article.en.txt"],
                     given: [.text("article.xlf", xliff(state: "initial"))],
                     exitCode: 65, output: .stderr("u1, u2; review them"), afterwards: [.absent("article.en.txt")]),
        ExitCodeCase(summary: "a TM import of an XLIFF whose second unit has no source", arguments: ["tm", "import", "review.xlf"],
                     given: [.database, .text("review.xlf", xliff(state: "translated")
                         .replacingOccurrences(of: arabic[0], with: "أعلنت الحكومة خطة جديدة.")
                         .replacingOccurrences(of: english[0], with: "The government announced a new plan.")
                         .replacingOccurrences(of: "<source>\(arabic[1])</source>", with: ""))],
                     exitCode: 65, output: .stderr("has no <source>"), afterwards: [.tmUnits(units)]),
        ExitCodeCase(summary: "a Word document given as an article", arguments: ["pretranslate", "article.docx"],
                     given: [.database, .file("article.docx", Data([0x50, 0x4B, 0x03, 0x04] + Array("\0\0word/document.xml".utf8)))],
                     exitCode: 65, output: .stderr("a Word document (ZIP container)"), afterwards: [.tmUnits(units)]),
        ExitCodeCase(summary: "an HTML page given as an article", arguments: ["pretranslate", "page.html"],
                     given: [.database, .text("page.html", "<!DOCTYPE html>\n<html><body><p>قال الرئيس.</p></body></html>\n")],
                     exitCode: 65, output: .stderr("an HTML page"), afterwards: [.tmUnits(units)]),
        ExitCodeCase(summary: "an output whose extension names no format", arguments: ["pretranslate", "article.txt", "-o", "out.docx"],
                     given: [.database, .text("article.txt", "قال الرئيس إن الاجتماع انتهى.\n")],
                     exitCode: 64, output: .stderr(".xlf"), afterwards: [.absent("out.docx")]),

        ExitCodeCase(summary: "qa of a translation with a changed number", arguments: ["qa", "done.tsv"],
                     given: [.database, .text("done.tsv", "ارتفعت الأسعار بنسبة ٣٥٪.\tPrices rose 25%.\n")],
                     exitCode: 65, output: .stdout("missing-number"), afterwards: [.stdout("1 error")]),
        ExitCodeCase(summary: "term remove of several entries, one of them unknown", arguments: ["term", "remove", "1", "999"],
                     given: [.database], exitCode: 65, output: .stderr("999"), afterwards: [.glossaryEntries(1)]),
        ExitCodeCase(summary: "tm remove of an origin no unit has", arguments: ["tm", "remove", "--origin", "nowhere.tmx"],
                     given: [.database], exitCode: 65, output: .stderr("nowhere.tmx"), afterwards: [.tmUnits(units)]),
        ExitCodeCase(summary: "imports undo of an import that is not there", arguments: ["imports", "undo", "99"],
                     given: [.database], exitCode: 65, output: .stderr("no import 99"), afterwards: [.tmUnits(units)]),
        ExitCodeCase(summary: "imports undo of an import undone already", arguments: ["imports", "undo", "1"],
                     given: [.database, .text("more.tsv", "غادر الوفد بيروت صباح اليوم.\tThe delegation left Beirut this morning.\n"),
                             .run(["tm", "import", "more.tsv"]), .run(["imports", "undo", "1"])],
                     exitCode: 65, output: .stderr("undone already"), afterwards: [.tmUnits(units)]),

        // 66: an input file does not exist or cannot be read
        ExitCodeCase(summary: "a --db in a folder that does not exist", arguments: ["tm", "stats", "--db", "no-such-dir/x.sqlite"],
                     exitCode: 66, output: .stderr("no-such-dir/x.sqlite"), afterwards: [.absent("no-such-dir")]),
        ExitCodeCase(summary: "a write to a --db in a folder that does not exist", arguments: ["tm", "add", arabic[0], english[0], "--db", "no-such-dir/x.sqlite"],
                     exitCode: 66, output: .stderr("does not exist"), afterwards: [.absent("no-such-dir")]),
        ExitCodeCase(summary: "learning in a named database that does not exist", arguments: ["tm", "learn", "--db", "missing.sqlite"],
                     exitCode: 66, output: .stderr("missing.sqlite"), afterwards: [.absent("missing.sqlite")]),
        ExitCodeCase(summary: "fragments from a named database that does not exist", arguments: ["tm", "fragments", "قال الرئيس", "--db", "missing.sqlite"],
                     exitCode: 66, output: .stderr("missing.sqlite"), afterwards: [.absent("missing.sqlite")]),
        ExitCodeCase(summary: "a lookup in a named database that does not exist", arguments: ["term", "lookup", "القدس", "--db", "missing.sqlite"],
                     exitCode: 66, output: .stderr("missing.sqlite"), afterwards: [.absent("missing.sqlite")]),
        ExitCodeCase(summary: "a match in $DRAGOMAN_DB that does not exist", arguments: ["tm", "match", "قال الرئيس"],
                     exitCode: 66, output: .stderr("dragoman.sqlite"), afterwards: [.absent("dragoman.sqlite")]),
        ExitCodeCase(summary: "a missing TM file", arguments: ["tm", "import", "no-such-file.tsv"], given: [.database],
                     exitCode: 66, output: .stderr("no-such-file.tsv"), afterwards: [.tmUnits(units)]),
        ExitCodeCase(summary: "a missing article", arguments: ["pretranslate", "no-such-file.txt"], given: [.database],
                     exitCode: 66, output: .stderr("no-such-file.txt")),
        ExitCodeCase(summary: "a folder given as the XLIFF file", arguments: ["merge", "article.xlf", "-o", "article.txt"],
                     given: [.folder("article.xlf")],
                     exitCode: 66, output: .stderr("article.xlf"), afterwards: [.absent("article.txt")]),
        ExitCodeCase(summary: "a folder named like a TMX file", arguments: ["tm", "import", "x.tmx"],
                     given: [.database, .folder("x.tmx")],
                     exitCode: 66, output: .stderr("x.tmx"), afterwards: [.tmUnits(units)]),
        ExitCodeCase(summary: "a folder named like a TBX file", arguments: ["term", "import", "terms.tbx"],
                     given: [.database, .folder("terms.tbx")],
                     exitCode: 66, output: .stderr("terms.tbx"), afterwards: [.glossaryEntries(1)]),
        ExitCodeCase(summary: "a missing termbase", arguments: ["term", "import", "missing.tbx"], given: [.database],
                     exitCode: 66, output: .stderr("missing.tbx"), afterwards: [.glossaryEntries(1)]),
        ExitCodeCase(summary: "backup of a database that does not exist", arguments: ["backup", "copy.sqlite", "--db", "missing.sqlite"],
                     exitCode: 66, output: .stderr("missing.sqlite"), afterwards: [.absent("missing.sqlite"), .absent("copy.sqlite")]),
        ExitCodeCase(summary: "check of a database that does not exist", arguments: ["check", "--db", "missing.sqlite"],
                     exitCode: 66, output: .stderr("missing.sqlite"), afterwards: [.absent("missing.sqlite")]),

        // 74: an output file cannot be written
        ExitCodeCase(summary: "a TM export into a folder that does not exist", arguments: ["tm", "export", "-o", "/nonexistent-folder/out.tmx"],
                     given: [.database],
                     exitCode: 74, output: .stderr("/nonexistent-folder/out.tmx"), afterwards: [.absent("/nonexistent-folder")]),
        ExitCodeCase(summary: "a glossary export into a folder that does not exist", arguments: ["term", "export", "-o", "no-such-folder/terms.tbx"],
                     given: [.database],
                     exitCode: 74, output: .stderr("no-such-folder/terms.tbx"), afterwards: [.absent("no-such-folder")]),

        // 75: busy. The busy timeout is fixed at 10 s (DragomanDatabase(path:busyTimeout:),
        // no option or environment variable), so this one case takes about 10 s.
        ExitCodeCase(summary: "a write while another connection holds the write lock", arguments: ["tm", "add", "قال الرئيس", "the president said"],
                     given: [.database], holdingTheWriteLock: true,
                     exitCode: 75, output: .stderr("busy"), afterwards: [.tmUnits(units)]),

        // 78: a database written by a newer Dragoman, left untouched
        ExitCodeCase(summary: "stats of a database from a newer Dragoman", arguments: ["tm", "stats"], given: [.database, .newerSchema],
                     exitCode: 78, output: .stderr("newer"), afterwards: [.databaseUntouched]),
        ExitCodeCase(summary: "a write to a database from a newer Dragoman", arguments: ["tm", "add", "قال الرئيس", "the president said"],
                     given: [.database, .newerSchema],
                     exitCode: 78, output: .stderr("newer"), afterwards: [.databaseUntouched]),
    ]
}

/// A temporary folder for one case: the working directory, its files, its database.
final class Sandbox {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("dragoman-exit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    func path(_ name: String) -> String { name.hasPrefix("/") ? name : folder.appendingPathComponent(name).path }

    var database: String { path("dragoman.sqlite") }

    /// The test's environment without Dragoman's variables; the database, HOME and
    /// XDG_DATA_HOME in this folder (HOME and XDG_DATA_HOME are never created: a command
    /// that writes there has missed $DRAGOMAN_DB).
    func environment(adding extra: [String: String] = [:]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("DRAGOMAN_") }
        environment["DRAGOMAN_DB"] = database
        environment["HOME"] = path("home")
        environment["XDG_DATA_HOME"] = path("xdg")
        return environment.merging(extra) { $1 }
    }

    func dragoman(_ arguments: [String], stdin: String? = nil, environment extra: [String: String] = [:]) throws -> ExecutionResult {
        try execute("dragoman", arguments, stdin: stdin.map { Data($0.utf8) }, environment: environment(adding: extra), in: folder)
    }

    func prepare(_ given: Given) throws {
        switch given {
        case .database:
            for (i, (arabic, english)) in zip(ExitCodeCase.arabic, ExitCodeCase.english).enumerated() {
                let result = try dragoman(["tm", "add", arabic, english] + (i == 0 ? ["--empty"] : []))
                try #require(result.exitCode == 0, "preparing the database: \(result.transcript)")
            }
            let result = try dragoman(["term", "add", "الأمم المتحدة", "United Nations"])
            try #require(result.exitCode == 0, "preparing the database: \(result.transcript)")
        case .damage:
            try withDatabase { db in try db.execute(sql: "UPDATE tu SET arKeyHash = arKeyHash + 1 WHERE id = 1") }
        case .newerSchema:
            try withDatabase { db in
                try db.execute(sql: "PRAGMA user_version = 9999")
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            }
        case .file(let name, let data):
            try data.write(to: URL(fileURLWithPath: path(name)))
        case .folder(let name):
            try FileManager.default.createDirectory(atPath: path(name), withIntermediateDirectories: true)
        case .run(let arguments):
            let result = try dragoman(arguments)
            try #require(result.exitCode == 0, "preparing: \(result.transcript)")
        }
    }

    /// Opens the database with GRDB, as another program would.
    func withDatabase<T>(_ body: (Database) throws -> T) throws -> T {
        let queue = try DatabaseQueue(path: database)
        defer { try? queue.close() }
        return try queue.writeWithoutTransaction(body)
    }

    func count(_ table: String) throws -> Int {
        try withDatabase { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0 }
    }

    /// Runs `body` while another connection holds the database's write lock (BEGIN
    /// IMMEDIATE on a pool, as `dragoman-eval concurrency` holds it), then rolls back.
    func holdingTheWriteLock<T>(_ body: () throws -> T) throws -> T {
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        let pool = try DatabasePool(path: database, configuration: configuration)
        defer { try? pool.close() }
        return try pool.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            defer { try? db.execute(sql: "ROLLBACK") }
            return try body()
        }
    }

    /// The database's bytes and the names beside it (log and shared-memory files aside).
    struct Snapshot: Equatable {
        var database: Data?
        var names: [String]
    }

    func snapshot() throws -> Snapshot {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { !$0.hasSuffix("-wal") && !$0.hasSuffix("-shm") }.sorted()
        return Snapshot(database: FileManager.default.contents(atPath: database), names: names)
    }

    /// Temporary files left behind: a half-written output or database under its
    /// temporary name (`.NAME.tmp-PID`, `.NAME.new-PID`).
    func strayFiles() -> [String] {
        guard let walk = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        return walk.compactMap { $0 as? String }.filter { name in
            let last = (name as NSString).lastPathComponent
            return last.contains(".tmp-") || last.contains(".new-")
        }
    }
}

@Suite struct ExitCodeTests {
    static let dragomanBuilt = BuiltExecutable.path("dragoman") != nil

    /// What stderr must never show: a crash, a stack trace, a raw SQLite or Foundation error.
    static let forbidden = ["internal error", "Fatal error", "Stack dump", "Backtrace", "Program crashed",
                            "database is locked", "SQLite error", "Error Domain="]

    @Test(.enabled(if: dragomanBuilt, "dragoman is not built beside the test bundle"), arguments: ExitCodeCase.all)
    func exitCode(_ row: ExitCodeCase) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        for given in row.given { try sandbox.prepare(given) }
        let before = try sandbox.snapshot()
        let run = { try sandbox.dragoman(row.arguments, stdin: row.stdin, environment: row.environment) }
        let result = row.holdingTheWriteLock ? try sandbox.holdingTheWriteLock(run) : try run()
        let transcript = "\(row.testDescription)\n\(result.transcript)"

        #expect(result.exitCode == row.exitCode, "expected exit \(row.exitCode)\n\(transcript)")
        switch row.output {
        case .stderr(let fragment):
            #expect(result.stderr.contains(fragment), "stderr lacks \"\(fragment)\"\n\(transcript)")
        case .stdout(let fragment):
            #expect(result.stdout.contains(fragment), "stdout lacks \"\(fragment)\"\n\(transcript)")
        case .stdoutMatching(let pattern):
            #expect(try Regex(pattern).wholeMatch(in: result.stdout) != nil, "stdout does not match /\(pattern)/\n\(transcript)")
        }
        // Failures (64 and above) say so; `qa`'s 1 (warnings found) is a result, not a failure.
        if row.exitCode >= 64 {
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.contains { $0.hasPrefix("dragoman: error: ") }, "no line of stderr starts \"dragoman: error: \"\n\(transcript)")
        }
        let problems = Self.forbidden.filter { result.stderr.localizedCaseInsensitiveContains($0) }
        #expect(problems.isEmpty, "stderr shows \(problems)\n\(transcript)")
        #expect(sandbox.strayFiles().isEmpty, "left behind: \(sandbox.strayFiles())\n\(transcript)")
        for place in ["home", "xdg"] {
            #expect(!FileManager.default.fileExists(atPath: sandbox.path(place)), "wrote under $\(place == "home" ? "HOME" : "XDG_DATA_HOME") instead of $DRAGOMAN_DB\n\(transcript)")
        }

        for condition in row.afterwards {
            switch condition {
            case .tmUnits(let n):
                let found = try sandbox.count("tu")
                #expect(found == n, "the TM holds \(found) units, expected \(n)\n\(transcript)")
            case .glossaryEntries(let n):
                let found = try sandbox.count("gl_entry")
                #expect(found == n, "the glossary holds \(found) entries, expected \(n)\n\(transcript)")
            case .absent(let name):
                #expect(!FileManager.default.fileExists(atPath: sandbox.path(name)), "\(name) exists afterwards\n\(transcript)")
            case .databaseUntouched:
                let after = try sandbox.snapshot()
                #expect(before.database != nil && after.database == before.database, "the database file changed\n\(transcript)")
                #expect(after.names == before.names, "files beside the database: \(before.names) before, \(after.names) after\n\(transcript)")
            case .stdout(let fragment):
                #expect(result.stdout.contains(fragment), "stdout lacks \"\(fragment)\"\n\(transcript)")
            }
        }
    }
}

// MARK: Help

/// A command of `dragoman`, as the words that name it (`[]` for dragoman itself).
struct CommandPath: Sendable, Hashable, CustomTestStringConvertible {
    var words: [String]
    var testDescription: String { (["dragoman"] + words).joined(separator: " ") }
}

/// A way of asking for a command's help.
struct HelpCase: Sendable, CustomTestStringConvertible {
    var command: CommandPath
    var arguments: [String]
    var testDescription: String { (["dragoman"] + arguments).joined(separator: " ") }

    /// `X --help` and `X -h` for every command; `help X` for every command too (the
    /// top-level ones and their subcommands, `dragoman help tm import`).
    static let all: [HelpCase] = CommandTree.discovered.flatMap { path in
        [HelpCase(command: path, arguments: path.words + ["--help"]),
         HelpCase(command: path, arguments: path.words + ["-h"]),
         HelpCase(command: path, arguments: ["help"] + path.words)]
    }
}

/// The commands of the built `dragoman`, found by walking the SUBCOMMANDS sections of
/// `dragoman --help`, then of each `dragoman X --help`, so that a new command is covered
/// without editing the tests.
enum CommandTree {
    static let discovered: [CommandPath] = BuiltExecutable.path("dragoman") == nil ? [] : walk([])

    /// The command names listed under SUBCOMMANDS (or under a group's "… SUBCOMMANDS:"
    /// heading) in a help text. A name is indented by two spaces, the continuation lines
    /// of its abstract by more; a blank line ends the list.
    static func subcommands(inHelp text: String) -> [String] {
        var names: [String] = []
        var inList = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if !line.hasPrefix(" ") && line.hasSuffix("SUBCOMMANDS:") {
                inList = true
                continue
            }
            guard inList else { continue }
            if line.trimmingCharacters(in: .whitespaces).isEmpty {
                inList = false
                continue
            }
            guard line.hasPrefix("  "), !line.hasPrefix("   ") else { continue }
            let name = line.dropFirst(2).prefix { !$0.isWhitespace && $0 != "," }
            if !name.isEmpty && name != "help" { names.append(String(name)) }
        }
        return names
    }

    /// Runs `dragoman WORDS --help` (in a throwaway folder and environment).
    static func help(_ words: [String]) -> ExecutionResult? {
        guard let sandbox = try? Sandbox() else { return nil }
        defer { sandbox.remove() }
        return try? sandbox.dragoman(words + ["--help"])
    }

    private static func walk(_ words: [String]) -> [CommandPath] {
        var children: [String]
        if let result = help(words), result.exitCode == 0 {
            children = subcommands(inHelp: result.stdout)
        } else {
            // This --help is broken (its own case reports how): find the subcommands in
            // the parser's JSON description instead, so that every command is still checked.
            children = dumpedSubcommands(words)
        }
        return [CommandPath(words: words)] + children.flatMap { walk(words + [$0]) }
    }

    /// The tree as swift-argument-parser describes it (`--experimental-dump-help`).
    struct Dumped: Decodable {
        var commandName: String
        var shouldDisplay: Bool?
        var subcommands: [Dumped]?
    }

    static let dumped: Dumped? = {
        guard let sandbox = try? Sandbox() else { return nil }
        defer { sandbox.remove() }
        struct Tool: Decodable { var command: Dumped }
        guard let result = try? sandbox.dragoman(["--experimental-dump-help"]), result.exitCode == 0 else { return nil }
        return (try? JSONDecoder().decode(Tool.self, from: Data(result.stdout.utf8)))?.command
    }()

    /// The shown subcommands of `words` in the dumped tree, without the generated `help`.
    static func dumpedSubcommands(_ words: [String]) -> [String] {
        var node = dumped
        for word in words { node = node?.subcommands?.first { $0.commandName == word } }
        return (node?.subcommands ?? []).filter { $0.shouldDisplay != false && $0.commandName != "help" }.map(\.commandName)
    }
}

@Suite struct HelpTests {
    static let dragomanBuilt = BuiltExecutable.path("dragoman") != nil

    /// Every way of asking for help exits 0 and prints that command's help on stdout.
    @Test(.enabled(if: dragomanBuilt, "dragoman is not built beside the test bundle"), arguments: HelpCase.all)
    func help(_ row: HelpCase) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let result = try sandbox.dragoman(row.arguments)
        let transcript = "\(row.testDescription)\n\(result.transcript)"
        #expect(result.exitCode == 0, "expected exit 0\n\(transcript)")
        #expect(result.stdout.hasPrefix("OVERVIEW:") || result.stdout.hasPrefix("USAGE:"),
                "stdout does not start with OVERVIEW: or USAGE:\n\(transcript)")
        let usage = "USAGE: " + row.command.testDescription
        #expect(result.stdout.contains(usage), "not the help of \(row.command.testDescription): no \"\(usage)\"\n\(transcript)")
        #expect(result.stderr.isEmpty, "stderr is not empty\n\(transcript)")
    }

    /// The walk reads `dragoman --help` itself, finds the commands the parser knows (its
    /// JSON description, `--experimental-dump-help`) at every level, and at least the
    /// commands the README documents.
    @Test(.enabled(if: dragomanBuilt, "dragoman is not built beside the test bundle"))
    func theWalkFindsEveryCommand() throws {
        let root = try #require(CommandTree.help([]))
        #expect(root.exitCode == 0, "dragoman --help\n\(root.transcript)")
        let found = Set(CommandTree.discovered.map(\.words))
        for words in [["tm"], ["tm", "import"], ["term"], ["term", "import"], ["pretranslate"], ["merge"], ["backup"], ["check"]] {
            #expect(found.contains(words), "the walk did not find dragoman \(words.joined(separator: " "))")
        }
        // The help text's SUBCOMMANDS, as parsed, against the parser's own tree: a change in
        // the help layout must not make the walk miss commands silently.
        if CommandTree.dumped != nil {
            for path in CommandTree.discovered {
                guard let result = CommandTree.help(path.words), result.exitCode == 0 else { continue }
                #expect(CommandTree.subcommands(inHelp: result.stdout) == CommandTree.dumpedSubcommands(path.words),
                        "\(path.testDescription) --help lists other subcommands than the parser knows")
            }
        }
    }
}
