/// Start tags, end tags and attribute values.
extension XMLPullParser {
    /// After `<`: the name, attributes and `>` or `/>`.
    mutating func parseStartTag() throws -> XMLStartElement {
        var nameBytes = nameBuffer
        var valueBytes = valueBuffer
        defer {
            nameBuffer = nameBytes
            valueBuffer = valueBytes
        }
        guard try scanName(into: &nameBytes) else {
            throw errorAtNext("'<' must be followed by an element name (write &lt; for a literal '<')")
        }
        let name = String(decoding: nameBytes, as: UTF8.self)
        var attributes: [XMLAttribute] = []
        var selfClosing = false
        while true {
            let hadSpace = try skipSpace()
            guard let b = try peek() else {
                throw errorAtNext("the file ends inside the start tag <\(name)>")
            }
            if b == 0x3E /* > */ {
                try consume()
                break
            }
            if b == 0x2F /* / */ {
                try consume()
                guard try peek() == 0x3E /* > */ else {
                    throw errorAtNext("expected '>' after '/' in <\(name)/>")
                }
                try consume()
                selfClosing = true
                break
            }
            guard hadSpace else {
                throw errorAtNext("expected whitespace, '>' or '/>' in the start tag <\(name)>")
            }
            let attributeLine = line, attributeColumn = col + 1
            guard try scanName(into: &nameBytes) else {
                throw errorAtNext("invalid attribute name in <\(name)>")
            }
            let attributeName = String(decoding: nameBytes, as: UTF8.self)
            try skipSpace()
            guard try peek() == 0x3D /* = */ else {
                throw errorAtNext("attribute \(attributeName) in <\(name)> has no value (expected '=')")
            }
            try consume()
            try skipSpace()
            guard let quote = try peek(), quote == 0x22 /* " */ || quote == 0x27 /* ' */ else {
                throw errorAtNext("the value of attribute \(attributeName) in <\(name)> must be in quotes")
            }
            try consume()
            valueBytes.removeAll(keepingCapacity: true)
            try scanAttributeValue(quote: quote, into: &valueBytes)
            if attributes.contains(where: { $0.name == attributeName }) {
                throw XMLError(line: attributeLine, column: attributeColumn,
                               message: "duplicate attribute \(attributeName) in <\(name)>")
            }
            if attributes.count >= limits.maxAttributesPerElement {
                throw XMLError(line: attributeLine, column: attributeColumn,
                               message: "more than \(limits.maxAttributesPerElement) attributes in <\(name)> (Limits.maxAttributesPerElement)")
            }
            attributes.append(XMLAttribute(name: attributeName, value: String(decoding: valueBytes, as: UTF8.self)))
        }
        if stack.count >= limits.maxDepth {
            throw errorAtToken("elements nested deeper than \(limits.maxDepth) levels (Limits.maxDepth)")
        }
        stack.append(OpenElement(name: name, line: tokLine, column: tokCol))
        phase = .content
        eventLine = tokLine
        eventColumn = tokCol
        if selfClosing {
            pendingEnd = XMLEndElement(name: name, line: tokLine, column: tokCol)
        }
        return XMLStartElement(name: name, attributes: attributes, isSelfClosing: selfClosing,
                               line: tokLine, column: tokCol)
    }

    /// After `</`: the name, optional space and `>`; it must close the innermost open element.
    mutating func parseEndTag() throws -> XMLEndElement {
        var nameBytes = nameBuffer
        defer { nameBuffer = nameBytes }
        guard try scanName(into: &nameBytes) else {
            throw errorAtNext("'</' must be followed by an element name")
        }
        let name = String(decoding: nameBytes, as: UTF8.self)
        try skipSpace()
        guard try peek() == 0x3E /* > */ else {
            throw errorAtNext("expected '>' to end the end tag </\(name)>")
        }
        try consume()
        guard let open = stack.last else {
            throw errorAtToken("end tag </\(name)> without a matching start tag")
        }
        guard open.name == name else {
            throw errorAtToken("mismatched end tag </\(name)>, expected </\(open.name)> (<\(open.name)> opened at line \(open.line))")
        }
        stack.removeLast()
        if stack.isEmpty { phase = .epilog }
        eventLine = tokLine
        eventColumn = tokCol
        return XMLEndElement(name: name, line: tokLine, column: tokCol)
    }

    /// After the opening quote: the value up to the matching quote, with references
    /// decoded and tab/CR/LF normalised to spaces as XML requires.
    mutating func scanAttributeValue(quote: UInt8, into acc: inout [UInt8]) throws {
        let stopLow = quote == 0x22 /* " */ ? StopMask.attributeDoubleLow : StopMask.attributeSingleLow
        while true {
            fastRun(stopLow: stopLow, stopHigh: 0, into: &acc, keep: true)
            if acc.count > limits.maxTextLength {
                throw errorHere("attribute value longer than \(limits.maxTextLength) bytes (Limits.maxTextLength)")
            }
            guard let b = try peek() else {
                throw errorAtNext("the file ends inside an attribute value")
            }
            switch b {
            case quote:
                try consume()
                return
            case 0x3C /* < */:
                throw errorAtNext("'<' is not allowed in an attribute value (write &lt;)")
            case 0x26 /* & */:
                try consume()
                try appendReference(into: &acc)
            case 0x0D, 0x09:
                try consume()
                acc.append(0x20)
            case 0x0A:
                let afterCR = lastWasCR
                try consume()
                if !afterCR { acc.append(0x20) }
            default:
                try consume()
                acc.append(b)
            }
        }
    }

    /// After `&`: a predefined entity or a character reference, appended as UTF-8.
    /// Anything else is refused: there is no DTD, so no other entity exists.
    mutating func appendReference(into acc: inout [UInt8]) throws {
        let ampLine = line, ampColumn = col
        func fail(_ message: String) -> XMLError { XMLError(line: ampLine, column: ampColumn, message: message) }
        guard let first = try peek() else { throw fail("the file ends inside an entity reference") }
        if first == 0x23 /* # */ {
            try consume()
            var radix: UInt32 = 10
            if try peek() == 0x78 /* x */ {
                try consume()
                radix = 16
            }
            var value: UInt32 = 0
            var digits = 0
            var written = radix == 16 ? "&#x" : "&#"
            while true {
                guard let d = try peek() else { throw fail("the file ends inside a character reference") }
                if d == 0x3B /* ; */ { break }
                let digit: UInt32
                switch d {
                case 0x30...0x39: digit = UInt32(d - 0x30) // 0-9
                case 0x61...0x66 where radix == 16: digit = UInt32(d - 0x61 + 10) // a-f
                case 0x41...0x46 where radix == 16: digit = UInt32(d - 0x41 + 10) // A-F
                default:
                    throw fail("malformed character reference \(written)…: expected \(radix == 16 ? "hexadecimal " : "")digits and ';'")
                }
                try consume()
                written.append(Character(Unicode.Scalar(d)))
                digits += 1
                if digits > 12 { throw fail("character reference \(written)… is too long") }
                value = min(value * radix + digit, 0x110000)
            }
            try consume() // ';'
            guard digits > 0 else { throw fail("empty character reference \(written);") }
            guard XMLCharacters.isChar(value) else {
                throw fail("character reference \(written); is not a legal XML character")
            }
            appendUTF8(value, to: &acc)
            return
        }
        var name: [UInt8] = []
        while true {
            guard let c = try peek() else { throw fail("the file ends inside an entity reference") }
            if c == 0x3B /* ; */ { break }
            let isNameByte = c >= 0x80 || XMLCharacters.isNameChar(UInt32(c))
            guard isNameByte else {
                throw fail(name.isEmpty
                    ? "'&' must start an entity reference such as &amp; (write &amp; for a literal '&')"
                    : "entity reference &\(String(decoding: name, as: UTF8.self)) is missing its ';'")
            }
            try consume()
            name.append(c)
            if name.count > limits.maxNameLength { throw fail("entity name too long (Limits.maxNameLength)") }
        }
        try consume() // ';'
        switch String(decoding: name, as: UTF8.self) {
        case "amp": acc.append(0x26 /* & */)
        case "lt": acc.append(0x3C /* < */)
        case "gt": acc.append(0x3E /* > */)
        case "quot": acc.append(0x22 /* " */)
        case "apos": acc.append(0x27 /* ' */)
        case let other:
            throw fail(other.isEmpty
                ? "empty entity reference &;"
                : "undeclared entity &\(other);: DTD entities are not supported (only &amp; &lt; &gt; &quot; &apos; and &#…; character references)")
        }
    }
}

func appendUTF8(_ v: UInt32, to acc: inout [UInt8]) {
    switch v {
    case 0..<0x80:
        acc.append(UInt8(v))
    case 0x80..<0x800:
        acc.append(UInt8(0xC0 | (v >> 6)))
        acc.append(UInt8(0x80 | (v & 0x3F)))
    case 0x800..<0x10000:
        acc.append(UInt8(0xE0 | (v >> 12)))
        acc.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
        acc.append(UInt8(0x80 | (v & 0x3F)))
    default:
        acc.append(UInt8(0xF0 | (v >> 18)))
        acc.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
        acc.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
        acc.append(UInt8(0x80 | (v & 0x3F)))
    }
}
