import ArgumentParser
import DragomanApp
import DragomanGlossary
import DragomanPretranslate
import DragomanText
import DragomanTM
import Foundation

/// `dragoman-eval repair`: fuzzy-match repair on names swapped into NTREX sentences.
///
/// The repair set: every sentence pair of ntrex-dev.tsv in which one name the starter
/// glossary knows (a country, a city or place, a month, a weekday) occurs once on each side
/// is copied with that name swapped for another of its kind on both sides; the Arabic keeps
/// its clitics (ل + البرازيل = للبرازيل), the English its possessive. The TM holds every
/// original pair (a database with the starter glossary, imported and learnt, as the CLI
/// makes it); the swapped Arabic is the query and the swapped English the reference.
/// Exact repair: the top suggestion equals the reference (white space normalised). The
/// negative set swaps in an invented name that neither the glossary nor the TM knows: any
/// repair of that difference is a wrong guess.
struct RepairEval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repair",
        abstract: "Fuzzy-match repair: exact-repair rate and chrF against --no-repair on NTREX sentences with swapped names; wrong repairs on unknown names.")

    @Argument(help: "The data folder (../shared/data).") var data: String
    @Option(help: "The lowest score of a match (tm match's default).") var minScore = 70
    @Option(help: "Failures to print.") var examples = 12
    @Option(help: "Also time pretranslate of the first 1,000 NTREX sentences against the benchmark TM of this many units (built once as `dragoman-eval pretranslate` builds it), in process, with and without repair; 0 skips it.")
    var benchUnits = 0
    @Option(help: "Runs of each timing (the best is reported).") var runs = 3
    @Option(help: "Where the benchmark database is kept (as for `dragoman-eval pretranslate`).") var work = NSTemporaryDirectory() + "dragoman-bench"
    @Option(help: "Write every query (set, query, reference, top target, repairs, left) as TSV to this file.") var dump: String?

    /// A name of a kind, as the starter glossary has it.
    struct Name: Hashable {
        var arabic: String
        var english: String
        var kind: String
    }

    /// One query: the swapped Arabic, the swapped English, the span of the swap in the query.
    struct Case {
        var query: String
        var reference: String
        var swapped: Range<Int>
        var original: String
        /// A proclitic on the Arabic name (و ف ب ك ل), a possessive after the English one.
        var clitic: Bool
        var possessive: Bool
    }

    /// Invented names (no glossary, no TM holds them), for the negative set.
    static let invented: [(arabic: String, english: String)] = [
        ("زنكلاند", "Zinkland"), ("بورتاسيا", "Portasia"), ("كالمونيا", "Kalmonia"), ("دريفانا", "Drevana"),
        ("سولتيريا", "Solteria"), ("مارفيستان", "Marvistan"), ("تولاريا", "Tolaria"), ("غرانوفيا", "Granovia"),
    ]

    func run() throws {
        let documents = try NTREX.load(dataDirectory: data)
        let pairs = documents.flatMap { zip($0.arabic, $0.english).map { (arabic: $0, english: $1) } }
        let folder = NSTemporaryDirectory() + "dragoman-repair-\(ProcessInfo.processInfo.processIdentifier)"
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let workspace = try Workspace.open(DatabaseLocation(path: folder + "/tm.sqlite", isExplicit: true), ifMissing: .create(empty: false))
        _ = try workspace.tm.add(contentsOf: pairs.map { TranslationUnit(arabic: $0.arabic, english: $0.english) })
        let t0 = Date()
        _ = try TMLearning(tm: workspace.tm, glossary: workspace.glossary).learn()
        print("ntrex-dev.tsv: \(pairs.count) sentence pairs in the TM, learnt in \(String(format: "%.1f", Date().timeIntervalSince(t0))) s")

        let names = try Self.names()
        let byEnglish = Dictionary(names.map { ($0.english, $0) }, uniquingKeysWith: { a, _ in a })
        let byKind = Dictionary(grouping: names, by: \.kind).mapValues { $0.sorted { $0.english < $1.english } }
        print("names of a kind in the starter glossary: " + byKind.keys.sorted().map { "\($0) \(byKind[$0]!.count)" }.joined(separator: ", "))

        var positive: [Case] = [], negative: [Case] = []
        var kinds: [String: Int] = [:]
        for (i, pair) in pairs.enumerated() {
            guard let (hit, name) = try Self.onlyName(in: pair, glossary: workspace.glossary, byEnglish: byEnglish) else { continue }
            let others = byKind[name.kind]!.filter { $0 != name }
            let swap = others[(i * 7919) % others.count]
            guard let p = Self.swapped(pair, hit: hit, old: name, new: (swap.arabic, swap.english)) else { continue }
            let unknown = Self.invented[i % Self.invented.count]
            guard let n = Self.swapped(pair, hit: hit, old: name, new: unknown) else { continue }
            positive.append(p)
            negative.append(n)
            kinds[name.kind, default: 0] += 1
        }
        print("repair set: \(positive.count) queries (" + kinds.keys.sorted().map { "\($0) \(kinds[$0]!)" }.joined(separator: ", ") + "); negative set: \(negative.count)")

        let repairing = TMMatching(workspace: workspace, repair: true)
        let stored = TMMatching(workspace: workspace, repair: false)
        var exact = 0, exactStored = 0, matched = 0, repairedCount = 0
        var clitics = (0, 0), possessives = (0, 0)
        var hypotheses: [String] = [], storedHypotheses: [String] = [], references: [String] = []
        var failures: [String] = []
        var repairSeconds = 0.0, storedSeconds = 0.0
        var dumpLines = ["set\tquery\treference\ttarget\trepairs\tunrepaired"]
        func record(_ set: String, _ c: Case, _ m: TMMatch?) {
            dumpLines.append([set, c.query, c.reference, m?.proposedTarget ?? "",
                              (m?.repairs ?? []).map { "\($0.from)→\($0.to) (\($0.by ?? ""))" }.joined(separator: "; "),
                              (m?.unrepaired ?? []).map { "\($0.query)|\($0.source) (\($0.reason))" }.joined(separator: "; ")].joined(separator: "\t"))
        }
        for c in positive {
            let t1 = Date()
            let top = try repairing.matches(c.query, side: .arabic, threshold: minScore, limit: 1).first
            repairSeconds += Date().timeIntervalSince(t1)
            let t2 = Date()
            let plain = try stored.matches(c.query, side: .arabic, threshold: minScore, limit: 1).first
            storedSeconds += Date().timeIntervalSince(t2)
            let hypothesis = top?.proposedTarget ?? ""
            record("repair", c, top)
            if top != nil { matched += 1 }
            if top?.kind == .repaired { repairedCount += 1 }
            let right = Self.normalised(hypothesis) == Self.normalised(c.reference)
            if c.clitic { clitics.0 += 1; clitics.1 += right ? 1 : 0 }
            if c.possessive { possessives.0 += 1; possessives.1 += right ? 1 : 0 }
            if right {
                exact += 1
            } else if failures.count < examples {
                let why = top.map { m in
                    "score \(m.score) \(m.kind.rawValue); repairs: " + m.repairs.map { "\($0.from)→\($0.to) (\($0.by ?? ""))" }.joined(separator: ", ")
                        + "; left: " + m.unrepaired.map { "\($0.query)|\($0.source) (\($0.reason))" }.joined(separator: ", ")
                } ?? "no match at \(minScore)"
                failures.append("  query: \(c.query)\n  ref:   \(c.reference)\n  got:   \(hypothesis)\n  (\(why))")
            }
            if Self.normalised(plain?.proposedTarget ?? "") == Self.normalised(c.reference) { exactStored += 1 }
            hypotheses.append(hypothesis)
            storedHypotheses.append(plain?.proposedTarget ?? "")
            references.append(c.reference)
        }
        var wrong = 0, leftVisible = 0, negativeMatched = 0
        var wrongExamples: [String] = []
        for c in negative {
            let found = try repairing.matches(c.query, side: .arabic, threshold: minScore, limit: 1).first
            record("negative", c, found)
            guard let top = found else { continue }
            negativeMatched += 1
            let guessed = top.repairs.filter { r in r.by != "number" && (r.sourceSpan?.range.overlaps(c.swapped) ?? false) }
            if !guessed.isEmpty {
                wrong += 1
                if wrongExamples.count < examples {
                    wrongExamples.append("  query: \(c.query)\n  got:   \(top.proposedTarget)\n  repairs: " + guessed.map { "\($0.from)→\($0.to) (\($0.by ?? ""))" }.joined(separator: ", "))
                }
            }
            if top.unrepaired.contains(where: { $0.querySpan.range.overlaps(c.swapped) }) { leftVisible += 1 }
        }
        let n = Double(max(positive.count, 1))
        print("")
        print("                         repair   --no-repair")
        print(String(format: "exact-repair rate        %6.3f   %6.3f", Double(exact) / n, Double(exactStored) / n))
        print(String(format: "chrF (n=6, β=2)          %6.1f   %6.1f", ChrF.corpus(hypotheses, references), ChrF.corpus(storedHypotheses, references)))
        print("with a clitic on the Arabic name: \(clitics.1) of \(clitics.0) exact; with an English possessive: \(possessives.1) of \(possessives.0) exact")
        print("queries with a match at \(minScore): \(matched) of \(positive.count); repaired: \(repairedCount)")
        print(String(format: "search + repair %.1f ms/query, search alone %.1f ms/query", repairSeconds * 1000 / n, storedSeconds * 1000 / n))
        let m = Double(max(negativeMatched, 1))
        print(String(format: "negative set: %d queries with a match; wrong repairs %d (%.1f%%); the unknown name left visible (listed as unrepaired) %d (%.1f%%)",
                     negativeMatched, wrong, 100 * Double(wrong) / m, leftVisible, 100 * Double(leftVisible) / m))
        // pretranslate as the CLI runs it, on a document of every query of both sets (all
        // fuzzy matches: the most repair can cost), with and without repair.
        let article = try ArticleInput(text: (positive + negative).map(\.query).joined(separator: "\n"), name: "queries.txt",
                                       language: .arabic, layout: .plainText)
        var best: [Bool: Double] = [:]
        for _ in 0..<3 {
            for repair in [false, true] {
                let t = Date()
                _ = try Pretranslation(workspace: workspace, fragments: workspace.fragmentSearch(), repair: repair)
                    .run(article, options: PretranslationOptions(side: .arabic, threshold: minScore, alternatives: 3))
                best[repair] = min(best[repair] ?? .infinity, Date().timeIntervalSince(t))
            }
        }
        print(String(format: "pretranslate of the %d queries (best of 3): %.2f s with repair, %.2f s with --no-repair (+%.0f%%)",
                     positive.count + negative.count, best[true]!, best[false]!, 100 * (best[true]! / best[false]! - 1)))
        if benchUnits > 0 { try benchmark(swapped: (positive + negative).map(\.query)) }
        if let dump { try dumpLines.joined(separator: "\n").write(toFile: dump, atomically: true, encoding: .utf8) }
        if !failures.isEmpty { print("\nfailures (first \(failures.count)):\n" + failures.joined(separator: "\n\n")) }
        if !wrongExamples.isEmpty { print("\nwrong repairs on the negative set:\n" + wrongExamples.joined(separator: "\n\n")) }
    }

    /// pretranslate's use-case on the 1,000 first NTREX sentences against the big
    /// benchmark TM, in process (a `dragoman pretranslate` process would first learn the
    /// word alignment of the whole TM, which this database has not), best of 3 each way.
    /// Two documents: the first 1,000 NTREX sentences (the pre-translation benchmark's; the
    /// benchmark TM holds most of them, so few are fuzzy), and 1,000 sentences of which
    /// the queries of both sets come first (all fuzzy: the most repair can cost).
    func benchmark(swapped: [String]) throws {
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let db = (work as NSString).appendingPathComponent("pretranslate-\(benchUnits).sqlite")
        if !FileManager.default.fileExists(atPath: db) { try PretranslateBench.parse([data, "--units", "\(benchUnits)", "--work", work]).build(db) }
        let workspace = try Workspace.open(DatabaseLocation(path: db, isExplicit: true), ifMissing: .refuse)
        let sentences = try NTREX.load(dataDirectory: data).flatMap(\.arabic)
        for (name, lines) in [("1,000 NTREX sentences", Array(sentences.prefix(1_000))),
                              ("\(swapped.count) swapped + \(1_000 - swapped.count) NTREX sentences", Array((swapped + sentences).prefix(1_000)))] {
            let article = try ArticleInput(text: lines.joined(separator: "\n"), name: "bench.ar.txt", language: .arabic, layout: .plainText)
            try time(article, name: name, workspace: workspace)
        }
    }

    /// Wall time and CPU time (all threads, from getrusage) of each way, best of `runs`,
    /// the two ways interleaved: CPU time is what repair adds, and it moves less than wall
    /// time when other work shares the cores.
    func time(_ article: ArticleInput, name: String, workspace: Workspace) throws {
        var wall: [Bool: Double] = [:], cpu: [Bool: Double] = [:]
        var repaired = 0, fuzzy = 0, alternatives = 0
        for _ in 0..<runs {
            for repair in [false, true] {
                let t = Date(), c = Self.cpuSeconds()
                let document = try Pretranslation(workspace: workspace, fragments: workspace.fragmentSearch(), repair: repair)
                    .run(article, options: PretranslationOptions(side: .arabic, threshold: 70, alternatives: 3))
                wall[repair] = min(wall[repair] ?? .infinity, Date().timeIntervalSince(t))
                cpu[repair] = min(cpu[repair] ?? .infinity, Self.cpuSeconds() - c)
                if repair {
                    repaired = document.segments.filter { $0.best?.kind == .repaired }.count
                    fuzzy = document.segments.filter { $0.best?.kind == .repaired || $0.best?.kind == .fuzzy }.count
                    alternatives = document.segments.reduce(0) { $0 + $1.alternatives.filter { $0.kind == .repaired || $0.kind == .fuzzy }.count }
                }
            }
        }
        print(String(format: "pretranslate, %@, %d-unit TM, in process (best of %d): wall %.2f s with repair, %.2f s with --no-repair (%+.1f%%); CPU %.2f s and %.2f s (%+.1f%%); %d fuzzy proposals (%d repaired), %d fuzzy alternatives",
                     name, benchUnits, runs, wall[true]!, wall[false]!, 100 * (wall[true]! / wall[false]! - 1),
                     cpu[true]!, cpu[false]!, 100 * (cpu[true]! / cpu[false]! - 1), fuzzy, repaired, alternatives))
    }

    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    static func normalised(_ s: String) -> String {
        s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Countries, months and weekdays (reference-cldr-iso.tsv, by their notes) and places
    /// (news-terms.tsv, domain geography): the preferred Arabic and English of each entry,
    /// names that take no "the" and are written with capitals.
    static func names() throws -> [Name] {
        var out: [Name] = []
        for file in StarterGlossary.files {
            guard let bytes = StarterGlossary.builtInBytes(file) else { throw EvalError("no built-in \(file)") }
            let text = String(decoding: bytes, as: UTF8.self)
            var arabic: [String: String] = [:], english: [String: String] = [:], kind: [String: String] = [:]
            var order: [String] = []
            for line in text.split(separator: "\n").dropFirst() {
                let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                guard f.count >= 7, f[5] == "preferred" else { continue }
                let id = f[0]
                if arabic[id] == nil && english[id] == nil { order.append(id) }
                if !f[1].isEmpty && arabic[id] == nil { arabic[id] = f[1] }
                if !f[2].isEmpty && english[id] == nil { english[id] = f[2] }
                let note = f[6]
                if note.hasPrefix("ISO 3166-1") { kind[id] = "country" }
                else if note.hasPrefix("CLDR gregorian month") { kind[id] = "month" }
                else if note.hasPrefix("CLDR gregorian weekday") { kind[id] = "weekday" }
                else if file == "news-terms.tsv" && f[3] == "geography" && f[4] == "proper noun" && kind[id] == nil { kind[id] = "place" }
            }
            for id in order {
                guard let a = arabic[id], let e = english[id], let k = kind[id] else { continue }
                let words = e.split(separator: " ")
                guard !e.lowercased().hasPrefix("the "), words.allSatisfy({ $0.first?.isUppercase == true }), !e.contains("(") else { continue }
                out.append(Name(arabic: a, english: e, kind: k))
            }
        }
        return out
    }

    /// The one name of a kind in the pair: one glossary hit of it in the Arabic (with
    /// nothing attached but و ف ب ك ل and ال), its English once in the English, not after
    /// "the"; nil when there is none or more than one.
    static func onlyName(in pair: (arabic: String, english: String), glossary: any GlossaryStore,
                         byEnglish: [String: Name]) throws -> (TermHit, Name)? {
        let hits = try glossary.find(in: pair.arabic).filter { $0.term.language == .arabic }
        let named = hits.compactMap { hit -> (TermHit, Name)? in
            guard let e = hit.translations.first?.text, let name = byEnglish[e], hit.term.text == name.arabic else { return nil }
            return (hit, name)
        }
        guard named.count == 1, let (hit, name) = named.first, !hit.lowConfidence else { return nil }
        if let c = hit.clitics, c.suffix != nil || c.article || c.articleAbsent || c.restoredTaMarbuta { return nil }
        let found = occurrences(of: name.english, in: pair.english)
        guard found.count == 1, occurrences(of: name.arabic, in: pair.arabic).count <= 1 else { return nil }
        let before = pair.english.utf16.prefix(found[0].lowerBound)
        if String(decoding: before, as: UTF16.self).lowercased().hasSuffix("the ") { return nil }
        return (hit, name)
    }

    /// The pair with the name swapped on both sides, or nil when the Arabic cannot be
    /// rebuilt from its clitics.
    static func swapped(_ pair: (arabic: String, english: String), hit: TermHit, old: Name,
                        new: (arabic: String, english: String)) -> Case? {
        let prefix = (hit.clitics?.conjunction ?? "") + (hit.clitics?.preposition ?? "")
        guard attach(prefix, to: old.arabic) == hit.surface else { return nil }
        let replacement = attach(prefix, to: new.arabic)
        var arabic = Array(pair.arabic.utf16)
        arabic.replaceSubrange(hit.range, with: Array(replacement.utf16))
        let swapped = hit.range.lowerBound..<(hit.range.lowerBound + replacement.utf16.count)
        let at = occurrences(of: old.english, in: pair.english)[0]
        var english = Array(pair.english.utf16)
        english.replaceSubrange(at, with: Array(new.english.utf16))
        let after = String(decoding: Array(pair.english.utf16)[at.upperBound...].prefix(2), as: UTF16.self)
        return Case(query: String(decoding: arabic, as: UTF16.self), reference: String(decoding: english, as: UTF16.self),
                    swapped: swapped, original: pair.arabic, clitic: !prefix.isEmpty, possessive: after == "'s" || after == "’s")
    }

    /// A name with its proclitics: ل before ال drops the alef (للبرازيل).
    static func attach(_ prefix: String, to name: String) -> String {
        if prefix.hasSuffix("ل") && name.hasPrefix("ال") { return prefix + name.dropFirst() }
        return prefix + name
    }

    /// Whole-word occurrences (UTF-16 ranges).
    static func occurrences(of word: String, in text: String) -> [Range<Int>] {
        let t = Array(text.utf16), w = Array(word.utf16)
        guard !w.isEmpty, w.count <= t.count else { return [] }
        func letter(_ u: UInt16) -> Bool { Unicode.Scalar(u).map { $0.properties.isAlphabetic } ?? true }
        var out: [Range<Int>] = []
        for i in 0...(t.count - w.count) where Array(t[i..<(i + w.count)]) == w {
            if (i == 0 || !letter(t[i - 1])) && (i + w.count == t.count || !letter(t[i + w.count])) { out.append(i..<(i + w.count)) }
        }
        return out
    }
}

/// chrF as sacreBLEU computes it (character n-grams up to 6, white space removed, β = 2,
/// corpus statistics summed, the F-score of each order averaged).
enum ChrF {
    static func corpus(_ hypotheses: [String], _ references: [String], order: Int = 6, beta: Double = 2) -> Double {
        var hyp = [Int](repeating: 0, count: order), ref = hyp, match = hyp
        for (h, r) in zip(hypotheses, references) {
            let hc = Array(h.filter { !$0.isWhitespace }), rc = Array(r.filter { !$0.isWhitespace })
            for n in 1...order {
                let hg = grams(hc, n), rg = grams(rc, n)
                hyp[n - 1] += hg.values.reduce(0, +)
                ref[n - 1] += rg.values.reduce(0, +)
                for (g, c) in hg { match[n - 1] += min(c, rg[g] ?? 0) }
            }
        }
        let eps = 1e-16, factor = beta * beta
        var score = 0.0, effective = 0
        for n in 0..<order {
            let p = hyp[n] > 0 ? Double(match[n]) / Double(hyp[n]) : eps
            let r = ref[n] > 0 ? Double(match[n]) / Double(ref[n]) : eps
            let denominator = factor * p + r
            score += denominator > 0 ? (1 + factor) * p * r / denominator : eps
            if hyp[n] > 0 && ref[n] > 0 { effective += 1 }
        }
        return effective == 0 ? 0 : 100 * score / Double(effective)
    }

    static func grams(_ chars: [Character], _ n: Int) -> [String: Int] {
        var out: [String: Int] = [:]
        guard chars.count >= n else { return out }
        for i in 0...(chars.count - n) { out[String(chars[i..<(i + n)]), default: 0] += 1 }
        return out
    }
}
