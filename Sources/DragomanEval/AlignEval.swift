import ArgumentParser
import DragomanAlign
import DragomanText
import Foundation

/// Sentence alignment on NTREX: each document's sentences joined into one Arabic and one
/// English text, segmented and aligned end to end, and scored against the known pairing.
struct AlignEval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "align",
        abstract: "Evaluate sentence alignment on ntrex-dev.tsv (strict and lax precision, recall, F1 of aligned pairs).",
        discussion: """
            Each document's sentences are joined with a space (as an archive holds an article) and \
            segmented with Dragoman's segmenter; a predicted segment stands for the gold sentences it \
            overlaps. The gold alignment (1-1 per line) is collapsed onto the predicted segmentation: \
            predicted segments linked through a gold pair form one gold bead. Strict: a predicted bead \
            equals a gold bead. Lax: it shares an Arabic and an English sentence with one (or, for an \
            unpaired sentence, a sentence with a gold unpaired one). See docs/alignment.md.
            """
    )

    @Argument(help: "The data folder (../shared/data).")
    var data: String

    @Option(help: "Glossary TSV files (id, arabic, english, …) to use as a term lexicon, comma-separated (e.g. glossary/news-terms.tsv,glossary/reference-cldr-iso.tsv).")
    var glossary: String?

    @Flag(help: "With --glossary: match terms with the glossary's TermMatcher (as dragoman align does) instead of the simple TermListLexicon.")
    var glossaryMatcher = false

    func loadLexicon() throws -> (any AlignmentLexicon, Int)? {
        guard let glossary else { return nil }
        let paths = glossary.split(separator: ",").map(String.init)
        if glossaryMatcher { return try AlignGlossaryMatcher.load(paths) }
        let lexicon = try GlossaryLexicon.load(paths)
        return (lexicon, lexicon.conceptCount)
    }

    @Option(help: "How many wrong beads to list (Dragoman, clean, end to end).")
    var maxErrors = 20

    @Flag(help: "List the wrong beads of every variant, not only of the clean documents.")
    var showAllErrors = false

    @Flag(help: "Skip the speed benchmark.")
    var noBenchmark = false

    @Option(help: "Print the beads of one document (by doc_id) for every variant, and stop.")
    var show: String?

    @Option(help: "Tuning: override Dragoman's parameters, e.g. variance=6.8,reestimate=0,deletion=2,temperature=1,band=40,number=2,latinName=2,term=1.5,question=1,quote=0.5 (deletion<0: length-based).")
    var set: String?

    var dragomanParameters: AlignmentParameters {
        var p = AlignmentParameters.dragoman
        for item in (set ?? "").split(separator: ",") {
            let kv = item.split(separator: "=")
            guard kv.count == 2, let v = Double(kv[1]) else { continue }
            switch kv[0] {
            case "variance": p.variance = v
            case "reestimate": p.reestimate = v != 0
            case "reestimateVariance": p.reestimateVariance = v != 0
            case "deletion": p.deletion = v < 0 ? .lengthBased : .flat(v)
            case "temperature": p.temperature = v
            case "tolerance": p.confidenceLengthTolerance = v > 0 ? v : nil
            case "band": p.bandHalfWidth = Int(v)
            case "window": p.anchorWindow = Int(v)
            case "paragraphs": p.respectParagraphs = v != 0
            case "paragraphDeletion": p.paragraphDeletionPrior = v > 0 ? v : nil
            case "paragraphMismatch": p.paragraphMismatchCost = v
            case "runExtra": p.runDeletionExtra = v >= 0 ? v : nil
            case "maxRun": p.maxRunDeletion = Int(v)
            case "deletionPrior":
                p.priors[.oneToZero] = v
                p.priors[.zeroToOne] = v
            case "mergePrior":
                p.priors[.twoToOne] = v
                p.priors[.oneToTwo] = v
            default:
                if let kind = AnchorKind.allCases.first(where: { "\($0)" == kv[0] }) { p.anchorWeights[kind] = v }
                if kv[0].hasPrefix("miss."), let kind = AnchorKind.allCases.first(where: { "miss.\($0)" == kv[0] }) {
                    p.anchorMissWeights[kind] = v
                }
            }
        }
        return p
    }

    @Option(help: "Align two files (ARABIC,ENGLISH) and print every bead with its cost, instead of the evaluation.")
    var files: String?

    @Flag(help: "With --files: use the fixed-ratio Gale-Church baseline.")
    var baseline = false

    func run() throws {
        if let files {
            let paths = files.split(separator: ",").map(String.init)
            let texts = try paths.map { path -> String in
                guard let data = FileManager.default.contents(atPath: path) else { throw EvalError("cannot read \(path)") }
                return try TextDecoding.decode([UInt8](data))
            }
            let layout: TextLayout = paths[0].hasSuffix(".md") ? .markdown : .plainText
            let lexicon = try loadLexicon()?.0
            let doc = try DocumentAligner(parameters: baseline ? .galeChurch : dragomanParameters, lexicon: lexicon)
                .align(arabic: texts[0], english: texts[1], arabicLayout: layout, englishLayout: layout)
            print(String(format: "c = %.3f, s² = %.2f, paragraphs respected: %@", doc.alignment.ratio, doc.alignment.variance,
                         doc.alignment.paragraphsRespected ? "yes" : "no"))
            for bead in doc.beads {
                let (a, e) = doc.texts(of: bead)
                print(String(format: "%@ %.3f cost %.2f (len %.2f anchors %.2f) ar%@ %@ || en%@ %@", bead.move.rawValue, bead.confidence,
                             bead.cost, bead.lengthCost, bead.anchorScore, "\(Array(bead.arabic))", String(a.prefix(40)),
                             "\(Array(bead.english))", String(e.prefix(60))))
            }
            return
        }
        let docs = try NTREX.load(dataDirectory: data)
        let loaded = try loadLexicon()
        let lexicon = loaded?.0
        if let show, let index = docs.firstIndex(where: { $0.id == show }) {
            for variant in AlignVariant.allCases {
                print("== \(variant.title)")
                let c = AlignCase(doc: docs[index], index: index, all: docs, variant: variant)
                for segmentation in [SegmentationMode.gold, .endToEnd] {
                    print("-- \(segmentation.rawValue)")
                    let r = c.evaluate(parameters: dragomanParameters, lexicon: lexicon, segmentation: segmentation, verbose: true)
                    print(r.score.strict.short)
                }
            }
            return
        }
        let pairs = docs.reduce(0) { $0 + $1.arabic.count }
        print("Sentence alignment on \(docs.count) NTREX documents (\(pairs) sentence pairs)"
              + (loaded.map { ", term lexicon of \($0.1) entries (\(glossaryMatcher ? "glossary TermMatcher" : "TermListLexicon"))" } ?? ", no term lexicon"))
        let systems: [(String, AlignmentParameters, (any AlignmentLexicon)?)] = [
            ("Dragoman", dragomanParameters, lexicon),
            ("Gale-Church c=1", .galeChurch, nil),
        ]
        var calibration = Calibration()
        for variant in AlignVariant.allCases {
            let cases = docs.enumerated().map { AlignCase(doc: $0.element, index: $0.offset, all: docs, variant: variant) }
            print("\n\(variant.title)  (\(cases.reduce(0) { $0 + $1.arabic.count }) Arabic, \(cases.reduce(0) { $0 + $1.english.count }) English sentences, \(cases.reduce(0) { $0 + $1.gold.count }) gold beads)")
            for segmentation in [SegmentationMode.endToEnd, .gold] {
                for (name, parameters, lex) in systems {
                    var score = AlignScore()
                    var errors: [String] = []
                    for c in cases {
                        let result = c.evaluate(parameters: parameters, lexicon: lex, segmentation: segmentation)
                        score = score + result.score
                        if name == "Dragoman" && segmentation == .endToEnd {
                            calibration.add(result.confidences)
                            if variant == .clean || showAllErrors { errors += result.errors }
                        }
                    }
                    print("  " + segmentation.rawValue.padding(toLength: 17, withPad: " ", startingAt: 0)
                          + name.padding(toLength: 16, withPad: " ", startingAt: 0)
                          + "strict " + score.strict.short + "   lax " + score.lax.short)
                    if (variant == .clean || showAllErrors) && !errors.isEmpty && maxErrors > 0 {
                        print("    wrong beads (\(errors.count), first \(min(maxErrors, errors.count))):")
                        for e in errors.prefix(maxErrors) { print("      " + e) }
                    }
                }
            }
        }
        print("\nConfidence of pair beads (Dragoman, end to end, all variants): share strictly right, by confidence")
        calibration.print()
        if !noBenchmark { try benchmark(docs, lexicon: lexicon) }
    }

    func benchmark(_ docs: [NTREXDocument], lexicon: (any AlignmentLexicon)?) throws {
        print("\nOne long document: all NTREX documents joined (one paragraph per side, no help from paragraphs)")
        for copies in [1, 2] {
            var long = NTREXDocument(id: "all×\(copies)")
            for _ in 0..<copies {
                for d in docs {
                    long.arabic += d.arabic
                    long.english += d.english
                }
            }
            let c = AlignCase(doc: long, index: 0, all: [long], variant: .clean)
            for segmentation in [SegmentationMode.endToEnd, .gold] {
                for (name, parameters, lex) in [("Dragoman", dragomanParameters, lexicon), ("Gale-Church c=1", .galeChurch, nil)] {
                    let r = c.evaluate(parameters: parameters, lexicon: lex, segmentation: segmentation)
                    print("  \(copies) × NTREX (\(long.arabic.count) pairs), \(segmentation.rawValue), \(name): strict \(r.score.strict.short)   lax \(r.score.lax.short)")
                }
            }
        }
        print("\nSpeed (segmentation + alignment, one long document pair; build with -c release for real figures)")
        for copies in [1, 2] {
            var arabic: [String] = [], english: [String] = []
            for _ in 0..<copies {
                for d in docs {
                    arabic.append(d.arabic.joined(separator: " "))
                    english.append(d.english.joined(separator: " "))
                }
            }
            let ar = arabic.joined(separator: "\n"), en = english.joined(separator: "\n")
            let aligner = DocumentAligner(parameters: dragomanParameters, lexicon: lexicon)
            // No paragraph help: the documents' paragraphs are hidden by joining with spaces.
            let flatAr = ar.replacingOccurrences(of: "\n", with: " "), flatEn = en.replacingOccurrences(of: "\n", with: " ")
            for (label, a, e) in [("paragraph per document", ar, en), ("one paragraph", flatAr, flatEn)] {
                let start = DispatchTime.now().uptimeNanoseconds
                let result = try aligner.align(arabic: a, english: e)
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                let oneToOne = result.beads.filter { $0.move == .oneToOne }.count
                print(String(format: "  %d × NTREX, %@: %d Arabic × %d English segments, %d beads (%d 1-1), paragraphs respected: %@, band ±%d, c = %.3f: %.2f s",
                             copies, label, result.arabic.count, result.english.count, result.beads.count, oneToOne,
                             result.alignment.paragraphsRespected ? "yes" : "no", result.alignment.bandHalfWidth,
                             result.alignment.ratio, seconds))
            }
        }
    }
}

enum SegmentationMode: String {
    case endToEnd = "end to end"
    case gold = "gold sentences"
}

/// The ways the evaluation makes a document harder.
enum AlignVariant: CaseIterable {
    case clean
    case untranslatedParagraph
    case untranslatedInline
    case droppedSentence
    case mergedEnglish
    case allThree

    var title: String {
        switch self {
        case .clean: return "Clean documents"
        case .untranslatedParagraph: return "Untranslated paragraph (3 sentences of another document, own paragraph, Arabic side in even documents, English in odd)"
        case .untranslatedInline: return "Untranslated sentences inline (the same 3 sentences, no line breaks around them)"
        case .droppedSentence: return "One sentence dropped (a third of the way in; English side in even documents, Arabic in odd)"
        case .mergedEnglish: return "Two English sentences merged into one (two thirds of the way in; '.' → ';')"
        case .allThree: return "All three at once"
        }
    }
}

/// One evaluation document: sentences per side, where paragraphs start, and the gold beads
/// (sets of sentence indices; one side empty for an unpaired sentence).
struct AlignCase {
    var id: String
    var arabic: [String] = []
    var english: [String] = []
    var arabicParagraphStarts: Set<Int> = []
    var englishParagraphStarts: Set<Int> = []
    var gold: [(arabic: Set<Int>, english: Set<Int>)] = []

    init(doc: NTREXDocument, index: Int, all: [NTREXDocument], variant: AlignVariant) {
        id = doc.id
        // Beads of sentences, with a flag for "starts a paragraph" per side.
        struct B { var ar: [String]; var en: [String]; var arBreak = false; var enBreak = false }
        var beads = zip(doc.arabic, doc.english).map { B(ar: [$0], en: [$1]) }
        let n = beads.count
        let even = index % 2 == 0
        let drop = variant == .droppedSentence || variant == .allThree
        let merge = variant == .mergedEnglish || variant == .allThree
        let insert = variant == .untranslatedParagraph || variant == .untranslatedInline || variant == .allThree
        if merge && n >= 4 {
            // The first English sentence from two thirds on that ends in a period.
            var r = (2 * n) / 3
            while r < n - 1 && !beads[r].en[0].hasSuffix(".") { r += 1 }
            if r < n - 1 {
                let merged = String(beads[r].en[0].dropLast()) + "; " + beads[r + 1].en[0]
                beads[r] = B(ar: beads[r].ar + beads[r + 1].ar, en: [merged])
                beads.remove(at: r + 1)
            }
        }
        if drop && n >= 4 {
            let q = n / 3
            if even { beads[q].en = [] } else { beads[q].ar = [] }
        }
        if insert && n >= 4 {
            let other = all[(index + all.count / 2) % all.count]
            let source = even ? other.arabic : other.english
            let start = min(1, max(0, source.count - 3))
            let extra = Array(source[start..<min(source.count, start + 3)])
            let p = beads.count / 2
            var inserted = extra.map { even ? B(ar: [$0], en: []) : B(ar: [], en: [$0]) }
            if variant != .untranslatedInline {
                if even { inserted[0].arBreak = true; beads[p].arBreak = true } else { inserted[0].enBreak = true; beads[p].enBreak = true }
            }
            beads.insert(contentsOf: inserted, at: p)
        }
        for b in beads {
            if b.arBreak, !b.ar.isEmpty { arabicParagraphStarts.insert(arabic.count) }
            if b.enBreak, !b.en.isEmpty { englishParagraphStarts.insert(english.count) }
            let a = Set(arabic.count..<(arabic.count + b.ar.count)), e = Set(english.count..<(english.count + b.en.count))
            arabic += b.ar
            english += b.en
            gold.append((a, e))
        }
    }

    /// The side's text: sentences joined by a space, or a line break where a paragraph
    /// starts; with each sentence's UTF-16 range.
    static func join(_ sentences: [String], starts: Set<Int>) -> (String, [Range<Int>]) {
        var text = ""
        var ranges: [Range<Int>] = []
        var offset = 0
        for (i, s) in sentences.enumerated() {
            if i > 0 {
                text += starts.contains(i) ? "\n" : " "
                offset += 1
            }
            let len = s.utf16.count
            ranges.append(offset..<(offset + len))
            text += s
            offset += len
        }
        return (text, ranges)
    }

    struct Result {
        var score: AlignScore
        var confidences: [(Double, Bool)]
        var errors: [String]
    }

    func evaluate(parameters: AlignmentParameters, lexicon: (any AlignmentLexicon)?, segmentation: SegmentationMode,
                  verbose: Bool = false) -> Result {
        // Segments of each side, as sets of gold sentences.
        var arSegments: [Segment], enSegments: [Segment]
        var arCover: [Set<Int>], enCover: [Set<Int>]
        switch segmentation {
        case .gold:
            func segments(_ s: [String], _ starts: Set<Int>) -> [Segment] {
                var p = 0
                return s.enumerated().map { i, text in
                    if starts.contains(i) { p += 1 }
                    return Segment(text: text, range: 0..<0, paragraph: p)
                }
            }
            arSegments = segments(arabic, arabicParagraphStarts)
            enSegments = segments(english, englishParagraphStarts)
            arCover = arabic.indices.map { [$0] }
            enCover = english.indices.map { [$0] }
        case .endToEnd:
            let (arText, arRanges) = Self.join(arabic, starts: arabicParagraphStarts)
            let (enText, enRanges) = Self.join(english, starts: englishParagraphStarts)
            arSegments = SentenceSegmenter(language: .arabic).segments(of: arText)
            enSegments = SentenceSegmenter(language: .english).segments(of: enText)
            func cover(_ segs: [Segment], _ gold: [Range<Int>]) -> [Set<Int>] {
                segs.map { s in Set(gold.indices.filter { gold[$0].overlaps(s.range) }) }
            }
            arCover = cover(arSegments, arRanges)
            enCover = cover(enSegments, enRanges)
        }
        let alignment = SentenceAligner(parameters: parameters, lexicon: lexicon).align(arabic: arSegments, english: enSegments)

        // Gold beads collapsed onto the segmentation: union-find over segments.
        let na = arSegments.count
        var parent = Array(0..<(na + enSegments.count))
        func find(_ x: Int) -> Int { var x = x; while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }; return x }
        func union(_ a: Int, _ b: Int) { parent[find(a)] = find(b) }
        // Segments that share a gold sentence (a gold sentence cut in two) belong together,
        // and so do all the segments of one gold bead.
        var arOfGold = [Int](repeating: -1, count: arabic.count), enOfGold = [Int](repeating: -1, count: english.count)
        for (s, c) in arCover.enumerated() {
            for g in c {
                if arOfGold[g] >= 0 { union(s, arOfGold[g]) } else { arOfGold[g] = s }
            }
        }
        for (s, c) in enCover.enumerated() {
            for g in c {
                if enOfGold[g] >= 0 { union(na + s, enOfGold[g]) } else { enOfGold[g] = na + s }
            }
        }
        for b in gold {
            let nodes = b.arabic.map { arOfGold[$0] } + b.english.map { enOfGold[$0] }
            for x in nodes.dropFirst() { union(nodes[0], x) }
        }
        var groups: [Int: (Set<Int>, Set<Int>)] = [:]
        for s in 0..<na { groups[find(s), default: ([], [])].0.insert(s) }
        for t in 0..<enSegments.count { groups[find(na + t), default: ([], [])].1.insert(t) }
        struct Key: Hashable { let a: Set<Int>; let e: Set<Int> }
        let goldBeads = Set(groups.values.map { Key(a: $0.0, e: $0.1) })
        // A gold pair cut by the segmenter on both sides can be aligned more finely than
        // the gold knows: predicted pair beads that exactly partition one gold bead are
        // scored as that gold bead (the sub-sentence pairing cannot be checked).
        var predicted: [Key] = []
        var beadGroups: [[AlignedBead]] = []
        var pending: [AlignedBead] = []
        let goldOfArabic = Dictionary(uniqueKeysWithValues: groups.values.flatMap { g in g.0.map { ($0, Key(a: g.0, e: g.1)) } })
        func flush() {
            for b in pending { predicted.append(Key(a: Set(b.arabic), e: Set(b.english))); beadGroups.append([b]) }
            pending = []
        }
        for bead in alignment.beads {
            let key = Key(a: Set(bead.arabic), e: Set(bead.english))
            guard bead.move.isPair, !goldBeads.contains(key),
                  let g = goldOfArabic[bead.arabic.lowerBound], g.a.isSuperset(of: key.a), g.e.isSuperset(of: key.e)
            else { flush(); predicted.append(key); beadGroups.append([bead]); continue }
            if let first = pending.first, goldOfArabic[first.arabic.lowerBound] != g { flush() }
            pending.append(bead)
            let covered = pending.reduce(into: (Set<Int>(), Set<Int>())) { $0.0.formUnion($1.arabic); $0.1.formUnion($1.english) }
            if covered.0 == g.a && covered.1 == g.e {
                predicted.append(g)
                beadGroups.append(pending)
                pending = []
            }
        }
        flush()

        var strict = PRF(), lax = PRF()
        strict.truePositives = predicted.filter { goldBeads.contains($0) }.count
        strict.falsePositives = predicted.count - strict.truePositives
        strict.falseNegatives = goldBeads.count - Set(predicted).intersection(goldBeads).count
        func overlaps(_ p: Key, _ g: Key) -> Bool {
            if g.e.isEmpty || g.a.isEmpty || p.e.isEmpty || p.a.isEmpty {
                return p.e.isEmpty == g.e.isEmpty && p.a.isEmpty == g.a.isEmpty && (!p.a.isDisjoint(with: g.a) || !p.e.isDisjoint(with: g.e))
            }
            return !p.a.isDisjoint(with: g.a) && !p.e.isDisjoint(with: g.e)
        }
        let goldList = Array(goldBeads)
        lax.truePositives = predicted.filter { p in goldList.contains { overlaps(p, $0) } }.count
        lax.falsePositives = predicted.count - lax.truePositives
        lax.falseNegatives = goldList.filter { g in !predicted.contains { overlaps($0, g) } }.count

        var confidences: [(Double, Bool)] = []
        var errors: [String] = []
        for (group, key) in zip(beadGroups, predicted) {
          for bead in group {
            let right = goldBeads.contains(key)
            if bead.move.isPair { confidences.append((bead.confidence, right)) }
            if verbose {
                let a = bead.arabic.map { arSegments[$0].text }.joined(separator: " ")
                let e = bead.english.map { enSegments[$0].text }.joined(separator: " ")
                print(String(format: "%@ %@ %.3f cost %.2f (len %.2f anchors %.2f) ar[%@] %@  ||  en[%@] %@", right ? "  " : "XX", bead.move.rawValue,
                             bead.confidence, bead.cost, bead.lengthCost, bead.anchorScore, bead.arabic.map(String.init).joined(separator: ","), String(a.prefix(50)),
                             bead.english.map(String.init).joined(separator: ","), String(e.prefix(70))))
            }
            if !right {
                let a = bead.arabic.map { arSegments[$0].text }.joined(separator: " ")
                let e = bead.english.map { enSegments[$0].text }.joined(separator: " ")
                errors.append(String(format: "[%@] %@ %.3f (len %.2f, anchors %.2f)  ar %@  en %@", id, bead.move.rawValue,
                                     bead.confidence, bead.lengthCost, bead.anchorScore,
                                     String(a.prefix(60)), String(e.prefix(60))))
            }
          }
        }
        return Result(score: AlignScore(strict: strict, lax: lax), confidences: confidences, errors: errors)
    }
}

struct AlignScore {
    var strict = PRF()
    var lax = PRF()
    static func + (a: AlignScore, b: AlignScore) -> AlignScore { AlignScore(strict: a.strict + b.strict, lax: a.lax + b.lax) }
}

extension PRF {
    var short: String { String(format: "P %.3f R %.3f F1 %.3f", precision, recall, f1) }
}

/// Beads by confidence bin: how many, how many right.
struct Calibration {
    static let edges = [0.0, 0.5, 0.8, 0.9, 0.95, 0.99, 1.0001]
    var counts = [Int](repeating: 0, count: edges.count - 1)
    var right = [Int](repeating: 0, count: edges.count - 1)

    mutating func add(_ items: [(Double, Bool)]) {
        for (c, ok) in items {
            let bin = (0..<(Self.edges.count - 1)).first { c >= Self.edges[$0] && c < Self.edges[$0 + 1] } ?? 0
            counts[bin] += 1
            if ok { right[bin] += 1 }
        }
    }

    func print() {
        for b in counts.indices {
            let hi = min(1, Self.edges[b + 1])
            Swift.print(String(format: "  %.2f–%.2f: %5d beads, %5.1f%% right", Self.edges[b], hi, counts[b],
                               counts[b] == 0 ? 0 : 100 * Double(right[b]) / Double(counts[b])))
        }
        for threshold in [0.5, 0.8, 0.9, 0.95] {
            var n = 0, ok = 0
            for b in counts.indices where Self.edges[b] >= threshold { n += counts[b]; ok += right[b] }
            let total = counts.reduce(0, +)
            Swift.print(String(format: "  at ≥ %.2f: %.1f%% of beads kept, %.2f%% of them right", threshold,
                               100 * Double(n) / Double(max(total, 1)), 100 * Double(ok) / Double(max(n, 1))))
        }
    }
}

/// The project's glossary TSV files (id, arabic, english, …; rows with the same id are
/// one concept) as a term lexicon.
enum GlossaryLexicon {
    static func load(_ paths: [String]) throws -> TermListLexicon {
        var order: [String] = []
        var concepts: [String: TermListLexicon.Concept] = [:]
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else { throw EvalError("cannot read \(path)") }
            let text = try TextDecoding.decode([UInt8](data))
            for line in text.split(separator: "\n").dropFirst() {
                let cols = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                guard cols.count >= 3 else { continue }
                let id = path + "#" + cols[0]
                if concepts[id] == nil { order.append(id); concepts[id] = TermListLexicon.Concept(arabic: [], english: []) }
                if !cols[1].isEmpty { concepts[id]!.arabic.append(cols[1]) }
                if !cols[2].isEmpty { concepts[id]!.english.append(cols[2]) }
            }
        }
        return TermListLexicon(concepts: order.map { concepts[$0]! })
    }
}
