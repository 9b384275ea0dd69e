import ArgumentParser
import DragomanText
import Foundation
import GRDB

/// Runs many `dragoman` processes at once on one database and checks that readers never
/// wait for writers, that a writer waiting too long fails with a clear message (exit 75,
/// no "database is locked", no stack trace), and that afterwards every successful write is
/// there exactly once and nothing of a failed one. Three phases: several processes
/// creating the same new database; writers and readers while another connection holds the
/// write lock longer than the busy timeout; N processes importing, adding, matching and
/// looking up for a bounded time.
struct ConcurrencyTest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "concurrency",
        abstract: "Run N dragoman processes at once (import, add, match, lookup); check counts, integrity and messages.")

    @OptionGroup var options: StressOptions
    @Option(help: "Processes running at once.") var processes = 8
    @Option(help: "Seconds the mixed phase runs.") var seconds = 60.0
    @Option(help: "Pairs per imported TM file (and rows per glossary file).") var importLines = 1_000
    @Option(help: "Rounds of processes creating one new database at once.") var creationRounds = 6
    @Option(help: "Seconds the write lock is held in the lock phase (more than the 10 s busy timeout; 0 skips it).")
    var lockSeconds = 12.0

    func validate() throws {
        if processes < 1 { throw ValidationError("--processes must be at least 1") }
    }

    func run() throws {
        let start = Date()
        let executable = try DragomanLocator.find(options.dragoman)
        let work = try WorkFolder(prefix: "dragoman-concurrency")
        defer { options.finish(work) }
        note("concurrency test: \(executable), \(processes) processes, work folder \(work.path)")
        let input = try StressData(sentences: 400, terms: 400, dataDirectory: options.data, seed: options.seed)
        let run = ConcurrencyRun(child: ChildProcess(executable: executable, workDirectory: work.path), work: work,
                                 input: input, seed: options.seed)
        var report = ConcurrencyReport()
        report.data = input.source
        report.dragoman = executable
        run.creation(rounds: creationRounds, processes: processes, into: &report)
        let database = work.file("shared.sqlite")
        try run.prepare(database)
        if lockSeconds > 0 { try run.lockPhase(database, seconds: lockSeconds, into: &report) }
        try run.mixed(database, processes: processes, seconds: seconds, importLines: importLines, into: &report)
        report.failures = run.failures.all
        report.ok = report.failures.isEmpty
        report.seconds = Date().timeIntervalSince(start)
        try options.emit(report)
    }
}

struct ConcurrencyReport: Codable, StressReport {
    var ok = true
    var dragoman = ""
    var data = ""
    var seconds = 0.0
    var creation = Creation()
    var lock: Lock?
    var mixed = Mixed()
    var failures: [String] = []

    /// Processes that all find the database missing and create it at once.
    struct Creation: Codable {
        var rounds = 0
        var processesPerRound = 0
        var exitCodes: [String: Int] = [:]
        /// Rounds whose database holds the starter glossary exactly once.
        var starterGlossaryOnce = 0
        var starterRounds = 0
        /// Processes that saw the starter glossary (in rounds that load it).
        var sawStarterGlossary = 0
        var starterProcesses = 0
        var integrityOK = 0
    }

    struct Timed: Codable {
        var command: String
        var exitCode: Int32
        var ms: Int
        var message: String
    }

    /// Commands run while another connection holds the write lock.
    struct Lock: Codable {
        var heldSeconds: Double
        var writers: [Timed] = []
        var readers: [Timed] = []
    }

    struct Role: Codable {
        var role: String
        var processes = 0
        var attempted = 0
        var succeeded = 0
        var failedBusy = 0
        var failedOther = 0
        var p50Ms = 0
        var p95Ms = 0
        var maxMs = 0
    }

    struct Counts: Codable {
        var expected = 0
        var found = 0
        var missing = 0
        var duplicates = 0
        var fromFailedCommands = 0
        var unexpected = 0
    }

    struct Mixed: Codable {
        var processes = 0
        var wallSeconds = 0.0
        var operations = 0
        var roles: [Role] = []
        var exitCodes: [String: Int] = [:]
        var stderrProblems = 0
        var tmUnits = Counts()
        var glossaryEntries = Counts()
        var integrity = ""
    }

    func printText() {
        print("concurrency test: \(dragoman)")
        print("input: \(data)")
        let c = creation
        print("\ncreating one new database at once: \(c.rounds) rounds × \(c.processesPerRound) processes; exit codes \(c.exitCodes.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", "))")
        print("  starter glossary loaded exactly once: \(c.starterGlossaryOnce)/\(c.starterRounds) rounds; processes that saw it: \(c.sawStarterGlossary)/\(c.starterProcesses); integrity_check ok: \(c.integrityOK)/\(c.rounds)")
        if let lock {
            print("\nwrite lock held for \(lock.heldSeconds) s by another connection:")
            for t in lock.writers + lock.readers {
                print("  \(t.command): exit \(t.exitCode) after \(t.ms) ms\(t.message.isEmpty ? "" : ": \(t.message)")")
            }
        }
        let m = mixed
        print(String(format: "\nmixed: %d processes for %.1f s, %d operations", m.processes, m.wallSeconds, m.operations))
        print("  role            procs  attempted  ok     busy  other  p50 ms  p95 ms  max ms")
        for r in m.roles {
            print("  " + [r.role.padding(toLength: 14, withPad: " ", startingAt: 0), "\(r.processes)".leftPad(5),
                         "\(r.attempted)".leftPad(10), "\(r.succeeded)".leftPad(5), "\(r.failedBusy)".leftPad(6),
                         "\(r.failedOther)".leftPad(6), "\(r.p50Ms)".leftPad(7), "\(r.p95Ms)".leftPad(7), "\(r.maxMs)".leftPad(7)]
                .joined(separator: " "))
        }
        print("  exit codes: \(m.exitCodes.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")); stderr with \"database is locked\", \"Fatal error\" or a stack trace: \(m.stderrProblems)")
        for (name, n) in [("TM units", m.tmUnits), ("glossary entries", m.glossaryEntries)] {
            print("  \(name): expected \(n.expected), found \(n.found); missing \(n.missing), duplicates \(n.duplicates), from failed commands \(n.fromFailedCommands), unexpected \(n.unexpected)")
        }
        print("  integrity_check: \(m.integrity)")
        print(String(format: "\n%@ in %.0f s", ok ? "all invariants held" : "FAILED", seconds))
        for f in failures.prefix(30) { print("  failure: \(f)") }
        if failures.count > 30 { print("  … and \(failures.count - 30) more") }
    }
}

extension String {
    func leftPad(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}

/// Failures gathered from several threads.
final class FailureLog: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []

    func add(_ message: String) {
        lock.lock()
        items.append(message)
        lock.unlock()
        note("FAILURE: \(message)")
    }

    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return items
    }
}

/// Unique pairs handed out to concurrent writers: real ones first (with --data), then
/// synthetic ones, never the same pair twice.
final class PairSupply: @unchecked Sendable {
    private let lock = NSLock()
    private var real: [TextPair]
    private var seen: Set<TextPair>
    private var next = 0
    private let make: (Int) -> TextPair

    init(real: [TextPair], reserved: [TextPair], make: @escaping (Int) -> TextPair) {
        self.real = real.reversed()
        self.seen = Set(reserved)
        self.make = make
    }

    func take(_ count: Int) -> [TextPair] {
        lock.lock()
        defer { lock.unlock() }
        var out: [TextPair] = []
        while out.count < count {
            let pair: TextPair
            if let r = real.popLast() { pair = r } else {
                pair = make(next)
                next += 1
            }
            if seen.insert(pair).inserted { out.append(pair) }
        }
        return out
    }
}

/// One operation of the mixed phase and what it should have stored.
struct Operation: Sendable {
    var role: String
    var exitCode: Int32
    var seconds: Double
    var stderrProblems: [String]
    var tmPairs: [TextPair] = []
    var glossaryPairs: [TextPair] = []
}

final class OperationLog: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Operation] = []

    func add(_ operation: Operation) {
        lock.lock()
        items.append(operation)
        lock.unlock()
    }

    var all: [Operation] {
        lock.lock()
        defer { lock.unlock() }
        return items
    }
}

final class ConcurrencyRun: @unchecked Sendable {
    let child: ChildProcess
    let work: WorkFolder
    let input: StressData
    let failures = FailureLog()
    let sentences: PairSupply
    let terms: PairSupply
    let seedTM: [TextPair]
    let seedGlossary: [TextPair]
    let seed: UInt64

    init(child: ChildProcess, work: WorkFolder, input: StressData, seed: UInt64) {
        self.child = child
        self.work = work
        self.input = input
        self.seed = seed
        seedTM = Array(input.sentences.prefix(200))
        seedGlossary = Array(input.terms.prefix(200))
        let realSentences = input.source.hasPrefix("synthetic") ? [] : Array(input.sentences.dropFirst(200))
        let realTerms = input.source.hasPrefix("synthetic") ? [] : Array(input.terms.dropFirst(200))
        sentences = PairSupply(real: realSentences, reserved: input.sentences, make: SyntheticText.sentence)
        terms = PairSupply(real: realTerms, reserved: input.terms, make: SyntheticText.term)
    }

    /// Runs `body` on `count` threads at once and waits for all.
    func together(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        let group = DispatchGroup()
        for i in 0..<count {
            let thread = Thread { body(i); group.leave() }
            group.enter()
            thread.start()
        }
        group.wait()
    }

    // MARK: Creation

    func creation(rounds: Int, processes: Int, into report: inout ConcurrencyReport) {
        report.creation.rounds = rounds
        report.creation.processesPerRound = processes
        // The starter glossary as one process loads it.
        let reference = work.file("reference.sqlite")
        var starterEntries = 0
        var starterTerm: String?
        if let result = try? child.run(["tm", "stats", "--db", reference]), result.exitCode == 0,
           let probe = try? DatabaseProbe(path: reference) {
            starterEntries = (try? probe.count("SELECT count(*) FROM gl_entry")) ?? 0
            starterTerm = try? probe.queue.read { db in
                try String.fetchOne(db, sql: "SELECT text FROM gl_term WHERE language = 'ar' AND words = 1 ORDER BY id LIMIT 1")
            }
        }
        if starterEntries == 0 { note("the starter glossary was not found beside dragoman: creation rounds use --empty only") }
        let lookup = starterTerm ?? "غزة"
        let codes = Counter()
        for round in 0..<rounds {
            let path = work.file("new-\(round).sqlite")
            let withStarter = round % 2 == 0 && starterEntries > 0
            let outputs = Outputs(count: processes)
            let pairs = sentences.take(processes)
            together(processes) { i in
                let arguments = withStarter
                    ? ["term", "lookup", lookup, "--db", path]
                    : ["tm", "add", pairs[i].arabic, pairs[i].english, "--db", path, "--empty"]
                do {
                    outputs.set(i, try self.child.run(arguments))
                } catch {
                    self.failures.add("creation: cannot run dragoman: \(error)")
                }
            }
            for (i, result) in outputs.all.enumerated() {
                guard let result else { continue }
                codes.add("\(result.exitCode)")
                if result.exitCode != 0 {
                    failures.add("creation round \(round) process \(i): exit \(result.exitCode): \(result.stderr.prefix(300))")
                }
                let problems = StderrCheck.problems(result.stderr)
                if !problems.isEmpty { failures.add("creation round \(round) process \(i): stderr has \(problems)") }
                if withStarter {
                    report.creation.starterProcesses += 1
                    if result.exitCode == 0 && result.stdout.contains(lookup) {
                        report.creation.sawStarterGlossary += 1
                    } else {
                        failures.add("creation round \(round) process \(i): did not see the starter glossary (\(result.stderr.prefix(200)))")
                    }
                }
            }
            do {
                let probe = try DatabaseProbe(path: path)
                let integrity = try probe.integrity()
                if integrity == "ok" { report.creation.integrityOK += 1 } else { failures.add("creation round \(round): integrity_check: \(integrity)") }
                if withStarter {
                    report.creation.starterRounds += 1
                    let entries = try probe.count("SELECT count(*) FROM gl_entry")
                    if entries == starterEntries { report.creation.starterGlossaryOnce += 1 } else {
                        failures.add("creation round \(round): \(entries) glossary entries for a starter glossary of \(starterEntries)")
                    }
                } else {
                    let stored = Set(try probe.tmPairs())
                    let added = pairs.enumerated().filter { outputs.all[$0.offset]?.exitCode == 0 }.map(\.element)
                    let rows = try probe.count("SELECT count(*) FROM tu")
                    if !Set(added).isSubset(of: stored) || stored.count != rows {
                        failures.add("creation round \(round): the TM does not hold each added pair once")
                    }
                }
            } catch {
                failures.add("creation round \(round): cannot read the database: \(error)")
            }
            note("creation round \(round + 1)/\(rounds) (\(withStarter ? "starter glossary" : "--empty, tm add")) done")
        }
        report.creation.exitCodes = codes.all
    }

    // MARK: Shared database

    func prepare(_ database: String) throws {
        try StressData.tmTSV(seedTM).write(toFile: work.file("seed-tm.tsv"), atomically: true, encoding: .utf8)
        try StressData.glossaryTSV(seedGlossary, domain: "seed").write(toFile: work.file("seed-glossary.tsv"), atomically: true, encoding: .utf8)
        for arguments in [["tm", "import", work.file("seed-tm.tsv"), "--db", database, "--empty"],
                          ["term", "import", work.file("seed-glossary.tsv"), "--db", database]] {
            let result = try child.run(arguments)
            if result.exitCode != 0 { throw StressFailure("dragoman \(arguments.joined(separator: " ")): \(result.stderr)") }
        }
    }

    /// Pairs that were written by a command that failed: they must not be stored.
    let failed = OperationLog()

    func lockPhase(_ database: String, seconds: Double, into report: inout ConcurrencyReport) throws {
        var lock = ConcurrencyReport.Lock(heldSeconds: seconds)
        var config = Configuration()
        config.busyMode = .timeout(30)
        // A pool, as dragoman opens one: opening it leaves a non-empty WAL file, without
        // which a reader opening its own pool would have to write (and wait).
        let queue = try DatabasePool(path: database, configuration: config)
        let tmPair = sentences.take(1)[0]
        let termPair = terms.take(1)[0]
        let query = seedTM[0].arabic
        let commands: [(String, [String], Bool)] = [
            ("tm add", ["tm", "add", tmPair.arabic, tmPair.english, "--db", database], true),
            ("term add", ["term", "add", termPair.arabic, termPair.english, "--db", database], true),
            ("tm match", ["tm", "match", query, "--db", database], false),
            ("term lookup", ["term", "lookup", seedGlossary[0].arabic, "--db", database], false),
        ]
        let outputs = Outputs(count: commands.count)
        let locked = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let holder = Thread {
            do {
                try queue.writeWithoutTransaction { db in
                    try db.execute(sql: "BEGIN IMMEDIATE")
                    locked.signal()
                    _ = release.wait(timeout: .now() + seconds)
                    try db.execute(sql: "ROLLBACK")
                }
            } catch {
                self.failures.add("lock phase: cannot hold the write lock: \(error)")
                locked.signal()
            }
        }
        holder.start()
        locked.wait()
        note("lock phase: write lock held for \(seconds) s")
        together(commands.count) { i in
            if let result = try? self.child.run(commands[i].1) { outputs.set(i, result) }
        }
        release.signal()
        for (i, (name, _, isWriter)) in commands.enumerated() {
            guard let r = outputs.all[i] else { failures.add("lock phase: \(name) did not run"); continue }
            let message = r.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
            let timed = ConcurrencyReport.Timed(command: name, exitCode: r.exitCode, ms: Figures.ms(r.seconds),
                                                message: String(message.prefix(200)))
            let problems = StderrCheck.problems(r.stderr)
            if !problems.isEmpty { failures.add("lock phase: \(name): stderr has \(problems)") }
            if isWriter {
                lock.writers.append(timed)
                if r.exitCode != 75 || !message.contains("busy") {
                    failures.add("lock phase: \(name) under a held write lock: exit \(r.exitCode) (expected 75 with a message saying the database is busy): \(message.prefix(200))")
                }
                if r.seconds < 9 { failures.add("lock phase: \(name) gave up after \(r.seconds) s, before the busy timeout") }
                if r.exitCode != 0 {
                    failed.add(Operation(role: name, exitCode: r.exitCode, seconds: r.seconds, stderrProblems: problems,
                                         tmPairs: name == "tm add" ? [tmPair] : [], glossaryPairs: name == "term add" ? [termPair] : []))
                }
            } else {
                lock.readers.append(timed)
                if r.exitCode != 0 { failures.add("lock phase: reader \(name) failed under a write lock: exit \(r.exitCode): \(message.prefix(200))") }
                if r.seconds > 5 { failures.add("lock phase: reader \(name) took \(r.seconds) s under a write lock") }
            }
        }
        report.lock = lock
    }

    // MARK: Mixed

    static let roles = ["tm import", "term add", "tm match", "term import", "tm add", "term lookup"]

    func mixed(_ database: String, processes: Int, seconds: Double, importLines: Int, into report: inout ConcurrencyReport) throws {
        let log = OperationLog()
        let start = Date()
        let deadline = start.addingTimeInterval(seconds)
        let queries = seedTM.map(\.arabic)
        let lookups = seedGlossary.map(\.arabic)
        let folder = work.file("mixed")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        note(String(format: "mixed phase: %d processes for %.0f s", processes, seconds))
        together(processes) { worker in
            let role = Self.roles[worker % Self.roles.count]
            var rng = SplitMix64(seed: self.seed &+ UInt64(worker) &* 7919)
            var n = 0
            while Date() < deadline {
                n += 1
                var op = Operation(role: role, exitCode: 0, seconds: 0, stderrProblems: [])
                var arguments: [String]
                switch role {
                case "tm import":
                    op.tmPairs = self.sentences.take(importLines)
                    let file = (folder as NSString).appendingPathComponent("tm-\(worker)-\(n).tsv")
                    try? StressData.tmTSV(op.tmPairs).write(toFile: file, atomically: true, encoding: .utf8)
                    arguments = ["tm", "import", file]
                case "term import":
                    op.glossaryPairs = self.terms.take(importLines)
                    let file = (folder as NSString).appendingPathComponent("gl-\(worker)-\(n).tsv")
                    try? StressData.glossaryTSV(op.glossaryPairs, domain: "concurrent").write(toFile: file, atomically: true, encoding: .utf8)
                    arguments = ["term", "import", file]
                case "tm add":
                    op.tmPairs = self.sentences.take(1)
                    arguments = ["tm", "add", op.tmPairs[0].arabic, op.tmPairs[0].english]
                case "term add":
                    op.glossaryPairs = self.terms.take(1)
                    arguments = ["term", "add", op.glossaryPairs[0].arabic, op.glossaryPairs[0].english]
                case "tm match":
                    var words = queries[Int.random(in: 0..<queries.count, using: &rng)].split(separator: " ")
                    if words.count > 3 { words.remove(at: Int.random(in: 0..<words.count, using: &rng)) }
                    arguments = ["tm", "match", words.joined(separator: " "), "--json"]
                default:
                    arguments = ["term", "lookup", lookups[Int.random(in: 0..<lookups.count, using: &rng)], "--json"]
                }
                do {
                    let result = try self.child.run(arguments + ["--db", database])
                    op.exitCode = result.exitCode
                    op.seconds = result.seconds
                    op.stderrProblems = StderrCheck.problems(result.stderr)
                    if result.exitCode != 0 && result.exitCode != 75 {
                        self.failures.add("\(role): exit \(result.exitCode): \(result.stderr.prefix(300))")
                    }
                    if result.exitCode == 75 && !result.stderr.contains("busy") {
                        self.failures.add("\(role): exit 75 without a message saying the database is busy: \(result.stderr.prefix(300))")
                    }
                    if !op.stderrProblems.isEmpty {
                        self.failures.add("\(role): stderr has \(op.stderrProblems): \(result.stderr.prefix(300))")
                    }
                } catch {
                    op.exitCode = -1
                    self.failures.add("\(role): cannot run dragoman: \(error)")
                }
                log.add(op)
            }
        }
        let wall = Date().timeIntervalSince(start)
        let operations = log.all
        var mixed = ConcurrencyReport.Mixed(processes: processes, wallSeconds: wall, operations: operations.count)
        let codes = Counter()
        for role in Self.roles {
            let ops = operations.filter { $0.role == role }
            let workers = (0..<processes).filter { Self.roles[$0 % Self.roles.count] == role }.count
            guard workers > 0 else { continue }
            let times = ops.map(\.seconds)
            mixed.roles.append(ConcurrencyReport.Role(
                role: role, processes: workers, attempted: ops.count, succeeded: ops.filter { $0.exitCode == 0 }.count,
                failedBusy: ops.filter { $0.exitCode == 75 }.count,
                failedOther: ops.filter { $0.exitCode != 0 && $0.exitCode != 75 }.count,
                p50Ms: Figures.ms(Figures.percentile(times, 0.5)), p95Ms: Figures.ms(Figures.percentile(times, 0.95)),
                maxMs: Figures.ms(times.max() ?? 0)))
            if role == "tm match" || role == "term lookup" {
                for op in ops where op.exitCode != 0 { failures.add("reader \(role) failed: exit \(op.exitCode)") }
            }
        }
        for op in operations { codes.add("\(op.exitCode)") }
        mixed.exitCodes = codes.all
        mixed.stderrProblems = operations.filter { !$0.stderrProblems.isEmpty }.count
        // What the database must hold: the seed, then every successful write once.
        let succeeded = operations.filter { $0.exitCode == 0 }
        let failedOps = operations.filter { $0.exitCode != 0 } + failed.all
        let probe = try DatabaseProbe(path: database)
        mixed.integrity = try probe.integrity()
        if mixed.integrity != "ok" { failures.add("mixed: integrity_check: \(mixed.integrity)") }
        mixed.tmUnits = compare(stored: try probe.tmPairs(), expected: seedTM + succeeded.flatMap(\.tmPairs),
                                failed: failedOps.flatMap(\.tmPairs), name: "TM units")
        mixed.glossaryEntries = compare(stored: try probe.glossaryPairs(), expected: seedGlossary + succeeded.flatMap(\.glossaryPairs),
                                        failed: failedOps.flatMap(\.glossaryPairs), name: "glossary entries")
        report.mixed = mixed
    }

    func compare(stored: [TextPair], expected: [TextPair], failed: [TextPair], name: String) -> ConcurrencyReport.Counts {
        var counts = ConcurrencyReport.Counts(expected: expected.count, found: stored.count)
        var multiplicity: [TextPair: Int] = [:]
        for p in stored { multiplicity[p, default: 0] += 1 }
        let expectedSet = Set(expected)
        counts.missing = expectedSet.filter { multiplicity[$0] == nil }.count
        counts.duplicates = multiplicity.values.filter { $0 > 1 }.count
        counts.fromFailedCommands = failed.filter { multiplicity[$0] != nil }.count
        counts.unexpected = multiplicity.keys.filter { !expectedSet.contains($0) }.count
        if counts.missing + counts.duplicates + counts.fromFailedCommands + counts.unexpected > 0 || stored.count != expected.count {
            failures.add("mixed: \(name): expected \(expected.count), found \(stored.count): missing \(counts.missing), duplicates \(counts.duplicates), from failed commands \(counts.fromFailedCommands), unexpected \(counts.unexpected)")
        }
        return counts
    }
}

/// Results of processes run together, by index.
final class Outputs: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [ChildProcess.Result?]

    init(count: Int) { items = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ result: ChildProcess.Result) {
        lock.lock()
        items[i] = result
        lock.unlock()
    }

    var all: [ChildProcess.Result?] {
        lock.lock()
        defer { lock.unlock() }
        return items
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [String: Int] = [:]

    func add(_ key: String) {
        lock.lock()
        counts[key, default: 0] += 1
        lock.unlock()
    }

    var all: [String: Int] {
        lock.lock()
        defer { lock.unlock() }
        return counts
    }
}
