/// The start of the document (byte order mark, encoding, XML declaration) and the
/// DOCTYPE, which is recorded and skipped, never processed.
extension XMLPullParser {
    mutating func readDocumentStart() throws {
        _ = try fill(4)
        let available = buf.count - pos
        func at(_ i: Int) -> UInt8? { i < available ? buf[pos + i] : nil }
        if at(0) == 0x00 && at(1) == 0x00 && at(2) == 0xFE && at(3) == 0xFF
            || at(0) == 0xFF && at(1) == 0xFE && at(2) == 0x00 && at(3) == 0x00 {
            throw XMLError(line: 1, column: 1, byteOffset: 0,
                           message: "the file is UTF-32 (it starts with a UTF-32 byte order mark); Dragoman reads UTF-8 only: convert it (e.g. iconv -f UTF-32 -t UTF-8)")
        }
        if at(0) == 0xFE && at(1) == 0xFF || at(0) == 0xFF && at(1) == 0xFE {
            throw XMLError(line: 1, column: 1, byteOffset: 0,
                           message: "the file is UTF-16 (it starts with a UTF-16 byte order mark); Dragoman reads UTF-8 only: convert it (e.g. iconv -f UTF-16 -t UTF-8)")
        }
        if at(0) == 0x3C && at(1) == 0x00 && at(2) == 0x3F && at(3) == 0x00
            || at(0) == 0x00 && at(1) == 0x3C && at(2) == 0x00 && at(3) == 0x3F {
            throw XMLError(line: 1, column: 1, byteOffset: 0,
                           message: "the file looks like UTF-16 without a byte order mark; Dragoman reads UTF-8 only: convert it (e.g. iconv -f UTF-16 -t UTF-8)")
        }
        if at(0) == 0xEF && at(1) == 0xBB && at(2) == 0xBF {
            pos += 3 // the UTF-8 byte order mark is not content
        }
        if try lookingAt("<?xml"), try fill(6), XMLCharacters.isSpace(buf[pos + 5]) {
            try parseDeclaration()
        }
    }

    /// `<?xml version="1.0" encoding="…" standalone="…"?>`; any encoding other than UTF-8 is refused.
    mutating func parseDeclaration() throws {
        markToken()
        try consumeASCII(5)
        var nameBytes: [UInt8] = []
        var valueBytes: [UInt8] = []
        var version: String?
        var encoding: String?
        var standalone: Bool?
        while true {
            let hadSpace = try skipSpace()
            if try lookingAt("?>") {
                try consumeASCII(2)
                break
            }
            guard hadSpace else { throw errorAtNext("malformed XML declaration: expected whitespace or '?>'") }
            let settingLine = line, settingColumn = col + 1
            guard try scanName(into: &nameBytes) else { throw errorAtNext("malformed XML declaration") }
            let name = String(decoding: nameBytes, as: UTF8.self)
            try skipSpace()
            guard try peek() == UInt8(ascii: "=") else { throw errorAtNext("malformed XML declaration: expected '=' after \(name)") }
            try consume()
            try skipSpace()
            guard let quote = try peek(), quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
                throw errorAtNext("malformed XML declaration: the value of \(name) must be in quotes")
            }
            try consume()
            valueBytes.removeAll(keepingCapacity: true)
            try scanAttributeValue(quote: quote, into: &valueBytes)
            let value = String(decoding: valueBytes, as: UTF8.self)
            switch name {
            case "version":
                guard value.hasPrefix("1.") else {
                    throw XMLError(line: settingLine, column: settingColumn, message: "unsupported XML version \"\(value)\"")
                }
                version = value
            case "encoding":
                let normalized = value.lowercased()
                guard ["utf-8", "utf8", "us-ascii", "ascii"].contains(normalized) else {
                    throw XMLError(line: settingLine, column: settingColumn,
                                   message: "the file declares encoding \"\(value)\"; Dragoman reads UTF-8 only: convert it to UTF-8 (e.g. iconv -f \(value) -t UTF-8) and change the declaration to encoding=\"UTF-8\"")
                }
                encoding = value
            case "standalone":
                standalone = value == "yes"
            default:
                throw XMLError(line: settingLine, column: settingColumn, message: "unknown setting \(name) in the XML declaration")
            }
        }
        guard let version else { throw errorAtToken("the XML declaration has no version") }
        declaration = XMLDeclaration(version: version, encoding: encoding, standalone: standalone)
    }

    /// After `<` with `!DOCTYPE` ahead. A DOCTYPE naming an external DTD is recorded and
    /// skipped (the DTD is never fetched); an internal subset is refused on sight.
    mutating func parseDoctype() throws {
        guard phase == .prolog else { throw errorAtToken("DOCTYPE after the root element") }
        guard doctype == nil else { throw errorAtToken("a second DOCTYPE") }
        try consumeASCII(8)
        guard try skipSpace() else { throw errorAtNext("malformed DOCTYPE: expected a space after <!DOCTYPE") }
        var nameBytes: [UInt8] = []
        guard try scanName(into: &nameBytes) else { throw errorAtNext("malformed DOCTYPE: expected the root element name") }
        var result = XMLDoctype(name: String(decoding: nameBytes, as: UTF8.self))
        try skipSpace()
        if try lookingAt("SYSTEM") {
            try consumeASCII(6)
            guard try skipSpace() else { throw errorAtNext("malformed DOCTYPE: expected a space after SYSTEM") }
            result.systemID = try scanQuotedLiteral()
        } else if try lookingAt("PUBLIC") {
            try consumeASCII(6)
            guard try skipSpace() else { throw errorAtNext("malformed DOCTYPE: expected a space after PUBLIC") }
            result.publicID = try scanQuotedLiteral()
            try skipSpace()
            if let q = try peek(), q == UInt8(ascii: "\"") || q == UInt8(ascii: "'") {
                result.systemID = try scanQuotedLiteral()
            }
        }
        try skipSpace()
        guard let b = try peek() else { throw errorAtNext("the file ends inside the DOCTYPE") }
        if b == UInt8(ascii: "[") {
            throw errorAtNext("the DOCTYPE has an internal subset [ … ]: DTD declarations are not supported, because they can define entities that expand without limit or read local files; remove the [ … ] part")
        }
        guard b == UInt8(ascii: ">") else { throw errorAtNext("malformed DOCTYPE: expected '>'") }
        try consume()
        doctype = result
    }

    /// A quoted system or public identifier, taken literally.
    mutating func scanQuotedLiteral() throws -> String {
        guard let quote = try peek(), quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
            throw errorAtNext("malformed DOCTYPE: expected a quoted identifier")
        }
        try consume()
        var acc: [UInt8] = []
        while true {
            guard let b = try peek() else { throw errorAtNext("the file ends inside the DOCTYPE") }
            try consume()
            if b == quote { break }
            acc.append(b)
            if acc.count > limits.maxTextLength { throw errorHere("DOCTYPE identifier too long") }
        }
        return String(decoding: acc, as: UTF8.self)
    }

    /// `<!` followed by anything but a comment, CDATA (in content) or the one DOCTYPE.
    mutating func refuseDeclaration(inContent: Bool) throws -> Never {
        if try lookingAt("!ENTITY") {
            throw errorAtToken("entity declarations (<!ENTITY …>) are not supported: Dragoman does not process DTDs")
        }
        if try lookingAt("!DOCTYPE") {
            throw errorAtToken(inContent ? "DOCTYPE inside the root element" : "DOCTYPE after the root element")
        }
        for keyword: StaticString in ["!ELEMENT", "!ATTLIST", "!NOTATION"] where try lookingAt(keyword) {
            throw errorAtToken("DTD declarations are not supported")
        }
        if !inContent, try lookingAt("![CDATA[") {
            throw errorAtToken("CDATA section outside the root element")
        }
        throw errorAtToken("invalid markup after '<!' (expected a comment <!-- … -->\(inContent ? " or <![CDATA[ … ]]>" : ""))")
    }
}
