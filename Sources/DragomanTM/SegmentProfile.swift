/// What the index stores for one side of a unit and what the matcher compares: the
/// tokens as ids, their total weight, and the hash of the whole key.
public struct SegmentProfile: Sendable, Hashable {
    public var tokens: [ScoringToken]
    public var totalWeight: Int
    public var keyHash: Int64

    public init(tokens: [ScoringToken], keyHash: Int64) {
        self.tokens = tokens
        self.totalWeight = tokens.reduce(0) { $0 + $1.weightClass.weight }
        self.keyHash = keyHash
    }

    /// Weight per base id (for the overlap filter).
    public var baseWeights: [Int32: Int] {
        var out: [Int32: Int] = [:]
        for t in tokens { out[t.base, default: 0] += t.weightClass.weight }
        return out
    }

    /// A compact encoding for storage: per token, the key id shifted left by two with the
    /// weight class in the low bits, then the base id (0 when equal to the key), as
    /// LEB128 varints.
    public func encoded() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(tokens.count * 4)
        func put(_ v: UInt64) {
            var v = v
            while v >= 0x80 { out.append(UInt8(v & 0x7F) | 0x80); v >>= 7 }
            out.append(UInt8(v))
        }
        for t in tokens {
            put(UInt64(UInt32(bitPattern: t.key)) << 2 | UInt64(t.weightClass.rawValue))
            put(t.base == t.key ? 0 : UInt64(UInt32(bitPattern: t.base)))
        }
        return out
    }

    public static func decode(_ bytes: [UInt8], keyHash: Int64) -> SegmentProfile {
        var tokens: [ScoringToken] = []
        tokens.reserveCapacity(bytes.count / 2)
        var i = 0
        func get() -> UInt64 {
            var v: UInt64 = 0, shift: UInt64 = 0
            while i < bytes.count {
                let b = bytes[i]; i += 1
                v |= UInt64(b & 0x7F) << shift
                if b < 0x80 { break }
                shift += 7
            }
            return v
        }
        while i < bytes.count {
            let packed = get()
            let key = Int32(bitPattern: UInt32(truncatingIfNeeded: packed >> 2))
            let cls = WeightClass(rawValue: UInt8(packed & 3)) ?? .word
            let b = get()
            tokens.append(ScoringToken(key: key, base: b == 0 ? key : Int32(bitPattern: UInt32(truncatingIfNeeded: b)), weightClass: cls))
        }
        return SegmentProfile(tokens: tokens, keyHash: keyHash)
    }
}

/// Maps token strings to ids. Stored vocabularies give positive ids; strings seen only in
/// a query get negative ones, so equal strings still compare equal.
public protocol TokenVocabulary {
    mutating func id(for string: String) -> Int32
}

/// A vocabulary that grows as it sees strings (for in-memory stores, imports and tests).
public struct GrowingVocabulary: TokenVocabulary, Sendable {
    public private(set) var ids: [String: Int32] = [:]
    public private(set) var strings: [String] = [""]

    public init() {}

    public mutating func id(for string: String) -> Int32 {
        if let id = ids[string] { return id }
        let id = Int32(strings.count)
        strings.append(string)
        ids[string] = id
        return id
    }
}

/// The vocabulary of a query: known ids from the store, fresh negative ids for the rest.
public struct QueryVocabulary: TokenVocabulary, Sendable {
    public var known: [String: Int32]
    var fresh: [String: Int32] = [:]

    public init(known: [String: Int32]) { self.known = known }

    public mutating func id(for string: String) -> Int32 {
        if let id = known[string] { return id }
        if let id = fresh[string] { return id }
        let id = Int32(-1 - fresh.count)
        fresh[string] = id
        return id
    }
}

extension SegmentProfile {
    /// The profile of `tokens` under `vocabulary`.
    public static func make(_ tokens: [MatchToken], key: String, vocabulary: inout some TokenVocabulary) -> SegmentProfile {
        let scoring = tokens.map {
            ScoringToken(key: vocabulary.id(for: $0.key), base: vocabulary.id(for: $0.base), weightClass: $0.weightClass)
        }
        return SegmentProfile(tokens: scoring, keyHash: StableHash.of(key))
    }
}
