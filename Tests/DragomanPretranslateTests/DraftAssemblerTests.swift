import Foundation
import Testing
import DragomanGlossary
import DragomanText
@testable import DragomanPretranslate
@testable import DragomanTM

/// The UTF-16 range of the `occurrence`-th `needle` in `text`.
func span(_ needle: String, in text: String, occurrence: Int = 1) throws -> Range<Int> {
    var from = text.startIndex
    var found: Range<String.Index>?
    for _ in 0..<occurrence {
        found = text.range(of: needle, range: from..<text.endIndex)
        guard let f = found else { break }
        from = f.upperBound
    }
    let r = try #require(found, "«\(needle)» not in «\(text)»")
    let lower = text.utf16.distance(from: text.utf16.startIndex, to: r.lowerBound)
    return lower..<(lower + needle.utf16.count)
}

/// A fragment of `text` as the TM's fragment search gives it.
func fragment(_ source: String, in text: String, _ target: String, count: Int = 2, confidence: Double = 0.6,
              alternatives: [FragmentAlternative] = []) throws -> TMFragment {
    TMFragment(range: try span(source, in: text), source: source, target: target, count: count, confidence: confidence,
               alternatives: alternatives, units: [7, 3], words: source.split(separator: " ").count)
}

/// A glossary hit in `text`.
func glossaryTerm(_ surface: String, in text: String, _ translations: [String], status: TermStatus = .preferred,
                  entry: Int64 = 1) throws -> SegmentTerm {
    SegmentTerm(range: try span(surface, in: text), surface: surface, entryID: entry, term: surface,
                translations: translations, status: status, matchKind: "exact")
}

@Suite struct DraftAssemblerTests {
    static let macron = "قال الرئيس الفرنسي إيمانويل ماكرون في بيان إن 35 شخصا قتلوا"

    /// Fragments and a glossary term in place, in source order; the number carried; the
    /// words left over in the source language between ⟦ and ⟧, adjacent ones in one run.
    @Test func fragmentsGlossaryNumbersAndUntranslatedRuns() throws {
        let text = Self.macron
        let draft = try #require(DraftAssembler.assemble(text, side: .arabic, fragments: [
            try fragment("قال الرئيس الفرنسي", in: text, "the French president said", count: 4, confidence: 0.9),
            try fragment("في بيان", in: text, "in a statement", count: 5, confidence: 0.85),
        ], terms: [try glossaryTerm("إيمانويل ماكرون", in: text, ["Emmanuel Macron", "Macron"])]))
        #expect(draft.text == "the French president said Emmanuel Macron in a statement ⟦إن⟧ 35 ⟦شخصا قتلوا⟧")
        #expect(draft.parts.map(\.origin) == [.fragment, .glossary, .fragment, .untranslated, .number, .untranslated])
        #expect(draft.parts.map(\.source) == ["قال الرئيس الفرنسي", "إيمانويل ماكرون", "في بيان", "إن", "35", "شخصا قتلوا"])
        #expect(draft.parts[5].text == "شخصا قتلوا")
        #expect(draft.parts[1].range == (try span("إيمانويل ماكرون", in: text)))
        #expect(draft.coveredWords == 8 && draft.totalWords == 11)
        #expect(abs(draft.coverage - 8.0 / 11.0) < 1e-9)
    }

    /// Rows of real Arabic: what the translator sees.
    @Test(arguments: [
        // Arabic-Indic digits and percent into Western ones, ، and ؟ the English way, a
        // Latin name copied.
        (text: "وقالت وكالة رويترز، نقلا عن مسؤولين في BBC، إن نسبة المشاركة بلغت ٤٥٫٥٪ فقط؟",
         fragments: [("نقلا عن مسؤولين", "citing officials")], terms: [("وكالة رويترز", "Reuters")],
         draft: "⟦وقالت⟧ Reuters, citing officials ⟦في⟧ BBC, ⟦إن نسبة المشاركة بلغت⟧ 45.5% ⟦فقط⟧?"),
        // ؛ into ;, a URL and an acronym copied, Western digits kept as written.
        (text: "أعلنت منظمة الصحة العالمية WHO عن 1,200 إصابة؛ التفاصيل على https://who.int/news",
         fragments: [], terms: [("منظمة الصحة العالمية", "World Health Organization")],
         draft: "⟦أعلنت⟧ World Health Organization WHO ⟦عن⟧ 1,200 ⟦إصابة⟧; ⟦التفاصيل على⟧ https://who.int/news"),
        // A clitic glued to a number stays visible, apart from it; «» become “”.
        (text: "قتل ٣ جنود و٢ مدنيين في «غزة» أمس",
         fragments: [("مدنيين في", "civilians in")], terms: [("غزة", "Gaza")],
         draft: "⟦قتل⟧ 3 ⟦جنود و⟧ 2 civilians in “Gaza” ⟦أمس⟧"),
        // Names alone are a draft (copies), with the words around them untranslated.
        (text: "التقى الوزير نظيره Antony Blinken في واشنطن.",
         fragments: [], terms: [],
         draft: "⟦التقى الوزير نظيره⟧ Antony Blinken ⟦في واشنطن⟧."),
    ])
    func arabicRows(text: String, fragments: [(String, String)], terms: [(String, String)], draft: String) throws {
        let made = try #require(DraftAssembler.assemble(
            text, side: .arabic,
            fragments: try fragments.map { try fragment($0.0, in: text, $0.1) },
            terms: try terms.map { try glossaryTerm($0.0, in: text, [$0.1]) }))
        #expect(made.text == draft)
        // Parts are in source order and do not overlap.
        for (a, b) in zip(made.parts, made.parts.dropFirst()) { #expect(a.range.upperBound <= b.range.lowerBound) }
    }

    @Test func copiesCountAsCoveredAndCliticsAreNoWords() throws {
        let text = "قتل ٣ جنود و٢ مدنيين"
        let draft = try #require(DraftAssembler.assemble(text, side: .arabic, fragments: [
            try fragment("جنود", in: text, "soldiers"),
        ], terms: []))
        #expect(draft.text == "⟦قتل⟧ 3 soldiers ⟦و⟧ 2 ⟦مدنيين⟧")
        // قتل, ٣, جنود, ٢, مدنيين: the و of و٢ is not a word.
        #expect(draft.totalWords == 5 && draft.coveredWords == 3)
    }

    // MARK: Overlaps

    static let overlapText = "أكد وزير الخارجية الأمريكي أنتوني بلينكن"

    /// The span that covers more words wins, whoever it comes from.
    @Test func longerSpanWins() throws {
        let text = Self.overlapText
        let longFragment = try #require(DraftAssembler.assemble(text, side: .arabic, fragments: [
            try fragment("وزير الخارجية الأمريكي", in: text, "US Secretary of State", confidence: 0.3),
        ], terms: [try glossaryTerm("وزير الخارجية", in: text, ["foreign minister"])]))
        #expect(longFragment.text == "⟦أكد⟧ US Secretary of State ⟦أنتوني بلينكن⟧")

        let longTerm = try #require(DraftAssembler.assemble(text, side: .arabic, fragments: [
            try fragment("الخارجية الأمريكي أنتوني", in: text, "US foreign Antony", count: 9, confidence: 0.99),
        ], terms: [try glossaryTerm("وزير الخارجية الأمريكي أنتوني بلينكن", in: text, ["US Secretary of State Antony Blinken"])]))
        #expect(longTerm.text == "⟦أكد⟧ US Secretary of State Antony Blinken")
        #expect(longTerm.parts.map(\.origin) == [.untranslated, .glossary])
    }

    /// On a tie the glossary wins, unless the fragment is confident (≥ 0.8) and well
    /// supported (≥ 3 units).
    @Test(arguments: [
        (confidence: 0.95, count: 2, winner: "foreign minister"),
        (confidence: 0.7, count: 12, winner: "foreign minister"),
        (confidence: 0.8, count: 3, winner: "Secretary of State"),
        (confidence: 0.9, count: 5, winner: "Secretary of State"),
    ])
    func tieGoesToTheGlossaryUnlessTheFragmentIsStrong(confidence: Double, count: Int, winner: String) throws {
        let text = Self.overlapText
        let draft = try #require(DraftAssembler.assemble(text, side: .arabic, fragments: [
            try fragment("وزير الخارجية", in: text, "Secretary of State", count: count, confidence: confidence),
        ], terms: [try glossaryTerm("وزير الخارجية", in: text, ["foreign minister"])]))
        #expect(draft.text == "⟦أكد⟧ \(winner) ⟦الأمريكي أنتوني بلينكن⟧")
        // Crossing spans of as many words: one wins, the other's words are not repeated.
        let crossing = try #require(DraftAssembler.assemble(text, side: .arabic, fragments: [
            try fragment("الخارجية الأمريكي", in: text, "US foreign", count: count, confidence: confidence),
        ], terms: [try glossaryTerm("وزير الخارجية", in: text, ["foreign minister"])]))
        if winner == "foreign minister" {
            #expect(crossing.text == "⟦أكد⟧ foreign minister ⟦الأمريكي أنتوني بلينكن⟧")
        } else {
            #expect(crossing.text == "⟦أكد وزير⟧ US foreign ⟦أنتوني بلينكن⟧")
        }
    }

    /// A deprecated or forbidden term is never put in a draft.
    @Test(arguments: [TermStatus.deprecated, .forbidden])
    func discouragedTermsAreNeverUsed(status: TermStatus) throws {
        let text = "ندد بجرائم العدو الصهيوني في غزة"
        let terms = [try glossaryTerm("العدو الصهيوني", in: text, ["the Zionist enemy"], status: status),
                     try glossaryTerm("غزة", in: text, ["Gaza"], entry: 2)]
        let draft = try #require(DraftAssembler.assemble(text, side: .arabic, fragments: [], terms: terms))
        #expect(draft.text == "⟦ندد بجرائم العدو الصهيوني في⟧ Gaza")
        #expect(!draft.text.contains("enemy"))
        // The discouraged term alone makes no draft.
        #expect(DraftAssembler.assemble(text, side: .arabic, fragments: [], terms: [terms[0]]) == nil)
    }

    /// Numbers alone are no draft; nor is a segment nothing is known of.
    @Test func noDraftFromNumbersAlone() throws {
        #expect(DraftAssembler.assemble("قتل 35 شخصا في ٣ مدن", side: .arabic, fragments: [], terms: []) == nil)
        #expect(DraftAssembler.assemble("جملة لا يعرف منها شيء.", side: .arabic, fragments: [], terms: []) == nil)
        // A term with no translation, or an English term found in an Arabic sentence's
        // Latin words, translates nothing (the Latin word is copied instead).
        let text = "قال مسؤول في UN إن 5 قتلوا"
        let un = try glossaryTerm("UN", in: text, ["الأمم المتحدة"])
        let draft = try #require(DraftAssembler.assemble(text, side: .arabic, fragments: [],
                                                         terms: [un, try glossaryTerm("مسؤول", in: text, [])]))
        #expect(draft.text == "⟦قال مسؤول في⟧ UN ⟦إن⟧ 5 ⟦قتلوا⟧")
        #expect(draft.parts.map(\.origin) == [.untranslated, .copy, .untranslated, .number, .untranslated])
    }

    // MARK: English source

    @Test func englishSource() throws {
        let text = "French President Emmanuel Macron said in a statement that 35 people were killed, officials say?"
        let draft = try #require(DraftAssembler.assemble(text, side: .english, fragments: [
            try fragment("said in a statement", in: text, "قال في بيان", count: 6, confidence: 0.9),
        ], terms: [try glossaryTerm("Emmanuel Macron", in: text, ["إيمانويل ماكرون"])]))
        #expect(draft.text == "⟦French President⟧ إيمانويل ماكرون قال في بيان ⟦that⟧ 35 ⟦people were killed⟧، ⟦officials say⟧؟")
        #expect(draft.coveredWords == 7 && draft.totalWords == 15)
        // Arabic in an English source is copied; digits are not converted.
        let mixed = try #require(DraftAssembler.assemble("The word جهاد appears 1,200 times", side: .english,
                                                         fragments: [], terms: []))
        #expect(mixed.text == "⟦The word⟧ جهاد ⟦appears⟧ 1,200 ⟦times⟧")
    }
}
