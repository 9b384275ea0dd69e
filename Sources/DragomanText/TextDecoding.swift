/// Why bytes could not be read as text: a message a person can act on.
public struct TextDecodingError: Error, CustomStringConvertible, Equatable {
    public let byteOffset: Int
    public let reason: String

    public var description: String { "\(reason) at byte offset \(byteOffset)" }
}

/// Turns file bytes into text strictly: invalid UTF-8 is an error naming the byte
/// offset, never a silent replacement. A UTF-8 BOM is dropped and CRLF / CR line ends
/// become LF.
public enum TextDecoding {
    public static func decode(_ bytes: [UInt8]) throws -> String {
        var start = 0
        if bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)) {
            throw TextDecodingError(byteOffset: 0,
                                    reason: "the file is UTF-16 (it starts with a UTF-16 byte order mark); convert it with `iconv -f UTF-16 -t UTF-8`")
        }
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { start = 3 }
        if let bad = firstInvalidUTF8(bytes, from: start) {
            throw TextDecodingError(byteOffset: bad, reason: "invalid UTF-8 (byte 0x\(String(bytes[bad], radix: 16, uppercase: true)))")
        }
        if let nul = bytes[start...].firstIndex(of: 0) {
            throw TextDecodingError(byteOffset: nul, reason: "a NUL byte: this looks like a binary file, not text")
        }
        var text = String(decoding: bytes[start...], as: UTF8.self)
        if text.utf8.contains(0x0D) {
            text = text.replacingCRLF()
        }
        return text
    }

    /// The offset of the first byte that is not part of a valid UTF-8 sequence.
    public static func firstInvalidUTF8(_ b: [UInt8], from start: Int = 0) -> Int? {
        var i = start
        let n = b.count
        while i < n {
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            var need = 0
            var min: UInt32 = 0
            var cp: UInt32 = 0
            switch c {
            case 0xC2...0xDF: need = 1; min = 0x80; cp = UInt32(c & 0x1F)
            case 0xE0...0xEF: need = 2; min = 0x800; cp = UInt32(c & 0x0F)
            case 0xF0...0xF4: need = 3; min = 0x10000; cp = UInt32(c & 0x07)
            default: return i
            }
            guard i + need < n else { return i }
            for k in 1...need {
                let cc = b[i + k]
                guard cc & 0xC0 == 0x80 else { return i }
                cp = (cp << 6) | UInt32(cc & 0x3F)
            }
            if cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) { return i }
            i += need + 1
        }
        return nil
    }
}

extension String {
    func replacingCRLF() -> String {
        var out = String.UnicodeScalarView()
        var previousCR = false
        for s in unicodeScalars {
            if s == "\r" {
                out.append("\n")
                previousCR = true
                continue
            }
            if s == "\n" && previousCR { previousCR = false; continue }
            previousCR = false
            out.append(s)
        }
        return String(out)
    }
}
