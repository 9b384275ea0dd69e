import Foundation
import DragomanText

/// A translation memory held in memory: for tests, and as the reference the SQLite
/// store is checked against.
public final class InMemoryTranslationMemory: TranslationMemoryStore {
    struct SideIndex {
        var profiles: [Int64: SegmentProfile] = [:]
        var postings: [Int32: [Int: [Int64]]] = [:]
        var byKeyHash: [Int64: [Int64]] = [:]
        var frequency: [Int32: Int] = [:]
    }

    var units: [Int64: TranslationUnit] = [:]
    var byPair: [Int64: Int64] = [:]
    var vocabulary = GrowingVocabulary()
    var sides: [Language: SideIndex] = [.arabic: SideIndex(), .english: SideIndex()]
    var nextID: Int64 = 1
    var wordLinks: [Int64: [UInt8]] = [:]

    public init() {}

    static func pairHash(_ u: TranslationUnit) -> Int64 { StableHash.of(u.arabic + "\u{0}" + u.english) }

    public func add(_ unit: TranslationUnit) throws -> AddOutcome {
        let pair = Self.pairHash(unit)
        if let id = byPair[pair], var stored = units[id], stored.arabic == unit.arabic, stored.english == unit.english {
            stored.changed = max(stored.changed, unit.changed)
            units[id] = stored
            return .updated(id)
        }
        let id = nextID
        nextID += 1
        var stored = unit
        stored.id = id
        units[id] = stored
        byPair[pair] = id
        for side in Language.allCases { index(stored, id: id, side: side) }
        return .added(id)
    }

    func index(_ unit: TranslationUnit, id: Int64, side: Language) {
        let text = unit.text(side)
        let tokens = MatchTokenizer.tokens(of: text, side: side)
        let profile = SegmentProfile.make(tokens, key: MatchKey.make(text), vocabulary: &vocabulary)
        var s = sides[side]!
        s.profiles[id] = profile
        s.byKeyHash[profile.keyHash, default: []].append(id)
        let bucket = WeightBucket.of(profile.totalWeight)
        for base in Set(profile.tokens.map(\.base)) {
            s.postings[base, default: [:]][bucket, default: []].append(id)
            s.frequency[base, default: 0] += 1
        }
        sides[side] = s
    }

    public func add(contentsOf units: [TranslationUnit]) throws -> AddCounts {
        var counts = AddCounts()
        for unit in units {
            switch try add(unit) {
            case .added: counts.added += 1
            case .updated: counts.updated += 1
            }
        }
        return counts
    }

    public func unit(id: Int64) throws -> TranslationUnit? { units[id] }

    public func remove(id: Int64) throws -> Bool {
        guard let unit = units.removeValue(forKey: id) else { return false }
        byPair[Self.pairHash(unit)] = nil
        for side in Language.allCases {
            var s = sides[side]!
            if let profile = s.profiles.removeValue(forKey: id) {
                s.byKeyHash[profile.keyHash]?.removeAll { $0 == id }
                let bucket = WeightBucket.of(profile.totalWeight)
                for base in Set(profile.tokens.map(\.base)) {
                    s.postings[base]?[bucket]?.removeAll { $0 == id }
                    s.frequency[base, default: 1] -= 1
                }
            }
            sides[side] = s
        }
        return true
    }

    public func count() throws -> Int { units.count }

    public func forEachUnit(_ body: (TranslationUnit) throws -> Void) throws {
        for id in units.keys.sorted() { try body(units[id]!) }
    }

    public func recordUse(of ids: [Int64]) throws {
        for id in ids { units[id]?.usageCount += 1 }
    }

    // MARK: CandidateIndex

    public func vocabulary(_ strings: Set<String>, side: Language) throws -> [String: (id: Int32, frequency: Int)] {
        var out: [String: (id: Int32, frequency: Int)] = [:]
        for s in strings {
            if let id = vocabulary.ids[s] { out[s] = (id, sides[side]!.frequency[id] ?? 0) }
        }
        return out
    }

    public func postings(base: Int32, side: Language, weights: ClosedRange<Int>) throws -> [Int64] {
        guard let buckets = sides[side]!.postings[base] else { return [] }
        let wanted = WeightBucket.covering(weights)
        return buckets.filter { wanted.contains($0.key) }.flatMap(\.value).sorted()
    }

    public func units(withKeyHash hash: Int64, side: Language) throws -> [Int64] { sides[side]!.byKeyHash[hash] ?? [] }

    public func profiles(_ ids: [Int64], side: Language) throws -> [Int64: SegmentProfile] {
        var out: [Int64: SegmentProfile] = [:]
        for id in ids { if let p = sides[side]!.profiles[id] { out[id] = p } }
        return out
    }

    public func units(_ ids: [Int64]) throws -> [Int64: TranslationUnit] {
        var out: [Int64: TranslationUnit] = [:]
        for id in ids { if let u = units[id] { out[id] = u } }
        return out
    }

    public func allUnitIDs() throws -> [Int64] { units.keys.sorted() }
}

extension InMemoryTranslationMemory: UnitLinkIndex {
    /// Word links set by a test (the SQLite store learns and stores its own).
    public func setLinks(_ links: [UInt8], of id: Int64) { wordLinks[id] = links }

    public func links(_ ids: [Int64]) throws -> [Int64: [UInt8]] {
        var out: [Int64: [UInt8]] = [:]
        for id in ids { if let l = wordLinks[id] { out[id] = l } }
        return out
    }
}
