import Foundation

/// A match key used as a dictionary key: compared and hashed by its UTF-8 bytes.
public struct KeyBytes: Sendable, Hashable {
    public var string: String

    public init(_ string: String) { self.string = string }

    public static func == (a: KeyBytes, b: KeyBytes) -> Bool { Bytes.equal(a.string, b.string) }

    public func hash(into hasher: inout Hasher) { Bytes.hash(string, into: &hasher) }
}

/// Byte-wise equality and hashing of strings known to be in one normal form.
public enum Bytes {
    @inline(__always)
    public static func equal(_ a: String, _ b: String) -> Bool {
        let x = a.utf8, y = b.utf8
        guard x.count == y.count else { return false }
        if let r = x.withContiguousStorageIfAvailable({ p in
            y.withContiguousStorageIfAvailable { q in
                p.count == 0 || memcmp(p.baseAddress!, q.baseAddress!, p.count) == 0
            }
        }), let r { return r }
        return x.elementsEqual(y)
    }

    @inline(__always)
    public static func hash(_ s: String, into hasher: inout Hasher) {
        let done: Void? = s.utf8.withContiguousStorageIfAvailable { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        if done == nil { for b in s.utf8 { hasher.combine(b) } }
    }
}
