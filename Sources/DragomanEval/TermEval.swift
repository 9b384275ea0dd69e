import ArgumentParser
import DragomanAlign
import DragomanApp
import DragomanGlossary
import DragomanStore
import DragomanText
import DragomanTM
import Foundation

/// `dragoman-eval terms`: term extraction from a TM of NTREX and the LibreOffice UI
/// strings, as `dragoman term extract` runs it (a database with the starter glossary, the
/// pairs imported and learnt).
///
/// - Dictionary-checked precision of the top proposals: a proposal whose Arabic has an
///   entry in the dictionaries of the data folder (FreeDict, Buckwalter, arwikicats, CLDR,
///   ISO codes; on match keys, also without the article) is right when its English is one
///   of that entry's translations, case- and plural-insensitive.
/// - Held-out recall: the starter glossary's entries whose Arabic occurs in three units
///   or more are removed before extraction; recall is the share that comes back with one
///   of their English terms.
/// - `--sample N` prints N proposals, evenly spread over the top ones, to check by hand.
struct TermEval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "terms",
        abstract: "Term extraction: dictionary-checked precision of the top proposals, held-out recall of removed glossary entries.")

    @Argument(help: "The data folder (../shared/data).") var data: String
    @Option(help: "Proposals checked.") var top = 200
    @Option(help: "The fewest units a proposal needs.") var minCount = 3
    @Option(help: "Print this many proposals, spread over the top ones, to check by hand.") var sample = 50
    @Option(help: "Print this many of the held-out entries that did not come back.") var missed = 20
    @Option(help: "Print this many of the proposals the dictionaries disagree with.") var disagreements = 15
    @Option(name: .customLong("explain"), help: "Arabic whose candidate pairs to print with their counts and why each was or was not proposed, in the held-out run (repeatable).")
    var explained: [String] = []

    func run() throws {
        let (pairs, newsUnits) = try Self.pairs(data)
        print("TM: \(pairs.count) pairs (ntrex-dev.tsv, libreoffice-ui-dev.tsv)")
        let folder = NSTemporaryDirectory() + "dragoman-terms-\(ProcessInfo.processInfo.processIdentifier)"
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }

        // Precision.
        let workspace = try Workspace.open(DatabaseLocation(path: folder + "/a.sqlite", isExplicit: true), ifMissing: .create(empty: false))
        _ = try workspace.tm.add(contentsOf: pairs.map { TranslationUnit(arabic: $0.0, english: $0.1) })
        _ = try TMLearning(tm: workspace.tm, glossary: workspace.glossary).learn()
        let started = Date()
        let proposals = try TermExtraction(tm: workspace.tm, glossary: workspace.glossary).run(minimumCount: minCount, limit: top)
        let seconds = Date().timeIntervalSince(started)
        let dictionary = try Self.dictionary(data)
        var checkable = 0, right = 0
        var wrong: [TermCandidate] = []
        // Per domain, by the first unit that shows the proposal (the news pairs were added first).
        var byDomain: [Bool: (proposed: Int, checkable: Int, right: Int)] = [:]
        for p in proposals {
            let news = (p.units.first ?? Int64.max) <= Int64(newsUnits)
            let translations = Self.translations(of: p.arabic, in: dictionary)
            let isRight = translations?.contains(Self.englishKey(p.english)) == true
            var d = byDomain[news] ?? (0, 0, 0)
            d.proposed += 1
            if translations != nil { d.checkable += 1 }
            if isRight { d.right += 1 }
            byDomain[news] = d
        }
        for p in proposals {
            guard let translations = Self.translations(of: p.arabic, in: dictionary) else { continue }
            checkable += 1
            if translations.contains(Self.englishKey(p.english)) { right += 1 } else { wrong.append(p) }
        }
        print(String(format: "top %d proposals (min count %d) in %.1f s: %d have a dictionary entry; %d right = precision %.3f",
                     proposals.count, minCount, seconds, checkable, right, Double(right) / Double(max(1, checkable))))
        for (news, d) in byDomain.sorted(by: { $0.key && !$1.key }) {
            print(String(format: "  %@: %d proposals, %d have a dictionary entry, %d right = precision %.3f", news ? "news (NTREX)" : "software UI (LibreOffice)",
                         d.proposed, d.checkable, d.right, Double(d.right) / Double(max(1, d.checkable))))
        }
        print("dictionary disagreements (first \(min(disagreements, wrong.count)) of \(wrong.count)):")
        for p in wrong.prefix(disagreements) { print("  \(p.arabic)\t\(p.english)\t×\(p.count)") }
        if sample > 0 {
            print("sample to check by hand (every \(max(1, proposals.count / sample))th of the top \(proposals.count)):")
            let step = max(1, proposals.count / sample)
            for (i, p) in proposals.enumerated() where i % step == 0 && i / step < sample {
                print("  \(i + 1)\t\(p.arabic)\t\(p.english)\t×\(p.count)\tDice \(p.dice)")
            }
        }

        // Held-out recall.
        let second = try Workspace.open(DatabaseLocation(path: folder + "/b.sqlite", isExplicit: true), ifMissing: .create(empty: false))
        _ = try second.tm.add(contentsOf: pairs.map { TranslationUnit(arabic: $0.0, english: $0.1) })
        let arabicUnits = pairs.map { MatchTokenizer.tokens(of: $0.0, side: .arabic).filter { $0.weightClass == .word } }
        let englishUnits = pairs.map { " " + Self.englishKey($0.1) + " " }
        var held: [(arabic: String, english: Set<String>, pairUnits: Int)] = []
        var removed: [Int64] = []
        for entry in try second.glossary.allEntries() {
            let arabic = entry.terms.filter { $0.language == .arabic }
            let english = Set(entry.terms.filter { $0.language == .english }.map { Self.englishKey($0.text) })
            guard let term = arabic.first, !english.isEmpty else { continue }
            let words = MatchTokenizer.tokens(of: term.text, side: .arabic).filter { $0.weightClass == .word }
            guard !words.isEmpty else { continue }
            let key = TermExtractor.arabicKey(words)
            var units = 0, pairUnits = 0
            for (n, u) in arabicUnits.enumerated() where u.count >= words.count {
                var found = false
                for i in 0...(u.count - words.count) where !found {
                    if TermExtractor.arabicKey(Array(u[i..<(i + words.count)])) == key { found = true }
                }
                guard found else { continue }
                units += 1
                if english.contains(where: { englishUnits[n].contains(" \($0) ") }) { pairUnits += 1 }
            }
            guard units >= 3 else { continue }
            held.append((key, english, pairUnits))
            removed.append(entry.id)
        }
        _ = try TermEditor(glossary: second.glossary).remove(entries: removed)
        _ = try TMLearning(tm: second.tm, glossary: second.glossary).learn()
        let extraction = TermExtraction(tm: second.tm, glossary: second.glossary)
        let extractor = try extraction.read()
        let all = try extraction.proposals(from: extractor, minimumCount: 2, limit: 100_000)
        var back = 0
        var proposed: [String: Set<String>] = [:]
        for p in all {
            let words = MatchTokenizer.tokens(of: p.arabic, side: .arabic).filter { $0.weightClass == .word }
            proposed[TermExtractor.arabicKey(words), default: []].insert(Self.englishKey(p.english))
        }
        var missedEntries: [String] = []
        var pairHeld = 0, pairBack = 0
        var verbs: [String] = [], verbsBack = 0
        for h in held {
            let isBack = !(proposed[h.arabic] ?? []).isDisjoint(with: h.english)
            if h.pairUnits >= 3 { pairHeld += 1; if isBack { pairBack += 1 } }
            if Self.isReportingVerb(h.english) { verbs.append(h.english.sorted().joined(separator: "|")); if isBack { verbsBack += 1 } }
            if isBack { back += 1 }
            else {
                let still = try second.glossary.find(in: h.arabic).map { "\($0.entry.id):\($0.term.text)" }.joined(separator: ",")
                // Proposals whose Arabic holds the entry's, or is held by it: what came instead.
                let near = proposed.filter { $0.key != h.arabic && (" \($0.key) ".contains(" \(h.arabic) ") || " \(h.arabic) ".contains(" \($0.key) ")) }
                    .sorted { $0.key < $1.key }.prefix(3).map { "\($0.key) → \($0.value.sorted().joined(separator: "|"))" }
                missedEntries.append("\(h.arabic) → \(h.english.sorted().joined(separator: "|")) (proposed: \((proposed[h.arabic] ?? []).sorted().joined(separator: "|"))\(near.isEmpty ? "" : "; near: " + near.joined(separator: ", "))\(still.isEmpty ? "" : "; glossary still has \(still)"))")
            }
        }
        print("missed (first \(missed)): " + missedEntries.prefix(missed).joined(separator: "; "))
        if !explained.isEmpty {
            for arabic in explained {
                let key = TermExtractor.arabicKey(MatchTokenizer.tokens(of: arabic, side: .arabic).filter { $0.weightClass == .word })
                print("candidates holding \(key):")
                for line in extractor.explain(key, minimumCount: 2) { print("  " + line) }
            }
        }
        print(String(format: "held-out recall: %d starter entries occur in 3+ units and were removed; %d came back with their translation (recall %.3f; %d proposals at min count 2)",
                     held.count, back, Double(back) / Double(max(1, held.count)), all.count))
        print(String(format: "  of them, %d occur as a pair (the Arabic and one of its English terms in the same unit) in 3+ units: %d came back (recall %.3f)",
                     pairHeld, pairBack, Double(pairBack) / Double(max(1, pairHeld))))
        // The starter glossary holds the reporting verbs of news (قال → said), which are not
        // terms by the definition extraction follows (names, titles, institutions, noun
        // phrases): the recall without them, beside the figure above.
        print(String(format: "  %d of the %d are verbs (%@), which extraction leaves out by design; over the other %d, %d came back (recall %.3f)",
                     verbs.count, held.count, verbs.joined(separator: ", "), held.count - verbs.count, back - verbsBack,
                     Double(back - verbsBack) / Double(max(1, held.count - verbs.count))))
    }

    /// An entry whose every English term is a verb form: a past tense (said, added,
    /// pointed to) or one of the reporting verbs term extraction refuses.
    static func isReportingVerb(_ english: Set<String>) -> Bool {
        !english.isEmpty && english.allSatisfy { term in
            guard let first = term.split(separator: " ").first.map(String.init) else { return false }
            return TermExtractor.verbs.contains(first) || ["spoke", "told", "urged"].contains(first)
                || (first.hasSuffix("ed") && first.count > 4 && !["united", "detained"].contains(first))
        }
    }

    /// The pairs, the news first, and how many of them are news.
    static func pairs(_ data: String) throws -> (pairs: [(String, String)], news: Int) {
        var out: [(String, String)] = []
        for doc in try NTREX.load(dataDirectory: data) { out += zip(doc.arabic, doc.english).map { ($0, $1) } }
        let news = out.count
        let text = try String(contentsOfFile: (data as NSString).appendingPathComponent("libreoffice-ui-dev.tsv"), encoding: .utf8)
        for line in text.split(separator: "\n") {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            if f.count >= 2 { out.append((String(f[0]), String(f[1]))) }
        }
        return (out, news)
    }

    /// Lower-cased English with each word's plural folded.
    static func englishKey(_ s: String) -> String {
        MatchTokenizer.tokens(of: s, side: .english).filter { $0.weightClass == .word || $0.weightClass == .number }
            .map { LightStemmer.englishBase($0.key.lowercased()) }.joined(separator: " ")
    }

    static func arabicKeys(_ s: String) -> [String] {
        let words = MatchTokenizer.tokens(of: s, side: .arabic).filter { $0.weightClass == .word }
        guard !words.isEmpty else { return [] }
        let key = TermExtractor.arabicKey(words)
        let bare = key.split(separator: " ").map { w -> String in
            w.hasPrefix("ال") && w.count > 3 ? String(w.dropFirst(2)) : String(w)
        }.joined(separator: " ")
        return bare == key ? [key] : [key, bare]
    }

    static func dictionary(_ data: String) throws -> [String: Set<String>] {
        var out: [String: Set<String>] = [:]
        for name in ["freedict-ara-eng.tsv", "buckwalter-lemmas-ara-eng.tsv", "arwikicats-names-ara-eng.tsv", "cldr-ara-eng.tsv",
                     "iso-codes-ara-eng.tsv"] {
            let text = try String(contentsOfFile: (data as NSString).appendingPathComponent(name), encoding: .utf8)
            for line in text.split(separator: "\n") {
                let f = line.split(separator: "\t", omittingEmptySubsequences: false)
                guard f.count >= 2 else { continue }
                let english = f[1].split(whereSeparator: { $0 == ";" || $0 == "," || $0 == "|" }).map { englishKey(String($0)) }
                for key in arabicKeys(String(f[0])) { out[key, default: []].formUnion(english) }
            }
        }
        return out
    }

    static func translations(of arabic: String, in dictionary: [String: Set<String>]) -> Set<String>? {
        var found: Set<String>?
        for key in arabicKeys(arabic) { if let t = dictionary[key] { found = (found ?? []).union(t) } }
        return found
    }
}
