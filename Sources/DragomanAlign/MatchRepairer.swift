import DragomanText
import DragomanTM

/// What gave a repair its new words.
public enum RepairMethod: String, Sendable, Hashable, Codable {
    case glossary, fragment, number, copy
}

/// A span of a text (a query or a TM source) whose translation is known: a glossary term
/// or a TM fragment. Discouraged translations (deprecated, forbidden) are left out by
/// whoever builds it, so a repair can never write one.
public struct KnownTranslation: Sendable, Hashable {
    /// UTF-16 range in the text.
    public var range: Range<Int>
    /// Usable translations, best first (the glossary's preferred term first).
    public var translations: [String]
    public var by: RepairMethod
    /// A less sure reading (a short core behind a one-letter preposition: كمال = ك + مال);
    /// such a term repairs only a difference whose TM side is a known term too.
    public var lowConfidence: Bool

    public init(range: Range<Int>, translations: [String], by: RepairMethod, lowConfidence: Bool = false) {
        self.range = range
        self.translations = translations
        self.by = by
        self.lowConfidence = lowConfidence
    }
}

/// Fuzzy-match repair (Trados's upLIFT, Ortega et al.'s "patching"): each difference
/// between a query and the TM source it matched is carried into the stored target when
/// the TM source's differing words are linked to target words (a consistent phrase pair of
/// the unit's stored links) and the query's differing words have a known translation (a
/// glossary term, a TM fragment, a number, a Latin-script name copied as is). A difference
/// that cannot be repaired keeps the stored words and is listed, never guessed: a wrong
/// proposal that looks finished costs a translator more than a visible gap.
public enum MatchRepairer {
    /// What repair made of one match.
    public struct Result: Sendable, Hashable {
        /// The target with the repairs, nil when nothing was repaired.
        public var target: String?
        public var repairs: [NumberRepair]
        public var unrepaired: [UnrepairedDifference]
    }

    /// One difference: a maximal run of changed tokens (clitic-only changes and equal
    /// words end a run; a number is a difference of its own).
    struct Difference {
        var query: [Int]
        var source: [Int]
        var isNumber: Bool
    }

    /// Repairs `match` in place: the target, the repairs (number repairs the search made
    /// are kept), the unrepaired differences, and the kind `.repaired` when anything was
    /// repaired (the score is unchanged). Exact matches are left alone.
    /// - Parameters:
    ///   - queryText: the query the match was found for (its tokens' ranges point into it).
    ///   - links: the unit's stored links (Arabic match-token index as source), nil when
    ///     the unit has none yet.
    ///   - query: the known translations of the query's spans.
    ///   - source: the known translations of the TM source's spans around a UTF-16 span
    ///     of it (asked only where a word differs, as it costs a glossary look-up).
    public static func repair(_ match: inout TMMatch, queryText: String, links: StoredLinks?, query: [KnownTranslation],
                              source: (Range<Int>) throws -> [KnownTranslation]) rethrows {
        guard match.kind == .fuzzy else { return }
        let result = try repaired(match, queryText: queryText, links: links, query: query, source: source)
        match.unrepaired = result.unrepaired
        if let target = result.target {
            match.repairedTarget = target
            match.repairs = result.repairs
            match.kind = .repaired
        }
    }

    /// The repair of a fuzzy match, without changing it.
    public static func repaired(_ match: TMMatch, queryText: String, links: StoredLinks?, query known: [KnownTranslation],
                                source sourceKnown: (Range<Int>) throws -> [KnownTranslation]) rethrows -> Result {
        let differences = self.differences(match.steps, query: match.queryTokens, source: match.sourceTokens)
        guard !differences.isEmpty else { return Result(target: nil, repairs: [], unrepaired: []) }
        let target = match.unit.text(match.side.other)
        let targetTokens = MatchTokenizer.tokens(of: target, side: match.side.other)
        let oriented = match.side == .arabic ? links : links?.reversed
        var context = Context(match: match, queryText: queryText, target: target, targetUTF16: Array(target.utf16), targetTokens: targetTokens,
                              links: oriented?.links ?? [], queryKnown: known)
        var edits: [Edit] = []
        var unrepaired: [UnrepairedDifference] = []
        for d in differences {
            if d.isNumber {
                if let edit = context.numberEdit(d) { edits.append(edit) } else { unrepaired.append(context.left(d, "not found")) }
                continue
            }
            // The TM source's terms cost a look-up: asked only when the query's words can be
            // translated at all (most differences in real text are words nobody knows).
            guard !d.query.isEmpty, !d.source.isEmpty else {
                unrepaired.append(context.left(d, Reason.missing.rawValue))
                continue
            }
            guard context.mayBeKnown(d) else {
                unrepaired.append(context.left(d, Reason.unknown.rawValue))
                continue
            }
            if let lo = d.source.min(), let hi = d.source.max() {
                context.sourceKnown = try sourceKnown(match.sourceTokens[lo].range.lowerBound..<match.sourceTokens[hi].range.upperBound)
            } else {
                context.sourceKnown = []
            }
            switch context.wordEdit(d) {
            case .success(let edit): edits.append(edit)
            case .failure(let reason): unrepaired.append(context.left(d, reason.rawValue))
            }
        }
        // Two differences must not rewrite the same target words: the later one is left.
        var accepted: [Edit] = []
        for edit in edits.sorted(by: { $0.target.lowerBound < $1.target.lowerBound }) {
            if let last = accepted.last, last.target.upperBound > edit.target.lowerBound {
                unrepaired.append(edit.asLeft("overlap"))
                continue
            }
            accepted.append(edit)
        }
        guard !accepted.isEmpty else { return Result(target: nil, repairs: [], unrepaired: unrepaired) }
        var utf16 = context.targetUTF16
        for edit in accepted.reversed() { utf16.replaceSubrange(edit.target, with: Array(edit.text.utf16)) }
        var shift = 0
        var repairs: [NumberRepair] = []
        for edit in accepted {
            let start = edit.target.lowerBound + shift
            let length = edit.text.utf16.count
            repairs.append(NumberRepair(from: String(decoding: context.targetUTF16[edit.target], as: UTF16.self),
                                        to: edit.text, by: edit.by.rawValue, sourceSpan: TextSpan(edit.querySpan),
                                        targetSpan: TextSpan(start..<(start + length))))
            shift += length - edit.target.count
        }
        return Result(target: String(decoding: utf16, as: UTF16.self), repairs: repairs,
                      unrepaired: unrepaired.sorted { $0.querySpan.start < $1.querySpan.start })
    }

    /// The query spans (UTF-16) of a fuzzy match's word differences: what a known
    /// translation must cover for repair to write it (numbers left out: they carry their
    /// own value).
    public static func wordDifferences(_ match: TMMatch) -> [Range<Int>] {
        differences(match.steps, query: match.queryTokens, source: match.sourceTokens).compactMap { d in
            guard !d.isNumber, let lo = d.query.min(), let hi = d.query.max(), !d.source.isEmpty else { return nil }
            return match.queryTokens[lo].range.lowerBound..<match.queryTokens[hi].range.upperBound
        }
    }

    /// The differences of an alignment, in query order.
    static func differences(_ steps: [AlignmentStep], query: [MatchToken], source: [MatchToken]) -> [Difference] {
        var out: [Difference] = []
        var current = Difference(query: [], source: [], isNumber: false)
        func close() {
            let words = current.query.contains { query[$0].weightClass == .word || query[$0].weightClass == .number }
                || current.source.contains { source[$0].weightClass == .word || source[$0].weightClass == .number }
            if words { out.append(current) }
            current = Difference(query: [], source: [], isNumber: false)
        }
        for step in steps {
            switch step.kind {
            case .equal, .clitic:
                close()
            case .number:
                close()
                out.append(Difference(query: step.queryIndex.map { [$0] } ?? [], source: step.sourceIndex.map { [$0] } ?? [],
                                      isNumber: true))
            case .substitute, .delete, .insert:
                if let q = step.queryIndex { current.query.append(q) }
                if let s = step.sourceIndex { current.source.append(s) }
            }
        }
        close()
        return out
    }

    /// One rewrite of the target.
    struct Edit {
        var target: Range<Int>
        var text: String
        var by: RepairMethod
        var querySpan: Range<Int>
        var left: UnrepairedDifference

        func asLeft(_ reason: String) -> UnrepairedDifference {
            var l = left
            l.reason = reason
            return l
        }
    }

    enum Reason: String, Error {
        case unknown, unlinked, missing
        case notFound = "not found"
    }

    /// What one match's repair works on.
    struct Context {
        let match: TMMatch
        let queryText: String
        let target: String
        let targetUTF16: [UInt16]
        let targetTokens: [MatchToken]
        /// Links with the TM source's token index as `source`.
        let links: [WordLink]
        let queryKnown: [KnownTranslation]
        var sourceKnown: [KnownTranslation]?

        func span(_ tokens: [MatchToken], _ indexes: [Int]) -> Range<Int>? {
            guard let lo = indexes.min(), let hi = indexes.max() else { return nil }
            return tokens[lo].range.lowerBound..<tokens[hi].range.upperBound
        }

        func text(_ utf16: String.UTF16View, _ range: Range<Int>) -> String {
            let a = utf16.index(utf16.startIndex, offsetBy: range.lowerBound)
            let b = utf16.index(utf16.startIndex, offsetBy: range.upperBound)
            return String(utf16[a..<b]) ?? ""
        }

        /// Where a difference with no tokens on one side stands: after the token before it.
        func place(_ indexes: [Int], in tokens: [MatchToken], other: [Int], otherIsQuery: Bool) -> Range<Int> {
            if let r = span(tokens, indexes) { return r }
            // The step before the run names the token on this side.
            guard let first = other.first,
                  let at = match.steps.firstIndex(where: { (otherIsQuery ? $0.queryIndex : $0.sourceIndex) == first }) else { return 0..<0 }
            for step in match.steps[..<at].reversed() {
                if let i = otherIsQuery ? step.sourceIndex : step.queryIndex {
                    let end = tokens[i].range.upperBound
                    return end..<end
                }
            }
            return 0..<0
        }

        func left(_ d: Difference, _ reason: String) -> UnrepairedDifference {
            let q = place(d.query, in: match.queryTokens, other: d.source, otherIsQuery: false)
            let s = place(d.source, in: match.sourceTokens, other: d.query, otherIsQuery: true)
            return UnrepairedDifference(query: text(queryText.utf16, q),
                                        source: text(match.source.utf16, s), querySpan: TextSpan(q), sourceSpan: TextSpan(s),
                                        reason: reason)
        }

        // MARK: Numbers

        /// A number difference: the target's number with the TM source's value (the one
        /// linked to it when there are several) rewritten with the query's.
        func numberEdit(_ d: Difference) -> Edit? {
            guard let q = d.query.first, let s = d.source.first, let to = match.queryTokens[q].number,
                  let from = match.sourceTokens[s].number else { return nil }
            let candidates = targetTokens.indices.filter { targetTokens[$0].number?.sameValue(as: from) == true }
            guard !candidates.isEmpty else { return nil }
            let linked = candidates.filter { t in links.contains { $0.source == s && $0.target == t } }
            guard let t = linked.first ?? (candidates.count == 1 ? candidates.first : nil) else { return nil }
            let token = Tokenizer.tokenize(targetTokens[t].text).first { $0.kind == .number }
            let rendered = token.map { NumberRepairer.render(to, replacing: $0) } ?? to.rendered(in: .ascii)
            return Edit(target: targetTokens[t].range, text: rendered, by: .number, querySpan: match.queryTokens[q].range,
                        left: left(d, ""))
        }

        // MARK: Words

        func wordEdit(_ d: Difference) -> Swift.Result<Edit, Reason> {
            guard !d.query.isEmpty, !d.source.isEmpty else { return .failure(.missing) }
            let queryTokens = match.queryTokens, sourceTokens = match.sourceTokens
            let queryRange = span(queryTokens, d.query)!
            // The query's known translation: the smallest known span that covers the
            // difference (it may reach over equal words around it: كوريا الجنوبية for الجنوبية).
            let known = queryKnown.filter { $0.range.lowerBound <= queryRange.lowerBound && $0.range.upperBound >= queryRange.upperBound
                && !$0.translations.isEmpty }
            var choice = known.min { ($0.range.count, rank($0.by)) < ($1.range.count, rank($1.by)) }
            var queryIndexes = d.query
            var sourceIndexes = d.source
            if let k = choice {
                // Widen the difference to the known span's tokens, on both sides.
                for (i, t) in queryTokens.enumerated() where k.range.contains(t.range.lowerBound) && !queryIndexes.contains(i) {
                    guard let step = match.steps.first(where: { $0.queryIndex == i }), let s = step.sourceIndex else { continue }
                    queryIndexes.append(i)
                    sourceIndexes.append(s)
                }
            }
            let copy = copyTranslation(queryIndexes)
            if choice == nil, let copy { choice = KnownTranslation(range: queryRange, translations: [copy], by: .copy) }
            guard let choice else { return .failure(.unknown) }
            let querySpan = span(queryTokens, queryIndexes)!
            let sourceLo = sourceIndexes.min()!, sourceHi = sourceIndexes.max()!
            let sourceSpan = sourceTokens[sourceLo].range.lowerBound..<sourceTokens[sourceHi].range.upperBound
            // The TM source's known translations of the differing words: what to look for
            // in the target.
            let old = (sourceKnown ?? []).filter { $0.range.lowerBound <= sourceSpan.lowerBound && $0.range.upperBound >= sourceSpan.upperBound }
                .min { $0.range.count < $1.range.count }
            if choice.lowConfidence && old == nil { return .failure(.unknown) }
            let projected = PhraseProjection.target(ofSource: sourceLo..<(sourceHi + 1), links: links)
            let region = projected.map { targetTokens[$0.lowerBound].range.lowerBound..<targetTokens[$0.upperBound - 1].range.upperBound }
            var place: Range<Int>?
            if let old {
                let found = occurrences(of: old.translations)
                if let region, let inside = found.first(where: { region.contains($0.lowerBound) }) {
                    place = inside
                } else if found.count == 1 {
                    place = found[0]
                } else {
                    return .failure(region == nil ? .unlinked : .notFound)
                }
            } else if let region {
                place = region
            }
            guard var place else { return .failure(.unlinked) }
            var text = choice.translations[0]
            // The stored words the new ones stand for.
            let stored = String(decoding: targetUTF16[place], as: UTF16.self)
            if old == nil {
                // A linked span may carry the possessive of the word it translates.
                for mark in ["’s", "'s"] where stored.hasSuffix(mark) && !text.hasSuffix(mark) {
                    text += mark
                    break
                }
            }
            place = grammar(&text, at: place, region: region)
            return .success(Edit(target: place, text: text, by: choice.by, querySpan: querySpan,
                                 left: UnrepairedDifference(query: self.text(queryText.utf16, querySpan),
                                                            source: self.text(match.source.utf16, sourceSpan),
                                                            querySpan: TextSpan(querySpan), sourceSpan: TextSpan(sourceSpan), reason: "")))
        }

        /// Whether a known translation or a Latin-script copy covers the query's words.
        func mayBeKnown(_ d: Difference) -> Bool {
            guard let range = span(match.queryTokens, d.query) else { return false }
            return queryKnown.contains { $0.range.lowerBound <= range.lowerBound && $0.range.upperBound >= range.upperBound && !$0.translations.isEmpty }
                || copyTranslation(d.query) != nil
        }

        func rank(_ m: RepairMethod) -> Int {
            switch m {
            case .glossary: return 0
            case .fragment: return 1
            case .number: return 2
            case .copy: return 3
            }
        }

        /// The query's words when they are all Latin-script names or acronyms in an Arabic
        /// query (written the same in English).
        func copyTranslation(_ indexes: [Int]) -> String? {
            guard match.side == .arabic else { return nil }
            let tokens = indexes.sorted().map { match.queryTokens[$0] }
            guard tokens.allSatisfy({ t in
                t.weightClass == .word && t.text.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || "-.&".unicodeScalars.contains($0)) }
                    && t.text.unicodeScalars.contains { $0.properties.isUppercase }
            }) else { return nil }
            let range = span(match.queryTokens, indexes.sorted())!
            return text(queryText.utf16, range)
        }

        /// Whole-word occurrences of any of `phrases` in the target (exact case first, then
        /// ignoring case), in target order.
        func occurrences(of phrases: [String]) -> [Range<Int>] {
            var out: [Range<Int>] = []
            for phrase in phrases where !phrase.isEmpty {
                let p = Array(phrase.utf16)
                guard p.count <= targetUTF16.count else { continue }
                var i = 0
                while i + p.count <= targetUTF16.count {
                    if equalFolded(targetUTF16[i..<(i + p.count)], p) && isBoundary(before: i) && isBoundary(after: i + p.count) {
                        let r = i..<(i + p.count)
                        if !out.contains(where: { $0.overlaps(r) }) { out.append(r) }
                        i += p.count
                    } else {
                        i += 1
                    }
                }
            }
            return out.sorted { $0.lowerBound < $1.lowerBound }
        }

        func equalFolded(_ a: ArraySlice<UInt16>, _ b: [UInt16]) -> Bool {
            for (x, y) in zip(a, b) where x != y {
                let lx = (x >= 65 && x <= 90) ? x + 32 : x, ly = (y >= 65 && y <= 90) ? y + 32 : y
                if lx != ly { return false }
            }
            return true
        }

        func isLetter(_ u: UInt16) -> Bool {
            guard let s = Unicode.Scalar(u) else { return true }
            return s.properties.isAlphabetic || s.properties.numericType != nil
        }

        func isBoundary(before i: Int) -> Bool { i == 0 || !isLetter(targetUTF16[i - 1]) }
        func isBoundary(after i: Int) -> Bool { i >= targetUTF16.count || !isLetter(targetUTF16[i]) }

        /// The word before `at` in the target and its range.
        func wordBefore(_ at: Int) -> (text: String, range: Range<Int>)? {
            var end = at
            while end > 0, targetUTF16[end - 1] == 0x20 { end -= 1 }
            guard end < at else { return nil }
            var start = end
            while start > 0, isLetter(targetUTF16[start - 1]) { start -= 1 }
            guard start < end else { return nil }
            return (String(decoding: targetUTF16[start..<end], as: UTF16.self), start..<end)
        }

        /// English around a replaced name: "the" that went with the old name (inside the
        /// words the TM source's words are linked to) goes with it unless the new name
        /// brings its own; a new "the …" after a stored "the" is not doubled; a/an follows
        /// the new first sound; a sentence start stays capitalised. Returns the (possibly
        /// widened) range to replace.
        func grammar(_ text: inout String, at place: Range<Int>, region: Range<Int>?) -> Range<Int> {
            guard match.side.other == .english else { return place }
            var place = place
            let newTakesThe = text.lowercased().hasPrefix("the ")
            if let (word, range) = wordBefore(place.lowerBound), word.lowercased() == "the" {
                if newTakesThe {
                    text = String(text.dropFirst(4))
                } else if let region, region.contains(range.lowerBound) {
                    // The stored "the" was part of the old name's translation.
                    place = range.lowerBound..<place.upperBound
                    if word == "The" || range.lowerBound == 0, let first = text.first {
                        text = first.uppercased() + text.dropFirst()
                    }
                }
            } else if newTakesThe && place.lowerBound == 0 {
                text = "The" + text.dropFirst(3)
            }
            if let (word, range) = wordBefore(place.lowerBound), ["a", "an"].contains(word.lowercased()) {
                let wanted = Self.takesAn(text) ? "an" : "a"
                if word.lowercased() != wanted {
                    let cased = word.first!.isUppercase ? wanted.prefix(1).uppercased() + wanted.dropFirst() : wanted
                    let between = String(decoding: targetUTF16[range.upperBound..<place.lowerBound], as: UTF16.self)
                    text = cased + between + text
                    place = range.lowerBound..<place.upperBound
                }
            }
            if place.lowerBound == 0, let first = text.first, first.isLowercase {
                text = first.uppercased() + text.dropFirst()
            }
            return place
        }

        /// "an" before a vowel sound, by the spelling (with the usual exceptions: a
        /// Ukrainian, a European, a one-off; an hour, an honest).
        static func takesAn(_ word: String) -> Bool {
            let w = word.lowercased()
            for p in ["eu", "uk", "ug", "uni", "uru", "usa", "one", "us "] where w.hasPrefix(p) { return false }
            for p in ["hour", "honest", "honour", "heir"] where w.hasPrefix(p) { return true }
            guard let f = w.first else { return false }
            return "aeiou".contains(f)
        }
    }
}
