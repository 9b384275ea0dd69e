/// Why bytes could not be read as text: a message a person can act on, with the line
/// (1-based) and the byte offset of the problem.
public struct TextDecodingError: DragomanFailure, Equatable {
    public var failureKind: FailureKind { .badInput }

    public let byteOffset: Int
    public let reason: String
    /// The line of `byteOffset` (0 when not known).
    public let line: Int

    public init(byteOffset: Int, reason: String, line: Int = 0) {
        self.byteOffset = byteOffset
        self.reason = reason
        self.line = line
    }

    public var description: String {
        line > 0 ? "line \(line) (byte offset \(byteOffset)): \(reason)" : "byte offset \(byteOffset): \(reason)"
    }

    /// The line follows from the offset, so two errors at the same offset are the same.
    public static func == (a: TextDecodingError, b: TextDecodingError) -> Bool {
        a.byteOffset == b.byteOffset && a.reason == b.reason
    }
}

/// Turns file bytes into text strictly: invalid UTF-8 is an error naming the line and
/// the byte offset, never a silent replacement. UTF-16 (with or without a byte order
/// mark) and binary files (NUL bytes) are refused with what to do. A UTF-8 BOM is dropped
/// and CRLF / CR line ends become LF. Other characters, bidi controls included, are kept
/// as they are.
public enum TextDecoding {
    static let convertUTF16 = "convert it with `iconv -f UTF-16 -t UTF-8`"

    public static func decode(_ bytes: [UInt8]) throws -> String {
        var start = 0
        if bytes.count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)) {
            throw TextDecodingError(byteOffset: 0,
                                    reason: "the file is UTF-16 (it starts with a UTF-16 byte order mark); \(convertUTF16)",
                                    line: 1)
        }
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { start = 3 }
        if looksLikeUTF16(bytes) {
            throw TextDecodingError(byteOffset: 0,
                                    reason: "the file looks like UTF-16 without a byte order mark (every other byte is 0x00 or 0x06); \(convertUTF16)",
                                    line: 1)
        }
        if let bad = firstInvalidUTF8(bytes, from: start) {
            throw TextDecodingError(byteOffset: bad, reason: "invalid UTF-8 (byte 0x\(String(bytes[bad], radix: 16, uppercase: true)))",
                                    line: line(of: bad, in: bytes))
        }
        if let nul = bytes[start...].firstIndex(of: 0) {
            throw TextDecodingError(byteOffset: nul, reason: "a NUL byte: this looks like a binary file, not text",
                                    line: line(of: nul, in: bytes))
        }
        var text = String(decoding: bytes[start...], as: UTF8.self)
        if text.utf8.contains(0x0D) {
            text = text.replacingCRLF()
        }
        return text
    }

    /// The 1-based line of a byte offset (CRLF and CR count as one line end, as in the text).
    static func line(of offset: Int, in bytes: [UInt8]) -> Int {
        var line = 1
        var i = 0
        while i < offset {
            if bytes[i] == 0x0A || (bytes[i] == 0x0D && (i + 1 >= bytes.count || bytes[i + 1] != 0x0A)) { line += 1 }
            i += 1
        }
        return line
    }

    /// UTF-16 without a byte order mark: in the first 4 KB, at least a third of the even or
    /// of the odd bytes are 0x00 (Latin text) or 0x06 (Arabic text), which UTF-8 text never has.
    static func looksLikeUTF16(_ bytes: [UInt8]) -> Bool {
        let n = min(bytes.count, 4_096)
        guard n >= 4 else { return false }
        var even = 0, odd = 0
        for i in 0..<n where bytes[i] == 0x00 || bytes[i] == 0x06 {
            if i % 2 == 0 { even += 1 } else { odd += 1 }
        }
        let half = n / 2
        return even * 3 >= half || odd * 3 >= half
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
