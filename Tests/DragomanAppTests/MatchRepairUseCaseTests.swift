import DragomanApp
import DragomanDocuments
import DragomanGlossary
import DragomanPretranslate
import DragomanText
import DragomanTM
import Foundation
import Testing

/// Fuzzy-match repair through the use-cases `tm match` and `pretranslate` run: a learnt TM,
/// the workspace's glossary, the JSON a script reads.
@Suite struct MatchRepairUseCaseTests {
    static let pairs: [(String, String)] = [
        ("زار الرئيس عاصمة المكسيك يوم الاثنين.", "The president visited Mexico's capital on Monday."),
        ("وصل الوفد إلى المكسيك في مايو.", "The delegation arrived in Mexico in May."),
        ("قال الوزير إن مصر ستستضيف القمة.", "The minister said Egypt would host the summit."),
        ("أعلنت فرنسا عن خطة جديدة للطاقة.", "France announced a new energy plan."),
        ("التقى الوزير نظيره في باريس يوم الثلاثاء.", "The minister met his counterpart in Paris on Tuesday."),
        ("سافر الرئيس إلى البرازيل لحضور المؤتمر.", "The president travelled to Brazil to attend the conference."),
        ("وقعت ألمانيا اتفاقية مع الأردن.", "Germany signed an agreement with Jordan."),
        ("ارتفعت الأسعار في يناير بنسبة 35 في المئة.", "Prices rose by 35 percent in January."),
        ("عقد الاجتماع في القاهرة يوم الأربعاء.", "The meeting was held in Cairo on Wednesday."),
        ("زار وفد من اليابان مدينة دبي.", "A delegation from Japan visited Dubai."),
        ("قالت الحكومة إن الاقتصاد ينمو بسرعة.", "The government said the economy is growing fast."),
        ("أرسلت الصين مساعدات إلى باكستان.", "China sent aid to Pakistan."),
    ]

    static func workspace() throws -> Workspace {
        let (workspace, _) = try emptyWorkspace()
        let terms: [(String, String)] = [("المكسيك", "Mexico"), ("إثيوبيا", "Ethiopia"), ("البرازيل", "Brazil"), ("الأرجنتين", "Argentina"),
                                         ("يناير", "January"), ("مارس", "March"), ("الأربعاء", "Wednesday"), ("الجمعة", "Friday")]
        for (a, e) in terms {
            _ = try workspace.glossary.add(NewEntry(domain: "geography", terms: [NewTerm(.arabic, a), NewTerm(.english, e)]))
        }
        // Only a forbidden translation first, the preferred one after it.
        _ = try workspace.glossary.add(NewEntry(terms: [NewTerm(.arabic, "الهند"), NewTerm(.english, "Hindustan", status: .forbidden),
                                                        NewTerm(.english, "India")]))
        // Nothing but a forbidden translation: no repair with it.
        _ = try workspace.glossary.add(NewEntry(terms: [NewTerm(.arabic, "بورما"), NewTerm(.english, "Burma", status: .forbidden)]))
        _ = try workspace.tm.add(contentsOf: pairs.map { TranslationUnit(arabic: $0.0, english: $0.1) })
        _ = try TMLearning(tm: workspace.tm, glossary: workspace.glossary).learn()
        return workspace
    }

    @Test func tmMatchRepairsNamesDatesAndNumbers() throws {
        let matching = TMMatching(workspace: try Self.workspace())
        let rows: [(String, String)] = [
            ("زار الرئيس عاصمة إثيوبيا يوم الاثنين.", "The president visited Ethiopia's capital on Monday."),
            ("زار الرئيس لعاصمة إثيوبيا يوم الاثنين.", "The president visited Ethiopia's capital on Monday."),
            ("سافر الرئيس إلى الأرجنتين لحضور المؤتمر.", "The president travelled to Argentina to attend the conference."),
            ("ارتفعت الأسعار في مارس بنسبة 40 في المئة.", "Prices rose by 40 percent in March."),
            ("عقد الاجتماع في القاهرة يوم الجمعة.", "The meeting was held in Cairo on Friday."),
            ("سافر الرئيس إلى NATO لحضور المؤتمر.", "The president travelled to NATO to attend the conference."),
        ]
        for (query, expected) in rows {
            let m = try #require(try matching.matches(query, side: .arabic, threshold: 70, limit: 1).first)
            #expect(m.proposedTarget == expected, "\(query)")
            #expect(m.kind == .repaired)
        }
    }

    @Test func aForbiddenTermIsNeverWritten() throws {
        let matching = TMMatching(workspace: try Self.workspace())
        let india = try #require(try matching.matches("زار وفد من الهند مدينة دبي.", side: .arabic, threshold: 70, limit: 1).first)
        #expect(india.proposedTarget == "A delegation from India visited Dubai.")
        let burma = try #require(try matching.matches("زار وفد من بورما مدينة دبي.", side: .arabic, threshold: 70, limit: 1).first)
        #expect(burma.proposedTarget == "A delegation from Japan visited Dubai.")
        #expect(burma.kind == .fuzzy)
        #expect(burma.unrepaired.map(\.query) == ["بورما"])
    }

    @Test func noRepairGivesTheStoredTargetAndTheScoresKind() throws {
        let workspace = try Self.workspace()
        for query in ["زار الرئيس عاصمة إثيوبيا يوم الاثنين.", "ارتفعت الأسعار في يناير بنسبة 40 في المئة."] {
            let repaired = try #require(try TMMatching(workspace: workspace).matches(query, side: .arabic, threshold: 70, limit: 1).first)
            let stored = try #require(try TMMatching(workspace: workspace, repair: false).matches(query, side: .arabic, threshold: 70, limit: 1).first)
            #expect(repaired.kind == .repaired)
            #expect(stored.kind == .fuzzy && stored.score == repaired.score)
            #expect(stored.proposedTarget == stored.unit.english && stored.repairs.isEmpty)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(JSONOutput.string(
                MatchReport(query: query, matches: [stored], explain: false)).utf8)) as? [String: Any])
            let match = try #require((json["matches"] as? [[String: Any]])?.first)
            #expect(match["target"] as? String == stored.unit.english)
            #expect(match["storedTarget"] == nil && match["repairs"] == nil)
        }
    }

    @Test func theJSONOfTMMatchListsEachRepair() throws {
        let query = "زار الرئيس عاصمة إثيوبيا يوم زنكلاند."
        let workspace = try Self.workspace()
        let matches = try TMMatching(workspace: workspace).matches(query, side: .arabic, threshold: 60, limit: 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(JSONOutput.string(
            MatchReport(query: query, matches: matches, explain: false)).utf8)) as? [String: Any])
        let match = try #require((json["matches"] as? [[String: Any]])?.first)
        #expect(match["kind"] as? String == "repaired")
        #expect(match["target"] as? String == "The president visited Ethiopia's capital on Monday.")
        #expect(match["storedTarget"] as? String == "The president visited Mexico's capital on Monday.")
        let repair = try #require((match["repairs"] as? [[String: Any]])?.first)
        #expect(repair.keys.sorted() == ["by", "from", "sourceSpan", "targetSpan", "to"])
        #expect(repair["by"] as? String == "glossary" && repair["from"] as? String == "Mexico" && repair["to"] as? String == "Ethiopia")
        #expect(repair["sourceSpan"] as? [String: Int] == ["start": 17, "end": 24])
        #expect(repair["targetSpan"] as? [String: Int] == ["start": 22, "end": 30])
        let left = try #require((match["unrepaired"] as? [[String: Any]])?.first)
        #expect(left["query"] as? String == "زنكلاند" && left["source"] as? String == "الاثنين")
        #expect(left["reason"] as? String == "unknown")
    }

    @Test func pretranslateRepairsUnlessAskedNotTo() throws {
        let workspace = try Self.workspace()
        let input = try ArticleInput(text: "زار الرئيس عاصمة إثيوبيا يوم الاثنين.\n", name: "a.txt", language: .arabic, layout: nil)
        let options = PretranslationOptions(side: .arabic, threshold: 70, alternatives: 0)
        let repaired = try Pretranslation(workspace: workspace, fragments: workspace.fragmentSearch()).run(input, options: options)
        let best = try #require(repaired.segments.first?.best)
        #expect(best.kind == .repaired && best.target == "The president visited Ethiopia's capital on Monday.")
        #expect(best.storedTarget == "The president visited Mexico's capital on Monday.")
        #expect(repaired.segments[0].state == .needsReview)
        let line = try SegmentJSONWriter().write(repaired)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let match = try #require(object["match"] as? [String: Any])
        #expect(match["storedTarget"] as? String == "The president visited Mexico's capital on Monday.")
        #expect((match["unrepaired"] as? [Any])?.isEmpty == true)
        let repair = try #require((match["repairs"] as? [[String: Any]])?.first)
        #expect(repair.keys.sorted() == ["by", "from", "sourceSpan", "targetSpan", "to"])

        let stored = try Pretranslation(workspace: workspace, fragments: workspace.fragmentSearch(), repair: false).run(input, options: options)
        let plain = try #require(stored.segments.first?.best)
        #expect(plain.kind == .fuzzy && plain.target == "The president visited Mexico's capital on Monday.")
        #expect(plain.storedTarget == nil && plain.repairs.isEmpty)
    }
}
