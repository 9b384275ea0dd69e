/// Sets of keys passed to SQLite as one JSON array parameter, unpacked by `json_each`
/// (one statement, one parameter, whatever the size of the set). Written by hand on
/// UTF-8 bytes: a string is copied as it is except `"`, `\` and the control characters
/// below U+0020, which JSON requires escaped (none of these bytes occurs inside a
/// multi-byte UTF-8 sequence, so Arabic and every other non-ASCII text is copied whole).
enum JSONParameter {
    /// `["a","b",…]`.
    static func strings(_ strings: some Sequence<String>) -> String {
        var out: [UInt8] = [UInt8(ascii: "[")]
        var first = true
        for s in strings {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            append(s, to: &out)
        }
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
    }

    /// `[["a","b"],…]`.
    static func pairs(_ pairs: some Sequence<(String, String)>) -> String {
        var out: [UInt8] = [UInt8(ascii: "[")]
        var first = true
        for (a, b) in pairs {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out.append(UInt8(ascii: "["))
            append(a, to: &out)
            out.append(UInt8(ascii: ","))
            append(b, to: &out)
            out.append(UInt8(ascii: "]"))
        }
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
    }

    /// `[1,2,…]`.
    static func integers(_ ids: some Sequence<Int64>) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }

    /// One JSON string, quoted and escaped.
    static func append(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                out.append(UInt8(ascii: "\\"))
                out.append(byte)
            case 0..<0x20:
                out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                        hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default:
                out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static let hex = Array("0123456789abcdef".utf8)
}
