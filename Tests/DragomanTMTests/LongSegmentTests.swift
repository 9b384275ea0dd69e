import Foundation
import Testing
import DragomanStore
import DragomanTM

/// A segment of a megabyte (a whole report pasted as one unit) is stored and matched in
/// bounded time: the edit distance is banded, never a full quadratic table.
@Suite struct LongSegmentTests {
    @Test func oneMegabyteSegmentIsStoredAndMatched() throws {
        let sentence = "وقال المتحدث باسم الحكومة إن المفاوضات ستستأنف الأسبوع المقبل في القاهرة. "
        let repeats = 1_048_576 / sentence.utf8.count + 1
        let arabic = String(repeating: sentence, count: repeats)
        #expect(arabic.utf8.count > 1_048_576)
        let english = String(repeating: "The government spokesman said talks would resume next week in Cairo. ", count: repeats)
        let tm = try Backend.sqlite.make() as! SQLiteTranslationMemory
        let started = Date()
        guard case .added = try tm.add(TranslationUnit(arabic: arabic, english: english)) else {
            Issue.record("not added")
            return
        }
        // The same text with one word changed in the middle.
        var words = arabic.split(separator: " ", omittingEmptySubsequences: false)
        words[words.count / 2] = "الخرطوم"
        let query = words.joined(separator: " ")
        let matches = try tm.search(TMQuery(text: query), threshold: 70, limit: 1)
        #expect(matches.first?.kind == .fuzzy)
        #expect(matches.first?.score == 99)
        #expect(try tm.search(TMQuery(text: arabic), threshold: 70, limit: 1).first?.kind == .exact)
        // Generous for a debug build on a busy machine; a quadratic table would take hours.
        #expect(Date().timeIntervalSince(started) < 120)
    }
}
