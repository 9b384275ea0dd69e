@testable import DragomanApp
import DragomanGlossary
import DragomanText
import DragomanTM
import Testing

/// A fragment resting on one unit is left out when a glossary term of its source is
/// translated in that unit, but not in the fragment: the unit's links put its edges in the
/// wrong place. The fragments here are written by hand, so what is asserted is the check.
@Suite struct FragmentTermCheckTests {
    struct NotAdded: Error {}

    static let sentence = "وذلك بمشاركة شخصيات بارزة من قادة المقاومة، وحضور أربعمئة شخصية"

    /// A fragment of `sentence` from `source` to `target`, resting on `units`.
    static func fragment(_ source: String, _ target: String, units: [Int64]) -> TMFragment {
        let start = sentence.utf16.distance(from: sentence.utf16.startIndex, to: sentence.range(of: source)!.lowerBound)
        return TMFragment(range: start..<(start + source.utf16.count), source: source, target: target, count: units.count,
                          confidence: 0.5, alternatives: [], units: units, words: source.split(separator: " ").count)
    }

    static func setUp() throws -> (Workspace, unit: Int64, other: Int64) {
        let (workspace, _) = try emptyWorkspace()
        _ = try workspace.glossary.add(NewEntry(terms: [NewTerm(.arabic, "شخصيات"), NewTerm(.english, "figure")]))
        _ = try workspace.glossary.add(NewEntry(terms: [NewTerm(.arabic, "عام"), NewTerm(.english, "year")]))
        _ = try workspace.glossary.add(NewEntry(terms: [NewTerm(.arabic, "العام المقبل"), NewTerm(.english, "next year")]))
        guard case .added(let unit) = try workspace.tm.add(TranslationUnit(
            arabic: "وذلك بمشاركة شخصيات بارزة من قادة المقاومة، وحضور أربعمئة شخصية من نحو 35 دولة",
            english: "with the participation of prominent resistance leaders and attended by four hundred figures from some 35 countries")),
            case .added(let other) = try workspace.tm.add(TranslationUnit(
                arabic: "سيخوض الانتخابات في العام القادم بعد أن خسر العام الماضي",
                english: "He will run next year after losing last year"))
        else { throw NotAdded() }
        return (workspace, unit, other)
    }

    @Test func aFragmentWhoseTermIsTranslatedOutsideItInTheUnitIsLeftOut() throws {
        let (workspace, unit, _) = try Self.setUp()
        let check = FragmentTermCheck(glossary: workspace.glossary, tm: workspace.tm)
        let shifted = Self.fragment("وذلك بمشاركة شخصيات بارزة من قادة المقاومة", "participation of prominent resistance leaders and attended",
                                    units: [unit])
        #expect(try check.keeping([shifted], of: Self.sentence, side: .arabic).isEmpty)
        // Its term in the fragment (a plural of the glossary's word): kept.
        let right = Self.fragment("وذلك بمشاركة شخصيات بارزة من قادة المقاومة",
                                  "participation of prominent figures and resistance leaders", units: [unit])
        #expect(try check.keeping([right], of: Self.sentence, side: .arabic).map(\.target) == [right.target])
        // Two units agree on it: their agreement is the evidence, the check does not apply.
        let agreed = Self.fragment("وذلك بمشاركة شخصيات بارزة من قادة المقاومة", shifted.target, units: [unit, unit + 100])
        #expect(try check.keeping([agreed], of: Self.sentence, side: .arabic).count == 1)
        // A span without a glossary term is left alone.
        let plain = Self.fragment("بارزة من قادة المقاومة", "prominent resistance leaders and attended", units: [unit])
        #expect(try check.keeping([plain], of: Self.sentence, side: .arabic).count == 1)
    }

    /// The glossary's longest term in the unit's translation ("next year") does not hide a
    /// shorter one inside it ("year"): the translations are compared as word sequences.
    @Test func aTermInsideALongerTermOfTheTranslationCounts() throws {
        let (workspace, _, other) = try Self.setUp()
        let check = FragmentTermCheck(glossary: workspace.glossary, tm: workspace.tm)
        let query = "سيترشح في العام القادم"
        let start = query.utf16.count - "العام القادم".utf16.count
        let nextYear = TMFragment(range: start..<query.utf16.count, source: "العام القادم", target: "next year", count: 1,
                                  confidence: 0.5, alternatives: [], units: [other], words: 2)
        #expect(try check.keeping([nextYear], of: query, side: .arabic).map(\.target) == ["next year"])
    }
}
