/// Byte-level input: chunk refills, UTF-8 validation and line/column tracking. Every
/// byte the parser accepts passes either through `consume()` or through `fastRun`,
/// which apply the same checks.
extension XMLPullParser {
    /// The next byte without consuming it, refilling from the source when needed.
    @inline(__always)
    mutating func peek() throws -> UInt8? {
        if pos < buf.count { return buf[pos] }
        return try refill() ? buf[pos] : nil
    }

    /// Replaces a fully consumed buffer with the next non-empty chunk.
    mutating func refill() throws -> Bool {
        while !exhausted {
            guard let chunk = try source.nextChunk() else {
                exhausted = true
                break
            }
            if chunk.isEmpty { continue }
            if pos < buf.count {
                buf.append(contentsOf: chunk)
            } else {
                bufBase += buf.count
                buf = chunk
                pos = 0
            }
            return true
        }
        if u8Need != 0 {
            throw XMLError(line: line, column: max(col, 1), byteOffset: bufBase + pos,
                           message: "the file ends in the middle of a UTF-8 character (byte offset \(bufBase + pos)): it is truncated or not UTF-8")
        }
        return false
    }

    /// Makes sure `n` bytes are buffered from `pos` (for short look-ahead such as `<![CDATA[`).
    mutating func fill(_ n: Int) throws -> Bool {
        while buf.count - pos < n {
            if exhausted { return false }
            guard let chunk = try source.nextChunk() else {
                exhausted = true
                return false
            }
            if chunk.isEmpty { continue }
            if pos > 0 {
                bufBase += pos
                buf.removeSubrange(0..<pos)
                pos = 0
            }
            buf.append(contentsOf: chunk)
        }
        return true
    }

    /// Whether the next bytes are exactly this ASCII literal (nothing is consumed).
    mutating func lookingAt(_ literal: StaticString) throws -> Bool {
        let n = literal.utf8CodeUnitCount
        guard try fill(n) else { return false }
        let p = literal.utf8Start
        for i in 0..<n where buf[pos + i] != p[i] { return false }
        return true
    }

    /// Consumes `n` bytes already known (via `lookingAt`) to be ASCII markup.
    mutating func consumeASCII(_ n: Int) throws {
        for _ in 0..<n { try consume() }
    }

    /// Consumes the byte at `pos`, which the caller has peeked.
    @inline(__always)
    mutating func consume() throws {
        let b = buf[pos]
        pos += 1
        if b < 0x80 {
            if u8Need != 0 { throw invalidUTF8(b) }
            if b >= 0x20 {
                col += 1
                lastWasCR = false
                return
            }
            switch b {
            case 0x0A:
                if !lastWasCR { line += 1 }
                col = 0
                lastWasCR = false
            case 0x0D:
                line += 1
                col = 0
                lastWasCR = true
            case 0x09:
                col += 1
                lastWasCR = false
            default:
                col += 1
                throw errorHere("control character U+\(hex(UInt32(b), width: 4)) is not allowed in XML (byte offset \(bufBase + pos - 1))")
            }
        } else {
            try continueUTF8(b)
            lastWasCR = false
        }
    }

    mutating func continueUTF8(_ b: UInt8) throws {
        if u8Need == 0 {
            u8Lead = b
            switch b {
            case 0xC2...0xDF: u8Need = 1; u8Value = UInt32(b & 0x1F); u8Lower = 0x80; u8Upper = 0xBF
            case 0xE0: u8Need = 2; u8Value = UInt32(b & 0x0F); u8Lower = 0xA0; u8Upper = 0xBF
            case 0xE1...0xEC, 0xEE, 0xEF: u8Need = 2; u8Value = UInt32(b & 0x0F); u8Lower = 0x80; u8Upper = 0xBF
            case 0xED: u8Need = 2; u8Value = UInt32(b & 0x0F); u8Lower = 0x80; u8Upper = 0x9F
            case 0xF0: u8Need = 3; u8Value = UInt32(b & 0x07); u8Lower = 0x90; u8Upper = 0xBF
            case 0xF1...0xF3: u8Need = 3; u8Value = UInt32(b & 0x07); u8Lower = 0x80; u8Upper = 0xBF
            case 0xF4: u8Need = 3; u8Value = UInt32(b & 0x07); u8Lower = 0x80; u8Upper = 0x8F
            default:
                col += 1
                throw invalidUTF8(b)
            }
            col += 1
        } else {
            guard b >= u8Lower && b <= u8Upper else { throw invalidUTF8(b) }
            u8Value = (u8Value << 6) | UInt32(b & 0x3F)
            u8Lower = 0x80
            u8Upper = 0xBF
            u8Need -= 1
            if u8Need == 0 {
                lastScalar = u8Value
                if u8Value == 0xFFFE || u8Value == 0xFFFF {
                    throw errorHere("character U+\(hex(u8Value, width: 4)) is not allowed in XML")
                }
            }
        }
    }

    func invalidUTF8(_ b: UInt8) -> XMLError {
        let offset = bufBase + pos - 1
        // In the middle of a character, name the byte that began it too: the bad byte may
        // be plain ASCII after a truncated character.
        let begun = u8Need == 0 ? "" : " does not continue the character begun by 0x\(hex(UInt32(u8Lead), width: 2))"
        return XMLError(line: line, column: max(col, 1), byteOffset: offset,
                        message: "invalid UTF-8 (byte 0x\(hex(UInt32(b), width: 2)) at byte offset \(offset)\(begun)): the file must be UTF-8; convert it first (e.g. iconv -f WINDOWS-1256 -t UTF-8)")
    }

    /// Consumes a run of ordinary characters from the current chunk in one go: stops
    /// before any ASCII byte whose bit is set in the stop mask, at the chunk end, or at
    /// anything that is not well-formed UTF-8 (left for `consume()` to report). Bytes
    /// below 0x20 must always be in the mask. Returns whether anything was consumed.
    @discardableResult
    mutating func fastRun(stopLow: UInt64, stopHigh: UInt64, into acc: inout [UInt8], keep: Bool) -> Bool {
        guard u8Need == 0 else { return false }
        let start = pos
        var i = pos
        var columns = 0
        buf.withUnsafeBufferPointer { p in
            let n = p.count
            while i < n {
                let b = p[i]
                if b < 0x80 {
                    let stop = b < 64 ? (stopLow >> UInt64(b)) & 1 : (stopHigh >> UInt64(b &- 64)) & 1
                    if stop != 0 { break }
                    i += 1
                } else if b < 0xE0 {
                    guard b >= 0xC2, i + 1 < n, p[i + 1] & 0xC0 == 0x80 else { break }
                    i += 2
                } else if b < 0xF0 {
                    guard i + 2 < n else { break }
                    let b1 = p[i + 1], b2 = p[i + 2]
                    let lo: UInt8 = b == 0xE0 ? 0xA0 : 0x80
                    let hi: UInt8 = b == 0xED ? 0x9F : 0xBF
                    guard b1 >= lo, b1 <= hi, b2 & 0xC0 == 0x80 else { break }
                    if b == 0xEF && b1 == 0xBF && b2 >= 0xBE { break }
                    i += 3
                } else {
                    guard b <= 0xF4, i + 3 < n else { break }
                    let b1 = p[i + 1]
                    let lo: UInt8 = b == 0xF0 ? 0x90 : 0x80
                    let hi: UInt8 = b == 0xF4 ? 0x8F : 0xBF
                    guard b1 >= lo, b1 <= hi, p[i + 2] & 0xC0 == 0x80, p[i + 3] & 0xC0 == 0x80 else { break }
                    i += 4
                }
                columns += 1
            }
            if keep && i > start {
                acc.append(contentsOf: UnsafeBufferPointer(rebasing: p[start..<i]))
            }
        }
        guard i > start else { return false }
        pos = i
        col += columns
        lastWasCR = false
        return true
    }

    /// Consumes a run of ASCII name characters from the current chunk in one go.
    mutating func fastNameRun(into acc: inout [UInt8]) -> Bool {
        guard u8Need == 0 else { return false }
        let start = pos
        var i = pos
        buf.withUnsafeBufferPointer { p in
            let n = p.count
            while i < n {
                let b = p[i]
                let isNameChar = b < 64 ? (StopMask.nameLow >> UInt64(b)) & 1 : (b < 128 ? (StopMask.nameHigh >> UInt64(b &- 64)) & 1 : 0)
                if isNameChar == 0 { break }
                i += 1
            }
            if i > start { acc.append(contentsOf: UnsafeBufferPointer(rebasing: p[start..<i])) }
        }
        guard i > start else { return false }
        col += i - start
        pos = i
        lastWasCR = false
        return true
    }

    /// Skips `S`; returns whether there was any.
    @discardableResult
    mutating func skipSpace() throws -> Bool {
        var any = false
        while let b = try peek(), XMLCharacters.isSpace(b) {
            try consume()
            any = true
        }
        return any
    }

    /// Reads a `Name` into `acc`; returns false (consuming nothing) if the next character cannot start one.
    mutating func scanName(into acc: inout [UInt8]) throws -> Bool {
        acc.removeAll(keepingCapacity: true)
        var first = true
        while true {
            if !first, fastNameRun(into: &acc), acc.count > limits.maxNameLength {
                throw errorHere("name longer than \(limits.maxNameLength) bytes (Limits.maxNameLength)")
            }
            guard let b = try peek() else { break }
            if b < 0x80 {
                let ok = first ? XMLCharacters.isNameStart(UInt32(b)) : XMLCharacters.isNameChar(UInt32(b))
                if !ok { break }
                try consume()
                acc.append(b)
            } else {
                try consume()
                acc.append(b)
                while u8Need > 0 {
                    guard let c = try peek() else { break }
                    try consume()
                    acc.append(c)
                }
                let ok = first ? XMLCharacters.isNameStart(lastScalar) : XMLCharacters.isNameChar(lastScalar)
                if !ok {
                    let shown = Unicode.Scalar(lastScalar).map { String(Character($0)) } ?? "?"
                    throw errorHere("character '\(shown)' (U+\(hex(lastScalar, width: 4))) cannot appear in a name here")
                }
            }
            first = false
            if acc.count > limits.maxNameLength {
                throw errorHere("name longer than \(limits.maxNameLength) bytes (Limits.maxNameLength)")
            }
        }
        return !first
    }
}

/// Upper-case hexadecimal, zero-padded.
func hex(_ v: UInt32, width: Int) -> String {
    let s = String(v, radix: 16, uppercase: true)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

/// Stop masks for `fastRun`: bit n of the low word is byte n, of the high word byte n+64.
/// Literal constants so that reading them costs nothing (tests check them against their
/// definitions).
enum StopMask {
    /// Character data: controls, `<`, `&`, `>` (for `]]>`) and `]`.
    static let textLow: UInt64 = 0x5000_0040_FFFF_FFFF
    static let textHigh: UInt64 = 0x0000_0000_2000_0000
    /// Controls, `<`, `&`, `"`.
    static let attributeDoubleLow: UInt64 = 0x1000_0044_FFFF_FFFF
    /// Controls, `<`, `&`, `'`.
    static let attributeSingleLow: UInt64 = 0x1000_00C0_FFFF_FFFF
    /// Controls and `]`.
    static let cdataLow: UInt64 = 0x0000_0000_FFFF_FFFF
    static let cdataHigh: UInt64 = 0x0000_0000_2000_0000
    /// Controls and `-`.
    static let commentLow: UInt64 = 0x0000_2000_FFFF_FFFF
    /// Controls and `?`.
    static let piLow: UInt64 = 0x8000_0000_FFFF_FFFF
    /// ASCII `NameChar`s (a set, not a stop mask): digits, `: - .`, letters, `_`.
    static let nameLow: UInt64 = 0x07FF_6000_0000_0000
    static let nameHigh: UInt64 = 0x07FF_FFFE_87FF_FFFE
}
