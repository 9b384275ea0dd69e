@testable import DragomanApp
@testable import DragomanAlign
import DragomanGlossary
import DragomanPretranslate
import DragomanText
import DragomanTM
import Foundation
import Testing

/// Pre-translation and analysis with a fragment search (a fake one: the store's is wired
/// by its own work) and the workspace's glossary.
@Suite struct SubSentenceUseCaseTests {
    static let article = "قال مسؤول في بيان إن 40 شخصا قتلوا في قطاع غزة.\nعاد الوفد أمس.\n"

    /// A fragment search that knows one phrase.
    static func fragments(_ phrase: String, _ target: String) -> Pretranslation.FragmentSearch {
        { text, _ in
            guard let r = text.range(of: phrase) else { return [] }
            let start = text.utf16.distance(from: text.utf16.startIndex, to: r.lowerBound)
            return [TMFragment(range: start..<(start + phrase.utf16.count), source: phrase, target: target, count: 3,
                               confidence: 0.9, alternatives: [], units: [1], words: phrase.split(separator: " ").count)]
        }
    }

    static func workspace() throws -> Workspace {
        let (workspace, _) = try emptyWorkspace()
        _ = try workspace.glossary.add(NewEntry(terms: [NewTerm(.arabic, "قطاع غزة"), NewTerm(.english, "Gaza Strip")]))
        _ = try workspace.tm.add(TranslationUnit(arabic: "عاد الوفد أمس.", english: "The delegation returned yesterday."))
        return workspace
    }

    @Test func draftsFromFragmentsAndTheGlossary() throws {
        let pretranslation = Pretranslation(workspace: try Self.workspace(), fragments: Self.fragments("في بيان", "in a statement"))
        let input = try ArticleInput(text: Self.article, name: "a.txt", language: .arabic, layout: nil)
        let document = try pretranslation.run(input, options: PretranslationOptions())
        let draft = "⟦قال مسؤول⟧ in a statement ⟦إن⟧ 40 ⟦شخصا قتلوا في⟧ Gaza Strip."
        #expect(document.segments[0].fragments.map(\.target) == ["in a statement"])
        #expect(document.segments[0].assembled?.text == draft)
        #expect(document.segments[0].target == nil && document.segments[0].state == .untranslated)
        #expect(document.segments[1].best?.kind == .exact && document.segments[1].assembled == nil)

        let asTarget = try pretranslation.run(input, options: PretranslationOptions(assembledAsTarget: true))
        #expect(asTarget.segments[0].target == draft && asTarget.segments[0].state == .needsReview)
        #expect(asTarget.segments[0].checks.isEmpty)
        #expect(asTarget.segments[1].state == .translated)

        // The analysis counts the draft on its own line; its words stay in "no match".
        var seen = Set<String>()
        let counts = try pretranslation.analyze(input, seen: &seen)
        #expect(counts.segments[.noMatch] == 1 && counts.words[.noMatch] == 11)
        #expect(counts.assembled.segments == 1 && counts.assembled.words == 11 && counts.assembled.coveredWords == 5)
        let report = AnalysisReport(file: "a.txt", counts: counts, weights: .standard)
        #expect(report.weightedWords == 11 + 0.3 * 3)
        let json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(report)) as? [String: Any])
        #expect(json.keys.sorted() == ["assembled", "file", "segments", "totalSegments", "totalWords", "weightedWords", "words"])
        let assembled = try #require(json["assembled"] as? [String: Any])
        #expect(assembled["segments"] as? Int == 1 && assembled["coveredWords"] as? Int == 5 && assembled["words"] as? Int == 11)
        #expect(abs((assembled["coverage"] as? Double ?? 0) - 5.0 / 11.0) < 1e-9)
    }

    /// A draft taken as the target is checked like any proposal, and never becomes translated.
    @Test func aDraftAsTargetIsCheckedAndStaysToReview() throws {
        // A fragment whose stored translation has another number than the sentence.
        let pretranslation = Pretranslation(workspace: try Self.workspace(), fragments: Self.fragments("40 شخصا", "45 people"))
        let input = try ArticleInput(text: Self.article, name: "a.txt", language: .arabic, layout: nil)
        let document = try pretranslation.run(input, options: PretranslationOptions(assembledAsTarget: true))
        #expect(document.segments[0].target?.contains("45 people") == true)
        #expect(!document.segments[0].checks.isEmpty)
        #expect(document.segments[0].state == .needsReview)
    }
}

@Suite struct SpotterFunctionWordTests {
    /// A dictionary's entry for a preposition is not proposed on every preposition of an
    /// article; a real term beside it is.
    @Test func functionWordEntriesAreNotSpotted() throws {
        let (workspace, _) = try emptyWorkspace()
        _ = try workspace.glossary.add(NewEntry(terms: [NewTerm(.arabic, "على"), NewTerm(.english, "Onto")]))
        _ = try workspace.glossary.add(NewEntry(terms: [NewTerm(.arabic, "إن"), NewTerm(.english, "En")]))
        _ = try workspace.glossary.add(NewEntry(terms: [NewTerm(.arabic, "قطاع غزة"), NewTerm(.english, "Gaza Strip")]))
        let hits = try GlossarySpotter(glossary: workspace.glossary).hits(in: "قال إن القصف على قطاع غزة استمر", side: .arabic)
        #expect(hits.map(\.term) == ["قطاع غزة"])
        // Nor does pre-translation, with repair (its own spotting) or without.
        let input = try ArticleInput(text: "قال إن القصف على قطاع غزة استمر.\n", name: "a.txt", language: .arabic, layout: nil)
        for repair in [true, false] {
            var pretranslation = Pretranslation(workspace: workspace)
            pretranslation.repair = repair
            let document = try pretranslation.run(input, options: PretranslationOptions())
            #expect(document.segments.flatMap(\.terms).map(\.term) == ["قطاع غزة"], "repair \(repair)")
        }
        // term find still lists them (a lookup tool, not a proposal).
        #expect(try workspace.glossary.find(in: "قال إن القصف على قطاع غزة استمر").count == 3)
    }
}

@Suite struct TermExtractionUseCaseTests {
    static func candidate(_ arabic: String, _ english: String) -> TermCandidate {
        TermCandidate(arabic: arabic, english: english, count: 3, linkedCount: 3, arabicCount: 3, englishCount: 3, dice: 1,
                      confidence: 0.75, units: [1])
    }

    /// يوم السبت → Saturday adds nothing to a glossary that has السبت → Saturday.
    @Test func aPhraseWhoseTermsTheGlossaryAlreadyTranslatesIsNotProposed() throws {
        let (workspace, _) = try emptyWorkspace()
        _ = try workspace.glossary.add(NewEntry(terms: [NewTerm(.arabic, "السبت"), NewTerm(.english, "Saturday | Sabbath")]))
        _ = try workspace.glossary.add(NewEntry(terms: [NewTerm(.arabic, "السر"), NewTerm(.english, "password", status: .forbidden)]))
        let extraction = TermExtraction(tm: workspace.tm, glossary: workspace.glossary)
        #expect(try extraction.isCovered(Self.candidate("يوم السبت", "Saturday")))
        #expect(try !extraction.isCovered(Self.candidate("يوم السبت", "Saturday morning")))
        // A forbidden translation covers nothing.
        #expect(try !extraction.isCovered(Self.candidate("كلمة السر", "password")))
    }
}
