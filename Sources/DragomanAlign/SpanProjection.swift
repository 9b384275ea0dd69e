import DragomanText
import DragomanTM

/// The target span a source span of a unit translates into, through the unit's stored
/// links: shared by fragment recall and term extraction.
enum SpanProjection {
    /// The target tokens a source span of a unit translates into, or nil when the links
    /// do not say so clearly. The span of the sure links is taken when no link leaves it
    /// (else the span of all links, Koehn's consistent phrase pair); punctuation and
    /// function words at its edges are dropped (a leading preposition stays when the
    /// source starts with one: في القدس, in Jerusalem). A span with no sure link into
    /// the target is not projected. (Asking sure links of the content words at both edges
    /// as well halved what is found and made it no more precise: measured on NTREX.)
    static func target(of source: Range<Int>, sourceTokens: [MatchToken], targetTokens: [MatchToken], links: StoredLinks,
                       sourceLanguage: Language, strict: Bool = false, manyToOne: Bool = false,
                       refusesCutNames: Bool = false, keepsNumbers: Bool = false, holdsEveryLink: Bool = false) -> Range<Int>? {
        guard let full = PhraseProjection.target(ofSource: source, links: links.links) else { return nil }
        var lo = Int.max, hi = Int.min
        for l in links.sure where source.contains(l.source) { lo = min(lo, l.target); hi = max(hi, l.target) }
        guard lo <= hi else { return nil }
        // (The sure span, when consistent, was more precise on NTREX than Koehn's
        // span of all links: 0.69 against 0.65 at the same coverage.)
        var box = lo..<(hi + 1)
        // The sure span stands only if no link enters it from outside the source span, no
        // sure link of the span leaves it, and every linked content word of the span has a
        // link inside it (else it would translate part of the span: قال وزير الخارجية as
        // "minister" alone).
        let entered = links.links.contains { box.contains($0.target) && !source.contains($0.source) }
        let leaves = links.sure.contains { source.contains($0.source) && !box.contains($0.target) }
        let partial = source.contains { i in
            i < sourceTokens.count && sourceTokens[i].weightClass == .word && !FunctionWords.contains(sourceTokens[i].key, sourceLanguage)
                && links.links.contains { $0.source == i } && !links.links.contains { $0.source == i && box.contains($0.target) }
        }
        // With `holdsEveryLink` (fragment recall, with one unit to go by), every link of the
        // span counts, not only the sure ones: a stray sure link (وحضور → "figures") must
        // not leave "four hundred" out of وحضور أربعمئة شخصية. (NTREX, quarter / half / whole
        // TM: precision 0.682 / 0.701 / 0.773 → 0.681 / 0.707 / 0.783, right-coverage
        // unchanged; LibreOffice 0.744 / 0.142 → 0.745 / 0.141. Refusing such a unit
        // instead: 0.704 / 0.718 / 0.788, but 14 right fragments fewer with the whole TM.
        // Term extraction does not ask it: dictionary-checked 0.757 → 0.753, held-out
        // recall 0.607 → 0.598.)
        let loose = holdsEveryLink && links.links.contains { source.contains($0.source) && !box.contains($0.target) }
        if entered || leaves || partial || loose { box = full }
        let targetLanguage = sourceLanguage.other
        let tokens = targetTokens
        // A capitalised word inside an English sentence is a name (Theresa May), not "may".
        // With `keepsNumbers` (a span with numbers, carried over by value) a number at the
        // box's edge is part of the translation.
        func isFunction(_ t: MatchToken) -> Bool {
            if keepsNumbers, t.number != nil { return false }
            guard t.weightClass == .word else { return true }
            if targetLanguage == .english, t.range.lowerBound > 0, t.text.unicodeScalars.first?.properties.isUppercase == true { return false }
            return FunctionWords.contains(t.key, targetLanguage)
        }
        let keepsPreposition = source.lowerBound < sourceTokens.count
            && FunctionWords.isPreposition(sourceTokens[source.lowerBound].key, sourceLanguage)
        var a = box.lowerBound, b = box.upperBound
        while a < b {
            let t = tokens[a]
            if t.weightClass == .punctuation || (isFunction(t) && !(keepsPreposition && FunctionWords.isPreposition(t.key, targetLanguage))) {
                a += 1
            } else { break }
        }
        while b > a, isFunction(tokens[b - 1]) { b -= 1 }
        guard b > a, b - a <= 2 * source.count + 3 else { return nil }
        if strict {
            // Only one unit to go by: the content words at both edges, on both sides,
            // must have a sure link into the pair. (On NTREX this keeps 150 of 255
            // single-unit fragments and lifts the precision of all from 0.69 to 0.74.)
            func sure(target j: Int) -> Bool { links.sure.contains { $0.target == j && source.contains($0.source) } }
            // With `manyToOne`, an edge word may instead be linked to a target word that
            // another word of the span is surely linked to: sure links are the two
            // directions' intersection, so of كلمة السر → password, قاعدة البيانات → database,
            // الاتحاد الأوروبي → EU only one Arabic word can hold the sure link. (Term
            // extraction asks it, its pairs recurring: held-out recall 0.549 → 0.566 with
            // the pieces rule; fragment recall does not: precision on NTREX 0.736 → 0.727.)
            func sure(source i: Int) -> Bool {
                if links.sure.contains(where: { $0.source == i && (a..<b).contains($0.target) }) { return true }
                guard manyToOne else { return false }
                return links.links.contains { l in
                    l.source == i && (a..<b).contains(l.target)
                        && links.sure.contains { $0.target == l.target && $0.source != i && source.contains($0.source) }
                }
            }
            for j in Set([a, b - 1]) where !isFunction(tokens[j]) && !sure(target: j) { return nil }
            let content = source.filter {
                $0 < sourceTokens.count && sourceTokens[$0].weightClass == .word
                    && !FunctionWords.contains(sourceTokens[$0].key, sourceLanguage)
            }
            for i in Set([content.first, content.last].compactMap { $0 }) where !sure(source: i) { return nil }
        }
        // Widened only after the checks above, which ask for links at the box's edges.
        if targetLanguage == .english {
            (a, b) = dottedInitials(a..<b, tokens)
            a = fixedExpressionStart(a, tokens)
            (a, b) = transliteratedName(a..<b, tokens, source: source, sourceTokens: sourceTokens, links: links)
            // Fragment recall asks it (on NTREX it drops North for كوريا الشمالية 12 times
            // with half of the TM, and the units' shared North Korea comes instead); term
            // extraction does not (held-out recall 0.607 → 0.598).
            if refusesCutNames, cutsName(a..<b, tokens, source: source, links: links) { return nil }
        }
        return a..<b
    }

    /// Whether a link ties target word `j` to a source word outside `source`: then `j`
    /// translates that word, and a box must not take it in (the widenings) nor count it as
    /// part of its own name (`cutsName`).
    static func isTied(_ j: Int, outside source: Range<Int>, _ links: StoredLinks) -> Bool {
        links.links.contains { $0.target == j && !source.contains($0.source) }
    }

    /// A box that holds part of a name the span's Arabic writes as one word (نيويورك →
    /// York of New York), widened by the capitalised word beside it when the two together
    /// have the consonant skeleton of an Arabic word of the span (clitics read off) and the
    /// part alone does not, and no link from outside the span ties that word. The
    /// skeleton is the transliteration's evidence: a capitalised neighbour alone is not
    /// (widening over any neighbour a link reaches gave الضوء → Light Source).
    static func transliteratedName(_ box: Range<Int>, _ tokens: [MatchToken], source: Range<Int>, sourceTokens: [MatchToken],
                                   links: StoredLinks) -> (Int, Int) {
        // Not the sentence's first word: its capital says nothing.
        func isCapitalised(_ i: Int) -> Bool {
            i > 0 && i < tokens.count && tokens[i].weightClass == .word
                && tokens[i].text.unicodeScalars.first?.properties.isUppercase == true
        }
        var a = box.lowerBound, b = box.upperBound
        let before = isCapitalised(a - 1) && isCapitalised(a)
        let after = isCapitalised(b) && isCapitalised(b - 1)
        guard before || after else { return (a, b) }
        var skeletons = Set<String>()
        for i in source where i < sourceTokens.count && sourceTokens[i].weightClass == .word {
            let key = sourceTokens[i].key
            if let s = NameSkeleton.arabic(key) { skeletons.insert(s) }
            for r in CliticAnalyzer.readings(ofKey: key) where !r.isIdentity {
                if let s = NameSkeleton.arabic(r.core) { skeletons.insert(s) }
            }
        }
        guard !skeletons.isEmpty else { return (a, b) }
        func isName(_ r: Range<Int>) -> Bool {
            NameSkeleton.english(r.map { tokens[$0].text }.joined()).map(skeletons.contains) ?? false
        }
        if before, !isTied(a - 1, outside: source, links), isName((a - 1)..<(a + 1)), !isName(a..<(a + 1)) { a -= 1 }
        if after, !isTied(b, outside: source, links), isName((b - 1)..<(b + 1)), !isName((b - 1)..<b) { b += 1 }
        return (a, b)
    }

    /// English expressions whose first word is a function word that the box's edge
    /// trimming would drop, though the rest is no translation alone: في المائة is "per
    /// cent", not "cent" (27 of the 694 fragments of the news folds), على الأقل "at least".
    static let fixedExpressions: [String: Set<String>] = ["cent": ["per"], "least": ["at"], "most": ["at"]]

    /// The box's start moved back over the first word of a fixed expression it cuts.
    static func fixedExpressionStart(_ a: Int, _ tokens: [MatchToken]) -> Int {
        guard a > 0, a < tokens.count, let first = fixedExpressions[tokens[a].key],
              tokens[a - 1].weightClass == .word, first.contains(tokens[a - 1].key) else { return a }
        return a - 1
    }

    /// Whether a box starts or ends inside a name of capitalised words: North of North
    /// Korea, White of White House, Prime of Prime Minister are no translations. A
    /// capitalised neighbour that a link ties to a word outside the span translates that
    /// word (President of President Donald Trump, Government of UK Government), and the
    /// box does not cut it.
    static func cutsName(_ box: Range<Int>, _ tokens: [MatchToken], source: Range<Int>, links: StoredLinks) -> Bool {
        func isNameWord(_ i: Int) -> Bool {
            i >= 0 && i < tokens.count && tokens[i].weightClass == .word && tokens[i].number == nil
                && tokens[i].text.unicodeScalars.first?.properties.isUppercase == true
                && !FunctionWords.contains(tokens[i].key, .english)
        }
        return (isNameWord(box.upperBound - 1) && isNameWord(box.upperBound) && !isTied(box.upperBound, outside: source, links))
            || (isNameWord(box.lowerBound) && isNameWord(box.lowerBound - 1) && !isTied(box.lowerBound - 1, outside: source, links))
    }

    /// A box that ends or starts inside initials written with full stops (U.S., U.N.)
    /// widened to all of them, the last stop included: such initials are one word that
    /// the tokens split, the links often hold only one of its letters (the other tied to
    /// a word elsewhere, as a rare token is), and "U" alone is no translation (11 of the
    /// wrong fragments on NTREX were so cut).
    static func dottedInitials(_ box: Range<Int>, _ tokens: [MatchToken]) -> (Int, Int) {
        func isInitial(_ i: Int) -> Bool {
            i >= 0 && i < tokens.count && tokens[i].weightClass == .word && tokens[i].text.unicodeScalars.count == 1
                && tokens[i].text.unicodeScalars.first.map { $0.isASCII && $0.properties.isUppercase } == true
        }
        func isStop(_ i: Int) -> Bool { i >= 0 && i < tokens.count && tokens[i].text == "." }
        var a = box.lowerBound, b = box.upperBound
        // Only initials that are followed by a stop: "Plan B" is not widened.
        if isInitial(b - 1), isStop(b) {
            while isStop(b), isInitial(b + 1), isStop(b + 2) { b += 2 }
            b += 1
        }
        if isInitial(a), isStop(a + 1) {
            while isStop(a - 1), isInitial(a - 2) { a -= 2 }
        }
        return (a, b)
    }
}
