import Foundation
import DragomanTM

/// A token string with its 64-bit FNV-1a hash, computed where the tokens are made (on
/// every core) so that the writer only compares bytes.
struct HashedString: Sendable {
    var string: String
    var hash: UInt64

    init(_ string: String) {
        var s = string
        s.makeContiguousUTF8()
        self.string = s
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01B3
        }
        hash = h
    }
}

/// Vocabulary ids already resolved in this transaction: open addressing on the
/// precomputed hash, strings compared by their bytes (as SQLite compares
/// `tm_vocab.text`), no Unicode-aware hashing on the writer's thread.
struct VocabularyCache {
    /// Hash and id side by side (id 0: empty slot), so a probe touches one cache line.
    private struct Slot {
        var hash: UInt64
        var id: Int32
    }

    private var slots: [Slot]
    private var strings: [String]
    private var count = 0
    private var mask: Int

    init(capacity: Int = 1 << 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: Slot(hash: 0, id: 0), count: size)
        strings = Array(repeating: "", count: size)
        mask = size - 1
    }

    /// The id of `s`, if cached.
    func id(of s: HashedString) -> Int32? {
        var i = Int(truncatingIfNeeded: s.hash) & mask
        while true {
            let slot = slots[i]
            if slot.id == 0 { return nil }
            if slot.hash == s.hash && Self.sameBytes(strings[i], s.string) { return slot.id }
            i = (i + 1) & mask
        }
    }

    mutating func insert(_ s: HashedString, id: Int32) {
        precondition(id != 0, "vocabulary ids start at 1")
        if (count + 1) * 2 > slots.count { grow() }
        place(Slot(hash: s.hash, id: id), s.string)
        count += 1
    }

    private mutating func place(_ slot: Slot, _ string: String) {
        var i = Int(truncatingIfNeeded: slot.hash) & mask
        while slots[i].id != 0 { i = (i + 1) & mask }
        slots[i] = slot
        strings[i] = string
    }

    private mutating func grow() {
        let old = (slots, strings)
        slots = Array(repeating: Slot(hash: 0, id: 0), count: old.0.count * 2)
        strings = Array(repeating: "", count: old.0.count * 2)
        mask = slots.count - 1
        for i in old.0.indices where old.0[i].id != 0 { place(old.0[i], old.1[i]) }
    }

    private static func sameBytes(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                x.count == y.count && (x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0)
            }
        }
    }
}
