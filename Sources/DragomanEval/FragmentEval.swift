import ArgumentParser
import DragomanAlign
import DragomanApp
import DragomanStore
import DragomanText
import DragomanTM
import Foundation

/// ar or en on the command line, as `dragoman tm fragments --from` reads it.
extension Language: ExpressibleByArgument {}

/// `dragoman-eval fragments`: fragment recall, leave-documents-out.
///
/// For each fold, the TM is the other documents (all of them, or a share for the growth
/// curve) and the queries are the fold's sentences; no document is ever tuned alone. A
/// fragment is *right* when its English, lower-cased, occurs as a contiguous word
/// sequence in the query's reference translation; fragments whose English is only function
/// words are not counted. Precision = right / proposed; coverage = query words inside a
/// fragment / all query words; right-coverage = query words inside a right fragment.
///
/// Dragoman's method runs as the CLI runs it: a database with the starter glossary, the
/// units imported, `TMLearning`, `FragmentRecall`. The textbook baseline (IBM Model 1,
/// grow-diag-final-and, Koehn's consistent phrase pairs up to seven words, the most
/// frequent translation of the longest TM n-gram chosen greedily, surface tokens, no
/// clitic handling) is written here and not shipped.
struct FragmentEval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fragments",
        abstract: "Fragment recall, leave-documents-out: precision, coverage and right-coverage against the textbook baseline.")

    @Argument(help: "The data folder (../shared/data).") var data: String
    @Option(help: "Number of folds.") var folds = 5
    @Option(help: "TM shares for the growth curve, comma-separated.") var shares = "0.25,0.5,1"
    @Flag(help: "Skip the LibreOffice UI set (another domain).") var newsOnly = false
    @Flag(help: "Import the dictionaries of the data folder into each fold's glossary (priors for the aligner), as a newsroom's database would hold them.")
    var dictionaries = false
    @Option(help: "Write every proposed fragment (fold, query, source, target, right) as TSV to this file.") var dump: String?
    @Option(name: .customLong("from"),
            help: "The queries' language: ar (English references, as the issue measures) or en (Arabic references: a fragment is right when its Arabic, on match keys without proclitics, occurs in the reference).")
    var side: Language = .arabic

    func run() throws {
        let documents = try NTREX.load(dataDirectory: data)
        let news = documents.map { doc in zip(doc.arabic, doc.english).map { Pair(arabic: $0, english: $1) } }
        if side == .english { print("queries in English, references in Arabic (--from en)") }
        print("ntrex-dev.tsv: \(news.count) documents, \(news.reduce(0) { $0 + $1.count }) sentence pairs; \(folds) folds by document")
        let shareList = shares.split(separator: ",").compactMap { Double($0) }
        var dumpLines: [String] = ["set\tshare\tfold\tmethod\tquery\tsource\ttarget\tcount\tconfidence\tright"]
        print("set          TM share  method      TM units  proposed  right  precision  coverage  right-coverage  learn s")
        var byBucket: [String: Tally] = [:]
        for share in shareList {
            let (ours, base) = try evaluate(groups: news, share: share, set: "news", dump: &dumpLines, buckets: &byBucket)
            print(ours.line(set: "news", share: share, method: "dragoman"))
            print(base.line(set: "news", share: share, method: "textbook"))
        }
        if !newsOnly {
            let path = (data as NSString).appendingPathComponent("libreoffice-ui-dev.tsv")
            let text = try String(contentsOfFile: path, encoding: .utf8)
            var pairs: [Pair] = []
            for line in text.split(separator: "\n") {
                let f = line.split(separator: "\t", omittingEmptySubsequences: false)
                guard f.count >= 2 else { continue }
                pairs.append(Pair(arabic: String(f[0]), english: String(f[1])))
            }
            // Blocks of consecutive strings stand in for documents (the file keeps a module's strings together).
            let block = max(1, pairs.count / (folds * 20))
            let groups = stride(from: 0, to: pairs.count, by: block).map { Array(pairs[$0..<min(pairs.count, $0 + block)]) }
            var ignored: [String: Tally] = [:]
            let (ours, base) = try evaluate(groups: groups, share: 1, set: "libreoffice", dump: &dumpLines, buckets: &ignored)
            print(ours.line(set: "libreoffice", share: 1, method: "dragoman"))
            print(base.line(set: "libreoffice", share: 1, method: "textbook"))
        }
        print("\nnews, whole TM: the ceilings (query words inside a span whose units offer a right translation), the spans found,")
        print("and by support every fragment the finder proposes at --min-count 1 --min-confidence 0:")
        print("support                                    proposed  precision  coverage")
        for key in byBucket.keys.sorted() {
            let t = byBucket[key]!
            let coverage = t.words > 0 ? String(format: "%10.3f", Double(t.covered) / Double(t.words)) : ""
            let counts = t.proposed == 0 ? String(repeating: " ", count: 19)
                : "\(String(t.proposed).leftPad(8))  \(String(format: "%9.3f", t.precision))"
            print("\(key.padding(toLength: 41, withPad: " ", startingAt: 0))  \(counts)\(coverage)")
        }
        if let dump { try dumpLines.joined(separator: "\n").write(toFile: dump, atomically: true, encoding: .utf8) }
    }

    struct Pair {
        var arabic: String
        var english: String

        func text(_ side: Language) -> String { side == .arabic ? arabic : english }
    }

    /// Counts over one method's proposals.
    struct Tally {
        var tmUnits = 0
        var proposed = 0
        var right = 0
        var words = 0
        var covered = 0
        var rightCovered = 0
        var learnSeconds = 0.0

        var precision: Double { proposed == 0 ? 0 : Double(right) / Double(proposed) }

        mutating func add(_ other: Tally) {
            tmUnits += other.tmUnits; proposed += other.proposed; right += other.right; words += other.words
            covered += other.covered; rightCovered += other.rightCovered; learnSeconds += other.learnSeconds
        }

        func line(set: String, share: Double, method: String) -> String {
            let w = Double(max(words, 1))
            return set.padding(toLength: 13, withPad: " ", startingAt: 0)
                + String(format: "%7.0f%%", share * 100) + "  " + method.padding(toLength: 10, withPad: " ", startingAt: 0)
                + String(tmUnits).leftPad(10) + String(proposed).leftPad(10) + String(right).leftPad(7)
                + String(format: "%11.3f%10.3f%16.3f%9.1f", precision, Double(covered) / w, Double(rightCovered) / w, learnSeconds)
        }
    }

    /// One proposal as both methods give it: a query span and an English translation.
    struct Proposal {
        var range: Range<Int>
        var source: String
        var target: String
        var count: Int
        var confidence: Double
    }

    func evaluate(groups: [[Pair]], share: Double, set: String, dump: inout [String], buckets: inout [String: Tally]) throws
        -> (ours: Tally, baseline: Tally) {
        var ours = Tally(), base = Tally()
        for fold in 0..<folds {
            let queries = groups.enumerated().filter { $0.offset % folds == fold }.flatMap(\.element)
            let others = groups.enumerated().filter { $0.offset % folds != fold }.map(\.element)
            // The growth curve keeps the first share of the other documents (in file order).
            let kept = others.prefix(max(1, Int((Double(others.count) * share).rounded())))
            let tmPairs = kept.flatMap { $0 }
            // Dragoman, as the CLI runs it.
            let folder = NSTemporaryDirectory() + "dragoman-fragments-\(ProcessInfo.processInfo.processIdentifier)-\(fold)"
            try? FileManager.default.removeItem(atPath: folder)
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let workspace = try Workspace.open(DatabaseLocation(path: folder + "/tm.sqlite", isExplicit: true), ifMissing: .create(empty: false))
            if dictionaries {
                for name in GlossaryBench.files + ["iso-codes-ara-eng.tsv"] {
                    _ = try GlossaryFiles.importFile((data as NSString).appendingPathComponent(name),
                                                     options: GlossaryImportOptions(format: .tsv, skipBad: true, hasHeader: false),
                                                     into: workspace.glossary)
                }
            }
            _ = try workspace.tm.add(contentsOf: tmPairs.map { TranslationUnit(arabic: $0.arabic, english: $0.english) })
            let started = Date()
            _ = try TMLearning(tm: workspace.tm, glossary: workspace.glossary).learn()
            var tally = Tally()
            tally.tmUnits = tmPairs.count
            tally.learnSeconds = Date().timeIntervalSince(started)
            var everything = FragmentOptions()
            everything.minimumCount = 1
            everything.minimumConfidence = 0
            let recall = FragmentRecall(tm: workspace.tm, glossary: workspace.glossary)
            let all = FragmentRecall(tm: workspace.tm, glossary: nil, options: everything)
            var spansOnly = everything
            spansOnly.diagnosticSpansOnly = true
            let spans = FragmentRecall(tm: workspace.tm, glossary: nil, options: spansOnly)
            var loose = everything
            loose.diagnosticLooseEdges = true
            let looseCeiling = FragmentRecall(tm: workspace.tm, glossary: nil, options: loose)
            for q in queries {
                let found = try recall.fragments(of: q.text(side), side: side)
                score(found.map { Proposal(range: $0.range, source: $0.source, target: $0.target, count: $0.count, confidence: $0.confidence) },
                      query: q, into: &tally, dump: &dump, tag: "\(set)\t\(share)\t\(fold)\tdragoman")
                if share == 1 && set == "news" {
                    let queryTokens = Tokenizer.tokenize(q.text(side)).filter { $0.isWordLike && $0.kind != .clitic }
                    for f in try spans.fragments(of: q.text(side), side: side) {
                        let inside = queryTokens.filter { f.range.contains($0.range.lowerBound) }.count
                        buckets["0 spans found in TM", default: Tally()].covered += inside
                        buckets["0 spans found in TM", default: Tally()].proposed += 1
                        if !f.target.isEmpty {
                            buckets["0 spans projected", default: Tally()].covered += inside
                            buckets["0 spans projected", default: Tally()].proposed += 1
                        }
                    }
                    // Ceilings: the query words inside a span found whose units offer a right
                    // translation: among their projections, among the word sequences of
                    // their targets that touch a link of the span, and among any word
                    // sequence of their targets (at most two words longer than the span);
                    // with the finder's spans, and with spans that may start or end with a
                    // function word.
                    let reference = Self.words(q.text(side.other), side.other)
                    func isRight(_ text: String) -> Bool { verdict(text, reference: reference) == true }
                    for (recall, edges) in [(all, ""), (looseCeiling, ", loose edges")] {
                        var covered = [Set<Int>](repeating: [], count: 3)
                        for span in try recall.spanTranslations(of: q.text(side), side: side) {
                            let inside = queryTokens.indices.filter { span.range.contains(queryTokens[$0].range.lowerBound) }
                            if span.projections.contains(where: isRight) { covered[0].formUnion(inside) }
                            if span.sequences.contains(where: { $0.touchesLinks && isRight($0.text) }) { covered[1].formUnion(inside) }
                            if span.sequences.contains(where: { isRight($0.text) }) { covered[2].formUnion(inside) }
                        }
                        for (name, words) in zip(["a projection", "a linked sequence", "any sequence"], covered) {
                            buckets["0 ceiling\(edges): \(name)", default: Tally()].covered += words.count
                            buckets["0 ceiling\(edges): \(name)", default: Tally()].words += queryTokens.count
                        }
                    }
                    buckets["0 spans found in TM", default: Tally()].words += queryTokens.count
                    buckets["0 spans projected", default: Tally()].words += queryTokens.count
                    for f in try all.fragments(of: q.text(side), side: side) {
                        var one = Tally()
                        var ignored: [String] = []
                        score([Proposal(range: f.range, source: f.source, target: f.target, count: f.count, confidence: f.confidence)],
                              query: q, into: &one, dump: &ignored, tag: "")
                        let support = f.count >= 3 ? "3+ units" : "\(f.count) unit\(f.count == 1 ? "" : "s")"
                        let sure = f.confidence >= 0.75 ? "conf ≥ 0.75" : f.confidence >= 0.5 ? "conf 0.5–0.75" : "conf < 0.5"
                        buckets["\(support), \(sure)", default: Tally()].add(one)
                    }
                }
            }
            ours.add(tally)
            // The textbook baseline on the same fold.
            var b = Tally()
            b.tmUnits = tmPairs.count
            let t0 = Date()
            let table = TextbookPhrases(pairs: tmPairs.map { side == .arabic ? ($0.arabic, $0.english) : ($0.english, $0.arabic) })
            b.learnSeconds = Date().timeIntervalSince(t0)
            for q in queries {
                score(table.fragments(of: q.text(side)), query: q, into: &b, dump: &dump, tag: "\(set)\t\(share)\t\(fold)\ttextbook")
            }
            base.add(b)
        }
        return (ours, base)
    }

    /// Scores proposals against the query's reference.
    func score(_ proposals: [Proposal], query: Pair, into tally: inout Tally, dump: inout [String], tag: String) {
        let queryTokens = Tokenizer.tokenize(query.text(side)).filter { $0.isWordLike && $0.kind != .clitic }
        tally.words += queryTokens.count
        let reference = Self.words(query.text(side.other), side.other)
        for p in proposals {
            guard let right = verdict(p.target, reference: reference) else { continue }
            tally.proposed += 1
            if right { tally.right += 1 }
            let inside = queryTokens.filter { p.range.contains($0.range.lowerBound) }.count
            tally.covered += inside
            if right { tally.rightCovered += inside }
            if !tag.isEmpty {
                dump.append("\(tag)\t\(query.text(side))\t\(p.source)\t\(p.target)\t\(p.count)\t\(p.confidence)\t\(right)")
            }
        }
    }

    /// Whether a translation is right: its words occur as a contiguous sequence in the
    /// reference's; nil when it is not counted (no words, or function words only).
    func verdict(_ translation: String, reference: [String]) -> Bool? {
        let target = Self.words(translation, side.other)
        guard !target.isEmpty, !target.allSatisfy({ FunctionWords.contains($0, side.other) }) else { return nil }
        return Self.contains(reference, target)
    }

    /// The words of a text in `language` as the scoring compares them: English as below;
    /// Arabic as match keys without proclitics (و ف, ب ك ل, the article), so that the
    /// reference's بالقدس holds a fragment's القدس, stand-alone clitics left out.
    static func words(_ text: String, _ language: Language) -> [String] {
        guard language == .arabic else { return words(text) }
        return Tokenizer.tokenize(text).filter { $0.isWordLike && $0.kind != .clitic }.map {
            $0.kind == .arabicWord ? LightStemmer.arabicWithoutProclitics($0.key) : $0.key.lowercased()
        }
    }

    /// Lower-cased word keys of an English text (punctuation left out), the possessive
    /// ending a word of its own as the Penn Treebank writes it (Saturday's → saturday 's:
    /// "Saturday" is a word sequence of "Saturday's talks").
    /// Initials written with stops are one word (U.S. → u.s, so that "U" alone is not
    /// found in "the U.S. ambassador").
    static func words(_ text: String) -> [String] {
        let tokens = Tokenizer.tokenize(text)
        var out: [String] = []
        var i = 0
        func isLetter(_ k: Int) -> Bool { k < tokens.count && tokens[k].isWordLike && tokens[k].text.count == 1 }
        while i < tokens.count {
            let t = tokens[i]
            if isLetter(i) {
                var initials = t.key.lowercased()
                var j = i
                while j + 2 < tokens.count, tokens[j + 1].text == ".", isLetter(j + 2) {
                    initials += "." + tokens[j + 2].key.lowercased()
                    j += 2
                }
                if j > i {
                    out.append(initials)
                    i = j + 1
                    continue
                }
            }
            i += 1
            guard t.isWordLike else { continue }
            let key = t.key.lowercased()
            if key.hasSuffix("'s"), key.count > 3 { out += [String(key.dropLast(2)), "'s"] } else { out.append(key) }
        }
        return out
    }

    static func contains(_ haystack: [String], _ needle: [String]) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return false }
        for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] {
            if Array(haystack[i..<(i + needle.count)]) == needle { return true }
        }
        return false
    }
}

/// The textbook method, for comparison only: IBM Model 1 both ways on surface tokens,
/// grow-diag-final-and, Koehn's consistent phrase pairs (unaligned edge words extended, up
/// to seven words), and at query time the most frequent translation of the longest TM
/// n-gram of two words or more, chosen greedily from left to right.
struct TextbookPhrases {
    var table: [[String]: [String: Int]] = [:]
    static let maximumLength = 7

    init(pairs: [(String, String)]) {
        var vocabulary: [String: Int32] = [:]
        func id(_ s: String) -> Int32 {
            if let i = vocabulary[s] { return i }
            let i = Int32(vocabulary.count)
            vocabulary[s] = i
            return i
        }
        let tokenised = pairs.map { (Self.tokens($0.0), Self.tokens($0.1)) }
        let sentences = tokenised.map { AlignmentSentence(source: $0.0.map { id($0.text) }, target: $0.1.map { id($0.text) }) }
        var options = WordAlignmentOptions()
        options.model1Only = true
        options.model1Iterations = 5
        let (_, links) = WordAligner.learn(sentences, sourceVocabularySize: vocabulary.count, targetVocabularySize: vocabulary.count,
                                           priors: [], options: options, progress: nil)
        for (n, (source, target)) in tokenised.enumerated() {
            let l = links[n]
            var targetAligned = [Bool](repeating: false, count: target.count)
            for link in l { targetAligned[link.target] = true }
            for start in source.indices {
                for end in (start + 1)...min(source.count, start + Self.maximumLength) {
                    guard let box = PhraseProjection.target(ofSource: start..<end, links: l) else { continue }
                    let key = source[start..<end].map(\.text)
                    // Extend over unaligned target words at both edges.
                    var lows = [box.lowerBound]
                    while let lo = lows.last, lo > 0, !targetAligned[lo - 1] { lows.append(lo - 1) }
                    var highs = [box.upperBound]
                    while let hi = highs.last, hi < target.count, !targetAligned[hi] { highs.append(hi + 1) }
                    for lo in lows {
                        for hi in highs where hi - lo <= Self.maximumLength {
                            let text = target[lo..<hi].map(\.surface).joined(separator: " ")
                            table[key, default: [:]][text, default: 0] += 1
                        }
                    }
                }
            }
        }
    }

    struct Word {
        var text: String
        var surface: String
        var range: Range<Int>
    }

    static func tokens(_ s: String) -> [Word] {
        Tokenizer.tokenize(s).map { Word(text: $0.text.lowercased(), surface: $0.text, range: $0.range) }
    }

    func fragments(of query: String) -> [FragmentEval.Proposal] {
        let words = Self.tokens(query)
        var out: [FragmentEval.Proposal] = []
        var i = 0
        while i < words.count {
            var found: (end: Int, target: String, count: Int)?
            for end in stride(from: min(words.count, i + Self.maximumLength), through: i + 2, by: -1) {
                if let translations = table[words[i..<end].map(\.text)],
                   let best = translations.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) {
                    found = (end, best.key, best.value)
                    break
                }
            }
            if let found {
                let range = words[i].range.lowerBound..<words[found.end - 1].range.upperBound
                out.append(FragmentEval.Proposal(range: range, source: query.utf16Slice(range), target: found.target,
                                                 count: found.count, confidence: 0))
                i = found.end
            } else {
                i += 1
            }
        }
        return out
    }
}
