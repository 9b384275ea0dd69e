/// The XML 1.0 (fifth edition) character classes the parser and writer need.
enum XMLCharacters {
    /// `Char`: what may appear in a document at all.
    @inline(__always)
    static func isChar(_ v: UInt32) -> Bool {
        if v < 0x20 { return v == 0x9 || v == 0xA || v == 0xD }
        if v <= 0xD7FF { return true }
        if v < 0xE000 { return false }
        if v <= 0xFFFD { return true }
        return v >= 0x10000 && v <= 0x10FFFF
    }

    /// `NameStartChar`.
    static func isNameStart(_ v: UInt32) -> Bool {
        if v < 0x80 {
            return (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || v == 0x5F || v == 0x3A
        }
        switch v {
        case 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2FF, 0x370...0x37D, 0x37F...0x1FFF,
             0x200C...0x200D, 0x2070...0x218F, 0x2C00...0x2FEF, 0x3001...0xD7FF,
             0xF900...0xFDCF, 0xFDF0...0xFFFD, 0x10000...0xEFFFF:
            return true
        default:
            return false
        }
    }

    /// `NameChar`.
    static func isNameChar(_ v: UInt32) -> Bool {
        if v < 0x80 {
            return (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || (v >= 0x30 && v <= 0x39)
                || v == 0x5F || v == 0x3A || v == 0x2D || v == 0x2E
        }
        if isNameStart(v) { return true }
        return v == 0xB7 || (v >= 0x300 && v <= 0x36F) || (v >= 0x203F && v <= 0x2040)
    }

    /// `S`: space, tab, CR, LF.
    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D
    }
}
