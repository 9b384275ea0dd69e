import DragomanFormats
import Foundation
import Testing
@testable import DragomanAlign
import DragomanStore
import DragomanText
import DragomanTM

@Suite struct BadInputTests {
    let arabic = "قال الوزير إن الحكومة ستدعم المشاريع. وأضاف أن العمل سيبدأ العام المقبل."
    let english = "The minister said the government would support the projects. He added that work would start next year."

    func error(_ a: String, _ e: String) -> AlignmentInputError? {
        do {
            _ = try DocumentAligner().align(arabic: a, english: e)
            return nil
        } catch {
            return error
        }
    }

    @Test func goodInputAligns() {
        #expect(error(arabic, english) == nil)
    }

    @Test func emptyFiles() {
        #expect(error("", english) == .empty(.arabic))
        #expect(error(arabic, "  \n\n \t\n") == .empty(.english))
        #expect(error("123 456", english) == .noLetters(.arabic))
        let message = AlignmentInputError.empty(.english).message(arabicName: "a.txt", englishName: "b.txt")
        #expect(message.hasPrefix("b.txt: the file is empty"))
    }

    @Test func wrongLanguage() {
        // Arabic on both sides.
        guard case .englishSideIsArabic(let share) = error(arabic, arabic) else { Issue.record("not refused"); return }
        #expect(share > 0.95)
        #expect(error(english, english) == .arabicSideIsNotArabic(arabicShare: 0))
        #expect(error(english, arabic) == .swapped)
        #expect(AlignmentInputError.swapped.message(arabicName: "en.txt", englishName: "ar.txt").contains("dragoman align ar.txt en.txt"))
        // An English article quoting an Arabic name is still English.
        #expect(error(arabic, english + " The slogan was «القدس لنا».") == nil)
    }

    @Test func wildlyUnequalLengths() {
        let longEnglish = Array(repeating: "The minister said the government would support the projects.", count: 12).joined(separator: " ")
        #expect(error("قال الوزير.", longEnglish) == .unequalSentenceCounts(arabic: 1, english: 12))
        let longSentence = "The minister said " + Array(repeating: "that the government would support the projects", count: 12).joined(separator: " and ") + "."
        guard case .unequalLengths = error("قال الوزير إن الحكومة ستدعم.", longSentence) else { Issue.record("not refused"); return }
        // A translation a little longer or shorter is fine.
        #expect(error(arabic, "The minister said the government would help. Work starts next year.") == nil)
    }

    @Test func messagesNameTheFiles() {
        let all: [AlignmentInputError] = [.empty(.arabic), .noLetters(.english), .englishSideIsArabic(arabicShare: 0.98),
                                          .arabicSideIsNotArabic(arabicShare: 0.1), .swapped,
                                          .unequalSentenceCounts(arabic: 2, english: 40), .unequalLengths(arabic: 20, english: 900)]
        for e in all {
            let m = e.message(arabicName: "AR.txt", englishName: "EN.txt")
            #expect(m.contains("AR.txt") || m.contains("EN.txt") || m.contains("files"), "\(m)")
        }
    }
}

@Suite struct ExportTests {
    func storm() throws -> DocumentAlignment {
        try DocumentAligner().align(arabic: try fixture("storm.ar.txt"), english: try fixture("storm.en.txt"))
    }

    @Test func tsvLines() throws {
        let doc = try storm()
        let lines = AlignmentExport.tsv(doc.beads, in: doc).split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == doc.beads.count)
        for line in lines {
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false)
            #expect(cols.count == 3)
            #expect(Double(cols[0]).map { (0...1).contains($0) } == true)
            #expect(cols[0].count == 5)  // 0.000
        }
        #expect(lines[5].hasSuffix("\tوأفاد الدفاع المدني بأنه أجلى 240 أسرة من المناطق المنخفضة. ولم تسجل أي إصابات حتى الآن.\tCivil defence said it had evacuated 240 families from low-lying areas, and no injuries have been reported so far."))
        let budget = try DocumentAligner().align(arabic: try fixture("budget.ar.txt"), english: try fixture("budget.en.txt"))
        #expect(AlignmentExport.tsvLine(budget.beads[3], in: budget).hasSuffix("بالإضراب.\t\n"))
        // Tabs and line breaks inside a sentence never break a line.
        #expect(AlignmentExport.field("a\tb\nc") == "a b c")
    }

    @Test func jsonLines() throws {
        let doc = try storm()
        let text = try AlignmentExport.jsonLines(doc.beads, in: doc)
        let decoded = try text.split(separator: "\n").map {
            try JSONDecoder().decode(AlignmentExport.JSONBead.self, from: Data($0.utf8))
        }
        #expect(decoded.count == doc.beads.count)
        #expect(decoded[5].move == "2-1" && decoded[5].arabic == [5, 6] && decoded[5].english == [5])
        #expect(decoded[5].arabicParagraph == 3 && decoded[5].englishParagraph == 3)
        #expect(text.contains("\"confidence\":"))
    }

    @Test func tmxDocument() throws {
        let budget = try DocumentAligner().align(arabic: try fixture("budget.ar.txt"), english: try fixture("budget.en.txt"))
        let tmx = try AlignmentExport.tmx(budget, origin: "budget.ar.txt", created: Date(timeIntervalSince1970: 0))
        #expect(tmx.components(separatedBy: "<tu ").count - 1 == 7)  // 8 beads, one unpaired
        #expect(tmx.contains("<prop type=\"x-align-move\">1-1</prop>"))
        #expect(tmx.contains("<prop type=\"x-origin\">budget.ar.txt</prop>"))
        #expect(tmx.contains("<seg>تحمي") || tmx.contains("&quot;تحمي") || tmx.contains("\"تحمي"))
    }

    @Test func unitsCarryOriginAndContext() throws {
        let doc = try storm()
        let units = doc.beads.compactMap { doc.translationUnit(for: $0, origin: "storm") }
        #expect(units.count == 8)
        #expect(units[0].arabicContext.previous == UnitContext.documentStart)
        #expect(units[0].englishContext.previous == UnitContext.documentStart)
        #expect(units[0].arabicContext.next == UnitContext.hash(ofSegment: doc.arabic[1].text))
        #expect(units[7].englishContext.next == UnitContext.documentEnd)
        // The 2-1 bead: its neighbours are the segments around both its Arabic sentences.
        #expect(units[5].arabicContext.previous == UnitContext.hash(ofSegment: doc.arabic[4].text))
        #expect(units[5].arabicContext.next == UnitContext.hash(ofSegment: doc.arabic[7].text))
        #expect(units[5].englishContext.next == UnitContext.hash(ofSegment: doc.english[6].text))
        #expect(units.allSatisfy { $0.origin == "storm" })
    }

    /// `--add`: the confident pairs go to the TM in one transaction, every other bead to
    /// review; nothing is lost and nothing unpaired is stored.
    @Test func splitAndAddToTheTM() throws {
        let budget = try DocumentAligner().align(arabic: try fixture("budget.ar.txt"), english: try fixture("budget.en.txt"))
        let (accepted, review) = budget.split(minConfidence: 0.5, origin: "budget")
        #expect(accepted.count + review.count == budget.beads.count)
        #expect(review.contains { $0.move == .oneToZero })
        #expect(accepted.allSatisfy { !$0.arabic.isEmpty && !$0.english.isEmpty })
        let (none, all) = budget.split(minConfidence: 1.01, origin: "budget")
        #expect(none.isEmpty && all.count == budget.beads.count)

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dragoman-align-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let tm = SQLiteTranslationMemory(database: try DragomanDatabase(path: dir.appendingPathComponent("tm.sqlite").path))
        let counts = try tm.add(contentsOf: accepted)
        #expect(counts.added == accepted.count)
        #expect(try tm.count() == accepted.count)
        var stored: [TranslationUnit] = []
        try tm.forEachUnit { stored.append($0) }
        #expect(stored.first?.origin == "budget")
        #expect(stored.first?.arabicContext.previous == UnitContext.documentStart)
        #expect(stored.first?.properties.contains { $0.type == "x-align-move" } == true)
        // Adding the same alignment again only refreshes the units.
        #expect(try tm.add(contentsOf: accepted).updated == accepted.count)
    }
}
