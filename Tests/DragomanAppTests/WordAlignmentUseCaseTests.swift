import DragomanAlign
import DragomanApp
import DragomanStore
import DragomanText
import DragomanTM
import Foundation
import Testing

/// Learning, aligning on arrival and fragment recall through the SQLite store, as the CLI
/// runs them.
@Suite struct WordAlignmentUseCaseTests {
    static let subjects = [
        ("وزير الخارجية الأمريكي", "The US Secretary of State"),
        ("رئيس الوزراء البريطاني", "The British Prime Minister"),
        ("الرئيس الأمريكي", "The US President"),
        ("وزير الخارجية البريطاني", "The British Foreign Secretary"),
        ("رئيس الوزراء الفرنسي", "The French Prime Minister"),
        ("وزير الدفاع الفرنسي", "The French Defence Minister"),
    ]
    static let predicates = [
        ("وصل إلى بغداد", "arrived in Baghdad"),
        ("التقى نظيره الروسي", "met his Russian counterpart"),
        ("زار القاهرة", "visited Cairo"),
        ("تحدث إلى الصحفيين", "spoke to reporters"),
        ("غادر لندن", "left London"),
        ("ألقى كلمة في المؤتمر", "gave a speech at the conference"),
    ]

    /// 36 news sentences: every subject with every predicate.
    static func workspace() throws -> Workspace {
        let (workspace, _) = try emptyWorkspace()
        var units: [TranslationUnit] = []
        for (sa, se) in subjects {
            for (pa, pe) in predicates { units.append(TranslationUnit(arabic: "\(sa) \(pa).", english: "\(se) \(pe).")) }
        }
        _ = try workspace.tm.add(contentsOf: units)
        return workspace
    }

    @Test func learningStoresLinksForEveryUnitAndFragmentsComeBack() throws {
        let workspace = try Self.workspace()
        var state = try workspace.alignmentState()
        #expect(state.learned == nil && state.alignedUnits == 0 && state.isLearningDue)
        #expect(FragmentRecall.notice(state)?.contains("tm learn") == true)
        #expect(try FragmentRecall(tm: workspace.tm, glossary: nil).fragments(of: "قال وزير الخارجية الأمريكي إن", side: .arabic).isEmpty)

        let report = try TMLearning(tm: workspace.tm, glossary: workspace.glossary).learn()
        #expect(report.units == 36 && report.links > 24)
        state = try workspace.alignmentState()
        #expect(state.learned != nil && state.alignedUnits == 36 && state.unitsAtLearning == 36 && !state.isLearningDue)
        #expect(FragmentRecall.notice(state) == nil)

        let recall = FragmentRecall(tm: workspace.tm, glossary: nil)
        let found = try recall.fragments(of: "قال وزير الخارجية الأمريكي إن المحادثات مستمرة", side: .arabic)
        let secretary = try #require(found.first { $0.source == "وزير الخارجية الأمريكي" })
        #expect(secretary.target == "US Secretary of State")
        #expect(secretary.count >= 2 && secretary.confidence >= 0.5 && !secretary.units.isEmpty)
        // With a clitic on the first word, from English, and a place after a preposition.
        #expect(try recall.fragments(of: "ولوزير الخارجية الأمريكي رأي", side: .arabic).first?.target == "US Secretary of State")
        let english = try recall.fragments(of: "Yesterday the British Prime Minister said so", side: .english)
        #expect(english.first?.target == "رئيس الوزراء البريطاني")
    }

    @Test func unitsAddedAfterLearningAreAlignedOnArrival() throws {
        let workspace = try Self.workspace()
        _ = try TMLearning(tm: workspace.tm, glossary: nil).learn()
        try workspace.alignOnArrival(units: [("وزير الدفاع الفرنسي زار بغداد.", "The French Defence Minister visited Baghdad.")])
        _ = try TMAddition.add(arabic: "وزير الدفاع الفرنسي زار بغداد.", english: "The French Defence Minister visited Baghdad.",
                               to: workspace.tm)
        var state = try workspace.alignmentState()
        #expect(state.totalUnits == 37 && state.alignedUnits == 37)
        // An import with the whole model.
        try workspace.alignOnArrival()
        _ = try workspace.tm.add(contentsOf: [TranslationUnit(arabic: "رئيس الوزراء البريطاني زار بغداد.",
                                                              english: "The British Prime Minister visited Baghdad.")])
        state = try workspace.alignmentState()
        #expect(state.alignedUnits == 38)
        // Removing a unit removes its links.
        _ = try workspace.tm.remove(id: 1)
        state = try workspace.alignmentState()
        #expect(state.totalUnits == 37 && state.alignedUnits == 37)
    }

    @Test func learningAgainReplacesTheModelAndKeepsOneLinkRowPerUnit() throws {
        let workspace = try Self.workspace()
        let learning = TMLearning(tm: workspace.tm, glossary: nil)
        let first = try learning.learn()
        let second = try learning.learn()
        #expect(first.units == second.units && first.links == second.links)
        #expect(try workspace.alignmentState().alignedUnits == 36)
    }

    @Test func aTinyOrEmptyTMGivesNoFragmentsAndNoError() throws {
        let (workspace, _) = try emptyWorkspace()
        #expect(try workspace.alignmentState().isLearningDue == false)
        #expect(FragmentRecall.notice(try workspace.alignmentState()) == nil)
        _ = try workspace.tm.add(TranslationUnit(arabic: "وزير الخارجية الأمريكي وصل.", english: "The US Secretary of State arrived."))
        let state = try workspace.alignmentState()
        #expect(!state.isLearningDue)
        #expect(FragmentRecall.notice(state)?.contains("too few") == true)
        let report = try TMLearning(tm: workspace.tm, glossary: nil).learn()
        #expect(report.units == 1)
        _ = try FragmentRecall(tm: workspace.tm, glossary: nil).fragments(of: "وزير الخارجية الأمريكي", side: .arabic)
    }

    @Test(arguments: [
        // (learnt at, aligned, total, due)
        (nil, 0, 5, false),          // too small to learn from
        (nil, 0, 10, true),          // never learnt
        (100, 100, 124, false),      // grown by less than a quarter
        (100, 100, 125, true),       // grown by a quarter
        (100, 75, 75, true),         // shrunk by a quarter
        (100, 40, 110, true),        // most units not aligned (an import with --no-learn into a bigger TM)
    ] as [(Int?, Int, Int, Bool)])
    func learningIsDueWhenTheTMChangedByAQuarter(_ learnt: Int?, _ aligned: Int, _ total: Int, _ due: Bool) {
        let state = WordAlignmentState(learned: learnt.map { _ in Date() }, unitsAtLearning: learnt ?? 0, alignedUnits: aligned,
                                       totalUnits: total, seconds: 0)
        #expect(state.isLearningDue == due)
    }
}

@Suite struct LongSegmentAlignmentTests {
    /// A pasted article as one unit (about 3,000 words a side) is aligned in pieces along
    /// the diagonal, on arrival and when learning, in bounded time, and gives links.
    @Test func aVeryLongUnitIsAlignedInPieces() throws {
        let workspace = try WordAlignmentUseCaseTests.workspace()
        let arabic = Array(repeating: "وزير الخارجية الأمريكي زار القاهرة.", count: 600).joined(separator: " ")
        let english = Array(repeating: "The US Secretary of State visited Cairo.", count: 600).joined(separator: " ")
        _ = try workspace.tm.add(TranslationUnit(arabic: arabic, english: english))
        let started = Date()
        let report = try TMLearning(tm: workspace.tm, glossary: nil).learn()
        #expect(report.units == 37)
        try workspace.alignOnArrival()
        _ = try workspace.tm.add(TranslationUnit(arabic: arabic + " وصل.", english: english + " Arrived."))
        #expect(Date().timeIntervalSince(started) < 30)
        let state = try workspace.alignmentState()
        #expect(state.alignedUnits == 38)
        let links = try workspace.tm.links([37, 38])
        for id in [Int64(37), 38] {
            let stored = StoredLinks.decode(try #require(links[id]))
            #expect(stored.links.count > 1_800)  // 600 sentences of six Arabic tokens
            // Along the diagonal: no link strays further than a piece.
            #expect(stored.links.allSatisfy { abs(Double($0.source) / 3_600 - Double($0.target) / 4_800) < 0.2 })
        }
    }
}
