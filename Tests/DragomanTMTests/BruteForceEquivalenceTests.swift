import Foundation
import Testing
import DragomanStore
import DragomanText
@testable import DragomanTM

/// Deterministic synthetic news sentences: real Arabic words, clitics added and removed,
/// words replaced, numbers changed.
struct SentenceFactory {
    static let words = """
        اختتم الائتلاف العالمي لنصرة القدس وفلسطين أعمال مؤتمره الثاني عشر تحت شعار رواد يحملون سيفها والذي استمر \
        على مدار ثلاثة أيام في مدينة إسطنبول وذلك بمشاركة شخصيات بارزة من قادة المقاومة وحضور أربعمئة شخصية نحو \
        دولة حول العالم لمناقشة آخر مستجدات القضية الفلسطينية المشاركون تقديرهم للمؤتمر وأهدافه بتعزيز العمل المشترك \
        لصالح مختلف المجالات التكاتف أجل نصرة أهلنا الداخل الشيخ جراح قطاع غزة المحاصر التركيز قضية الأسرى العادلة \
        التطبيع الحصار الجائر المجتمع المدني الأمين العام الاحتلال
        """.split(separator: " ").map(String.init)
    static let clitics = ["و", "ف", "ب", "ل", "وال", "بال"]

    var rng: SplitMix64

    mutating func pick<T>(_ array: [T]) -> T { array[Int(rng.next() % UInt64(array.count))] }

    mutating func sentence() -> [String] {
        (0..<(4 + Int(rng.next() % 14))).map { _ in rng.next() % 9 == 0 ? String(rng.next() % 300) : pick(Self.words) }
    }

    mutating func perturb(_ s: [String]) -> [String] {
        var s = s
        for _ in 0..<(1 + Int(rng.next() % 3)) {
            guard !s.isEmpty else { break }
            let i = Int(rng.next() % UInt64(s.count))
            switch rng.next() % 5 {
            case 0: s.remove(at: i)
            case 1: s.insert(pick(Self.words), at: i)
            case 2: s[i] = pick(Self.words)
            case 3: s[i] = pick(Self.clitics) + s[i]
            default: s[i] = String(rng.next() % 300)
            }
        }
        return s
    }
}

/// The indexed search returns exactly what scoring every unit returns.
@Suite struct BruteForceEquivalenceTests {
    func corpus(units: Int, queries: Int, seed: UInt64) -> (units: [TranslationUnit], queries: [String]) {
        var f = SentenceFactory(rng: SplitMix64(seed: seed))
        var originals: [[String]] = []
        var out: [TranslationUnit] = []
        for i in 0..<units {
            let s = (i % 4 == 0 || originals.isEmpty) ? f.sentence() : f.perturb(f.pick(originals))
            originals.append(s)
            out.append(TranslationUnit(arabic: s.joined(separator: " "), english: "unit \(i)",
                                       created: Date(timeIntervalSince1970: Double(i % 97))))
        }
        let queries = (0..<queries).map { i in
            (i % 3 == 0 ? f.sentence() : f.perturb(f.pick(originals))).joined(separator: " ")
        }
        return (out, queries)
    }

    func same(_ a: [TMMatch], _ b: [TMMatch]) -> Bool {
        a.map { "\($0.unit.id!):\($0.score)" } == b.map { "\($0.unit.id!):\($0.score)" }
    }

    @Test func inMemoryTenThousandUnits() throws {
        let (units, queries) = corpus(units: 10_000, queries: 150, seed: 7)
        let tm = InMemoryTranslationMemory()
        _ = try tm.add(contentsOf: units)
        let searcher = tm.searcher()
        var nonEmpty = 0
        for threshold in [50, 70, 90] {
            for q in queries {
                let query = TMQuery(text: q)
                let indexed = try searcher.search(query, threshold: threshold, limit: 5)
                let scanned = try searcher.bruteForce(query, threshold: threshold, limit: 5)
                #expect(same(indexed, scanned), "threshold \(threshold), query \(q)")
                if !indexed.isEmpty { nonEmpty += 1 }
            }
        }
        // The comparison means something only if many queries do find matches.
        #expect(nonEmpty > 200)
    }

    @Test func sqliteIndexAgreesToo() throws {
        let (units, queries) = corpus(units: 2_000, queries: 60, seed: 11)
        let store = try Backend.sqlite.make() as! SQLiteTranslationMemory
        _ = try store.add(contentsOf: units)
        for threshold in [50, 70, 90] {
            for q in queries {
                let query = TMQuery(text: q)
                let indexed = try store.search(query, threshold: threshold, limit: 5)
                let scanned = try store.bruteForce(query, threshold: threshold, limit: 5)
                #expect(same(indexed, scanned), "threshold \(threshold), query \(q)")
            }
        }
    }
}
