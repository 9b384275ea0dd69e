/// The stored model's translation probabilities: one open-addressing table keyed by the
/// (source id, target id) pair, holding both p(target | source) and p(source | target), so
/// that aligning a sentence pair costs one probe per pair for both directions. The NULL
/// word is id −1 on its side: (−1, f) holds p(f | NULL) forward, (e, −1) holds
/// p(e | NULL) reverse. A value of 0 means "not stored".
struct PairProbabilityTable: Sendable {
    struct Entry: Sendable {
        var key: UInt64
        var forward: Float
        var reverse: Float
    }

    static let emptyKey = UInt64.max
    private(set) var entries: [Entry]
    private(set) var count = 0
    private var shift: UInt64

    init(minimumCapacity: Int) {
        var capacity = 16, bits: UInt64 = 4
        while capacity < minimumCapacity * 2 {
            capacity <<= 1
            bits += 1
        }
        entries = [Entry](repeating: Entry(key: Self.emptyKey, forward: 0, reverse: 0), count: capacity)
        shift = 64 - bits
    }

    @inline(__always)
    static func key(source: Int32, target: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: source)) << 32 | UInt64(UInt32(bitPattern: target))
    }

    @inline(__always)
    static func home(of key: UInt64, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// Sets one direction's value of a pair (the load stays at most 1/2: `minimumCapacity`
    /// must cover every distinct pair inserted).
    mutating func set(source: Int32, target: Int32, forward value: Float?, reverse other: Float?) {
        let key = Self.key(source: source, target: target)
        let mask = entries.count - 1
        var p = Self.home(of: key, shift: shift)
        while entries[p].key != Self.emptyKey && entries[p].key != key { p = (p + 1) & mask }
        if entries[p].key == Self.emptyKey {
            entries[p].key = key
            count += 1
        }
        if let value { entries[p].forward = value }
        if let other { entries[p].reverse = other }
    }

    /// Both values of a pair, 0 when absent.
    @inline(__always)
    func lookup(source: Int32, target: Int32, in buffer: UnsafeBufferPointer<Entry>) -> (forward: Float, reverse: Float) {
        let key = Self.key(source: source, target: target)
        let mask = buffer.count &- 1
        var p = Self.home(of: key, shift: shift)
        while true {
            let entry = buffer[p]
            if entry.key == key { return (entry.forward, entry.reverse) }
            if entry.key == Self.emptyKey { return (0, 0) }
            p = (p &+ 1) & mask
        }
    }

    func lookup(source: Int32, target: Int32) -> (forward: Float, reverse: Float) {
        entries.withUnsafeBufferPointer { lookup(source: source, target: target, in: $0) }
    }
}
